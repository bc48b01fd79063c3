export { IngestorModule } from './ingestor.module.js';
export { IngestArticle, articleIdOf, type IngestResult } from './articles/ingest-article.js';
export { ArticlesRepository } from './articles/articles.repository.js';
export { loadIngestorConfig, ingestorEnvSchema, type IngestorConfig } from './config.js';
export { ReextractArticles, type ReextractOptions, type ReextractResult, type ArticleChange } from './articles/reextract-articles.js';
export { loadGazetteer } from './articles/gazetteer-file.js';

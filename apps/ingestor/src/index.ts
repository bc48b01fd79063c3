export { IngestorModule } from './ingestor.module.js';
export { IngestArticle, type IngestResult } from './articles/ingest-article.js';
export { ArticlesRepository } from './articles/articles.repository.js';
export { loadIngestorConfig, ingestorEnvSchema, type IngestorConfig } from './config.js';

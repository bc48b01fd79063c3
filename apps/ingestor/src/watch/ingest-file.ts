// Use case: one file from the watched folder as an article. Markdown and plain text are read like
// the example articles (YAML front matter, else a heading, a date line); an HTML file like a
// fetched page (Readability). Then the same validation and IngestArticle use case as a posted
// article, so a file dropped twice is a duplicate.
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { ArticleParseError, parseArticleText } from '@talkwatch/domain';
import { ProblemError } from '@talkwatch/infra';
import { parseArticleBody } from '../articles/article-body.js';
import { IngestArticle, type IngestResult } from '../articles/ingest-article.js';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { documentText } from '../fetch/document-text.js';
import { fetchProblemOf } from '../fetch/fetch-problems.js';
import { readPage } from '../fetch/page-reader.js';

export const textExtensions = new Set(['.md', '.markdown', '.txt', '.text']);
export const htmlExtensions = new Set(['.html', '.htm', '.xhtml']);

@Injectable()
export class IngestFile {
  constructor(
    private readonly ingest: IngestArticle,
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
  ) {}

  /** Throws a ProblemError with a code for a file that is not an article. */
  async execute(fileName: string, bytes: Buffer): Promise<IngestResult> {
    const extension = path.extname(fileName).toLowerCase();
    const html = htmlExtensions.has(extension);
    if (!html && !textExtensions.has(extension)) {
      throw new ProblemError(415, 'unsupported-file-type', 'Not a kind of file Talkwatch reads', `${fileName}: only Markdown (.md), plain text (.txt) and HTML (.html) files are read`);
    }
    let text: string;
    try {
      text = documentText(bytes, html ? 'text/html' : 'text/plain', [html ? 'html' : 'text']).text;
    } catch (error) {
      throw fetchProblemOf(error, 'page') ?? error;
    }
    let parts: { title: string | null; url: string | null; publishedAt: string | null; body: string };
    if (html) {
      const page = readPage(text);
      parts = { title: page.title, url: null, publishedAt: page.publishedAt, body: page.html };
    } else {
      try {
        parts = parseArticleText(text);
      } catch (error) {
        if (error instanceof ArticleParseError) throw new ProblemError(422, 'invalid-article', 'The file is not a valid article', error.message);
        throw error;
      }
    }
    // Labelled "watch", so GET /articles?source=watch lists (and counts) what came from the folder.
    return this.ingest.execute(parseArticleBody({ ...parts, source: 'watch' }, this.config.dateYears));
  }
}

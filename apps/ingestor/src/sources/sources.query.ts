// Use case: the feed sources as GET /sources shows them, each with its polling status and how many
// of the articles it gave are in a language the extractor does not read (the articles a feed gives
// are labelled with its id).
import { Injectable } from '@nestjs/common';
import { ProblemError } from '@talkwatch/infra';
import { ArticlesRepository } from '../articles/articles.repository.js';
import { sourceViewOf, type SourceView } from './source-view.js';
import { SourcesRepository, type FeedSource } from './sources.repository.js';

@Injectable()
export class SourcesQuery {
  constructor(
    private readonly sources: SourcesRepository,
    private readonly articles: ArticlesRepository,
  ) {}

  async list(): Promise<SourceView[]> {
    return this.viewsOf(await this.sources.list());
  }

  async get(id: string): Promise<SourceView> {
    const source = await this.sources.find(id);
    if (!source) throw new ProblemError(404, 'source-not-found', 'No such source', id);
    return this.viewOf(source);
  }

  async viewOf(source: FeedSource): Promise<SourceView> {
    const [view] = await this.viewsOf([source]);
    if (!view) throw new Error(`no view of source ${source.id}`);
    return view;
  }

  private async viewsOf(sources: readonly FeedSource[]): Promise<SourceView[]> {
    const unsupported = await this.articles.unsupportedLanguageBySource(sources.map((s) => s.id));
    return sources.map((s) => sourceViewOf(s, unsupported.get(s.id) ?? 0));
  }
}

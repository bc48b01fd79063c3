// Where an article's facts are extracted: on the event loop when it is small (most are, and a
// thread hop costs more than they take), in a worker thread from EXTRACT_IN_WORKER_BYTES on, so
// that a large article does not stop the process from answering meanwhile.
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { eventsFromArticle, type FactEvent, type Gazetteer, type GazetteerExtension } from '@talkwatch/domain';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { GAZETTEER, GAZETTEER_EXTENSION } from '../tokens.js';
import { ExtractionPool, type ExtractionRequest } from './extraction-pool.js';

/** A worker's heap limit: a 1 MB article needs about 200 MB. */
const workerHeapMb = 768;

@Injectable()
export class ArticleExtractor implements OnModuleDestroy {
  private readonly pool: ExtractionPool;

  constructor(
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
    @Inject(GAZETTEER) private readonly gazetteer: Gazetteer,
    @Inject(GAZETTEER_EXTENSION) gazetteerExtension: GazetteerExtension | undefined,
  ) {
    this.pool = new ExtractionPool({
      size: config.extraction.workers,
      timeoutMs: config.extraction.timeoutMs,
      maxQueued: config.extraction.workers * 4,
      workerData: { gazetteerExtension },
      maxHeapMb: workerHeapMb,
    });
  }

  async extract(request: ExtractionRequest): Promise<FactEvent[]> {
    if (Buffer.byteLength(request.article.body) < this.config.extraction.inWorkerFromBytes) {
      return eventsFromArticle({ ...request, gazetteer: this.gazetteer });
    }
    return this.pool.extract(request);
  }

  // Before the HTTP server closes: a request waiting on a worker is answered 503 at once rather
  // than holding the shutdown until its extraction ends.
  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}

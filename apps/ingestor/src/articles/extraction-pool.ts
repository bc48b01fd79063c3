// Worker threads that extract large articles, so that the event loop keeps answering (health
// probes, other requests) while a 1 MB article is read. A bounded pool: a few workers, a bounded
// queue, a time and memory limit per article; a worker that exceeds them is replaced.
import { Worker } from 'node:worker_threads';
import type { EventsFromArticleInput, FactEvent, GazetteerExtension } from '@talkwatch/domain';
import { ProblemError } from '@talkwatch/infra';

/** What a worker is asked: everything eventsFromArticle takes but the gazetteer (the worker has its own). */
export type ExtractionRequest = Omit<EventsFromArticleInput, 'gazetteer' | 'extraction'>;

export type WorkerMessage = { readonly id: number; readonly events: FactEvent[] } | { readonly id: number; readonly error: string };

export interface ExtractionWorkerData {
  readonly gazetteerExtension: GazetteerExtension | undefined;
}

export interface ExtractionPoolOptions {
  readonly size: number;
  readonly timeoutMs: number;
  /** Articles waiting for a worker beyond which a request is refused (503 extraction-busy). */
  readonly maxQueued: number;
  readonly workerData: ExtractionWorkerData;
  /** The heap a worker may use (MB) before it is stopped: 422 article-too-complex. */
  readonly maxHeapMb: number;
  /** The worker's module; the compiled extraction.worker.js beside this file by default. */
  readonly script?: URL;
}

interface Job {
  readonly id: number;
  readonly request: ExtractionRequest;
  resolve(events: FactEvent[]): void;
  reject(error: unknown): void;
}

const tooComplex = (why: string) =>
  new ProblemError(422, 'article-too-complex', 'The article is too complex to extract', `${why}; split it into smaller articles.`);

const shuttingDown = () =>
  new ProblemError(503, 'shutting-down', 'The ingestor is shutting down', 'Nothing was stored: send the article again.', undefined, { 'Retry-After': '5' });

class Slot {
  job: Job | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly worker: Worker,
    private readonly timeoutMs: number,
    private readonly onTimeout: (slot: Slot) => void,
  ) {}

  start(job: Job): void {
    this.job = job;
    this.timer = setTimeout(() => {
      this.onTimeout(this);
    }, this.timeoutMs);
    this.worker.postMessage({ id: job.id, request: job.request });
  }

  /** The job it had, now finished one way or another. */
  finish(): Job | undefined {
    clearTimeout(this.timer);
    const job = this.job;
    this.job = undefined;
    return job;
  }
}

export class ExtractionPool {
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ExtractionPoolOptions) {}

  /** The events of the article, extracted in a worker thread. */
  extract(request: ExtractionRequest): Promise<FactEvent[]> {
    if (this.closed) return Promise.reject(shuttingDown());
    if (this.queue.length >= this.options.maxQueued) {
      return Promise.reject(
        new ProblemError(503, 'extraction-busy', 'Too many large articles are being extracted', 'Send the article again in a few seconds.', undefined, { 'Retry-After': '5' }),
      );
    }
    return new Promise<FactEvent[]>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; what was waiting or running is refused (503 shutting-down). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(shuttingDown());
    const slots = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    for (const slot of slots) slot.finish()?.reject(shuttingDown());
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0 && (this.idle.length > 0 || this.slots.size < this.options.size)) {
      const slot = this.idle.pop() ?? this.spawn();
      const job = this.queue.shift();
      if (job) slot.start(job);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.script ?? new URL('./extraction.worker.js', import.meta.url), {
      workerData: this.options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    // An idle worker does not keep the process alive.
    worker.unref();
    const slot = new Slot(worker, this.options.timeoutMs, (timedOut) => {
      this.retire(timedOut, tooComplex(`Its extraction took longer than ${this.options.timeoutMs} ms`));
    });
    worker.on('message', (message: WorkerMessage) => {
      const job = slot.job?.id === message.id ? slot.finish() : undefined;
      if (!job) return;
      if ('events' in message) job.resolve(message.events);
      else job.reject(new Error(`extraction failed in a worker: ${message.error}`));
      if (this.slots.has(slot)) this.idle.push(slot);
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.retire(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex(`Its extraction needed more than ${this.options.maxHeapMb} MB`) : error);
    });
    worker.on('exit', (code) => {
      this.retire(slot, new Error(`an extraction worker exited with code ${code}`));
    });
    this.slots.add(slot);
    return slot;
  }

  /** Takes the worker out of the pool (stopping it) and fails the article it had. */
  private retire(slot: Slot, reason: unknown): void {
    if (!this.slots.delete(slot)) return;
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
    slot.finish()?.reject(reason);
    void slot.worker.terminate();
    this.dispatch();
  }
}

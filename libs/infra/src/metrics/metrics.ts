// The process's Prometheus metrics (prom-client): one registry per process, created once at boot
// and handed to every component through Nest DI (MetricsModule), so `npm start`, which runs the
// ingestor and the notifier in one process, exposes one set. Every name and label set is declared
// here: labels only ever take values from small fixed sets (never an id, a URL or a raw path), so a
// scrape stays the same size however much goes through.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How an article came in: POST /articles with the article, POST /articles {url}, a feed source, the watched folder. */
export type IntakeKind = 'api' | 'url' | 'feed' | 'folder';
/** What became of it: stored (202), recognised as one already taken, refused with a 4xx code. */
export type IntakeOutcome = 'accepted' | 'duplicate' | 'rejected';
export type DeliveryChannel = 'webhook' | 'email' | 'slack';
/** An attempt that got through, one that will be tried again, one after which the delivery failed for good. */
export type DeliveryOutcome = 'delivered' | 'retried' | 'failed';

/** One partition of the event log and how far the projection is behind its end. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** Records appended and not yet projected. */
  readonly records: number;
}

/** Asked at every scrape; undefined in processes without a projection (the ingestor alone). */
export type LagSource = () => Promise<readonly PartitionLag[]>;

/** Seconds: from a few milliseconds (the target is well under a second) to the retries of an outage. */
const pipelineBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600];
const httpBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  readonly registry = new Registry();

  readonly articles = new Counter({
    name: 'talkwatch_articles_total',
    help: 'Articles taken in, by how they came in (api, url, feed, folder) and what became of them (accepted, duplicate, rejected)',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'talkwatch_events_appended_total',
    help: 'Events the outbox relay appended to the event log, by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly eventsProjected = new Counter({
    name: 'talkwatch_events_projected_total',
    help: 'Log records the projection read, by outcome (applied, already-applied, duplicate-event, invalid-event)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly changesProjected = new Counter({
    name: 'talkwatch_changes_projected_total',
    help: 'Changes of the read model the projection recorded, by change type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly acceptedToProjected = new Histogram({
    name: 'talkwatch_accepted_to_projected_seconds',
    help: 'Time from an article being accepted (its events observed) to each of its events being projected',
    buckets: pipelineBuckets,
    registers: [this.registry],
  });

  readonly projectedToDelivered = new Histogram({
    name: 'talkwatch_projected_to_delivered_seconds',
    help: 'Time from a change being projected (its alert decided) to the alert being delivered, by channel; digests and confirmations excluded',
    labelNames: ['channel'] as const,
    buckets: pipelineBuckets,
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'talkwatch_delivery_attempts_total',
    help: 'Delivery attempts by channel (webhook, email, slack) and outcome (delivered, retried, failed)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly httpRequests = new Histogram({
    name: 'talkwatch_http_request_duration_seconds',
    help: 'HTTP requests by method, route template (not the raw URL) and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: httpBuckets,
    registers: [this.registry],
  });

  private lagSource: LagSource | undefined;
  /** The read of the current scrape, shared by the gauge and the error counter (collected side by side). */
  private lagRead: Promise<void> | undefined;
  readonly projectionLagFailures = new Counter({
    name: 'talkwatch_projection_lag_scrape_errors_total',
    help: 'Scrapes at which the projection lag could not be read (the log or the database did not answer)',
    registers: [this.registry],
    collect: () => this.readLag(),
  });

  readonly projectionLag = new Gauge({
    name: 'talkwatch_projection_lag_records',
    help: 'Per partition of the event log: its end offset minus the position the projection stored (records not yet projected)',
    labelNames: ['topic', 'partition'] as const,
    registers: [this.registry],
    collect: () => this.readLag(),
  });

  private defaultMetrics = false;

  /** Node's own metrics (CPU, memory, event loop lag, GC, handles) with the usual names; once. */
  collectProcessMetrics(): void {
    if (this.defaultMetrics) return;
    this.defaultMetrics = true;
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the projection lag comes from: set by the process that projects (the notifier). */
  reportProjectionLag(source: LagSource): void {
    this.lagSource = source;
  }

  /**
   * A counter of this registry by name, created on first use, for a component that needs one of its
   * own (e.g. `talkwatch_dead_letters_total`): asking again with the same name gives the same counter.
   */
  counter<L extends string>(definition: { readonly name: string; readonly help: string; readonly labelNames?: readonly L[] }): Counter<L> {
    const existing = this.registry.getSingleMetric(definition.name);
    if (existing instanceof Counter) return existing;
    if (existing) throw new Error(`metric ${definition.name} is already registered as another type`);
    return new Counter<L>({ name: definition.name, help: definition.help, labelNames: definition.labelNames ?? [], registers: [this.registry] });
  }

  /** The text exposition format (Prometheus 0.0.4) of every metric. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private readLag(): Promise<void> {
    this.lagRead ??= this.collectLag().finally(() => {
      this.lagRead = undefined;
    });
    return this.lagRead;
  }

  private async collectLag(): Promise<void> {
    const source = this.lagSource;
    if (!source) return;
    let lags: readonly PartitionLag[];
    try {
      lags = await source();
    } catch {
      // A scrape must not fail because the broker is away: the gauge keeps its last values and the
      // error counter says they are stale.
      this.projectionLagFailures.inc();
      return;
    }
    this.projectionLag.reset();
    for (const lag of lags) this.projectionLag.set({ topic: lag.topic, partition: String(lag.partition) }, lag.records);
  }
}

import { z } from 'zod';
import { authConfigOf, authEnvShape, publicAccessConfigOf, publicAccessEnvShape, type PublicAccessConfig, metricsConfigOf, metricsEnvShape, type MetricsConfig, checkHttpEnv, commonEnvShape, type AuthConfig, databaseEnvShape, httpConfigOf, httpEnvShape, kafkaEnvShape, optional, outboundEnvShape, type OutboundAllowlist, parseEnv, port, positiveInt, type Env, type ServerLimits, type YearRange } from '@talkwatch/infra';
import { readSourcesFile } from './sources/sources-file.js';
import type { NewSourceSettings } from './sources/source-settings.js';

export const ingestorEnvSchema = z.object({
  ...commonEnvShape,
  ...databaseEnvShape,
  ...kafkaEnvShape,
  ...authEnvShape,
  ...httpEnvShape,
  ...publicAccessEnvShape,
  ...metricsEnvShape,
  ...outboundEnvShape,
  PORT: port(3001),
  HOST: z.string().default('0.0.0.0'),
  MAX_ARTICLE_BYTES: positiveInt(1_048_576),
  /** More facts than this in one article: 422 too-many-facts, nothing stored or published. */
  MAX_FACTS_PER_ARTICLE: positiveInt(200),
  /** Bodies of at least this many bytes are extracted in a worker thread, off the event loop. */
  EXTRACT_IN_WORKER_BYTES: z.coerce.number().int().min(0).default(32_768),
  EXTRACTION_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  /** A worker's extraction of one article taking longer is stopped: 422 article-too-complex. */
  EXTRACTION_TIMEOUT_MS: positiveInt(60_000),
  /** A JSON file of extra parties, aliases and officials merged into the built-in gazetteer. */
  GAZETTEER_FILE: optional(z.string().min(1)),
  /** Pages fetched for POST /articles {url} and for feed items without their text. */
  FETCH_MAX_BYTES: positiveInt(5 * 1024 * 1024),
  FETCH_TIMEOUT_MS: positiveInt(20_000),
  FETCH_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  /** Feeds: the largest feed document taken, and how often the poller looks for feeds due. */
  FEED_MAX_BYTES: positiveInt(10 * 1024 * 1024),
  SOURCES_FILE: optional(z.string().min(1)),
  SOURCES_TICK_MS: positiveInt(5_000),
  /** false: this instance polls no feed (the sources API still works). */
  SOURCES_POLLING: z.stringbool().default(true),
  /** Folder watch: unset, no folder is watched. */
  WATCH_DIR: optional(z.string().min(1)),
  WATCH_POLL_MS: positiveInt(1_000),
  /** A file is read once its size and modification time stayed the same this long. */
  WATCH_STABLE_MS: positiveInt(2_000),
  /** How often the outbox relay looks for entries another instance (or a crash) left unsent. */
  OUTBOX_POLL_MS: positiveInt(1000),
  /** How long a relay holds an outbox entry it is appending; a relay that died lets it go after this. */
  OUTBOX_LEASE_MS: positiveInt(30_000),
  /**
   * For tests only: "relay-hold-after-claim" makes the relay claim an entry and never append it,
   * so a test can kill the process between store and publish. Never set it in production.
   */
  TALKWATCH_TEST_FAILPOINT: optional(z.enum(['relay-hold-after-claim'])),
}).superRefine(checkHttpEnv);

export interface IngestorConfig {
  readonly log: { readonly level: 'error' | 'warn' | 'info' | 'debug'; readonly format: 'json' | 'pretty' };
  readonly http: { readonly port: number; readonly host: string; readonly maxArticleBytes: number; readonly limits: ServerLimits };
  /** The years a publishedAt may name (MIN_DATE_YEAR, MAX_DATE_YEAR). */
  readonly dateYears: YearRange;
  readonly extraction: {
    readonly maxFactsPerArticle: number;
    /** Bodies of at least this many bytes (UTF-8) go to a worker thread. */
    readonly inWorkerFromBytes: number;
    readonly workers: number;
    readonly timeoutMs: number;
  };
  readonly auth: AuthConfig;
  /** PUBLIC_URL, ALLOWED_HOSTS, PUBLIC_RATE_LIMIT. */
  readonly publicAccess: PublicAccessConfig;
  /** METRICS_ENABLED, METRICS_TOKEN: GET /metrics. */
  readonly metrics: MetricsConfig;
  /** Undefined: the embedded database (single-process mode only). */
  readonly databaseUrl: string | undefined;
  /** Extra gazetteer data for the extractor (undefined: the built-in data only). */
  readonly gazetteerFile: string | undefined;
  readonly dataDir: string;
  readonly outbox: {
    readonly pollMs: number;
    readonly leaseMs: number;
    /** Test-only failpoint (TALKWATCH_TEST_FAILPOINT); undefined in production. */
    readonly failpoint: 'relay-hold-after-claim' | undefined;
  };
  /** brokers undefined: the embedded event log (single-process mode only). */
  readonly kafka: { readonly brokers: readonly string[] | undefined; readonly clientId: string; readonly topic: string; readonly partitions: number };
  /** What outbound fetches may reach beyond public addresses (the SSRF guard's exceptions). */
  readonly outbound: { readonly allowlist: OutboundAllowlist };
  /** Fetching pages (POST /articles {url}, feed items without their text). At most 5 redirects. */
  readonly fetch: { readonly maxBytes: number; readonly timeoutMs: number; readonly connectTimeoutMs: number };
  readonly sources: {
    /** The feeds of SOURCES_FILE, validated at boot (empty: no file). */
    readonly file: { readonly path: string; readonly sources: readonly NewSourceSettings[] } | undefined;
    readonly maxFeedBytes: number;
    readonly tickMs: number;
    readonly polling: boolean;
  };
  /** directory undefined: no folder watched. */
  readonly watch: { readonly directory: string | undefined; readonly pollMs: number; readonly stableMs: number };
}

export const INGESTOR_CONFIG = Symbol('INGESTOR_CONFIG');

export function loadIngestorConfig(env: Env): IngestorConfig {
  const e = parseEnv(ingestorEnvSchema, env);
  const http = httpConfigOf(e);
  return {
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    http: { port: e.PORT, host: e.HOST, maxArticleBytes: e.MAX_ARTICLE_BYTES, limits: http.limits },
    dateYears: http.dateYears,
    extraction: {
      maxFactsPerArticle: e.MAX_FACTS_PER_ARTICLE,
      inWorkerFromBytes: e.EXTRACT_IN_WORKER_BYTES,
      workers: e.EXTRACTION_WORKERS,
      timeoutMs: e.EXTRACTION_TIMEOUT_MS,
    },
    auth: authConfigOf(e),
    publicAccess: publicAccessConfigOf(e),
    metrics: metricsConfigOf(e),
    databaseUrl: e.DATABASE_URL,
    gazetteerFile: e.GAZETTEER_FILE,
    dataDir: e.DATA_DIR,
    outbox: { pollMs: e.OUTBOX_POLL_MS, leaseMs: e.OUTBOX_LEASE_MS, failpoint: e.TALKWATCH_TEST_FAILPOINT },
    kafka: { brokers: e.KAFKA_BROKERS, clientId: `${e.KAFKA_CLIENT_ID}-ingestor`, topic: e.KAFKA_TOPIC, partitions: e.KAFKA_TOPIC_PARTITIONS },
    outbound: { allowlist: e.OUTBOUND_ALLOWLIST },
    fetch: { maxBytes: e.FETCH_MAX_BYTES, timeoutMs: e.FETCH_TIMEOUT_MS, connectTimeoutMs: e.FETCH_CONNECT_TIMEOUT_MS },
    sources: {
      file: e.SOURCES_FILE === undefined ? undefined : { path: e.SOURCES_FILE, sources: readSourcesFile(e.SOURCES_FILE) },
      maxFeedBytes: e.FEED_MAX_BYTES,
      tickMs: e.SOURCES_TICK_MS,
      polling: e.SOURCES_POLLING,
    },
    watch: { directory: e.WATCH_DIR, pollMs: e.WATCH_POLL_MS, stableMs: e.WATCH_STABLE_MS },
  };
}

import path from 'node:path';
import { z } from 'zod';
import { isTimeZone, type DigestTime } from './subscriptions/digest-schedule.js';
import { defaultRetrySchedule, parseDuration, parseRetrySchedule, type RetryPolicy } from './delivery/retry-schedule.js';
import { ConfigError, authConfigOf, authEnvShape, publicAccessConfigOf, publicAccessEnvShape, type PublicAccessConfig, metricsConfigOf, metricsEnvShape, type MetricsConfig, checkHttpEnv, commonEnvShape, httpConfigOf, httpEnvShape, outboundEnvShape, repositoryRoot, type AuthConfig, type OutboundAllowlist, databaseEnvShape, kafkaEnvShape, optional, parseEnv, port, positiveInt, type Env, type ServerLimits, type YearRange } from '@talkwatch/infra';

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export const notifierEnvSchema = z.object({
  ...commonEnvShape,
  ...databaseEnvShape,
  ...kafkaEnvShape,
  ...authEnvShape,
  ...outboundEnvShape,
  ...httpEnvShape,
  ...publicAccessEnvShape,
  ...metricsEnvShape,
  PORT: port(3002),
  HOST: z.string().default('0.0.0.0'),
  KAFKA_GROUP_ID: z.string().min(1).default('talkwatch-notifier'),
  /** Unset: emails are written as .eml files to DATA_DIR/outbox. */
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')),
  MAIL_FROM: z.string().min(3).default('Talkwatch <alerts@talkwatch.local>'),
  /** Signs the confirmation and unsubscribe links (HMAC-SHA256); npm start generates one into DATA_DIR/link-secret. */
  EMAIL_LINK_SECRET: optional(z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)')),
  /** How long an email subscription waits for its confirmation before it expires. */
  EMAIL_CONFIRM_WITHIN: z
    .string()
    .default('7d')
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined || ms <= 0) ctx.addIssue({ code: 'custom', message: 'must be a duration like 30m, 48h or 7d' });
      return ms ?? 0;
    }),
  /** Digest emails go out at this hour (0–23) in DIGEST_TIME_ZONE; weekly ones on DIGEST_WEEKDAY. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  DIGEST_TIME_ZONE: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC'),
  DIGEST_WEEKDAY: z
    .string()
    .default('monday')
    .transform((text, ctx) => {
      const day = weekdays.indexOf(text.trim().toLowerCase()) + 1;
      if (day === 0) ctx.addIssue({ code: 'custom', message: `must be one of ${weekdays.join(', ')}` });
      return day;
    }),
  DELIVERY_POLL_MS: positiveInt(1000),
  /** Waits before each retry (30s, 5m, 2h, 1d; a bare number is seconds): attempts = waits + 1. */
  DELIVERY_RETRY_SCHEDULE: z
    .string()
    .default(defaultRetrySchedule)
    .transform((text, ctx) => {
      const { delaysMs, problems } = parseRetrySchedule(text);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return delaysMs;
    }),
  /** Each wait moves by up to this fraction either way, so retries of many deliveries spread out. */
  DELIVERY_RETRY_JITTER: z.coerce.number().min(0).max(1).default(0.1),
  /** The longest Retry-After of a receiver that is honoured. */
  DELIVERY_RETRY_AFTER_MAX: z
    .string()
    .default('1h')
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'must be a duration like 30s, 5m, 2h or 1d' });
      return ms ?? 0;
    }),
  /** Deliveries sent at once, in all and per subscription (a slow receiver holds only its own; one keeps a subscription's alerts in order). */
  DELIVERY_CONCURRENCY: positiveInt(32),
  DELIVERY_CONCURRENCY_PER_SUBSCRIPTION: positiveInt(1),
  WEBHOOK_TIMEOUT_MS: positiveInt(10_000),
  /** The longest one email may take to hand to the SMTP server (connect, greeting and every command). */
  SMTP_TIMEOUT_MS: positiveInt(30_000),
  /**
   * How long a worker holds a delivery it is sending before another notifier may take it over
   * (after a crash): longer than any attempt can take. Unset: the larger of 60 s and twice the
   * longer of WEBHOOK_TIMEOUT_MS and SMTP_TIMEOUT_MS.
   */
  DELIVERY_LEASE_MS: optional(z.coerce.number().int().positive()),
  WEBHOOK_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  /** Server-Sent Events streams open at once from one client address, and in all. */
  EVENT_STREAMS_PER_CLIENT: positiveInt(10),
  EVENT_STREAMS_MAX: positiveInt(500),
  /** The built dashboard (index.html and assets/) served at /. */
  DASHBOARD_DIR: z.string().min(1).default(path.join(repositoryRoot, 'apps', 'dashboard', 'dist')),
  /** Log records folded per projection transaction (the position is stored with them). */
  PROJECTION_BATCH_MAX: positiveInt(200),
}).superRefine((e, ctx) => {
  checkHttpEnv(e, ctx);
  const longest = Math.max(e.WEBHOOK_TIMEOUT_MS, e.SMTP_TIMEOUT_MS);
  if (e.DELIVERY_LEASE_MS !== undefined && e.DELIVERY_LEASE_MS <= longest) {
    // A lease that can run out while its attempt is still going lets a second notifier send it too.
    ctx.addIssue({ code: 'custom', path: ['DELIVERY_LEASE_MS'], message: `must exceed the longest attempt, WEBHOOK_TIMEOUT_MS and SMTP_TIMEOUT_MS (${longest})` });
  }
});

export interface NotifierConfig {
  readonly log: { readonly level: 'error' | 'warn' | 'info' | 'debug'; readonly format: 'json' | 'pretty' };
  readonly http: { readonly port: number; readonly host: string; readonly limits: ServerLimits };
  /** The years an asOf may name (MIN_DATE_YEAR, MAX_DATE_YEAR). */
  readonly dateYears: YearRange;
  readonly auth: AuthConfig;
  /** PUBLIC_URL, ALLOWED_HOSTS, PUBLIC_RATE_LIMIT. */
  readonly publicAccess: PublicAccessConfig;
  /** METRICS_ENABLED, METRICS_TOKEN: GET /metrics. */
  readonly metrics: MetricsConfig;
  /** Undefined: the embedded database (single-process mode only). */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly kafka: {
    /** Undefined: the embedded event log (single-process mode only). */
    readonly brokers: readonly string[] | undefined;
    readonly clientId: string;
    readonly topic: string;
    readonly partitions: number;
    readonly groupId: string;
    /** KAFKA_SESSION_TIMEOUT_MS: how soon the group hands a dead member's partitions on. */
    readonly sessionTimeoutMs: number;
  };
  /** smtpUrl undefined: the file outbox under dataDir. */
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string; readonly timeoutMs: number };
  /** The links in emails: their base URL, the secret that signs them, how long a confirmation may wait. */
  readonly links: { readonly publicUrl: string; readonly secret: string | undefined; readonly confirmWithinMs: number };
  /** When daily and weekly digest emails go out. */
  readonly digest: DigestTime;
  readonly delivery: {
    readonly pollMs: number;
    /** Sends under way at once, in all and per subscription. */
    readonly concurrency: number;
    readonly perSubscription: number;
    readonly retry: RetryPolicy;
    readonly webhookTimeoutMs: number;
    readonly webhookConnectTimeoutMs: number;
    /** How long a claim on a delivery being sent holds (longer than any attempt). */
    readonly leaseMs: number;
  };
  /** What outbound requests may reach beyond public addresses (the SSRF guard's exceptions). */
  readonly outbound: { readonly allowlist: OutboundAllowlist };
  /** Open /events/stream connections allowed per client address and in all. */
  readonly eventStreams: { readonly perClient: number; readonly total: number };
  /** At most maxBatch log records are folded in one transaction. */
  readonly projection: { readonly maxBatch: number };
  /** Where the built dashboard is (absolute). */
  readonly dashboard: { readonly directory: string };
}

export const NOTIFIER_CONFIG = Symbol('NOTIFIER_CONFIG');

export function loadNotifierConfig(env: Env): NotifierConfig {
  const e = parseEnv(notifierEnvSchema, env);
  const http = httpConfigOf(e);
  return {
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    http: { port: e.PORT, host: e.HOST, limits: http.limits },
    dateYears: http.dateYears,
    auth: authConfigOf(e),
    publicAccess: publicAccessConfigOf(e),
    metrics: metricsConfigOf(e),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    kafka: {
      brokers: e.KAFKA_BROKERS,
      clientId: `${e.KAFKA_CLIENT_ID}-notifier`,
      topic: e.KAFKA_TOPIC,
      partitions: e.KAFKA_TOPIC_PARTITIONS,
      groupId: e.KAFKA_GROUP_ID,
      sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, timeoutMs: e.SMTP_TIMEOUT_MS },
    links: { publicUrl: e.PUBLIC_URL[0] ?? localUrlOf(e.HOST, e.PORT), secret: e.EMAIL_LINK_SECRET, confirmWithinMs: e.EMAIL_CONFIRM_WITHIN },
    digest: { hour: e.DIGEST_HOUR, timeZone: e.DIGEST_TIME_ZONE, weekday: e.DIGEST_WEEKDAY },
    delivery: {
      pollMs: e.DELIVERY_POLL_MS,
      concurrency: e.DELIVERY_CONCURRENCY,
      perSubscription: Math.min(e.DELIVERY_CONCURRENCY_PER_SUBSCRIPTION, e.DELIVERY_CONCURRENCY),
      retry: { delaysMs: e.DELIVERY_RETRY_SCHEDULE, jitter: e.DELIVERY_RETRY_JITTER, retryAfterMaxMs: e.DELIVERY_RETRY_AFTER_MAX },
      webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
      webhookConnectTimeoutMs: Math.min(e.WEBHOOK_CONNECT_TIMEOUT_MS, e.WEBHOOK_TIMEOUT_MS),
      leaseMs: e.DELIVERY_LEASE_MS ?? Math.max(60_000, 2 * Math.max(e.WEBHOOK_TIMEOUT_MS, e.SMTP_TIMEOUT_MS)),
    },
    outbound: { allowlist: e.OUTBOUND_ALLOWLIST },
    eventStreams: { perClient: e.EVENT_STREAMS_PER_CLIENT, total: e.EVENT_STREAMS_MAX },
    dashboard: { directory: path.resolve(e.DASHBOARD_DIR) },
    projection: { maxBatch: e.PROJECTION_BATCH_MAX },
  };
}

/** The address a local user reaches a server listening on host:port by. */
export function localUrlOf(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** The notifier run apart cannot make up the secret that signs its links: several instances must share it. */
export function requireLinkSecret(config: NotifierConfig): NotifierConfig {
  if (config.links.secret === undefined) {
    throw new ConfigError(['EMAIL_LINK_SECRET: required to run the notifier on its own (at least 32 characters; npm start generates one instead)']);
  }
  return config;
}

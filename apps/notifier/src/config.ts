import path from 'node:path';
import { z } from 'zod';
import { defaultRetrySchedule, parseDuration, parseRetrySchedule, type RetryPolicy } from './delivery/retry-schedule.js';
import { authConfigOf, authEnvShape, checkHttpEnv, commonEnvShape, httpConfigOf, httpEnvShape, outboundEnvShape, repositoryRoot, type AuthConfig, type OutboundAllowlist, databaseEnvShape, kafkaEnvShape, optional, parseEnv, port, positiveInt, type Env, type ServerLimits, type YearRange } from '@talkwatch/infra';

export const notifierEnvSchema = z.object({
  ...commonEnvShape,
  ...databaseEnvShape,
  ...kafkaEnvShape,
  ...authEnvShape,
  ...outboundEnvShape,
  ...httpEnvShape,
  PORT: port(3002),
  HOST: z.string().default('0.0.0.0'),
  KAFKA_GROUP_ID: z.string().min(1).default('talkwatch-notifier'),
  /** Unset: emails are written as .eml files to DATA_DIR/outbox. */
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')),
  MAIL_FROM: z.string().min(3).default('Talkwatch <alerts@talkwatch.local>'),
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
  WEBHOOK_TIMEOUT_MS: positiveInt(10_000),
  WEBHOOK_CONNECT_TIMEOUT_MS: positiveInt(5_000),
  /** Server-Sent Events streams open at once from one client address, and in all. */
  EVENT_STREAMS_PER_CLIENT: positiveInt(10),
  EVENT_STREAMS_MAX: positiveInt(500),
  /** The built dashboard (index.html and assets/) served at /. */
  DASHBOARD_DIR: z.string().min(1).default(path.join(repositoryRoot, 'apps', 'dashboard', 'dist')),
}).superRefine(checkHttpEnv);

export interface NotifierConfig {
  readonly log: { readonly level: 'error' | 'warn' | 'info' | 'debug'; readonly format: 'json' | 'pretty' };
  readonly http: { readonly port: number; readonly host: string; readonly limits: ServerLimits };
  /** The years an asOf may name (MIN_DATE_YEAR, MAX_DATE_YEAR). */
  readonly dateYears: YearRange;
  readonly auth: AuthConfig;
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
  };
  /** smtpUrl undefined: the file outbox under dataDir. */
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly delivery: {
    readonly pollMs: number;
    readonly retry: RetryPolicy;
    readonly webhookTimeoutMs: number;
    readonly webhookConnectTimeoutMs: number;
  };
  /** What outbound requests may reach beyond public addresses (the SSRF guard's exceptions). */
  readonly outbound: { readonly allowlist: OutboundAllowlist };
  /** Open /events/stream connections allowed per client address and in all. */
  readonly eventStreams: { readonly perClient: number; readonly total: number };
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
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    kafka: {
      brokers: e.KAFKA_BROKERS,
      clientId: `${e.KAFKA_CLIENT_ID}-notifier`,
      topic: e.KAFKA_TOPIC,
      partitions: e.KAFKA_TOPIC_PARTITIONS,
      groupId: e.KAFKA_GROUP_ID,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    delivery: {
      pollMs: e.DELIVERY_POLL_MS,
      retry: { delaysMs: e.DELIVERY_RETRY_SCHEDULE, jitter: e.DELIVERY_RETRY_JITTER, retryAfterMaxMs: e.DELIVERY_RETRY_AFTER_MAX },
      webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
      webhookConnectTimeoutMs: Math.min(e.WEBHOOK_CONNECT_TIMEOUT_MS, e.WEBHOOK_TIMEOUT_MS),
    },
    outbound: { allowlist: e.OUTBOUND_ALLOWLIST },
    eventStreams: { perClient: e.EVENT_STREAMS_PER_CLIENT, total: e.EVENT_STREAMS_MAX },
    dashboard: { directory: path.resolve(e.DASHBOARD_DIR) },
  };
}

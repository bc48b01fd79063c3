// Config is parsed once at boot into a typed object; every bad variable is reported at once.
import { z } from 'zod';
import type { ServerLimits } from '../http/server-limits.js';

export class ConfigError extends Error {
  readonly code = 'invalid-config';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Parses `env` with `schema`, throwing one ConfigError that lists every problem. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const logLevelSchema = z.enum(['error', 'warn', 'info', 'debug']).default('info');
export type LogLevelName = z.infer<typeof logLevelSchema>;

/** Unset or empty means "not configured": the single-process default then embeds its own. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const databaseEnvShape = {
  /** Unset: an embedded PostgreSQL (PGlite) under DATA_DIR. */
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')),
  DATA_DIR: z.string().min(1).default('./data'),
};

export const kafkaEnvShape = {
  /** Unset: the embedded event log (a table in the database). */
  KAFKA_BROKERS: optional(
    z
      .string()
      .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1)),
  ),
  KAFKA_CLIENT_ID: z.string().min(1).default('talkwatch'),
  KAFKA_TOPIC: z.string().regex(/^[a-zA-Z0-9._-]+$/).default('talkwatch.events'),
  KAFKA_TOPIC_PARTITIONS: positiveInt(6),
  /**
   * How long a consumer group waits for a silent member before it hands the member's partitions to
   * the others (a crashed notifier's, say). Within the broker's group.min/max.session.timeout.ms.
   */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(30_000),
};

export const commonEnvShape = {
  LOG_LEVEL: logLevelSchema,
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
};

/** The years a date in a request (publishedAt, asOf) may name. */
export interface YearRange {
  readonly min: number;
  readonly max: number;
}

export const defaultYearRange: YearRange = { min: 1900, max: 2100 };

/** The HTTP server's timeouts and the years a date in a request may name; both apps. */
export const httpEnvShape = {
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000),
  MIN_DATE_YEAR: z.coerce.number().int().min(1).max(9999).default(defaultYearRange.min),
  MAX_DATE_YEAR: z.coerce.number().int().min(1).max(9999).default(defaultYearRange.max),
};

type HttpEnv = { [K in keyof typeof httpEnvShape]: z.output<(typeof httpEnvShape)[K]> };

/** The rules between httpEnvShape's variables, for an app schema's superRefine. */
export function checkHttpEnv(e: HttpEnv, ctx: z.RefinementCtx<HttpEnv>): void {
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: `must not exceed HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS})` });
  }
  if (e.MIN_DATE_YEAR > e.MAX_DATE_YEAR) {
    ctx.addIssue({ code: 'custom', path: ['MIN_DATE_YEAR'], message: `must not exceed MAX_DATE_YEAR (${e.MAX_DATE_YEAR})` });
  }
}

export function httpConfigOf(e: HttpEnv): { limits: ServerLimits; dateYears: YearRange } {
  return {
    limits: { headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS, keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS },
    dateYears: { min: e.MIN_DATE_YEAR, max: e.MAX_DATE_YEAR },
  };
}

// Config is parsed once at boot into a typed object; every bad variable is reported at once.
import { z } from 'zod';

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
};

export const commonEnvShape = {
  LOG_LEVEL: logLevelSchema,
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
};

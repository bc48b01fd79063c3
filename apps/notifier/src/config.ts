import { z } from 'zod';
import { commonEnvShape, databaseEnvShape, kafkaEnvShape, parseEnv, port, positiveInt, type Env } from '@talkwatch/infra';

export const notifierEnvSchema = z.object({
  ...commonEnvShape,
  ...databaseEnvShape,
  ...kafkaEnvShape,
  PORT: port(3002),
  HOST: z.string().default('0.0.0.0'),
  KAFKA_GROUP_ID: z.string().min(1).default('talkwatch-notifier'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Talkwatch <alerts@talkwatch.local>'),
  DELIVERY_POLL_MS: positiveInt(1000),
  DELIVERY_MAX_ATTEMPTS: positiveInt(8),
  DELIVERY_BACKOFF_MS: positiveInt(2000),
  WEBHOOK_TIMEOUT_MS: positiveInt(10_000),
});

export interface NotifierConfig {
  readonly log: { readonly level: 'error' | 'warn' | 'info' | 'debug'; readonly format: 'json' | 'pretty' };
  readonly http: { readonly port: number; readonly host: string };
  readonly databaseUrl: string;
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly topic: string;
    readonly partitions: number;
    readonly groupId: string;
  };
  readonly mail: { readonly smtpUrl: string; readonly from: string };
  readonly delivery: {
    readonly pollMs: number;
    readonly maxAttempts: number;
    readonly backoffMs: number;
    readonly webhookTimeoutMs: number;
  };
}

export const NOTIFIER_CONFIG = Symbol('NOTIFIER_CONFIG');

export function loadNotifierConfig(env: Env): NotifierConfig {
  const e = parseEnv(notifierEnvSchema, env);
  return {
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    http: { port: e.PORT, host: e.HOST },
    databaseUrl: e.DATABASE_URL,
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
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
      backoffMs: e.DELIVERY_BACKOFF_MS,
      webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
  };
}

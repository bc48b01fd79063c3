// The apps of a drill over the services it is given, and the sinks that receive their alerts.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiKeysEnv } from '../harness/api-keys.js';
import { startSmtpSink, type SmtpSink } from '../harness/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from '../harness/webhook-receiver.js';

export interface DrillSinks {
  readonly receiver: WebhookReceiver;
  readonly smtp: SmtpSink;
  close(): Promise<void>;
}

export async function startSinks(webhookDelayMs = 0): Promise<DrillSinks> {
  const [receiver, smtp] = await Promise.all([startWebhookReceiver({ delayMs: webhookDelayMs }), startSmtpSink()]);
  return { receiver, smtp, close: async () => { await Promise.all([receiver.close(), smtp.close()]); } };
}

/** The notifiers' consumer group session, when a drill wants it shorter than the default. */
export function sessionEnv(sessionTimeoutMs: number | undefined): { extra?: Record<string, string> } {
  return sessionTimeoutMs === undefined ? {} : { extra: { KAFKA_SESSION_TIMEOUT_MS: String(sessionTimeoutMs) } };
}

export interface StackEnv {
  readonly env: Record<string, string>;
  readonly topic: string;
  readonly groupId: string;
  readonly dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * The settings every app of a drill shares. Short delivery timeouts and lease: an attempt cut
 * by a kill is taken over in seconds; retries come soon.
 */
export async function stackEnv(options: { databaseUrl: string; brokers?: string; partitions?: number; sinks: DrillSinks; extra?: Record<string, string> }): Promise<StackEnv> {
  const run = randomBytes(4).toString('hex');
  const topic = `talkwatch.drill.${run}`;
  const groupId = `talkwatch-drill-${run}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tw-drill-'));
  const env: Record<string, string> = {
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: dataDir,
    API_KEYS: apiKeysEnv,
    LOAD_EXAMPLES: 'false',
    SMTP_URL: `smtp://127.0.0.1:${options.sinks.smtp.port}`,
    OUTBOUND_ALLOWLIST: '127.0.0.1',
    DELIVERY_POLL_MS: '100',
    WEBHOOK_TIMEOUT_MS: '3000',
    SMTP_TIMEOUT_MS: '3000',
    DELIVERY_LEASE_MS: '4000',
    DELIVERY_RETRY_SCHEDULE: '1s,1s,2s,3s,5s,5s,5s,5s',
    PUBLIC_RATE_LIMIT: 'off',
    KAFKA_TOPIC: topic,
    KAFKA_GROUP_ID: groupId,
    ...(options.brokers ? { KAFKA_BROKERS: options.brokers, KAFKA_TOPIC_PARTITIONS: String(options.partitions ?? 3) } : {}),
    ...options.extra,
  };
  return { env, topic, groupId, dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

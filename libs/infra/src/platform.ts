// What Talkwatch runs on, chosen once at boot from config: PostgreSQL or the embedded PGlite
// database, Kafka or the embedded log. The apps receive the result and never know which.
import path from 'node:path';
import { lockDataDir } from './db/data-dir-lock.js';
import { openEmbeddedDatabase } from './db/embedded-database.js';
import { assertDatabaseReachable, createPrismaClient, safeUrl, type PrismaClient } from './db/prisma-client.js';
import { DatabaseEventLog } from './log/database-event-log.js';
import type { EventLog } from './log/event-log.js';
import { KafkaEventLog, type LogSink } from './log/kafka-event-log.js';
import { Readiness } from './nest/readiness.js';

export interface PlatformConfig {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly kafka: { readonly brokers: readonly string[] | undefined; readonly clientId: string; readonly topic: string; readonly partitions: number; readonly sessionTimeoutMs?: number };
}

export interface Platform {
  readonly prisma: PrismaClient;
  readonly eventLog: EventLog;
  /** Where the apps' background components report how they are doing (/health/ready). */
  readonly readiness: Readiness;
  /** One line each, for the startup banner. */
  readonly database: string;
  readonly log: string;
  close(): Promise<void>;
}

export async function openPlatform(config: PlatformConfig, logger: LogSink): Promise<Platform> {
  let prisma: PrismaClient;
  let database: string;
  let closeDatabase: () => Promise<void>;
  if (config.databaseUrl) {
    prisma = createPrismaClient(config.databaseUrl);
    await assertDatabaseReachable(prisma, config.databaseUrl);
    database = `PostgreSQL ${safeUrl(config.databaseUrl)}`;
    closeDatabase = () => prisma.$disconnect();
  } else {
    const unlock = await lockDataDir(path.resolve(config.dataDir));
    const directory = path.resolve(config.dataDir, 'pglite');
    const embedded = await openEmbeddedDatabase(directory).catch(async (error: unknown) => {
      await unlock();
      throw error;
    });
    if (embedded.appliedMigrations.length > 0) {
      logger.log(`embedded database migrated: ${embedded.appliedMigrations.join(', ')}`, 'Platform');
    }
    prisma = embedded.prisma;
    database = `embedded PostgreSQL (PGlite) in ${directory}`;
    closeDatabase = async () => {
      await embedded.close();
      await unlock();
    };
  }
  const brokers = config.kafka.brokers;
  const eventLog: EventLog = brokers
    ? new KafkaEventLog({ ...config.kafka, brokers }, logger)
    : new DatabaseEventLog(prisma, { topic: config.kafka.topic }, logger);
  try {
    await eventLog.connect();
  } catch (error) {
    await closeDatabase();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    prisma,
    eventLog,
    readiness: new Readiness(),
    database,
    log: brokers ? `Kafka ${brokers.join(',')} topic ${config.kafka.topic}` : `embedded event log (table event_log, topic ${config.kafka.topic})`,
    close: () =>
      (closed ??= (async () => {
        await eventLog.close();
        await closeDatabase();
      })()),
  };
}

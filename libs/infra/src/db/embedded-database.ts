// The embedded database of the single-process default: PostgreSQL compiled to WebAssembly (PGlite)
// in a local folder, run in a worker thread of its own (pglite-thread.ts) and served to Prisma as
// a driver adapter, migrated at open with the same migrations as a real PostgreSQL, by the same
// WASM schema engine. PGlite is PostgreSQL in single-user mode: no checkpointer, no autovacuum,
// so the WAL and dead rows would only grow; the database is checkpointed and vacuumed on a timer.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaClient } from '../generated/prisma/client.js';
import { PGliteThread } from './pglite-thread.js';
import { PrismaSchemaEngine } from './schema-engine.js';

/** libs/infra/dist/db → the repository root, where prisma/ lives. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const defaultSchemaPath = path.join(repositoryRoot, 'prisma', 'schema.prisma');
export const defaultMigrationsDir = path.join(repositoryRoot, 'prisma', 'migrations');

export interface EmbeddedDatabase {
  readonly prisma: PrismaClient;
  /** Where the data lives ('memory' for a throw-away database). */
  readonly location: string;
  readonly appliedMigrations: readonly string[];
  /** A checkpoint now (and a VACUUM with `vacuum`), besides the timer's. */
  maintain(vacuum: boolean): Promise<void>;
  close(): Promise<void>;
}

/** How long a transaction may wait for the embedded database's one connection, and run. */
export const embeddedTransactionWaitMs = 30_000;

export interface EmbeddedDatabaseOptions {
  /** How often the WAL is checkpointed (ms). */
  readonly checkpointEveryMs?: number;
  /** Every how many checkpoints the tables are vacuumed too. */
  readonly vacuumEveryCheckpoints?: number;
}

/** Opens (creating if needed) the embedded database in `directory`, or in memory when undefined. */
export async function openEmbeddedDatabase(directory: string | undefined, options: EmbeddedDatabaseOptions = {}): Promise<EmbeddedDatabase> {
  if (directory) await mkdir(directory, { recursive: true });
  const thread = await PGliteThread.start(directory);
  let appliedMigrations: string[];
  try {
    const engine = await PrismaSchemaEngine.create({
      adapterFactory: thread.adapterFactory(),
      schemaPath: defaultSchemaPath,
      migrationsDir: defaultMigrationsDir,
    });
    try {
      appliedMigrations = await engine.applyMigrations();
    } finally {
      await engine.dispose();
    }
  } catch (error) {
    await thread.close();
    throw error;
  }
  // One connection: a transaction waits for the one before it to end. Under load that can take
  // longer than Prisma's default two seconds; waiting is better than failing the request.
  const prisma = new PrismaClient({ adapter: thread.adapterFactory(), transactionOptions: { maxWait: embeddedTransactionWaitMs, timeout: embeddedTransactionWaitMs } });
  const maintenance = new Maintenance(thread, options.checkpointEveryMs ?? 10_000, options.vacuumEveryCheckpoints ?? 6);
  return {
    prisma,
    location: directory ?? 'memory',
    appliedMigrations,
    maintain: (vacuum) => thread.maintain(vacuum),
    close: async () => {
      await maintenance.stop();
      await prisma.$disconnect();
      // Without this the process never exits.
      await thread.close();
    },
  };
}

/** Checkpoints (and now and then vacuums) the database on a timer that never keeps the process alive. */
class Maintenance {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private count = 0;

  constructor(
    private readonly thread: PGliteThread,
    everyMs: number,
    private readonly vacuumEvery: number,
  ) {
    this.timer = setInterval(() => {
      this.tick();
    }, everyMs);
    this.timer.unref();
  }

  private tick(): void {
    this.count += 1;
    const vacuum = this.count % this.vacuumEvery === 0;
    // One at a time; a failure is retried at the next tick (the database may be closing).
    this.running = this.running.then(() => this.thread.maintain(vacuum)).catch(() => undefined);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

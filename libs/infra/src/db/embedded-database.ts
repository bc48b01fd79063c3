// The embedded database of the single-process default: PostgreSQL compiled to WebAssembly (PGlite)
// in a local folder, served to Prisma through pglite-prisma-adapter and migrated at open with the
// same migrations as a real PostgreSQL, by the same WASM schema engine.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
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
  close(): Promise<void>;
}

/** Opens (creating if needed) the embedded database in `directory`, or in memory when undefined. */
export async function openEmbeddedDatabase(directory: string | undefined): Promise<EmbeddedDatabase> {
  if (directory) await mkdir(directory, { recursive: true });
  const pglite = directory ? new PGlite({ dataDir: directory }) : new PGlite();
  await pglite.waitReady;
  let appliedMigrations: string[];
  try {
    const engine = await PrismaSchemaEngine.create({
      adapterFactory: new PrismaPGlite(pglite),
      schemaPath: defaultSchemaPath,
      migrationsDir: defaultMigrationsDir,
    });
    try {
      appliedMigrations = await engine.applyMigrations();
    } finally {
      await engine.dispose();
    }
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    location: directory ?? 'memory',
    appliedMigrations,
    close: async () => {
      await prisma.$disconnect();
      // Without this the process never exits.
      if (!pglite.closed) await pglite.close();
    },
  };
}

// For integration tests: a fresh, migrated PostgreSQL database on the real server, dropped after.
import { randomBytes } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '../db/prisma-client.js';
import { defaultMigrationsDir, defaultSchemaPath } from '../db/embedded-database.js';
import { dropDatabase, ensureDatabase, withDatabase } from '../db/pg-database.js';
import { createPgMigrationAdapterFactory } from '../db/pg-migration-adapter.js';
import { PrismaSchemaEngine } from '../db/schema-engine.js';

export const testAdminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly url: string;
  readonly prisma: PrismaClient;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'tw_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(testAdminUrl, name);
  await ensureDatabase(url);
  const engine = await PrismaSchemaEngine.create({
    adapterFactory: createPgMigrationAdapterFactory(url),
    schemaPath: defaultSchemaPath,
    migrationsDir: defaultMigrationsDir,
  });
  try {
    await engine.applyMigrations();
  } finally {
    await engine.dispose();
  }
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await dropDatabase(testAdminUrl, name);
    },
  };
}

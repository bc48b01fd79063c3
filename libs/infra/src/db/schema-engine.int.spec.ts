// PrismaSchemaEngine against the real PostgreSQL: every test gets its own database, dropped after.
// The drift test is the one that fails when prisma/schema.prisma and prisma/migrations disagree:
// fix it with `npm run db:migration -- <name>`.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { PostgresUnavailableError, dropDatabase, ensureDatabase, quoteIdentifier, withDatabase, withPgClient } from './pg-database.js';
import { createPgMigrationAdapterFactory } from './pg-migration-adapter.js';
import { MIGRATION_LOCK_FILE, MIGRATION_SCRIPT_FILE, PrismaSchemaEngine, SchemaEngineError, migrationLockContent } from './schema-engine.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SCHEMA_PATH = path.join(ROOT, 'prisma', 'schema.prisma');
const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');
const ADMIN_URL = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const EXTRA_MODEL = '\nmodel DriftProbe {\n  id    Int    @id\n  label String\n}\n';

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Creates a database named for this test, runs `work` with its URL, and drops it whatever happens. */
async function withTestDatabase(work: (url: string, name: string) => Promise<void>): Promise<void> {
  const name = uniqueName('tw_engine_test');
  await withPgClient(ADMIN_URL, async (client) => {
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  });
  try {
    await work(withDatabase(ADMIN_URL, name), name);
  } finally {
    await dropDatabase(ADMIN_URL, name);
  }
}

/** A scratch directory with a copy of the repository's migrations, removed after. */
async function withTempDir(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tw-schema-engine-'));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function withEngine(
  url: string,
  paths: { schemaPath?: string; migrationsDir?: string; shadowDatabasePrefix?: string },
  work: (engine: PrismaSchemaEngine) => Promise<void>,
): Promise<void> {
  const engine = await PrismaSchemaEngine.create({
    adapterFactory: createPgMigrationAdapterFactory(url, paths.shadowDatabasePrefix === undefined ? {} : { shadowDatabasePrefix: paths.shadowDatabasePrefix }),
    schemaPath: paths.schemaPath ?? SCHEMA_PATH,
    migrationsDir: paths.migrationsDir ?? MIGRATIONS_DIR,
  });
  try {
    await work(engine);
  } finally {
    await engine.dispose();
  }
}

async function repoMigrationNames(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

async function migrationRows(url: string): Promise<MigrationRow[]> {
  return withPgClient(url, async (client) => {
    const result = await client.query<MigrationRow>('SELECT * FROM _prisma_migrations ORDER BY migration_name');
    return result.rows;
  });
}

async function publicTables(url: string): Promise<string[]> {
  return withPgClient(url, async (client) => {
    const result = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    return result.rows.map((row) => row.table_name);
  });
}

async function databasesNamedLike(prefix: string): Promise<string[]> {
  return withPgClient(ADMIN_URL, async (client) => {
    const result = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    return result.rows.map((row) => row.datname);
  });
}

/** The tables schema.prisma declares: each model's @@map name, or the model name. */
async function schemaTables(schemaPath = SCHEMA_PATH): Promise<string[]> {
  const schema = await readFile(schemaPath, 'utf8');
  const tables: string[] = [];
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const [, model = '', body = ''] = match;
    tables.push(/@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model);
  }
  return tables.sort();
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A `now` for createMigration that sorts after every existing migration, whatever the clock says. */
function afterLatest(names: string[]): Date {
  const latest = names.at(-1)?.slice(0, 14);
  const now = new Date();
  if (latest === undefined || !/^\d{14}$/.test(latest)) return now;
  const [y, mo, d, h, mi, s] = [latest.slice(0, 4), latest.slice(4, 6), latest.slice(6, 8), latest.slice(8, 10), latest.slice(10, 12), latest.slice(12, 14)].map(Number);
  const after = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, (s ?? 0) + 1));
  return after > now ? after : now;
}

describe('PrismaSchemaEngine (WASM schema engine, real PostgreSQL)', () => {
  it('applies every migration to an empty database and records each as prisma migrate deploy does', async () => {
    await withTestDatabase(async (url) => {
      const expected = await repoMigrationNames();
      assert.ok(expected.length > 0, 'prisma/migrations has no migration: create one with npm run db:migration -- init');

      let applied: string[] = [];
      await withEngine(url, {}, async (engine) => {
        applied = await engine.applyMigrations();
      });
      assert.deepEqual(applied, expected);

      const rows = await migrationRows(url);
      assert.deepEqual(
        rows.map((row) => row.migration_name),
        expected,
        'one _prisma_migrations row per migration',
      );
      for (const row of rows) {
        const script = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, MIGRATION_SCRIPT_FILE));
        assert.equal(row.checksum, sha256Hex(script), `${row.migration_name}: checksum is the SHA-256 of migration.sql`);
        assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        assert.ok(row.finished_at instanceof Date, `${row.migration_name}: finished_at is set`);
        assert.ok(row.finished_at >= row.started_at);
        assert.equal(row.applied_steps_count, 1);
        assert.equal(row.rolled_back_at, null);
        assert.equal(row.logs, null);
      }

      // The table itself, column by column, as the engine creates it for prisma migrate deploy.
      const columns = await withPgClient(url, async (client) => {
        const result = await client.query<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }>(
          "SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position",
        );
        return result.rows.map((c) => `${c.column_name} ${c.data_type}${c.character_maximum_length === null ? '' : `(${c.character_maximum_length})`} ${c.is_nullable === 'NO' ? 'NOT NULL' : 'NULL'}`);
      });
      assert.deepEqual(columns, [
        'id character varying(36) NOT NULL',
        'checksum character varying(64) NOT NULL',
        'finished_at timestamp with time zone NULL',
        'migration_name character varying(255) NOT NULL',
        'logs text NULL',
        'rolled_back_at timestamp with time zone NULL',
        'started_at timestamp with time zone NOT NULL',
        'applied_steps_count integer NOT NULL',
      ]);
    });
  });

  it('applies nothing and adds no row when run again', async () => {
    await withTestDatabase(async (url) => {
      await withEngine(url, {}, async (engine) => {
        await engine.applyMigrations();
      });
      const before = await migrationRows(url);

      // A new engine, as a second `npm run db:migrate` would be; and a second run in the same one.
      await withEngine(url, {}, async (engine) => {
        assert.deepEqual(await engine.applyMigrations(), []);
        assert.deepEqual(await engine.applyMigrations(), []);
      });
      assert.deepEqual(await migrationRows(url), before);
    });
  });

  it('creates every table of schema.prisma', async () => {
    await withTestDatabase(async (url) => {
      await withEngine(url, {}, async (engine) => {
        await engine.applyMigrations();
      });
      const expected = [...(await schemaTables()), '_prisma_migrations'].sort();
      assert.deepEqual(await publicTables(url), expected);
    });
  });

  it('finds no drift between prisma/schema.prisma and prisma/migrations, and finds an added model', async () => {
    await withTestDatabase(async (url) => {
      await withTempDir(async (dir) => {
        const shadowPrefix = `${uniqueName('tw_engine_shadow')}_`;
        const drift = async (schemaPath: string): Promise<string> => {
          let sql = '';
          await withEngine(url, { schemaPath, shadowDatabasePrefix: shadowPrefix }, async (engine) => {
            sql = await engine.drift();
          });
          return sql;
        };

        assert.equal(
          await drift(SCHEMA_PATH),
          '',
          'prisma/schema.prisma and prisma/migrations disagree: create the missing migration with npm run db:migration -- <name>',
        );

        const extended = path.join(dir, 'schema.prisma');
        await writeFile(extended, (await readFile(SCHEMA_PATH, 'utf8')) + EXTRA_MODEL);
        const sql = await drift(extended);
        assert.match(sql, /CREATE TABLE "DriftProbe"/);

        assert.deepEqual(await databasesNamedLike(shadowPrefix), [], 'the shadow databases were dropped');
      });
    });
  });

  it('describes databases with CHECK constraints (PostgreSQL "char" columns)', async () => {
    await withTestDatabase(async (url) => {
      await withTempDir(async (dir) => {
        const migrationsDir = path.join(dir, 'migrations');
        await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
        const checkMigration = path.join(migrationsDir, '99991231235959_check_constraint');
        await mkdir(checkMigration);
        await writeFile(path.join(checkMigration, MIGRATION_SCRIPT_FILE), 'ALTER TABLE "deliveries" ADD CONSTRAINT "attempts_not_negative" CHECK ("attempts" >= 0);\n');

        await withEngine(url, { migrationsDir }, async (engine) => {
          // Prisma does not model CHECK constraints, so there is no drift; describing them must not fail.
          assert.equal(await engine.drift(), '');
          assert.equal((await engine.applyMigrations()).at(-1), '99991231235959_check_constraint');
        });
      });
    });
  });

  it('creates a migration only when the schema changed, as prisma migrate dev --create-only would', async () => {
    await withTestDatabase(async (url) => {
      await withTempDir(async (dir) => {
        const migrationsDir = path.join(dir, 'migrations');
        await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
        const before = await repoMigrationNames(migrationsDir);

        await withEngine(url, { migrationsDir }, async (engine) => {
          assert.equal(await engine.createMigration('nothing to do', afterLatest(before)), undefined);
        });
        assert.deepEqual(await repoMigrationNames(migrationsDir), before, 'no directory written when nothing changed');

        const extended = path.join(dir, 'schema.prisma');
        await writeFile(extended, (await readFile(SCHEMA_PATH, 'utf8')) + EXTRA_MODEL);
        await withEngine(url, { migrationsDir, schemaPath: extended }, async (engine) => {
          const expectedSql = await engine.drift();
          const created = await engine.createMigration('Add drift-probe', afterLatest(before));
          assert.ok(created !== undefined);
          assert.match(created.name, /^\d{14}_add_drift_probe$/);
          assert.equal(await readFile(created.scriptPath, 'utf8'), expectedSql);
          assert.equal(await readFile(path.join(migrationsDir, MIGRATION_LOCK_FILE), 'utf8'), migrationLockContent('postgresql'));
          assert.deepEqual(await repoMigrationNames(migrationsDir), [...before, created.name]);

          assert.equal(await engine.drift(), '', 'the new migration closes the gap');
          assert.deepEqual(await engine.applyMigrations(), [...before, created.name]);
        });
        assert.ok((await publicTables(url)).includes('DriftProbe'));
      });
    });
  });

  it('applies a failing migration all or nothing, and then refuses to go on (P3009)', async () => {
    await withTestDatabase(async (url) => {
      await withTempDir(async (dir) => {
        const broken = path.join(dir, '20000101000000_broken');
        await mkdir(broken, { recursive: true });
        await writeFile(
          path.join(broken, MIGRATION_SCRIPT_FILE),
          "CREATE TABLE first_half (id INT);\nINSERT INTO first_half VALUES (1); -- a ';' in a comment\nSELECT 'a;b' AS literal;\nCREATE TABLE oops (id INT REFERENCES missing_table (id));\n",
        );

        await withEngine(url, { migrationsDir: dir }, async (engine) => {
          await assert.rejects(engine.applyMigrations(), (error: unknown) => {
            assert.ok(error instanceof SchemaEngineError);
            assert.match(error.message, /^Migration 20000101000000_broken failed: .*missing_table/);
            assert.doesNotMatch(error.message, /schema_engine_wasm::|\n\s+0: /, 'no Rust span trace in the message');
            return true;
          });
        });
        assert.deepEqual(await publicTables(url), ['_prisma_migrations'], 'nothing of the failed migration stays');
        const [row, ...others] = await migrationRows(url);
        assert.ok(row !== undefined);
        assert.equal(others.length, 0);
        assert.equal(row.finished_at, null);
        assert.match(row.logs ?? '', /missing_table/);

        await withEngine(url, { migrationsDir: dir }, async (engine) => {
          await assert.rejects(engine.applyMigrations(), (error: unknown) => error instanceof SchemaEngineError && error.code === 'P3009');
        });
      });
    });
  });

  it('gives a migrated database to the generated PrismaClient', async () => {
    await withTestDatabase(async (url) => {
      await withEngine(url, {}, async (engine) => {
        await engine.applyMigrations();
      });
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
      try {
        await prisma.subscription.create({
          data: { id: 'sub-1', kind: 'webhook', webhook: { create: { url: 'https://example.test/hook', secret: 'whsec_x' } }, trackIds: ['track-a'] },
        });
        const read = await prisma.subscription.findUniqueOrThrow({ where: { id: 'sub-1' }, include: { webhook: true } });
        assert.equal(read.kind, 'webhook');
        assert.equal(read.webhook?.url, 'https://example.test/hook');
        assert.deepEqual(read.trackIds, ['track-a']);
        assert.equal(read.active, true);
        assert.ok(read.createdAt instanceof Date);
      } finally {
        await prisma.$disconnect();
      }
    });
  });

  it('says which server it cannot reach', async () => {
    const unreachable = 'postgresql://postgres@127.0.0.1:1/talkwatch';
    await assert.rejects(
      PrismaSchemaEngine.create({ adapterFactory: createPgMigrationAdapterFactory(unreachable), schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR }),
      (error: unknown) => error instanceof Error && error.message.includes('127.0.0.1:1'),
    );
    await assert.rejects(ensureDatabase(unreachable), (error: unknown) => {
      assert.ok(error instanceof PostgresUnavailableError);
      assert.equal(error.address, '127.0.0.1:1');
      assert.match(error.message, /Cannot reach PostgreSQL at 127\.0\.0\.1:1: connection refused/);
      return true;
    });
  });

  it('creates the database when it does not exist', async () => {
    const name = uniqueName('tw_engine_test');
    const url = withDatabase(ADMIN_URL, name);
    try {
      assert.equal(await ensureDatabase(url), 'created');
      assert.equal(await ensureDatabase(url), 'exists');
    } finally {
      await dropDatabase(ADMIN_URL, name);
    }
  });
});

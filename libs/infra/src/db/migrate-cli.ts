// Database migrations from the command line, with Prisma's WASM schema engine (no native engine).
//
//   node libs/infra/dist/db/migrate-cli.js apply            apply pending migrations (creates the database if missing)
//   node libs/infra/dist/db/migrate-cli.js create <name>    write prisma/migrations/<timestamp>_<name>/migration.sql
//   node libs/infra/dist/db/migrate-cli.js check            exit 1 when schema.prisma and the migrations disagree
//
// Root scripts: npm run db:migrate | npm run db:migration -- <name> | npm run db:check
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DatabaseUrlError,
  PostgresUnavailableError,
  databaseNameOf,
  ensureDatabase,
  parsePostgresUrl,
  redactPassword,
  serverAddressOf,
  withDatabase,
} from './pg-database.js';
import { createPgMigrationAdapterFactory } from './pg-migration-adapter.js';
import { PrismaSchemaEngine, SchemaEngineError } from './schema-engine.js';
import { lastSchemaEnginePanic } from './schema-engine-wasm.js';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/talkwatch';

/** libs/infra/dist/db/migrate-cli.js → the repository (or image) root. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const USAGE = `Usage: migrate-cli <command> [--schema <schema.prisma>] [--migrations <dir>]

Commands:
  apply          Apply the migrations not yet applied (like prisma migrate deploy). Creates the
                 database first if it does not exist.
  create <name>  Write <migrations>/<YYYYMMDDHHMMSS>_<name>/migration.sql with what schema.prisma
                 adds to the migrations. Writes nothing when they already agree.
  check          Exit 1, printing the missing SQL, when schema.prisma and the migrations disagree.

Environment:
  DATABASE_URL   The database to migrate (default ${DEFAULT_DATABASE_URL}).
                 create and check only use its server: they replay the migrations on a temporary
                 shadow database there (the user needs CREATEDB).
  SCHEMA_ENGINE_LOG=1   Print the schema engine's own log lines to stderr.

Defaults: --schema ${path.join('prisma', 'schema.prisma')} --migrations ${path.join('prisma', 'migrations')} (from the repository root)`;

class UsageError extends Error {}

interface Invocation {
  command: 'apply' | 'create' | 'check';
  name: string | undefined;
  schemaPath: string;
  migrationsDir: string;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = parseInvocation(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(USAGE);
      return 0;
    }
    console.error(`migrate: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const databaseUrl = env['DATABASE_URL'] !== undefined && env['DATABASE_URL'] !== '' ? env['DATABASE_URL'] : DEFAULT_DATABASE_URL;
  const log = env['SCHEMA_ENGINE_LOG'] === '1' ? (line: string) => void process.stderr.write(`${line.trimEnd()}\n`) : undefined;
  try {
    parsePostgresUrl(databaseUrl);
    switch (invocation.command) {
      case 'apply':
        return await apply(databaseUrl, invocation, log);
      case 'create':
        return await create(databaseUrl, invocation, log);
      case 'check':
        return await check(databaseUrl, invocation, log);
    }
  } catch (error) {
    console.error(`migrate: ${describeFailure(error)}`);
    return 1;
  }
}

async function apply(databaseUrl: string, at: Invocation, log: ((line: string) => void) | undefined): Promise<number> {
  const target = `database "${databaseNameOf(databaseUrl)}" on ${serverAddressOf(databaseUrl)}`;
  if ((await ensureDatabase(databaseUrl)) === 'created') {
    console.log(`Created ${target}: it did not exist.`);
  }
  const started = Date.now();
  const applied = await withEngine(databaseUrl, at, log, (engine) => engine.applyMigrations()).catch((error: unknown) => {
    if (error instanceof SchemaEngineError && error.code === 'P3009') {
      throw new SchemaEngineError(
        `${error.message.trimEnd()}\n` +
          'A failed migration leaves nothing behind (its script runs as one transaction). Fix its migration.sql, then mark the failed attempt rolled back:\n' +
          `  psql "${redactPassword(databaseUrl)}" -c "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL AND rolled_back_at IS NULL"\n` +
          'and apply again.',
        error.code,
        error,
      );
    }
    throw error;
  });
  const took = `${Date.now() - started} ms`;
  if (applied.length === 0) {
    console.log(`${capitalize(target)} is up to date: no migration to apply (${took}).`);
  } else {
    console.log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${target} (${took}):`);
    for (const name of applied) console.log(`  ${name}`);
  }
  return 0;
}

async function create(databaseUrl: string, at: Invocation, log: ((line: string) => void) | undefined): Promise<number> {
  if (at.name === undefined) throw new UsageError('create needs a migration name, e.g. npm run db:migration -- add_user_email');
  const created = await withEngine(withDatabase(databaseUrl, 'postgres'), at, log, (engine) => engine.createMigration(at.name ?? ''));
  if (created === undefined) {
    console.log(`No migration created: ${relative(at.schemaPath)} and ${relative(at.migrationsDir)} already agree.`);
    return 0;
  }
  console.log(`Created ${relative(created.scriptPath)}:\n\n${created.script.trimEnd()}\n`);
  console.log('Review it, then apply it with: npm run db:migrate');
  return 0;
}

async function check(databaseUrl: string, at: Invocation, log: ((line: string) => void) | undefined): Promise<number> {
  const drift = await withEngine(withDatabase(databaseUrl, 'postgres'), at, log, (engine) => engine.drift());
  if (drift === '') {
    console.log(`${relative(at.schemaPath)} and ${relative(at.migrationsDir)} agree.`);
    return 0;
  }
  console.log(
    `${relative(at.schemaPath)} and ${relative(at.migrationsDir)} disagree. Migrating with the migrations would still need:\n\n${drift.trimEnd()}\n\n` +
      'Create the migration with: npm run db:migration -- <name>',
  );
  return 1;
}

async function withEngine<T>(
  url: string,
  at: Invocation,
  log: ((line: string) => void) | undefined,
  work: (engine: PrismaSchemaEngine) => Promise<T>,
): Promise<T> {
  const engine = await PrismaSchemaEngine.create({
    adapterFactory: createPgMigrationAdapterFactory(url),
    schemaPath: at.schemaPath,
    migrationsDir: at.migrationsDir,
    ...(log === undefined ? {} : { log }),
  });
  try {
    return await work(engine);
  } finally {
    await engine.dispose();
  }
}

class HelpRequested extends Error {}

function parseInvocation(argv: string[]): Invocation {
  const parsed = parseFlags(argv);
  if (parsed.values.help === true) throw new HelpRequested();
  const [command, name, ...rest] = parsed.positionals;
  if (command !== 'apply' && command !== 'create' && command !== 'check') {
    throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  }
  if (command === 'create' && name === undefined) throw new UsageError('create needs a migration name, e.g. npm run db:migration -- add_user_email');
  if ((command !== 'create' && name !== undefined) || rest.length > 0) {
    throw new UsageError(`unexpected argument "${command === 'create' ? (rest[0] ?? '') : (name ?? '')}"`);
  }
  return {
    command,
    name,
    schemaPath: path.resolve(ROOT, parsed.values.schema ?? path.join('prisma', 'schema.prisma')),
    migrationsDir: path.resolve(ROOT, parsed.values.migrations ?? path.join('prisma', 'migrations')),
  };
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        schema: { type: 'string' },
        migrations: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Set once a panic was reported through main(), so the uncaught trap that follows stays quiet. */
let panicReported = false;

function describeFailure(error: unknown): string {
  if (error instanceof SchemaEngineError && lastSchemaEnginePanic() !== undefined) panicReported = true;
  if (
    error instanceof SchemaEngineError ||
    error instanceof PostgresUnavailableError ||
    error instanceof DatabaseUrlError ||
    error instanceof UsageError
  ) {
    return error.message;
  }
  if (error instanceof Error) {
    // Anything else is unexpected: keep the stack for whoever reports it.
    return error.stack ?? error.message;
  }
  return String(error);
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || '.';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url);
}

if (isEntryPoint()) {
  // A panic inside the WASM engine surfaces as an uncaught RuntimeError; say what the engine said.
  process.on('uncaughtException', (error) => {
    const panic = lastSchemaEnginePanic();
    if (panic === undefined) console.error(error);
    else if (!panicReported) console.error(`migrate: The Prisma schema engine panicked: ${panic}`);
    process.exit(1);
  });
  process.exitCode = await main(process.argv.slice(2));
}


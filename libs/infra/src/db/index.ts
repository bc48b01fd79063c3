// Database migrations with Prisma's WASM schema engine. Importing this loads no WebAssembly:
// the engine is loaded when PrismaSchemaEngine.create() is first called.
export {
  PrismaSchemaEngine,
  SchemaEngineError,
  MIGRATION_LOCK_FILE,
  MIGRATION_SCRIPT_FILE,
  migrationLockContent,
  migrationSlug,
  readMigrationsList,
  type CreatedMigration,
  type PrismaSchemaEngineOptions,
} from './schema-engine.js';
export { createPgMigrationAdapterFactory, type PgMigrationAdapterOptions } from './pg-migration-adapter.js';
export {
  DatabaseUrlError,
  PostgresUnavailableError,
  databaseExists,
  databaseNameOf,
  dropDatabase,
  ensureDatabase,
  explainPgError,
  serverAddressOf,
  withDatabase,
} from './pg-database.js';
export { lastSchemaEnginePanic } from './schema-engine-wasm.js';
export * from './embedded-database.js';
export * from './data-dir-lock.js';

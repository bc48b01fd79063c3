// Migrations without native engines: Prisma's own schema engine, compiled to WebAssembly
// (@prisma/schema-engine-wasm), talking to the database through a migration-aware driver adapter.
//
//   const engine = await PrismaSchemaEngine.create({
//     adapterFactory: createPgMigrationAdapterFactory(url),   // or any SqlMigrationAwareDriverAdapterFactory (PGlite…)
//     schemaPath: 'prisma/schema.prisma',
//     migrationsDir: 'prisma/migrations',
//   });
//   try { await engine.applyMigrations(); } finally { await engine.dispose(); }
//
// What it does is what `prisma migrate deploy` does (same engine, same `_prisma_migrations` table,
// same checksums), and `createMigration` writes what `prisma migrate dev --create-only` would.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ConnectionInfo,
  type ErrorRegistry,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import {
  clearSchemaEngineTimers,
  lastSchemaEnginePanic,
  loadSchemaEngineWasm,
  onSchemaEnginePanic,
  type WasmMigrationDirectory,
  type WasmMigrationList,
  type WasmSchemaEngine,
  type WasmSchemaFilter,
} from './schema-engine-wasm.js';

export const MIGRATION_LOCK_FILE = 'migration_lock.toml';
export const MIGRATION_SCRIPT_FILE = 'migration.sql';

/** Prisma's own limit on the name part of a migration directory. */
const MAX_MIGRATION_NAME_LENGTH = 200;
const NO_FILTERS: WasmSchemaFilter = { externalTables: [], externalEnums: [] };

export interface PrismaSchemaEngineOptions {
  /** A migration-aware adapter factory (not yet bound): it is bound here, once. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** prisma/schema.prisma */
  schemaPath: string;
  /** prisma/migrations (it need not exist yet) */
  migrationsDir: string;
  /** Receives the engine's own log lines (JSON tracing events). Default: dropped. */
  log?: (line: string) => void;
}

export interface CreatedMigration {
  /** The directory name, e.g. `20250101120000_init`. */
  name: string;
  directory: string;
  scriptPath: string;
  script: string;
}

/** An expected failure reported by the schema engine (failed migration, drift, unreachable database…). */
export class SchemaEngineError extends Error {
  constructor(
    message: string,
    /** Prisma's error code when the engine gives one, e.g. `P3009` (a failed migration blocks new ones). */
    readonly code?: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SchemaEngineError';
  }
}

export class PrismaSchemaEngine {
  /** Engines created and not yet disposed, in this process. */
  private static live = 0;
  private disposed = false;

  private constructor(
    private readonly engine: WasmSchemaEngine,
    private readonly adapters: TrackingAdapterFactory,
    private readonly errorRegistry: ErrorRegistry,
    readonly schemaPath: string,
    readonly migrationsDir: string,
  ) {}

  /** Loads the engine (once per process) and connects it through the adapter factory. */
  static async create(options: PrismaSchemaEngineOptions): Promise<PrismaSchemaEngine> {
    const wasm = await loadSchemaEngineWasm();
    const schemaPath = path.resolve(options.schemaPath);
    const migrationsDir = path.resolve(options.migrationsDir);
    const schema = await readSchema(schemaPath);
    const adapters = new TrackingAdapterFactory(options.adapterFactory);
    const bound = bindMigrationAwareSqlAdapterFactory(adapters);
    let engine: WasmSchemaEngine;
    try {
      engine = await rejectOnPanic(() => wasm.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, options.log ?? ignoreLog, bound));
    } catch (error) {
      if (PrismaSchemaEngine.live === 0) clearSchemaEngineTimers();
      await adapters.disposeAll();
      throw toSchemaEngineError(error, bound.errorRegistry);
    }
    PrismaSchemaEngine.live += 1;
    return new PrismaSchemaEngine(engine, adapters, bound.errorRegistry, schemaPath, migrationsDir);
  }

  /** The prisma-engines commit the WASM engine was built from. */
  static async engineVersion(): Promise<string> {
    return (await loadSchemaEngineWasm()).version();
  }

  /**
   * `prisma migrate deploy`: applies the migrations not yet recorded in `_prisma_migrations`, in
   * directory-name order, and returns their names (empty when the database is up to date).
   */
  async applyMigrations(): Promise<string[]> {
    const migrationsList = await readMigrationsList(this.migrationsDir);
    const output = await this.run(() => this.engine.applyMigrations({ migrationsList, filters: NO_FILTERS }));
    return output.appliedMigrationNames;
  }

  /**
   * The SQL that would bring a database migrated with the migrations directory to schema.prisma;
   * '' when they agree. The migrations are replayed on a temporary shadow database (the adapter
   * factory's connectToShadowDb).
   */
  async drift(): Promise<string> {
    const migrationsList = await readMigrationsList(this.migrationsDir);
    const schema = await readSchema(this.schemaPath);
    const lockContent = migrationsList.lockfile.content ?? migrationLockContent(datasourceProviderOf(schema, this.adapters.provider));
    const result = await this.run(() =>
      this.engine.diff({
        from: { tag: 'migrations', ...migrationsList, lockfile: { ...migrationsList.lockfile, content: lockContent } },
        to: { tag: 'schemaDatamodel', files: [{ path: this.schemaPath, content: schema }] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      }),
    );
    // With exitCode: true the engine says 2 when there is a difference, 0 when there is none.
    return result.exitCode === 0 ? '' : (result.stdout ?? '');
  }

  /**
   * Writes `<migrationsDir>/<YYYYMMDDHHMMSS>_<name>/migration.sql` with the drift, and
   * migration_lock.toml as Prisma writes it. Returns undefined (and writes nothing) when
   * schema.prisma and the migrations already agree.
   */
  async createMigration(name: string, now: Date = new Date()): Promise<CreatedMigration | undefined> {
    const slug = migrationSlug(name);
    const script = await this.drift();
    if (script === '') return undefined;

    const directoryName = `${utcTimestamp(now)}_${slug}`;
    const existing = (await readMigrationsList(this.migrationsDir)).migrationDirectories.map((entry) => entry.path);
    const later = existing.filter((other) => other.localeCompare(directoryName) >= 0);
    if (later.length > 0) {
      throw new SchemaEngineError(
        `Migration ${directoryName} would not sort after the existing ${later.join(', ')}: migrations apply in name order. Check the system clock, or wait a second if one was just created.`,
      );
    }
    const directory = path.join(this.migrationsDir, directoryName);
    await mkdir(this.migrationsDir, { recursive: true });
    await mkdir(directory);
    const scriptPath = path.join(directory, MIGRATION_SCRIPT_FILE);
    await writeFile(scriptPath, script, 'utf8');
    const schema = await readSchema(this.schemaPath);
    await writeFile(path.join(this.migrationsDir, MIGRATION_LOCK_FILE), migrationLockContent(datasourceProviderOf(schema, this.adapters.provider)), 'utf8');
    return { name: directoryName, directory, scriptPath, script };
  }

  /** Frees the engine and closes the connections it opened. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    PrismaSchemaEngine.live -= 1;
    try {
      this.engine.free();
    } catch {
      // After a panic the instance is gone; there is nothing left to free.
    }
    if (PrismaSchemaEngine.live === 0) clearSchemaEngineTimers();
    await this.adapters.disposeAll();
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    if (this.disposed) throw new Error('PrismaSchemaEngine was disposed');
    try {
      return await rejectOnPanic(command);
    } catch (error) {
      throw toSchemaEngineError(error, this.errorRegistry);
    }
  }
}

/** A panic leaves the command's promise pending forever: reject instead, with the panic message. */
async function rejectOnPanic<T>(command: () => Promise<T>): Promise<T> {
  let unsubscribe: () => void = () => undefined;
  const panicked = new Promise<never>((_resolve, reject) => {
    unsubscribe = onSchemaEnginePanic((message) => {
      reject(new SchemaEngineError(`The Prisma schema engine panicked: ${message}`));
    });
  });
  try {
    return await Promise.race([command(), panicked]);
  } finally {
    unsubscribe();
  }
}

/** Reads the migrations directory the way the Prisma CLI does before calling the engine. */
export async function readMigrationsList(migrationsDir: string): Promise<WasmMigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockContent = await readFile(path.join(baseDir, MIGRATION_LOCK_FILE), 'utf8').catch(() => null);
  let names: string[];
  try {
    const entries = await readdir(baseDir, { withFileTypes: true });
    names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    names = [];
  }
  const migrationDirectories = await Promise.all(
    names.sort((a, b) => a.localeCompare(b)).map(async (name): Promise<WasmMigrationDirectory> => {
      const content = await readFile(path.join(baseDir, name, MIGRATION_SCRIPT_FILE), 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (error: unknown) => ({ tag: 'error' as const, value: error instanceof Error ? error.message : String(error) }),
      );
      return { path: name, migrationFile: { path: MIGRATION_SCRIPT_FILE, content } };
    }),
  );
  return { baseDir, lockfile: { path: MIGRATION_LOCK_FILE, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

/** migration_lock.toml exactly as Prisma writes it. */
export function migrationLockContent(provider: string): string {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
}

/** Like Prisma's: lower case, runs of anything else than letters and digits become `_`. */
export function migrationSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_MIGRATION_NAME_LENGTH);
  if (slug === '') throw new SchemaEngineError(`"${name}" is not a usable migration name: use letters, digits and underscores, e.g. add_user_email`);
  return slug;
}

function utcTimestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

async function readSchema(schemaPath: string): Promise<string> {
  try {
    return await readFile(schemaPath, 'utf8');
  } catch (error) {
    throw new SchemaEngineError(`Cannot read the Prisma schema at ${schemaPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function datasourceProviderOf(schema: string, adapterProvider: string): string {
  const datasource = /datasource\s+\w+\s*\{([^}]*)\}/.exec(schema)?.[1];
  const provider = datasource === undefined ? undefined : /provider\s*=\s*"([^"]+)"/.exec(datasource)?.[1];
  return provider ?? (adapterProvider === 'postgres' ? 'postgresql' : adapterProvider);
}

function ignoreLog(): void {
  // The engine's tracing is only wanted when asked for.
}

/** The engine's messages end with a Rust span trace (`   0: module::function …`): not for people. */
function withoutSpanTrace(message: string): string {
  const lines = message.split('\n');
  const traceStart = lines.findIndex((line) => /^\s+\d+: \S/.test(line));
  const kept = (traceStart >= 0 ? lines.slice(0, traceStart) : lines).filter((line, index, all) => !(index === 0 && line === 'external connector error' && all.length > 1));
  const text = kept.join('\n').trim();
  // The trace is where the engine says which migration failed; keep that.
  const migration = traceStart >= 0 ? /migration_name="([^"]+)"/.exec(lines.slice(traceStart).join('\n'))?.[1] : undefined;
  return migration === undefined || text.includes(migration) ? text : `Migration ${migration} failed: ${text}`;
}

function toSchemaEngineError(error: unknown, errorRegistry: ErrorRegistry): Error {
  if (error instanceof SchemaEngineError) return error;
  const panic = lastSchemaEnginePanic();
  if (error instanceof Error && error.name === 'RuntimeError' && panic !== undefined) {
    return new SchemaEngineError(`The Prisma schema engine panicked: ${panic}`, undefined, error);
  }
  let message = withoutSpanTrace(error instanceof Error ? error.message : String(error));
  // A JavaScript error thrown inside the adapter travels through the engine as an id.
  const external = /External error id#(\d+)/.exec(message);
  if (external !== null) {
    const original = errorRegistry.consumeError(Number(external[1]))?.error;
    if (original instanceof Error && message.trim() === external[0]) return original;
    if (original !== undefined) message = message.replace(external[0], original instanceof Error ? original.message : JSON.stringify(original));
  }
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return new SchemaEngineError(message, typeof code === 'string' ? code : undefined, error);
}

/**
 * Passes the engine's connections through, and remembers them: the engine does not close its main
 * connection when it is freed (a pg pool would keep the process alive), and a shadow database
 * connection may be left open by a failed command.
 */
class TrackingAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider: SqlMigrationAwareDriverAdapterFactory['provider'];
  readonly adapterName: string;
  private readonly open = new Set<DisposeOnceAdapter>();

  constructor(private readonly inner: SqlMigrationAwareDriverAdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connectToShadowDb());
  }

  async disposeAll(): Promise<void> {
    const open = [...this.open];
    this.open.clear();
    const results = await Promise.allSettled(open.map((adapter) => adapter.dispose()));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const tracked = new DisposeOnceAdapter(adapter, () => this.open.delete(tracked));
    this.open.add(tracked);
    return tracked;
  }
}

class DisposeOnceAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;
  readonly getConnectionInfo?: () => ConnectionInfo;
  private disposing: Promise<void> | undefined;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly onDispose: () => void,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    // Only when the inner adapter has it: the engine treats a missing one differently.
    if (inner.getConnectionInfo !== undefined) this.getConnectionInfo = inner.getConnectionInfo.bind(inner);
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  executeScript(script: string): Promise<void> {
    return this.inner.executeScript(script);
  }

  startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return this.inner.startTransaction(isolationLevel);
  }

  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      this.onDispose();
      await this.inner.dispose();
    })();
    return this.disposing;
  }
}

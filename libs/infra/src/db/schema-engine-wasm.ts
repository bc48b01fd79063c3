// Our own types for the part of @prisma/schema-engine-wasm we call, and its loader.
//
// The package's entry (schema_engine.js) imports the .wasm file as an ES module, which needs
// `node --experimental-wasm-modules`. We do what that entry does by hand instead: compile the
// .wasm bytes, instantiate them with the package's JS glue (its "./schema_engine_bg" export) as the
// import object, hand the instance to the glue and start it. So no Node flag is needed, and
// nothing is loaded until a process actually migrates (the module is imported lazily).
import { readFile } from 'node:fs/promises';

/** `[path, content]` of a Prisma schema file, as the engine's constructor takes them. */
export type WasmLoadedFile = [path: string, content: string];

export interface WasmSchemaFile {
  path: string;
  content: string;
}

export interface WasmSchemaFilter {
  externalTables: string[];
  externalEnums: string[];
}

export type WasmJsResult<R, E> = { tag: 'ok'; value: R } | { tag: 'error'; value: E };

/** One `prisma/migrations/<name>/migration.sql`, already read from disk. */
export interface WasmMigrationDirectory {
  /** The directory name relative to `baseDir`, e.g. `20250101120000_init`. */
  path: string;
  migrationFile: { path: string; content: WasmJsResult<string, string> };
}

/** The migrations directory as the engine wants it: read by the caller, never by the engine. */
export interface WasmMigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: WasmMigrationDirectory[];
}

export type WasmDiffTarget =
  | { tag: 'empty' }
  | ({ tag: 'schemaDatamodel' } & { files: WasmSchemaFile[] })
  | ({ tag: 'migrations' } & WasmMigrationList)
  | ({ tag: 'url' } & { url: string });

export interface WasmDiffParams {
  from: WasmDiffTarget;
  to: WasmDiffTarget;
  /** true: `stdout` is an executable SQL script; false: a human-readable summary. */
  script: boolean;
  /** true: `exitCode` is 2 when there is a difference, 0 when there is none. */
  exitCode: boolean | null;
  filters: WasmSchemaFilter;
}

export interface WasmDiffResult {
  exitCode: number;
  stdout: string | null;
}

export interface WasmApplyMigrationsInput {
  migrationsList: WasmMigrationList;
  filters: WasmSchemaFilter;
}

export interface WasmApplyMigrationsOutput {
  appliedMigrationNames: string[];
}

/** An engine instance. Methods must be called on the instance (they read its wasm pointer). */
export interface WasmSchemaEngine {
  applyMigrations(input: WasmApplyMigrationsInput): Promise<WasmApplyMigrationsOutput>;
  diff(params: WasmDiffParams): Promise<WasmDiffResult>;
  version(params?: null): Promise<string>;
  free(): void;
}

/**
 * The adapter argument of `SchemaEngine.new`: a factory bound with
 * `bindMigrationAwareSqlAdapterFactory` from @prisma/driver-adapter-utils (its methods return
 * `{ ok, value | error }` results instead of throwing).
 */
export type WasmAdapterArgument = object;

export interface WasmSchemaEngineClass {
  new: (
    options: { datamodels: WasmLoadedFile[] | undefined },
    log: (line: string) => void,
    adapter: WasmAdapterArgument,
  ) => Promise<WasmSchemaEngine>;
}

export interface WasmSchemaEngineModule {
  SchemaEngine: WasmSchemaEngineClass;
  /** The prisma-engines commit the wasm was built from. */
  version(): string;
}

/** What the engine's Rust panic hook writes to (globalThis.PRISMA_WASM_PANIC_REGISTRY) before the wasm traps. */
interface PanicRegistry {
  set_message(message: string): void;
}

interface WasmInstanceLike {
  exports: Record<string, unknown>;
}

interface WebAssemblyLike {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, Record<string, unknown>>): Promise<WasmInstanceLike>;
}

interface WasmGlue {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
  SchemaEngine: WasmSchemaEngineClass;
  version(): string;
}

export const SCHEMA_ENGINE_WASM_PACKAGE = '@prisma/schema-engine-wasm';

let loading: Promise<WasmSchemaEngineModule> | undefined;
let instances = 0;
let lastPanic: string | undefined;
const panicListeners = new Set<(message: string) => void>();

/**
 * Loads and starts the engine once per process; later calls get the same module. After a panic
 * (the wasm instance is then unusable) the next call starts a fresh instance.
 */
export function loadSchemaEngineWasm(): Promise<WasmSchemaEngineModule> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The message of the last engine panic in this process, if any. */
export function lastSchemaEnginePanic(): string | undefined {
  return lastPanic;
}

/** Calls `listener` with the message when the engine panics; returns the unsubscribe function. */
export function onSchemaEnginePanic(listener: (message: string) => void): () => void {
  panicListeners.add(listener);
  return () => panicListeners.delete(listener);
}

function recordPanic(message: string): void {
  lastPanic = message;
  loading = undefined;
  for (const listener of [...panicListeners]) listener(message);
}

async function instantiate(): Promise<WasmSchemaEngineModule> {
  const glueSpecifier = `${SCHEMA_ENGINE_WASM_PACKAGE}/schema_engine_bg`;
  const glueUrl = import.meta.resolve(glueSpecifier);
  // The glue keeps the instance (and views of its memory) in module state: a fresh instance
  // needs a fresh copy of the glue module, hence the query string.
  instances += 1;
  const glue: unknown = await import(`${glueUrl}?instance=${instances}`);
  if (!isGlue(glue)) {
    throw new Error(`${glueSpecifier} does not look like the wasm-bindgen glue of the Prisma schema engine`);
  }
  const bytes = await readFile(new URL('./schema_engine_bg.wasm', glueUrl));
  const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyLike }).WebAssembly;
  const compiled = await webAssembly.compile(bytes);
  // wasm-bindgen imports everything from its glue module, under the glue's file name.
  const imports: Record<string, unknown> = { ...(glue as unknown as Record<string, unknown>) };
  for (const [name, value] of Object.entries(imports)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof value === 'function') imports[name] = trackingSetTimeout(value as GlueSetTimeout);
    if (name.startsWith('__wbg_set_message_') && typeof value === 'function') imports[name] = capturingPanicMessage(value as GlueSetMessage);
  }
  const instance = await webAssembly.instantiate(compiled, { './schema_engine_bg.js': imports });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports['__wbindgen_start'];
  if (typeof start === 'function') (start as () => void)();
  return { SchemaEngine: glue.SchemaEngine, version: () => glue.version() };
}

type GlueSetTimeout = (callback: () => void, milliseconds: number) => unknown;

/** Timers the engine started and that have not fired yet. */
const pendingTimers = new Set<unknown>();

/**
 * The engine starts timers it never cancels: it takes the migration lock (pg_advisory_lock) with a
 * 10 s timeout, and that timer outlives the lock, keeping Node alive for 10 s after the work is
 * done. We track them so they can be cleared once no engine is in use.
 */
function trackingSetTimeout(original: GlueSetTimeout): GlueSetTimeout {
  return (callback, milliseconds) => {
    const timer = original(() => {
      pendingTimers.delete(timer);
      callback();
    }, milliseconds);
    pendingTimers.add(timer);
    return timer;
  };
}

/** Clears the engine's pending timers. Only when no engine is running a command. */
export function clearSchemaEngineTimers(): void {
  for (const timer of pendingTimers) clearTimeout(timer as ReturnType<typeof setTimeout>);
  pendingTimers.clear();
}

function isGlue(value: unknown): value is WasmGlue {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof WasmGlue, unknown>>;
  return (
    typeof candidate.__wbg_set_wasm === 'function' &&
    typeof candidate.version === 'function' &&
    typeof candidate.SchemaEngine === 'function' &&
    typeof (candidate.SchemaEngine as Partial<WasmSchemaEngineClass>).new === 'function'
  );
}

type GlueSetMessage = (pointer: number, length: number) => void;

/**
 * The engine's panic hook: the glue decodes the message and hands it to
 * `globalThis.PRISMA_WASM_PANIC_REGISTRY.set_message`. That global is shared with (and overwritten
 * by) @prisma/client's query compiler, whose registry throws; so while the hook runs, the global is
 * ours, and the message goes to this module's listeners. The wasm then traps, and the command in
 * flight would never settle: PrismaSchemaEngine rejects it on the listener's call.
 */
function capturingPanicMessage(original: GlueSetMessage): GlueSetMessage {
  return (pointer, length) => {
    const holder = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
    const previous = holder.PRISMA_WASM_PANIC_REGISTRY;
    let message = '(no message)';
    holder.PRISMA_WASM_PANIC_REGISTRY = {
      set_message(text: string) {
        message = text;
      },
    };
    try {
      original(pointer, length);
    } finally {
      if (previous === undefined) delete holder.PRISMA_WASM_PANIC_REGISTRY;
      else holder.PRISMA_WASM_PANIC_REGISTRY = previous;
    }
    recordPanic(message);
  };
}

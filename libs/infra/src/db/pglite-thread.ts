// The embedded PostgreSQL (PGlite) in a worker thread of its own, served to Prisma as a driver
// adapter: PostgreSQL's work (parsing, planning, executing, writing pages; about half of the
// single process's CPU when it ran on the main thread) no longer holds up HTTP answers,
// extraction and deliveries. Each driver-adapter call (a query, a script, a transaction's begin,
// commit or rollback) is one message to pglite-thread.worker.ts and one answer; errors of the
// database come back as Prisma's DriverAdapterError, so they map to the same Prisma errors.
import { Worker } from 'node:worker_threads';
import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from '@prisma/driver-adapter-utils';

/** A call to the database thread. */
export type ThreadCall =
  | { op: 'ready' }
  | { op: 'connect'; shadow: boolean }
  | { op: 'queryRaw' | 'executeRaw'; handle: number; query: SqlQuery }
  | { op: 'executeScript'; handle: number; script: string }
  | { op: 'startTransaction'; handle: number; isolationLevel: IsolationLevel | undefined }
  | { op: 'commit' | 'rollback' | 'dispose'; handle: number }
  | { op: 'maintain'; vacuum: boolean }
  | { op: 'close' };

export type ThreadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { kind: 'driver'; cause: unknown } | { kind: 'error'; name: string; message: string; stack: string } };

const adapterName = 'talkwatch-pglite-thread';

/** One PGlite database in a worker thread. */
export class PGliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private exited: Error | undefined;

  private constructor(dataDir: string | undefined) {
    this.worker = new Worker(new URL('./pglite-thread.worker.js', import.meta.url), { workerData: { dataDir } });
    this.worker.on('message', (reply: ThreadReply) => {
      this.settle(reply);
    });
    this.worker.on('error', (error) => {
      this.fail(error);
    });
    this.worker.on('exit', (code) => {
      this.fail(new Error(`the embedded database thread exited (code ${code})`));
    });
  }

  /** Starts the thread and waits for PGlite to open `dataDir` (in memory when undefined). */
  static async start(dataDir: string | undefined): Promise<PGliteThread> {
    const thread = new PGliteThread(dataDir);
    try {
      await thread.call({ op: 'ready' });
    } catch (error) {
      await thread.worker.terminate();
      throw error;
    }
    return thread;
  }

  call(call: ThreadCall): Promise<unknown> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, call });
    });
  }

  /** A Prisma driver-adapter factory whose connections live in this thread. */
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory {
    return {
      provider: 'postgres',
      adapterName,
      connect: () => this.connect(false),
      connectToShadowDb: () => this.connect(true),
    };
  }

  /** A checkpoint (the WAL before it can be recycled) and, with `vacuum`, a VACUUM of every table. */
  async maintain(vacuum: boolean): Promise<void> {
    await this.call({ op: 'maintain', vacuum });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    try {
      await this.call({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }

  private async connect(shadow: boolean): Promise<SqlDriverAdapter> {
    const { handle, connectionInfo } = (await this.call({ op: 'connect', shadow })) as { handle: number; connectionInfo: ConnectionInfo | null };
    return new ThreadAdapter(this, handle, connectionInfo);
  }

  private settle(reply: ThreadReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else if (reply.error.kind === 'driver') waiting.reject(new DriverAdapterError(reply.error.cause as ConstructorParameters<typeof DriverAdapterError>[0]));
    else waiting.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, stack: reply.error.stack }));
  }

  private fail(error: Error): void {
    this.exited ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}

class ThreadQueryable {
  readonly provider = 'postgres' as const;
  readonly adapterName = adapterName;

  constructor(
    protected readonly thread: PGliteThread,
    protected readonly handle: number,
  ) {}

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return (await this.thread.call({ op: 'queryRaw', handle: this.handle, query })) as SqlResultSet;
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return (await this.thread.call({ op: 'executeRaw', handle: this.handle, query })) as number;
  }
}

class ThreadAdapter extends ThreadQueryable implements SqlDriverAdapter {
  constructor(
    thread: PGliteThread,
    handle: number,
    private readonly connectionInfo: ConnectionInfo | null,
  ) {
    super(thread, handle);
  }

  async executeScript(script: string): Promise<void> {
    await this.thread.call({ op: 'executeScript', handle: this.handle, script });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { handle, options } = (await this.thread.call({ op: 'startTransaction', handle: this.handle, isolationLevel })) as { handle: number; options: TransactionOptions };
    return new ThreadTransaction(this.thread, handle, options);
  }

  getConnectionInfo(): ConnectionInfo {
    return this.connectionInfo ?? { supportsRelationJoins: true };
  }

  async dispose(): Promise<void> {
    await this.thread.call({ op: 'dispose', handle: this.handle });
  }
}

class ThreadTransaction extends ThreadQueryable implements Transaction {
  constructor(
    thread: PGliteThread,
    handle: number,
    readonly options: TransactionOptions,
  ) {
    super(thread, handle);
  }

  async commit(): Promise<void> {
    await this.thread.call({ op: 'commit', handle: this.handle });
  }

  async rollback(): Promise<void> {
    await this.thread.call({ op: 'rollback', handle: this.handle });
  }
}

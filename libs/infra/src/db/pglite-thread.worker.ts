// The worker thread that runs the embedded PostgreSQL (PGlite) off the main thread: it holds the
// PGlite instance and pglite-prisma-adapter's driver adapters, and answers the calls
// pglite-thread.ts forwards to it (queries, scripts, transactions, maintenance). PGlite's own
// worker mode (PGliteWorker) needs browser APIs Node.js 20 lacks (navigator.locks, a Web Worker
// global scope), hence this bridge at the level of Prisma's driver-adapter interface.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapter, Transaction } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { ThreadCall, ThreadReply } from './pglite-thread.js';

const port = parentPort;
if (!port) throw new Error('pglite-thread.worker must run in a worker thread');
const { dataDir } = workerData as { dataDir: string | undefined };

const pglite = dataDir ? new PGlite({ dataDir }) : new PGlite();
const factory = new PrismaPGlite(pglite);
const adapters = new Map<number, SqlDriverAdapter>();
const transactions = new Map<number, Transaction>();
let nextHandle = 1;

function queryable(handle: number): SqlDriverAdapter | Transaction {
  const target = transactions.get(handle) ?? adapters.get(handle);
  if (!target) throw new Error(`no connection or transaction ${handle} in the database thread`);
  return target;
}

function transaction(handle: number): Transaction {
  const tx = transactions.get(handle);
  if (!tx) throw new Error(`no transaction ${handle} in the database thread`);
  return tx;
}

async function answer(call: ThreadCall): Promise<unknown> {
  switch (call.op) {
    case 'ready':
      await pglite.waitReady;
      return null;
    case 'connect': {
      const adapter = call.shadow ? await factory.connectToShadowDb() : await factory.connect();
      const handle = nextHandle++;
      adapters.set(handle, adapter);
      return { handle, connectionInfo: adapter.getConnectionInfo?.() ?? null };
    }
    case 'queryRaw':
      return queryable(call.handle).queryRaw(call.query);
    case 'executeRaw':
      return queryable(call.handle).executeRaw(call.query);
    case 'executeScript': {
      const adapter = adapters.get(call.handle);
      if (!adapter) throw new Error(`no connection ${call.handle} in the database thread`);
      return adapter.executeScript(call.script);
    }
    case 'startTransaction': {
      const adapter = adapters.get(call.handle);
      if (!adapter) throw new Error(`no connection ${call.handle} in the database thread`);
      const tx = await adapter.startTransaction(call.isolationLevel);
      const handle = nextHandle++;
      transactions.set(handle, tx);
      return { handle, options: tx.options };
    }
    case 'commit':
    case 'rollback': {
      const tx = transaction(call.handle);
      transactions.delete(call.handle);
      return call.op === 'commit' ? tx.commit() : tx.rollback();
    }
    case 'dispose': {
      const adapter = adapters.get(call.handle);
      adapters.delete(call.handle);
      return adapter?.dispose();
    }
    case 'maintain':
      // Single-user PostgreSQL has no checkpointer and no autovacuum: without these the WAL and
      // the tables' dead rows only grow. VACUUM cannot run in a transaction: PGlite runs it
      // between them.
      await pglite.exec('CHECKPOINT');
      if (call.vacuum) await pglite.exec('VACUUM');
      return null;
    case 'close':
      if (!pglite.closed) await pglite.close();
      return null;
    default:
      return assertNever(call);
  }
}

function assertNever(call: never): never {
  throw new Error(`unknown call to the database thread: ${JSON.stringify(call)}`);
}

function replyOf(id: number, error: unknown): ThreadReply {
  if (error instanceof Error && error.name === 'DriverAdapterError' && typeof (error as { cause?: unknown }).cause === 'object') {
    return { id, ok: false, error: { kind: 'driver', cause: (error as { cause: unknown }).cause } };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { id, ok: false, error: { kind: 'error', name: e.name, message: e.message, stack: e.stack ?? '' } };
}

port.on('message', (message: { id: number; call: ThreadCall }) => {
  answer(message.call).then(
    (value) => {
      port.postMessage({ id: message.id, ok: true, value } satisfies ThreadReply);
    },
    (error: unknown) => {
      port.postMessage(replyOf(message.id, error));
    },
  );
});

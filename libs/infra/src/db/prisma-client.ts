// The one way the apps get a database client: Prisma 7 with a driver adapter, no native engine.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient } from '../generated/prisma/client.js';
export { Prisma } from '../generated/prisma/client.js';

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/** Explains an unreachable database without a stack trace. */
export async function assertDatabaseReachable(prisma: PrismaClient, databaseUrl: string): Promise<void> {
  try {
    await prisma.$queryRaw`SELECT 1`;
  } catch (error) {
    const where = safeUrl(databaseUrl);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceUnreachableError(
      'PostgreSQL',
      where,
      `${reason}. Check that PostgreSQL is running, that DATABASE_URL is right, and that migrations ran (npm run db:migrate).`,
    );
  }
}

export class ServiceUnreachableError extends Error {
  readonly code = 'service-unreachable';
  constructor(
    readonly service: string,
    readonly address: string,
    readonly hint: string,
  ) {
    super(`${service} at ${address} is not reachable: ${hint}`);
    this.name = 'ServiceUnreachableError';
  }
}

/** The URL without its password, for messages and logs. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}

/** What a failed query says about the database, for the HTTP answer (see classifyDatabaseError). */
export type DatabaseFailure = 'unavailable' | 'invalid-characters';

// Prisma's codes for a database that cannot be reached or used right now: P1001 cannot reach,
// P1002 timed out, P1008 operation timed out, P1017 connection closed, P2024 pool timeout,
// P2028 transaction API error (no transaction could start in time: the embedded database's one
// connection was busy), P2037 too many connections.
const unavailableCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037']);
const unavailableKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);

/**
 * 'unavailable' when a query failed because the database is down, unreachable or saturated (the
 * same request may succeed later), 'invalid-characters' when PostgreSQL refused a value's
 * characters (NUL, SQLSTATE 22021 / 22P05); undefined for anything else (a bug: 500).
 */
export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code, meta } = error as { name?: unknown; code?: unknown; meta?: unknown };
  if (name === 'PrismaClientInitializationError') return 'unavailable';
  if (typeof code === 'string' && unavailableCodes.has(code)) return 'unavailable';
  const cause = (meta as { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } } | undefined)?.driverAdapterError?.cause;
  if (typeof cause?.kind === 'string' && unavailableKinds.has(cause.kind)) return 'unavailable';
  const sqlState = typeof cause?.originalCode === 'string' ? cause.originalCode : typeof cause?.code === 'string' ? cause.code : undefined;
  if (sqlState === '22021' || sqlState === '22P05') return 'invalid-characters';
  // Class 08: connection exception; 53: insufficient resources; 57P01-03: the server is shutting down or starting.
  if (sqlState !== undefined && (/^(08|53)/.test(sqlState) || /^57P0[123]$/.test(sqlState))) return 'unavailable';
  return undefined;
}

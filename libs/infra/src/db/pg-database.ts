// Small PostgreSQL administration helpers for migrations and tests: which database a URL names,
// creating and dropping databases, and explaining connection failures in one readable sentence.
import pg from 'pg';

/** Connecting to a server that does not answer should fail, not hang. */
export const PG_CONNECT_TIMEOUT_MS = 10_000;

/** An expected failure to reach or use PostgreSQL; `message` is meant for people, without a stack. */
export class PostgresUnavailableError extends Error {
  constructor(
    message: string,
    readonly address: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'PostgresUnavailableError';
  }
}

/** DATABASE_URL is not a PostgreSQL URL. */
export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUrlError';
  }
}

/** Reads a `postgres://` or `postgresql://` URL; throws a DatabaseUrlError for anything else. */
export function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(`Not a valid PostgreSQL URL: "${redactPassword(url)}" (expected postgresql://user[:password]@host[:port]/database)`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new DatabaseUrlError(`Not a PostgreSQL URL: "${redactPassword(url)}" (it must start with postgresql://)`);
  }
  return parsed;
}

/** The database a URL names (as libpq does: the user name when the path is empty). */
export function databaseNameOf(url: string): string {
  const parsed = parsePostgresUrl(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (name !== '') return name;
  const user = decodeURIComponent(parsed.username);
  return user === '' ? 'postgres' : user;
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = parsePostgresUrl(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** `host:port` for messages. */
export function serverAddressOf(url: string): string {
  const parsed = parsePostgresUrl(url);
  const socketHost = parsed.searchParams.get('host');
  const host = parsed.hostname === '' ? (socketHost ?? 'localhost') : parsed.hostname;
  return `${host}:${parsed.port === '' ? '5432' : parsed.port}`;
}

/** The URL without its password, for messages and logs. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}

/** `"name"`, with embedded quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs `work` with one short-lived connection; connection failures become PostgresUnavailableError. */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS });
  // A server going away after connect is reported through the query that fails, not as a crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw explainPgError(error, url);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function databaseExists(url: string, database = databaseNameOf(url)): Promise<boolean> {
  return withPgClient(withDatabase(url, 'postgres'), async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    return result.rowCount === 1;
  });
}

/**
 * Makes sure the database named by `url` exists: connects to it, and if PostgreSQL says it does not
 * exist (3D000), connects to the `postgres` maintenance database of the same server to create it.
 */
export async function ensureDatabase(url: string): Promise<'exists' | 'created'> {
  try {
    await withPgClient(url, () => Promise.resolve());
    return 'exists';
  } catch (error) {
    if (pgCodeOf(error instanceof PostgresUnavailableError ? error.cause : error) !== '3D000') throw error;
  }
  const database = databaseNameOf(url);
  await withPgClient(withDatabase(url, 'postgres'), async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
    } catch (error) {
      // Someone else created it in between: fine.
      if (pgCodeOf(error) === '42P04') return;
      throw explainPgError(error, url, `could not create database "${database}"`);
    }
  });
  return 'created';
}

/** Drops a database even if something is still connected to it (PostgreSQL 13+). */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withPgClient(withDatabase(serverUrl, 'postgres'), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
  });
}

export function pgCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node reports a refused connection to several addresses (e.g. ::1 and 127.0.0.1) as an AggregateError.
  const errors = (error as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.length > 0 ? pgCodeOf(errors[0]) : undefined;
}

/** Turns what `pg` throws into one sentence saying where, what happened, and what to check. */
export function explainPgError(error: unknown, url: string, doing = 'cannot use PostgreSQL'): PostgresUnavailableError {
  const address = serverAddressOf(url);
  const database = databaseNameOf(url);
  const user = decodeURIComponent(parsePostgresUrl(url).username) || '(default user)';
  const code = pgCodeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const where = `PostgreSQL at ${address}`;
  let message: string;
  switch (code) {
    case 'ECONNREFUSED':
      message = `Cannot reach ${where}: connection refused. Check that PostgreSQL is running and listening on ${address}, and that DATABASE_URL (${redactPassword(url)}) is right.`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      message = `Cannot reach ${where}: the host name does not resolve. Check the host in DATABASE_URL (${redactPassword(url)}).`;
      break;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      message = `Cannot reach ${where}: ${detail}. Check that the server is up and that nothing blocks the connection.`;
      break;
    case '3D000':
      message = `Database "${database}" does not exist on ${where}.`;
      break;
    case '28P01':
    case '28000':
      message = `${where} refused user "${user}": ${detail}. Check the user and password in DATABASE_URL.`;
      break;
    case '42501':
      message = `${where}: ${doing}: permission denied for user "${user}" (${detail}).`;
      break;
    case undefined:
    default:
      message =
        detail.includes('timeout') || detail.includes('terminated unexpectedly')
          ? `Cannot reach ${where}: ${detail}. Check that the server is up and that nothing blocks the connection.`
          : `${where}: ${doing}: ${detail}`;
  }
  return new PostgresUnavailableError(message, address, error);
}

// A migration-aware driver adapter factory for PostgreSQL through `pg`, for the WASM schema engine.
//
// It is @prisma/adapter-pg 7.10.1 with four corrections the schema engine needs:
//  1. Columns of PostgreSQL's one-byte `"char"` type (OID 18, e.g. pg_constraint.contype, which the
//     engine reads when it describes a database) are rejected by adapter-pg ("Column type 'char'
//     could not be deserialized"), and the engine reads them as a character, not as text. They are
//     reported as ColumnTypeEnum.Character here.
//  2. adapter-pg's executeScript splits a migration on every `;` and runs the pieces one by one, so a
//     failing migration is left half applied, and a `;` inside a string or a function body breaks
//     it. Here the script is sent whole, as one simple query, as the native engine does: PostgreSQL
//     runs it in one implicit transaction (all or nothing).
//  3. adapter-pg's connectToShadowDb keeps `connectionString` next to the new `database`, and `pg`
//     lets the connection string win: the "shadow" database would be the main one. It also drops
//     the shadow database before closing its pool, which fails. Here the shadow database gets its
//     own URL, and is dropped (WITH (FORCE)) after its pool is closed.
//  4. One connection per adapter (pool size 1), like the native engine: applying migrations takes
//     a session-level advisory lock (pg_advisory_lock, never unlocked until the session ends) and
//     the next run in the same engine takes it again, which on another pooled connection would
//     wait for the first and fail after 10 s (P1002).
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PG_CONNECT_TIMEOUT_MS, dropDatabase, explainPgError, parsePostgresUrl, quoteIdentifier, withDatabase, withPgClient } from './pg-database.js';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** Result rows that had `"char"` columns, and at which positions (keyed by the rows array pg returned). */
const charColumnsOfRows = new WeakMap<object, number[]>();

export interface PgMigrationAdapterOptions {
  /** Prefix of the temporary shadow databases (a UUID is appended). */
  shadowDatabasePrefix?: string;
}

/**
 * The adapter factory to give PrismaSchemaEngine for a PostgreSQL URL. A `?schema=` parameter in the
 * URL selects the PostgreSQL schema, as in Prisma's URLs (default `public`).
 */
export function createPgMigrationAdapterFactory(
  databaseUrl: string,
  options: PgMigrationAdapterOptions = {},
): SqlMigrationAwareDriverAdapterFactory {
  const { pgUrl, schema } = splitSchemaParameter(databaseUrl);
  const shadowPrefix = options.shadowDatabasePrefix ?? 'prisma_migrate_shadow_db_';
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => PgMigrationAdapter.open(pgUrl, schema),
    connectToShadowDb: async () => {
      const shadowDatabase = `${shadowPrefix}${randomUUID()}`;
      await withPgClient(pgUrl, async (client) => {
        try {
          await client.query(`CREATE DATABASE ${quoteIdentifier(shadowDatabase)}`);
        } catch (error) {
          throw explainPgError(error, pgUrl, 'cannot create the temporary shadow database (the user needs CREATEDB)');
        }
      });
      return PgMigrationAdapter.open(withDatabase(pgUrl, shadowDatabase), schema, () => dropDatabase(pgUrl, shadowDatabase));
    },
  };
  return factory;
}

class PgMigrationAdapter implements SqlDriverAdapter {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';

  private constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly pool: pg.Pool,
    private readonly afterDispose: (() => Promise<void>) | undefined,
  ) {}

  static async open(url: string, schema: string | undefined, afterDispose?: () => Promise<void>): Promise<PgMigrationAdapter> {
    const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS });
    pool.on('connect', reportCharColumns);
    const inner = await new PrismaPg(pool, { disposeExternalPool: true, ...(schema === undefined ? {} : { schema }) }).connect();
    return new PgMigrationAdapter(inner, pool, afterDispose);
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return queryWithCharColumns(this.inner, query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  async executeScript(script: string): Promise<void> {
    try {
      await this.pool.query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return new PgMigrationTransaction(await this.inner.startTransaction(isolationLevel));
  }

  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  async dispose(): Promise<void> {
    try {
      await this.inner.dispose();
    } finally {
      await this.afterDispose?.();
    }
  }
}

class PgMigrationTransaction implements Transaction {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';

  constructor(private readonly inner: Transaction) {}

  get options(): Transaction['options'] {
    return this.inner.options;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return queryWithCharColumns(this.inner, query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  commit(): Promise<void> {
    return this.inner.commit();
  }

  rollback(): Promise<void> {
    return this.inner.rollback();
  }

  async createSavepoint(name: string): Promise<void> {
    await (this.inner.createSavepoint?.(name) ?? this.inner.executeRaw(rawSql(`SAVEPOINT ${name}`)));
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await (this.inner.rollbackToSavepoint?.(name) ?? this.inner.executeRaw(rawSql(`ROLLBACK TO SAVEPOINT ${name}`)));
  }

  async releaseSavepoint(name: string): Promise<void> {
    await (this.inner.releaseSavepoint?.(name) ?? this.inner.executeRaw(rawSql(`RELEASE SAVEPOINT ${name}`)));
  }
}

function rawSql(sql: string): SqlQuery {
  return { sql, args: [], argTypes: [] };
}

async function queryWithCharColumns(queryable: SqlQueryable, query: SqlQuery): Promise<SqlResultSet> {
  const result = await queryable.queryRaw(query);
  const charColumns = charColumnsOfRows.get(result.rows);
  if (charColumns !== undefined) {
    for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character;
  }
  return result;
}

/**
 * Makes every query of a pooled connection report `"char"` columns as text (which adapter-pg
 * accepts), remembering their positions for queryWithCharColumns. The values themselves are
 * already one-character strings.
 */
function reportCharColumns(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const patched = (...args: unknown[]): unknown => {
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (error: Error | null, result: unknown) => void;
      args[callbackIndex] = (error: Error | null, result: unknown) => {
        if (error === null) markCharColumns(result);
        callback(error, result);
      };
      return query(...args);
    }
    const returned = query(...args);
    if (returned instanceof Promise) {
      return returned.then((result: unknown) => {
        markCharColumns(result);
        return result;
      });
    }
    return returned;
  };
  client.query = patched as typeof client.query;
}

function markCharColumns(result: unknown): void {
  // A script of several statements yields one result per statement.
  for (const single of Array.isArray(result) ? (result as unknown[]) : [result]) {
    if (typeof single !== 'object' || single === null) continue;
    const { fields, rows } = single as Partial<pg.QueryResult>;
    if (!Array.isArray(fields) || !Array.isArray(rows)) continue;
    const positions: number[] = [];
    fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        positions.push(index);
      }
    });
    if (positions.length > 0) charColumnsOfRows.set(rows, positions);
  }
}

/** What adapter-pg reports for a database error, so the engine shows PostgreSQL's message. */
function toDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code ?? 'N/A',
    severity: error.severity ?? 'N/A',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

/** Prisma URLs may carry `?schema=`; `pg` does not know it, adapter-pg takes it as an option. */
function splitSchemaParameter(databaseUrl: string): { pgUrl: string; schema: string | undefined } {
  const parsed = parsePostgresUrl(databaseUrl);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  return { pgUrl: parsed.toString(), schema };
}

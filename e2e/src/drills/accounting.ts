// Counts straight from the drill's database and log, the same for every drill.
import pg from 'pg';
import type { PostOutcome } from './ledger.js';

export async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** How many of `ids` the table holds in `column`. */
export async function countIn(url: string, table: 'applied_events' | 'changes' | 'articles', column: string, ids: readonly string[]): Promise<number> {
  const rows = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM ${table} WHERE "${column}" = ANY($1)`, [ids]);
  return rows[0]?.n ?? 0;
}

/** Until the ingestor's outbox has sent every entry (or the time is up); the entries still unsent. */
export async function waitOutboxDrained(url: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let unsent = -1;
  while (Date.now() < deadline) {
    unsent = await sql<{ n: number }>(url, 'SELECT count(*)::int AS n FROM article_outbox WHERE sent_at IS NULL').then((r) => r[0]?.n ?? 0, () => -1);
    if (unsent === 0) return 0;
    await new Promise((r) => setTimeout(r, 500));
  }
  return unsent;
}

/** The event ids of every article answered 202. */
export const acknowledgedEvents = (outcomes: readonly PostOutcome[]): string[] => outcomes.filter((o) => o.status === 202).flatMap((o) => o.eventIds);

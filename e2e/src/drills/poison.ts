// Drill: records on the event topic that are not events Talkwatch can fold (bytes that are not
// UTF-8, broken JSON, an unknown type, a schema violation, text PostgreSQL cannot store, a date
// that is no date). Each must be moved to the dead-letter topic with its bytes and the reason,
// the partition must go on to the valid event after them, and health must count them.
import pg from 'pg';
import { waitFor } from '../harness/ports.js';
import { DrillApp, readinessOf } from './apps.js';
import { drillArticle } from './articles.js';
import { postArticles } from './ledger.js';
import type { DrillReport } from './report.js';
import { startSinks, stackEnv } from './stack.js';
import { produceRaw, readTopic } from './topic.js';

export interface PoisonOptions {
  /** 'kafka': ingestor and notifier apart over Kafka; 'embedded': the all-in-one app with the log in PostgreSQL. */
  readonly log: 'kafka' | 'embedded';
  readonly databaseUrl: string;
  readonly brokers?: string;
}

interface Poison {
  readonly name: string;
  readonly value: Buffer;
}

/** The poison records, each a variation of a valid event (its id changed, so no id is reused). */
function poisonsFrom(valid: Record<string, unknown>, withBytes: boolean): Poison[] {
  const variant = (name: string, change: (e: Record<string, unknown>) => void): Poison => {
    const copy = structuredClone(valid);
    copy.id = `drill-poison-${name}`;
    change(copy);
    return { name, value: Buffer.from(JSON.stringify(copy)) };
  };
  const metadata = (e: Record<string, unknown>) => e.metadata as Record<string, unknown>;
  const data = (e: Record<string, unknown>) => e.data as Record<string, unknown>;
  return [
    ...(withBytes ? [{ name: 'not-utf8', value: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) }] : []),
    { name: 'broken-json', value: Buffer.from('{"id":"drill-poison-broken","type":"RoundReported","data":{') },
    variant('unknown-type', (e) => { e.type = 'RoundRumoured'; }),
    variant('invalid-schema', (e) => { data(e).parties = ['Serbia']; }),
    variant('nul-character', (e) => { (metadata(e).source as Record<string, unknown>).title = 'a title with a \u0000 in it'; }),
    variant('not-a-date', (e) => { metadata(e).occurredAt = 'some day soon'; }),
  ];
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function poisonDrill(report: DrillReport, options: PoisonOptions): Promise<void> {
  const sinks = await startSinks();
  const stack = await stackEnv({ databaseUrl: options.databaseUrl, ...(options.log === 'kafka' && options.brokers ? { brokers: options.brokers, partitions: 2 } : {}), sinks });
  const apps: DrillApp[] = [];
  try {
    let ingestUrl: string;
    let notifier: DrillApp;
    if (options.log === 'kafka') {
      const ingestor = await DrillApp.start('ingestor', 'ingestor', stack.env);
      apps.push(ingestor);
      notifier = await DrillApp.start('notifier', 'notifier', stack.env);
      apps.push(notifier);
      ingestUrl = ingestor.baseUrl;
    } else {
      notifier = await DrillApp.start('talkwatch', 'talkwatch', stack.env, { drop: ['KAFKA_BROKERS'] });
      apps.push(notifier);
      ingestUrl = notifier.baseUrl;
    }
    report.did.push(`started ${apps.map((a) => a.name).join(' + ')} (${options.log === 'kafka' ? `Kafka topic ${stack.topic}` : 'log in PostgreSQL'})`);

    const applied = async (eventIds: readonly string[]) =>
      (await sql<{ n: number }>(options.databaseUrl, 'SELECT count(*)::int AS n FROM applied_events WHERE "eventId" = ANY($1)', [eventIds]))[0]?.n ?? 0;
    // Article 0 and article 16 are about the same pair: one track, one partition, one key.
    const [first] = await postArticles(ingestUrl, [drillArticle(0, stack.groupId)]);
    if (first?.status !== 202) throw new Error(`the first article was answered ${first?.status}`);
    await waitFor('the first article projected', async () => ((await applied(first.eventIds)) === first.eventIds.length ? true : undefined), 90_000, 250);

    const records = options.log === 'kafka' && options.brokers
      ? (await readTopic(options.brokers, stack.topic)).map((r) => ({ key: r.key, value: r.value.toString('utf8') }))
      : await sql<{ key: string; value: string }>(options.databaseUrl, 'SELECT key, value FROM event_log WHERE topic = $1 ORDER BY "offset"', [stack.topic]);
    const valid = records[0];
    if (!valid) throw new Error('no event in the log after the first article');
    const poisons = poisonsFrom(JSON.parse(valid.value) as Record<string, unknown>, options.log === 'kafka');
    if (options.log === 'kafka' && options.brokers) {
      await produceRaw(options.brokers, stack.topic, poisons.map((p) => ({ key: valid.key, value: p.value, headers: { 'drill-poison': p.name } })));
    } else {
      for (const p of poisons) {
        await sql(options.databaseUrl, 'INSERT INTO event_log (topic, key, value, headers) VALUES ($1, $2, $3, $4)', [stack.topic, valid.key, p.value.toString('utf8'), JSON.stringify({ 'drill-poison': p.name })]);
      }
    }
    report.did.push(`appended ${poisons.length} poison record(s) under the first event's key: ${poisons.map((p) => p.name).join(', ')}`);

    const [second] = await postArticles(ingestUrl, [drillArticle(16, stack.groupId)]);
    if (second?.status !== 202) throw new Error(`the second article was answered ${second?.status}`);
    report.did.push('posted a valid article about the same pair (same key, after the poison)');
    const goesOn = await waitFor('the article after the poison projected', async () => ((await applied(second.eventIds)) === second.eventIds.length ? true : undefined), 60_000, 250).then(() => true, () => false);
    report.counted.validAfterPoisonProjected = goesOn;
    if (!goesOn) report.problems.push('the partition stopped: the valid event after the poison records was not projected within 60 s');

    const dlqTopic = `${stack.topic}.dlq`;
    const deadLetters = await waitFor('the dead letters', async () => {
      const found = options.log === 'kafka' && options.brokers
        ? (await readTopic(options.brokers, dlqTopic).catch(() => [])).map((r) => ({ value: r.value, headers: r.headers }))
        : (await sql<{ value: string; headers: Record<string, string> }>(options.databaseUrl, 'SELECT value, headers FROM event_log WHERE topic = $1 ORDER BY "offset"', [dlqTopic])).map((r) => ({ value: Buffer.from(r.value), headers: r.headers }));
      return found.length >= poisons.length ? found : undefined;
    }, 30_000, 500).catch(() => [] as { value: Buffer; headers: Record<string, string> }[]);
    report.counted.poisonRecords = poisons.length;
    report.counted.deadLettered = deadLetters.length;
    const byName = new Map(deadLetters.map((d) => [d.headers['drill-poison'], d]));
    let intact = 0;
    for (const p of poisons) {
      const letter = byName.get(p.name);
      if (!letter) {
        report.problems.push(`${p.name}: not in ${dlqTopic}`);
        continue;
      }
      if (!letter.value.equals(p.value)) report.problems.push(`${p.name}: its bytes changed on the way to ${dlqTopic}`);
      else intact += 1;
      if (!letter.headers['dead-letter-reason']) report.problems.push(`${p.name}: no dead-letter-reason header`);
    }
    report.counted.deadLettersByteForByte = intact;
    report.counted.reasons = deadLetters.map((d) => `${d.headers['drill-poison'] ?? '?'}: ${(d.headers['dead-letter-reason'] ?? '(none)').slice(0, 80)}`).join(' | ');

    const health = await readinessOf(notifier);
    const count = health?.details?.projection?.deadLettered;
    report.counted.healthDeadLettered = count ?? 'absent';
    report.counted.healthStatus = `${health?.httpStatus ?? 'no answer'} ${health?.checks.projection ?? ''}`;
    if (count !== poisons.length) report.problems.push(`/health/ready counts ${count ?? 'no'} dead letter(s), not ${poisons.length}`);
    // The same count on /metrics (talkwatch_dead_letters_total), for a monitor that alerts on it.
    const exposition = await fetch(`${notifier.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.text(), () => '');
    const metric = /^talkwatch_dead_letters_total (\d+(?:\.\d+)?)$/m.exec(exposition)?.[1];
    report.counted.metricDeadLetters = metric === undefined ? 'absent' : Number(metric);
    if (metric === undefined || Number(metric) !== poisons.length) report.problems.push(`/metrics counts ${metric ?? 'no'} dead letter(s), not ${poisons.length}`);
    const stuck = await sql<{ n: number }>(options.databaseUrl, 'SELECT count(*)::int AS n FROM applied_events WHERE "eventId" LIKE $1', ['drill-poison-%']);
    report.counted.poisonApplied = stuck[0]?.n ?? 0;
    if ((stuck[0]?.n ?? 0) > 0) report.problems.push(`${stuck[0]?.n ?? 0} poison record(s) were folded into the read model`);
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await sinks.close();
    await stack.cleanup();
  }
}

// Drill: two notifiers in one consumer group share the partitions; one is SIGKILLed and not
// started again. The other must take its partitions over (once the dead member's session ends),
// and every change must be alerted once: no change lost, none alerted twice.
import { DrillApp, readinessOf } from './apps.js';
import { acknowledgedEvents, countIn } from './accounting.js';
import { drillArticle } from './articles.js';
import { alertProblems, countAlerts, expectedAlerts, noAnswerErrors, postArticles, statusCounts, subscribeBoth, waitDelivered } from './ledger.js';
import { sleep, type DrillReport } from './report.js';
import { sessionEnv, startSinks, stackEnv } from './stack.js';
import { readTopic } from './topic.js';

export interface GroupFailoverOptions {
  readonly databaseUrl: string;
  readonly brokers: string;
  readonly articles: number;
  readonly partitions?: number;
  readonly settleMs?: number;
  /** KAFKA_SESSION_TIMEOUT_MS of the notifiers (their default: 30 s). */
  readonly sessionTimeoutMs?: number;
}

/** The partitions a notifier's log says it applied records of ("applied … topic/P@offset"). */
function partitionsIn(output: string, topic: string): Set<number> {
  const found = new Set<number>();
  const pattern = new RegExp(`${topic.replace(/\./g, '\\.')}/(\\d+)@`, 'g');
  for (const match of output.matchAll(pattern)) found.add(Number(match[1]));
  return found;
}

export async function groupFailoverDrill(report: DrillReport, options: GroupFailoverOptions): Promise<void> {
  const partitions = options.partitions ?? 4;
  const sinks = await startSinks(10);
  const stack = await stackEnv({ databaseUrl: options.databaseUrl, brokers: options.brokers, partitions, sinks, ...sessionEnv(options.sessionTimeoutMs) });
  const apps: DrillApp[] = [];
  try {
    const ingestor = await DrillApp.start('ingestor', 'ingestor', stack.env);
    apps.push(ingestor);
    const survivor = await DrillApp.start('notifier A', 'notifier', stack.env);
    apps.push(survivor);
    const victim = await DrillApp.start('notifier B', 'notifier', stack.env);
    apps.push(victim);
    await subscribeBoth(survivor.baseUrl, sinks.receiver, sinks.smtp);
    // Both members consume before the burst: each holds some of the partitions.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const states = await Promise.all([survivor, victim].map((a) => readinessOf(a)));
      if (states.every((s) => s?.checks.projection?.startsWith('consuming'))) break;
      await sleep(250);
    }
    report.did.push(`started ingestor + notifiers A and B in group ${stack.groupId} (${partitions} partitions)`);

    const articles = Array.from({ length: options.articles }, (_, n) => drillArticle(n, stack.groupId));
    const posting = postArticles(ingestor.baseUrl, articles, { concurrency: 8 });
    const killAt = Math.round(options.articles / 3);
    while (sinks.receiver.received.length < killAt && Date.now() < deadline + 240_000) await sleep(20);
    const beforeA = partitionsIn(survivor.output(), stack.topic);
    const beforeB = partitionsIn(victim.output(), stack.topic);
    const killedAt = Date.now();
    await victim.kill();
    report.did.push(`SIGKILLed notifier B at ${sinks.receiver.received.length} webhooks, not started again; A had applied partitions [${[...beforeA].join(',')}], B [${[...beforeB].join(',')}]`);
    const outcomes = await posting;
    report.counted.articlesPosted = outcomes.length;
    report.counted.answers = JSON.stringify(statusCounts(outcomes));
    report.counted.noAnswer = noAnswerErrors(outcomes);

    // The takeover: A applies records of a partition only B had.
    let takeoverMs: number | undefined;
    const onlyB = [...beforeB].filter((p) => !beforeA.has(p));
    while (takeoverMs === undefined && Date.now() - killedAt < 120_000) {
      const now = partitionsIn(survivor.output(), stack.topic);
      if (onlyB.length === 0 || onlyB.some((p) => now.has(p))) takeoverMs = Date.now() - killedAt;
      else await sleep(250);
    }
    report.counted.takeoverSeconds = takeoverMs === undefined ? 'never (120 s)' : Math.round(takeoverMs / 100) / 10;
    const records = await readTopic(options.brokers, stack.topic);
    const expected = expectedAlerts(records);
    report.counted.changesExpected = expected.length;
    const delivered = await waitDelivered(options.databaseUrl, expected.length, options.settleMs ?? 240_000);
    await sleep(5000);
    const afterA = partitionsIn(survivor.output(), stack.topic);
    report.counted.partitionsOfAAfter = [...afterA].sort().join(',');
    report.counted.partitionsTakenOver = onlyB.filter((p) => afterA.has(p)).length;
    report.counted.deliveries = JSON.stringify(delivered);
    const acknowledged = acknowledgedEvents(outcomes);
    report.counted.eventsProjected = await countIn(options.databaseUrl, 'applied_events', 'eventId', acknowledged);
    report.counted.changesProjected = await countIn(options.databaseUrl, 'changes', 'id', expected.map((c) => c.id));
    const count = countAlerts(expected, sinks.receiver.received, sinks.smtp);
    Object.assign(report.counted, count);
    if (onlyB.length > 0 && report.counted.partitionsTakenOver !== onlyB.length) report.problems.push(`A took over ${String(report.counted.partitionsTakenOver)} of B's ${onlyB.length} partition(s)`);
    if (onlyB.length === 0) report.problems.push('B held no partition of its own before the kill: the drill proves nothing');
    if (report.counted.eventsProjected !== acknowledged.length) report.problems.push(`${acknowledged.length - report.counted.eventsProjected} acknowledged event(s) not projected`);
    if (report.counted.changesProjected !== expected.length) report.problems.push(`${expected.length - report.counted.changesProjected} change(s) lost`);
    report.problems.push(...alertProblems(count, 1));
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await sinks.close();
    await stack.cleanup();
  }
}

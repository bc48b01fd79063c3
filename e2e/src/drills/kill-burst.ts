// Drill: the notifier SIGKILLed again and again in the middle of a burst of articles, and started
// again each time. Afterwards every change the log gives must have been alerted: each by one
// email (no Message-ID twice) and by webhook, a webhook repeated only under the same webhook-id.
import { DrillApp } from './apps.js';
import { acknowledgedEvents, countIn } from './accounting.js';
import { drillArticle } from './articles.js';
import { alertProblems, countAlerts, expectedAlerts, noAnswerErrors, postArticles, statusCounts, subscribeBoth, waitDelivered } from './ledger.js';
import { sleep, type DrillReport } from './report.js';
import { sessionEnv, startSinks, stackEnv } from './stack.js';
import { readTopic } from './topic.js';

export interface KillBurstOptions {
  readonly databaseUrl: string;
  readonly brokers: string;
  readonly articles: number;
  readonly kills: number;
  /** How long the whole burst may take to be delivered after the last kill. */
  readonly settleMs?: number;
  /** KAFKA_SESSION_TIMEOUT_MS of the notifiers (their default: 30 s). */
  readonly sessionTimeoutMs?: number;
}

export async function killBurstDrill(report: DrillReport, options: KillBurstOptions): Promise<void> {
  // A receiver that takes a moment to answer, so that some webhooks are in flight at each kill.
  const sinks = await startSinks(25);
  const stack = await stackEnv({ databaseUrl: options.databaseUrl, brokers: options.brokers, partitions: 3, sinks, ...sessionEnv(options.sessionTimeoutMs) });
  const apps: DrillApp[] = [];
  try {
    const ingestor = await DrillApp.start('ingestor', 'ingestor', stack.env);
    apps.push(ingestor);
    const notifier = await DrillApp.start('notifier', 'notifier', stack.env);
    apps.push(notifier);
    await subscribeBoth(notifier.baseUrl, sinks.receiver, sinks.smtp);
    report.did.push(`started ingestor + notifier on Kafka (topic ${stack.topic}, 3 partitions); a webhook and a confirmed email subscription`);

    const articles = Array.from({ length: options.articles }, (_, n) => drillArticle(n, stack.groupId));
    let answered = 0;
    const posting = postArticles(ingestor.baseUrl, articles, { concurrency: 8, onAnswer: (_o, done) => { answered = done; } });
    report.did.push(`posting ${options.articles} articles, 8 at a time (one new round each)`);

    // Kill at evenly spread points of the alerts arriving: each kill waits for fresh progress.
    const killsAt = Array.from({ length: options.kills }, (_, i) => Math.round(((i + 1) * options.articles) / (options.kills + 1)));
    const killed: string[] = [];
    for (const [i, at] of killsAt.entries()) {
      const deadline = Date.now() + 240_000;
      while (sinks.receiver.received.length < at && Date.now() < deadline) await sleep(20);
      const inFlight = sinks.receiver.received.length;
      const code = await notifier.kill();
      killed.push(`#${i + 1} at ${inFlight} webhooks, ${answered} articles answered (${String(code)})`);
      await notifier.launch();
    }
    report.did.push(`SIGKILLed the notifier ${killed.length} times, each started again at once: ${killed.join('; ')}`);
    const outcomes = await posting;
    report.counted.articlesPosted = outcomes.length;
    report.counted.answers = JSON.stringify(statusCounts(outcomes));
    report.counted.noAnswer = noAnswerErrors(outcomes);

    const records = await readTopic(options.brokers, stack.topic);
    const expected = expectedAlerts(records);
    report.counted.eventsInLog = records.length;
    report.counted.changesExpected = expected.length;
    const acknowledged = acknowledgedEvents(outcomes);
    const delivered = await waitDelivered(options.databaseUrl, expected.length, options.settleMs ?? 300_000);
    // Anything still to come would be a duplicate: give it the time of a delivery lease.
    await sleep(5000);
    report.counted.eventsProjected = await countIn(options.databaseUrl, 'applied_events', 'eventId', acknowledged);
    report.counted.changesProjected = await countIn(options.databaseUrl, 'changes', 'id', expected.map((c) => c.id));
    report.counted.deliveries = JSON.stringify(delivered);
    const count = countAlerts(expected, sinks.receiver.received, sinks.smtp);
    Object.assign(report.counted, count);
    report.counted.notifierStarts = notifier.starts;
    if (report.counted.eventsProjected !== acknowledged.length) report.problems.push(`${acknowledged.length - report.counted.eventsProjected} acknowledged event(s) not projected`);
    if (report.counted.changesProjected !== expected.length) report.problems.push(`${expected.length - report.counted.changesProjected} change(s) lost`);
    report.problems.push(...alertProblems(count, options.kills));
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await sinks.close();
    await stack.cleanup();
  }
}

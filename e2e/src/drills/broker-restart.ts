// Drill: the Kafka broker stopped and started again while articles keep coming in. Every article
// answered 202 must have its events in the log afterwards (the outbox relay retries), and the
// notifier must go on projecting them.
import { DrillApp } from './apps.js';
import { acknowledgedEvents, countIn, waitOutboxDrained } from './accounting.js';
import { drillArticle } from './articles.js';
import { eventIdsIn, noAnswerErrors, postArticles, statusCounts, type PostOutcome } from './ledger.js';
import { sleep, type DrillReport } from './report.js';
import type { KafkaBroker } from './services.js';
import { startSinks, stackEnv } from './stack.js';
import { readTopic } from './topic.js';

export interface BrokerRestartOptions {
  readonly databaseUrl: string;
  readonly broker: KafkaBroker;
  /** Articles per second, for `seconds`. */
  readonly rate: number;
  readonly seconds: number;
  /** How long the broker stays down. */
  readonly downSeconds: number;
}

export async function brokerRestartDrill(report: DrillReport, options: BrokerRestartOptions): Promise<void> {
  const brokers = options.broker.brokers;
  const sinks = await startSinks();
  const stack = await stackEnv({ databaseUrl: options.databaseUrl, brokers, partitions: 3, sinks });
  const apps: DrillApp[] = [];
  try {
    const ingestor = await DrillApp.start('ingestor', 'ingestor', stack.env);
    apps.push(ingestor);
    const notifier = await DrillApp.start('notifier', 'notifier', stack.env);
    apps.push(notifier);
    report.did.push(`started ingestor + notifier on the drill's own broker ${brokers} (topic ${stack.topic})`);

    const total = options.rate * options.seconds;
    const articles = Array.from({ length: total }, (_, n) => drillArticle(n, stack.groupId));
    const started = Date.now();
    const during: PostOutcome[] = [];
    let down = false;
    const posting = postArticles(ingestor.baseUrl, articles, {
      concurrency: 4,
      gapMs: Math.round((4 * 1000) / options.rate),
      onAnswer: (o) => {
        if (down) during.push(o);
      },
    });
    await sleep((options.seconds * 1000) / 3);
    down = true;
    const stoppedAt = Date.now();
    options.broker.stop();
    report.did.push(`stopped the broker ${Math.round((stoppedAt - started) / 1000)} s into ${total} articles at ${options.rate}/s (clean shutdown took ${Math.round((Date.now() - stoppedAt) / 100) / 10} s)`);
    await sleep(Math.max(0, options.downSeconds * 1000 - (Date.now() - stoppedAt)));
    const restartAt = Date.now();
    options.broker.start();
    down = false;
    report.did.push(`started it again after ${Math.round((restartAt - stoppedAt) / 1000)} s down (answering ${Math.round((Date.now() - restartAt) / 100) / 10} s later)`);
    const outcomes = await posting;
    report.counted.articlesPosted = outcomes.length;
    report.counted.answers = JSON.stringify(statusCounts(outcomes));
    report.counted.noAnswer = noAnswerErrors(outcomes);
    report.counted.answersWhileDown = JSON.stringify(statusCounts(during));

    const unsent = await waitOutboxDrained(options.databaseUrl, 180_000);
    report.counted.outboxUnsentAfter = unsent;
    const records = await readTopic(brokers, stack.topic);
    const inLog = eventIdsIn(records);
    const acknowledged = acknowledgedEvents(outcomes);
    const missing = acknowledged.filter((id) => !inLog.has(id));
    report.counted.eventsAcknowledged = acknowledged.length;
    report.counted.recordsInLog = records.length;
    report.counted.eventsInLog = inLog.size;
    report.counted.appendedTwice = records.length - inLog.size;
    report.counted.acknowledgedMissingFromLog = missing.length;
    if (missing.length > 0) report.problems.push(`${missing.length} event(s) of articles answered 202 are not in the log`);
    if (unsent !== 0) report.problems.push(`the outbox still holds ${unsent} unsent entr(y/ies) 180 s after the restart`);
    const deadline = Date.now() + 180_000;
    let projected = 0;
    while (Date.now() < deadline) {
      projected = await countIn(options.databaseUrl, 'applied_events', 'eventId', acknowledged);
      if (projected === acknowledged.length) break;
      await sleep(1000);
    }
    report.counted.eventsProjected = projected;
    if (projected !== acknowledged.length) report.problems.push(`${acknowledged.length - projected} acknowledged event(s) not projected 180 s after the restart`);
    report.counted.appsRestarted = apps.filter((a) => a.starts > 1).length;
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await sinks.close();
    await stack.cleanup();
  }
}

// Drill: PostgreSQL (a cluster of the drill's own) stopped for a while under a steady stream of
// articles. Both apps must say they are unready meanwhile, be ready again on their own once it is
// back (no restart), and have lost nothing they acknowledged: every article answered 202 stored,
// its events in the log and projected, every change alerted.
import { DrillApp, readinessOf } from './apps.js';
import { acknowledgedEvents, countIn, waitOutboxDrained } from './accounting.js';
import { drillArticle } from './articles.js';
import { alertProblems, countAlerts, expectedAlerts, noAnswerErrors, postArticles, statusCounts, subscribeBoth, waitDelivered, type PostOutcome } from './ledger.js';
import { sleep, type DrillReport } from './report.js';
import type { PostgresCluster } from './services.js';
import { startSinks, stackEnv } from './stack.js';
import { readTopic } from './topic.js';

export interface PostgresOutageOptions {
  readonly cluster: PostgresCluster;
  readonly brokers: string;
  readonly rate: number;
  readonly downSeconds: number;
}

export async function postgresOutageDrill(report: DrillReport, options: PostgresOutageOptions): Promise<void> {
  const databaseUrl = await options.cluster.createDatabase(`talkwatch_drill_${Date.now().toString(36)}`);
  const sinks = await startSinks();
  const stack = await stackEnv({ databaseUrl, brokers: options.brokers, partitions: 3, sinks });
  const apps: DrillApp[] = [];
  try {
    const ingestor = await DrillApp.start('ingestor', 'ingestor', stack.env);
    apps.push(ingestor);
    const notifier = await DrillApp.start('notifier', 'notifier', stack.env);
    apps.push(notifier);
    await subscribeBoth(notifier.baseUrl, sinks.receiver, sinks.smtp);
    report.did.push(`started ingestor + notifier on the drill's own PostgreSQL (port ${options.cluster.port}) and Kafka`);

    // Articles before, during and after the outage: 10 s, the outage, 10 s.
    const total = Math.round(options.rate * (options.downSeconds + 20));
    const articles = Array.from({ length: total }, (_, n) => drillArticle(n, stack.groupId));
    const during: PostOutcome[] = [];
    let down = false;
    const posting = postArticles(ingestor.baseUrl, articles, {
      concurrency: 4,
      gapMs: Math.round((4 * 1000) / options.rate),
      onAnswer: (o) => {
        if (down) during.push(o);
      },
    });
    await sleep(10_000);
    down = true;
    const stoppedAt = Date.now();
    options.cluster.stop();
    report.did.push(`stopped PostgreSQL (fast shutdown) with ${total} articles at ${options.rate}/s under way`);
    const unready: Record<string, { polls: number; unready: number; noAnswer: number; firstUnreadyS?: number }> = {};
    for (const app of apps) unready[app.name] = { polls: 0, unready: 0, noAnswer: 0 };
    while (Date.now() - stoppedAt < options.downSeconds * 1000) {
      await Promise.all(
        apps.map(async (app) => {
          const state = await readinessOf(app);
          const entry = unready[app.name];
          if (!entry) return;
          entry.polls += 1;
          if (!state) entry.noAnswer += 1;
          else if (state.httpStatus !== 200) {
            entry.unready += 1;
            entry.firstUnreadyS ??= Math.round((Date.now() - stoppedAt) / 100) / 10;
          }
        }),
      );
      await sleep(1000);
    }
    options.cluster.start();
    const startedAt = Date.now();
    down = false;
    report.did.push(`started PostgreSQL again after ${Math.round((startedAt - stoppedAt) / 1000)} s`);
    const readyAgain: Record<string, number | string> = {};
    await Promise.all(
      apps.map(async (app) => {
        while (Date.now() - startedAt < 120_000) {
          const state = await readinessOf(app);
          if (state?.httpStatus === 200) {
            readyAgain[app.name] = Math.round((Date.now() - startedAt) / 100) / 10;
            return;
          }
          await sleep(250);
        }
        readyAgain[app.name] = 'not within 120 s';
      }),
    );
    report.counted.readinessWhileDown = JSON.stringify(unready);
    report.counted.readyAgainSeconds = JSON.stringify(readyAgain);
    for (const app of apps) {
      const entry = unready[app.name];
      if (!entry || entry.unready === 0) report.problems.push(`${app.name} never said it was unready while PostgreSQL was down`);
      if (entry && entry.noAnswer > 0) report.problems.push(`${app.name} did not answer /health/ready ${entry.noAnswer} time(s) while PostgreSQL was down`);
      if (typeof readyAgain[app.name] !== 'number') report.problems.push(`${app.name} was not ready again within 120 s`);
      if (!app.running() || app.starts > 1) report.problems.push(`${app.name} had to be restarted`);
    }

    const outcomes = await posting;
    report.counted.articlesPosted = outcomes.length;
    report.counted.answers = JSON.stringify(statusCounts(outcomes));
    report.counted.noAnswer = noAnswerErrors(outcomes);
    report.counted.answersWhileDown = JSON.stringify(statusCounts(during));
    const accepted = outcomes.filter((o) => o.status === 202);
    report.counted.acknowledgedStored = await countIn(databaseUrl, 'articles', 'id', accepted.map((o) => o.articleId ?? ''));
    if (report.counted.acknowledgedStored !== accepted.length) report.problems.push(`${accepted.length - report.counted.acknowledgedStored} article(s) answered 202 are not stored`);
    report.counted.outboxUnsentAfter = await waitOutboxDrained(databaseUrl, 120_000);
    const records = await readTopic(options.brokers, stack.topic);
    const expected = expectedAlerts(records);
    const delivered = await waitDelivered(databaseUrl, expected.length, 240_000);
    await sleep(5000);
    const acknowledged = acknowledgedEvents(outcomes);
    report.counted.eventsAcknowledged = acknowledged.length;
    report.counted.eventsProjected = await countIn(databaseUrl, 'applied_events', 'eventId', acknowledged);
    report.counted.deliveries = JSON.stringify(delivered);
    if (report.counted.eventsProjected !== acknowledged.length) report.problems.push(`${acknowledged.length - report.counted.eventsProjected} acknowledged event(s) not projected`);
    const count = countAlerts(expected, sinks.receiver.received, sinks.smtp);
    Object.assign(report.counted, count);
    report.problems.push(...alertProblems(count));
  } finally {
    for (const app of apps.reverse()) await app.stop();
    await sinks.close();
    await stack.cleanup();
  }
}

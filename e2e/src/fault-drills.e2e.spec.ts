// The short fault drills of `npm run drills` (e2e/src/drills), run small enough for every test
// run: poison records dead-lettered on both log adapters, a consumer group's member killed and
// its partitions taken over, one SIGKILL of the notifier in the middle of a burst of articles.
// The notifiers' group session is 10 s here (30 s by default) so that a takeover fits the test.
// Each drill judges by what reached the log, the database, the webhook receiver and the SMTP
// server; a drill passes when it found no problem.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { drill, groupFailoverDrill, killBurstDrill, poisonDrill, type DrillReport } from './drills/index.js';
import { brokers } from './harness/kafka.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';

function assertPassed(report: DrillReport): void {
  assert.deepEqual(report.problems, [], `${report.name}: ${JSON.stringify(report.counted)}`);
}

describe('fault drills (short)', () => {
  const databases: TestDatabase[] = [];
  const database = async () => {
    const db = await createTestDatabase('tw_e2e_drill');
    databases.push(db);
    return db.url;
  };
  after(async () => {
    for (const db of databases) await db.drop();
  });

  it('dead-letters poison records on Kafka, byte for byte with the reason, and the partition goes on', async () => {
    const url = await database();
    const report = await drill('poison', (r) => poisonDrill(r, { log: 'kafka', databaseUrl: url, brokers }));
    assertPassed(report);
    assert.equal(report.counted.deadLettered, 6);
    assert.equal(report.counted.healthDeadLettered, 6);
    assert.equal(report.counted.metricDeadLetters, 6);
    assert.equal(report.counted.validAfterPoisonProjected, true);
  });

  it('dead-letters poison records on the embedded log too', async () => {
    const url = await database();
    const report = await drill('poison (embedded log)', (r) => poisonDrill(r, { log: 'embedded', databaseUrl: url }));
    assertPassed(report);
    assert.equal(report.counted.deadLettered, 5);
    assert.equal(report.counted.healthDeadLettered, 5);
    assert.equal(report.counted.metricDeadLetters, 5);
  });

  it('a notifier of a group killed: the other takes its partitions, no change lost or alerted twice', async () => {
    const url = await database();
    const report = await drill('group-failover', (r) => groupFailoverDrill(r, { databaseUrl: url, brokers, articles: 36, settleMs: 90_000, sessionTimeoutMs: 10_000 }));
    assertPassed(report);
    assert.ok(Number(report.counted.partitionsTakenOver) >= 1);
  });

  it('a notifier SIGKILLed in the middle of a burst of articles: every change alerted, no email twice', async () => {
    const url = await database();
    const report = await drill('kill-burst', (r) => killBurstDrill(r, { databaseUrl: url, brokers, articles: 48, kills: 1, settleMs: 90_000, sessionTimeoutMs: 10_000 }));
    assertPassed(report);
    assert.equal(report.counted.notifierStarts, 2);
  });
});

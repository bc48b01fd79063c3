// A notifier restarted after a crash answers at once in Kafka mode: its consumer's group still
// holds the dead member until that member's session runs out (about 30 s), and the status API
// must not wait for that. /health/ready says the projection is starting meanwhile.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startApp, type AppProcess } from './harness/app-process.js';
import { apiKeysEnv } from './harness/api-keys.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';

interface Ready {
  status: string;
  checks: Record<string, string>;
}

async function ready(app: AppProcess): Promise<Ready> {
  const res = await fetch(`${app.baseUrl}/health/ready`);
  return (await res.json()) as Ready;
}

describe('a crashed notifier restarted in Kafka mode', () => {
  const runId = randomBytes(4).toString('hex');
  const topic = `talkwatch.e2e.restart.${runId}`;
  let db: TestDatabase;
  let env: Record<string, string>;
  const apps: AppProcess[] = [];

  before(async () => {
    db = await createTestDatabase('tw_e2e_restart');
    env = { DATABASE_URL: db.url, KAFKA_BROKERS: brokers, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `talkwatch-e2e-restart-${runId}`, API_KEYS: apiKeysEnv };
  });

  after(async () => {
    for (const app of apps) await app.stop();
    await db.drop();
    await deleteTopic(topic);
  });

  it('serves reads before its consumer has rejoined the group, and says so on /health/ready', async () => {
    const first = await startApp('notifier', await freePort(), env);
    apps.push(first);
    await waitFor('the first notifier to consume', async () => ((await ready(first)).checks.projection?.startsWith('consuming') ? true : undefined), 30_000);
    await first.kill();

    const started = Date.now();
    const second = await startApp('notifier', await freePort(), env);
    apps.push(second);
    const talks = await fetch(`${second.baseUrl}/talks`);
    const answeredAfterMs = Date.now() - started;
    assert.equal(talks.status, 200);
    const whileJoining = await ready(second);
    assert.equal(whileJoining.status, 'ok');
    assert.match(whileJoining.checks.projection ?? '', /^starting: joining consumer group/, 'the group still waits for the dead member');
    assert.ok(answeredAfterMs < 15_000, `GET /talks answered ${answeredAfterMs} ms after the restart`);

    await waitFor('the restarted notifier to consume', async () => ((await ready(second)).checks.projection?.startsWith('consuming') ? true : undefined), 90_000, 500);
  });
});

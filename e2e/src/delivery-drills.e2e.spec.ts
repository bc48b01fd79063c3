// Fault drills over real processes, a real SMTP server and a real webhook receiver, judged only by
// what arrives and by the delivery logs: a notifier SIGKILLed in the middle of a delivery burst and
// started again loses no alert, sends no email twice and repeats a webhook only under the same
// webhook-id; two notifiers on one database never both send one delivery.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { alertingChangeTypes, parseArticleText } from '@talkwatch/domain';
import { adminKey, apiKeysEnv, bearer, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';
import { repoRoot } from './harness/repo.js';
import { linkIn, startSmtpSink, type SmtpSink } from './harness/smtp-sink.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './harness/webhook-receiver.js';

const examples = readdirSync(path.join(repoRoot, 'examples'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => parseArticleText(readFileSync(path.join(repoRoot, 'examples', f), 'utf8')));

interface Change {
  id: string;
  type: string;
}
interface LogEntry {
  id: string;
  changeId: string;
  status: string;
}
/** An email subscription's confirmation is a delivery of its own (its change id says so). */
const isConfirmation = (d: LogEntry): boolean => d.changeId === 'subscription.confirmation';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: bearer(adminKey) });
  assert.equal(res.status, 200, `GET ${url}: ${res.status}`);
  return (await res.json()) as T;
}

async function subscribe(base: string, body: Record<string, unknown>): Promise<{ id: string; secret?: string }> {
  const res = await fetch(`${base}/subscriptions`, { method: 'POST', headers: jsonWith(adminKey), body: JSON.stringify(body) });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string; secret?: string };
}

const confirmSubject = 'Confirm your Talkwatch alerts';

/** Double opt-in: follows the link of the confirmation email, so alerts go to the address. */
async function confirmEmail(smtp: SmtpSink): Promise<void> {
  const confirmation = await waitFor('the confirmation email', () => Promise.resolve(smtp.messages.find((m) => m.subject === confirmSubject)), 60_000, 100);
  const url = linkIn(confirmation, '/email/confirm') ?? assert.fail('no confirmation link');
  const res = await fetch(url, { method: 'POST' });
  assert.ok(res.status < 400, `confirming: ${res.status}`);
}

/** The emails that are alerts (not the confirmation). */
const alertEmails = (smtp: SmtpSink) => smtp.messages.filter((m) => m.subject !== confirmSubject);

async function postExamples(base: string): Promise<void> {
  for (const article of examples) {
    const res = await fetch(`${base}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: JSON.stringify({ title: article.title, url: article.url, publishedAt: article.publishedAt, body: article.body }) });
    assert.equal(res.status, 202, await res.clone().text());
  }
}

/** The alerting changes once every article is projected (the timelines stop growing). */
async function settledAlerts(base: string): Promise<Change[]> {
  let seen = '';
  let still = 0;
  return waitFor(
    'the articles projected',
    async () => {
      const talks = await getJson<{ id: string }[]>(`${base}/talks`);
      const changes = (await Promise.all(talks.map((t) => getJson<Change[]>(`${base}/talks/${t.id}/timeline`)))).flat();
      const alerting = changes.filter((c) => alertingChangeTypes.includes(c.type as (typeof alertingChangeTypes)[number]));
      const key = alerting.map((c) => c.id).sort().join('\n');
      still = key === seen && alerting.length > 0 ? still + 1 : 0;
      seen = key;
      return still >= 3 ? alerting : undefined;
    },
    90_000,
    500,
  );
}

/** Until every delivery of each subscription ended, and there is one per alert. */
async function allDelivered(base: string, subscriptionIds: readonly string[], alerts: number): Promise<LogEntry[][]> {
  let last: LogEntry[][] = [];
  return waitFor(
    'every delivery delivered',
    async () => {
      last = await Promise.all(subscriptionIds.map((id) => getJson<LogEntry[]>(`${base}/subscriptions/${id}/deliveries`)));
      // (An email subscription's log also holds its confirmation.)
      return last.every((log) => log.filter((d) => !isConfirmation(d)).length === alerts && log.every((d) => d.status === 'delivered')) ? last : undefined;
    },
    120_000,
    250,
  ).catch((error: unknown) => {
    const statuses = last.map((log) => log.map((d) => `${d.status}${'lastError' in d ? ` (${String((d as { lastError: unknown }).lastError)})` : ''}`).join(', '));
    throw new Error(`${String(error)}; ${alerts} alerts; logs: ${statuses.join(' | ')}`);
  });
}

/** Starting a process on a machine shared with other test runs can take a while. */
const startTimeoutMs = 90_000;

const changeIdOf = (webhook: ReceivedWebhook): string => (JSON.parse(webhook.body) as { data: { id: string } }).data.id;

/** Webhooks may repeat only under the same webhook-id (the same change); each alert arrives. */
function checkWebhooks(received: readonly ReceivedWebhook[], alerts: readonly Change[]): Map<string, number> {
  assert.ok(received.every((w) => w.verified), 'every webhook is signed');
  const byId = new Map<string, { changeIds: Set<string>; count: number }>();
  for (const webhook of received) {
    const id = String(webhook.headers['webhook-id']);
    const entry = byId.get(id) ?? { changeIds: new Set<string>(), count: 0 };
    entry.changeIds.add(changeIdOf(webhook));
    entry.count += 1;
    byId.set(id, entry);
  }
  for (const [id, { changeIds }] of byId) assert.equal(changeIds.size, 1, `webhook-id ${id} carried ${[...changeIds].join(', ')}`);
  assert.deepEqual([...new Set(received.map(changeIdOf))].sort(), alerts.map((c) => c.id).sort(), 'one alert per change, none missing');
  assert.equal(byId.size, alerts.length);
  return new Map([...byId].map(([id, { count }]) => [id, count]));
}

function checkEmails(smtp: SmtpSink, alerts: readonly Change[]): void {
  const messages = alertEmails(smtp);
  const ids = messages.map((m) => m.messageId);
  assert.equal(messages.length, alerts.length, `one email per alert: ${messages.length} for ${alerts.length}`);
  assert.equal(new Set(ids).size, alerts.length, 'no email sent twice');
}

describe('drill: a notifier killed with SIGKILL in the middle of a delivery burst', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let receiver: WebhookReceiver;
  let dataDir: string;
  let app: AppProcess | undefined;
  let killed: Promise<number | string> | undefined;

  before(async () => {
    db = await createTestDatabase('tw_e2e_crash');
    smtp = await startSmtpSink();
    dataDir = await mkdtemp(path.join(tmpdir(), 'tw-e2e-crash-'));
    // Slow enough that the burst is still going when the sixth webhook arrives; that one is never
    // answered: the process sending it is killed as it arrives.
    receiver = await startWebhookReceiver({
      delayMs: 150,
      onRequest: (_webhook, count) => {
        if (count === 6 && app && !killed) killed = app.kill();
      },
    });
  });

  after(async () => {
    await app?.stop();
    await Promise.all([smtp.close(), receiver.close()]);
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers every alert after the restart: each email once, a webhook again only under its webhook-id', async () => {
    // One process with all of Talkwatch, on PostgreSQL with the log in the database: its restart is
    // immediate (a Kafka consumer group would first wait out the dead member's session).
    const env = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      API_KEYS: apiKeysEnv,
      LOAD_EXAMPLES: 'false',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      OUTBOUND_ALLOWLIST: '127.0.0.1',
      DELIVERY_POLL_MS: '100',
      WEBHOOK_TIMEOUT_MS: '3000',
      SMTP_TIMEOUT_MS: '3000',
      // What a crashed worker held is taken over after this.
      DELIVERY_LEASE_MS: '4000',
      // On a loaded machine an attempt may time out: the next comes soon, not in 5 minutes.
      DELIVERY_RETRY_SCHEDULE: '1s,1s,2s,3s,5s',
      PUBLIC_RATE_LIMIT: 'off',
    };
    const first = await startApp('talkwatch', await freePort(), env, [], startTimeoutMs);
    app = first;
    const webhook = await subscribe(first.baseUrl, { kind: 'webhook', url: receiver.url });
    receiver.secret = webhook.secret;
    const email = await subscribe(first.baseUrl, { kind: 'email', email: 'desk@example.org' });
    await confirmEmail(smtp);
    await postExamples(first.baseUrl);

    const exit = await waitFor('the kill', () => Promise.resolve(killed), 60_000, 50);
    assert.equal(exit, 'SIGKILL');
    const before = { webhooks: receiver.received.length, emails: alertEmails(smtp).length };
    assert.equal(before.webhooks, 6, 'killed while the sixth webhook was being sent');

    app = await startApp('talkwatch', await freePort(), env, [], startTimeoutMs);
    const alerts = await settledAlerts(app.baseUrl);
    assert.ok(alerts.length > 6, `a burst: ${alerts.length} alerts`);
    await allDelivered(app.baseUrl, [webhook.id, email.id], alerts.length);
    // Anything still to come would be a duplicate: give it the time of a lease.
    await new Promise((resolve) => setTimeout(resolve, 4500));

    const counts = checkWebhooks(receiver.received, alerts);
    const repeated = [...counts].filter(([, n]) => n > 1);
    assert.equal(repeated.length, 1, `only the webhook in flight at the kill is repeated: ${JSON.stringify(repeated)}`);
    assert.equal(repeated[0]?.[0], receiver.received[5]?.headers['webhook-id']);
    checkEmails(smtp, alerts);
    assert.ok(before.emails < alerts.length, 'emails were still to be sent at the kill');
  });
});

describe('drill: two notifiers on one database', () => {
  const runId = randomBytes(4).toString('hex');
  const topic = `talkwatch.e2e.drill.${runId}`;
  let db: TestDatabase;
  let smtp: SmtpSink;
  let receiver: WebhookReceiver;
  let dataDir: string;
  const apps: AppProcess[] = [];

  before(async () => {
    db = await createTestDatabase('tw_e2e_pair');
    smtp = await startSmtpSink();
    receiver = await startWebhookReceiver({ delayMs: 20 });
    dataDir = await mkdtemp(path.join(tmpdir(), 'tw-e2e-pair-'));
  });

  after(async () => {
    const codes = await Promise.all(apps.map((a) => a.stop()));
    await Promise.all([smtp.close(), receiver.close()]);
    await db.drop();
    await deleteTopic(topic);
    await rm(dataDir, { recursive: true, force: true });
    assert.ok(codes.every((c) => c === 0), `exit codes ${codes.join(', ')}`);
  });

  it('sends every delivery exactly once while both work on them', async () => {
    const env = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_TOPIC_PARTITIONS: '2',
      KAFKA_GROUP_ID: `talkwatch-e2e-pair-${runId}`,
      API_KEYS: apiKeysEnv,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      OUTBOUND_ALLOWLIST: '127.0.0.1',
      // Both poll often, so they keep reaching for the same due deliveries.
      DELIVERY_POLL_MS: '50',
      DELIVERY_RETRY_SCHEDULE: '1s,1s,2s,3s,5s',
      PUBLIC_RATE_LIMIT: 'off',
    };
    // One after the other (a loaded machine starts three at once slowly); each that started is
    // stopped afterwards even if a later one did not, or the run would hang on it.
    for (const name of ['ingestor', 'notifier', 'notifier'] as const) apps.push(await startApp(name, await freePort(), env, [], startTimeoutMs));
    const [ingestor, one, two] = apps;
    assert.ok(ingestor && one && two);
    const webhook = await subscribe(one.baseUrl, { kind: 'webhook', url: receiver.url });
    receiver.secret = webhook.secret;
    const email = await subscribe(two.baseUrl, { kind: 'email', email: 'desk@example.org' });
    await confirmEmail(smtp);
    await postExamples(ingestor.baseUrl);

    const alerts = await settledAlerts(one.baseUrl);
    await allDelivered(two.baseUrl, [webhook.id, email.id], alerts.length);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const counts = checkWebhooks(receiver.received, alerts);
    assert.deepEqual([...counts.values()].filter((n) => n > 1), [], 'no webhook sent twice');
    assert.equal(receiver.received.length, alerts.length);
    checkEmails(smtp, alerts);
    // The drill means something only if both took part.
    for (const notifier of [one, two]) assert.match(notifier.output(), /delivered msg_/, 'each notifier delivered some');
  });
});

// The delivery worker against a real PostgreSQL and real HTTP receivers on loopback (allowed through
// the allowlist, as in every test): retries on the schedule with the same webhook-id, the final
// failed state, Retry-After, 410 disabling the subscription until PATCH, time limits, redirects,
// cancellation on unsubscribe, and the SSRF guard again at send. Time is a fake clock moved by hand;
// only the HTTP time limits are real.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { evolve, eventsFromArticle, type TrackChange } from '@talkwatch/domain';
import { OutboundGuard, OutboundHttp, type HostResolver, type Prisma } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { loadNotifierConfig } from '../config.js';
import { CreateSubscription } from '../subscriptions/create-subscription.js';
import { RemoveSubscription } from '../subscriptions/remove-subscription.js';
import { viewOf } from '../subscriptions/subscription-view.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { UpdateSubscription } from '../subscriptions/update-subscription.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { deliveryIdOf } from './delivery-id.js';
import { DeliveryWorker } from './delivery.worker.js';
import type { Mailer } from './mailer.js';
import { EmailLinks, LinkTokens } from '../subscriptions/link-tokens.js';
import { SlackSender } from './slack-sender.js';
import { WebhookSender } from './webhook-sender.js';

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly delayMs?: number;
}

interface Receiver {
  readonly url: string;
  readonly requests: { headers: IncomingHttpHeaders; body: string }[];
  answer: (n: number) => Answer;
  close(): Promise<void>;
}

/** A webhook receiver whose n-th answer (from 0) the test decides. */
async function startReceiver(answer: (n: number) => Answer): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const receiver = { answer };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = requests.length;
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const { status, headers, delayMs } = receiver.answer(n);
      const timer = setTimeout(() => {
        res.writeHead(status, headers).end();
      }, delayMs ?? 0);
      res.on('close', () => {
        clearTimeout(timer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  });
}

const article = {
  title: 'Envoys agree to meet again',
  url: 'https://example.org/envoys',
  publishedAt: '2023-03-01',
  body:
    'Serbia and Kosovo will hold a new round of talks in Brussels on March 18, the European Union said on Wednesday. ' +
    'Kosovo demanded that Serbia recognise its independence.',
};

const everything = { trackIds: [], parties: [], changeKinds: [], minConfidence: null };

describe('DeliveryWorker (PostgreSQL, real webhook receivers)', () => {
  let db: TestDatabase;
  let now = new Date('2026-12-01T10:00:00Z');
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const clock = () => now;
  // Host names the tests resolve themselves (no DNS): the SSRF guard sees what they say.
  const hosts = new Map<string, string>();
  const resolver: HostResolver = (host) => {
    const address = hosts.get(host);
    return address ? Promise.resolve([{ address, family: 4 }]) : Promise.reject(new Error(`ENOTFOUND ${host}`));
  };
  const config = loadNotifierConfig({
    DELIVERY_RETRY_SCHEDULE: '1s,2s,4s',
    DELIVERY_RETRY_JITTER: '0',
    DELIVERY_RETRY_AFTER_MAX: '30s',
    WEBHOOK_TIMEOUT_MS: '300',
    OUTBOUND_ALLOWLIST: '127.0.0.1',
    EMAIL_LINK_SECRET: 'a-test-secret-for-the-links-in-emails',
    PUBLIC_URL: 'https://talkwatch.example.org/',
  });
  const mailer: Mailer = { send: () => Promise.resolve(), verify: () => Promise.resolve(), close: () => undefined };
  let subscriptions: SubscriptionsRepository;
  let deliveries: DeliveriesRepository;
  let worker: DeliveryWorker;
  let create: CreateSubscription;
  let changes: TrackChange[];
  const receivers: Receiver[] = [];

  const receiver = async (answer: (n: number) => Answer) => {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  };

  const subscribe = async (url: string): Promise<string> => (await create.execute({ kind: 'webhook', url, filter: everything })).id;

  /** What the projection would have decided: one delivery of `change` to the subscription. */
  const queue = async (subscriptionId: string, change: TrackChange = changes[0] as TrackChange): Promise<string> => {
    const id = deliveryIdOf(subscriptionId, change.id);
    await db.prisma.delivery.create({
      data: { id, subscriptionId, changeId: change.id, payload: JSON.parse(JSON.stringify(change)) as Prisma.InputJsonValue, status: 'pending', nextAttemptAt: now },
    });
    return id;
  };

  const links = new EmailLinks(config.links.publicUrl, new LinkTokens(config.links.secret ?? ''));
  const workerWith = (guard: OutboundGuard, repository = deliveries) => {
    const http = new OutboundHttp(guard);
    return new DeliveryWorker(config, repository, subscriptions, mailer, clock, () => 0.5, new WebhookSender(config, clock, http), new SlackSender(config, clock, http), links);
  };

  const delivery = (id: string) => db.prisma.delivery.findUniqueOrThrow({ where: { id } });

  before(async () => {
    db = await createTestDatabase('tw_delivery');
    subscriptions = new SubscriptionsRepository(db.prisma);
    deliveries = new DeliveriesRepository(db.prisma);
    const guard = new OutboundGuard(config.outbound.allowlist, resolver);
    create = new CreateSubscription(subscriptions, guard, config, clock);
    worker = workerWith(guard);
    const events = eventsFromArticle({ articleId: 'a1', article, observedAt: '2023-03-01T10:00:00Z' });
    let state;
    changes = [];
    for (const event of events) {
      const evolution = evolve(state, event);
      state = evolution.state;
      changes.push(...evolution.changes.filter((c) => c.type !== 'track.status-changed'));
    }
    assert.ok(changes.length >= 2, 'a round and a demand');
  });

  after(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await db.drop();
  });

  it('retries a receiver that fails twice on the schedule, with the same webhook-id, then delivers', async () => {
    const flaky = await receiver((n) => ({ status: n < 2 ? 500 : 204 }));
    const id = await queue(await subscribe(flaky.url));

    await worker.drain();
    let row = await delivery(id);
    assert.deepEqual([row.status, row.attempts, row.lastError], ['pending', 1, 'receiver answered 500']);
    assert.equal(row.nextAttemptAt.getTime() - now.getTime(), 1000, 'the first wait of the schedule');

    await worker.drain();
    assert.equal(flaky.requests.length, 1, 'nothing before it is due');
    advance(1000);
    await worker.drain();
    row = await delivery(id);
    assert.deepEqual([row.status, row.attempts], ['pending', 2]);
    assert.equal(row.nextAttemptAt.getTime() - now.getTime(), 2000, 'the second wait of the schedule');

    advance(2000);
    await worker.drain();
    row = await delivery(id);
    assert.deepEqual([row.status, row.attempts, row.lastError], ['delivered', 3, null]);
    assert.deepEqual(flaky.requests.map((r) => r.headers['webhook-id']), [id, id, id]);
    assert.equal(new Set(flaky.requests.map((r) => r.body)).size, 1, 'the same body every time');
  });

  it('marks a delivery failed once the schedule is exhausted, stops, and disables the webhook', async () => {
    const down = await receiver(() => ({ status: 503 }));
    const subscriptionId = await subscribe(down.url);
    const id = await queue(subscriptionId);
    for (const wait of [0, 1000, 2000, 4000, 8000]) {
      advance(wait);
      await worker.drain();
    }
    const row = await delivery(id);
    assert.deepEqual([row.status, row.attempts, row.lastError], ['failed', 4, 'receiver answered 503 (gave up after 4 attempts)']);
    assert.equal(down.requests.length, 4, '1 + the 3 waits of the schedule');
    const subscription = await subscriptions.findActive(subscriptionId, now);
    assert.equal(subscription?.disabled?.reason, 'deliveries kept failing: receiver answered 503 (gave up after 4 attempts)');
  });

  it('sends each delivery once when two workers share the database', async () => {
    const counted = await receiver(() => ({ status: 204 }));
    const subscriptionId = await subscribe(counted.url);
    const ids = await Promise.all(changes.flatMap((change) => [0, 1, 2, 3, 4].map((i) => queue(subscriptionId, { ...change, id: `${change.id}:burst${i}` }))));
    const guard = new OutboundGuard(config.outbound.allowlist, resolver);
    const other = workerWith(guard, new DeliveriesRepository(db.prisma));
    await Promise.all([worker.drain(), other.drain()]);
    assert.equal(counted.requests.length, ids.length, 'one request per delivery');
    assert.deepEqual(counted.requests.map((r) => r.headers['webhook-id']).sort(), [...ids].sort());
    const rows = await db.prisma.delivery.findMany({ where: { subscriptionId } });
    assert.ok(rows.every((r) => r.status === 'delivered' && r.attempts === 1));
  });

  it("honours Retry-After (seconds or a date), up to the configured cap", async () => {
    const busy = await receiver((n) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '7' } } : n === 1 ? { status: 503, headers: { 'retry-after': new Date(now.getTime() + 3_600_000).toUTCString() } } : { status: 204 },
    );
    const id = await queue(await subscribe(busy.url));
    await worker.drain();
    let row = await delivery(id);
    assert.equal(row.nextAttemptAt.getTime() - now.getTime(), 7000);
    advance(7000);
    await worker.drain();
    row = await delivery(id);
    assert.equal(row.nextAttemptAt.getTime() - now.getTime(), 30_000, 'an hour asked, the 30 s cap given');
    advance(30_000);
    await worker.drain();
    assert.equal((await delivery(id)).status, 'delivered');
  });

  it('disables the subscription on 410, cancels what was pending, and sends again once PATCH enables it', async () => {
    const gone = await receiver((n) => ({ status: n === 0 ? 410 : 204 }));
    const subscriptionId = await subscribe(gone.url);
    const first = await queue(subscriptionId, changes[0]);
    const second = await queue(subscriptionId, changes[1]);
    await worker.drain();
    assert.equal(gone.requests.length, 1, 'nothing more after the 410');
    assert.deepEqual([(await delivery(first)).status, (await delivery(first)).lastError], ['failed', 'receiver answered 410 Gone: subscription disabled']);
    assert.deepEqual([(await delivery(second)).status, (await delivery(second)).lastError], ['cancelled', 'subscription disabled']);
    const disabled = await subscriptions.findActive(subscriptionId, now);
    assert.ok(disabled);
    const view = viewOf(disabled, now);
    assert.equal(view.enabled, false);
    assert.match(view.disabledReason ?? '', /410/);
    assert.equal(view.disabledAt, now.toISOString());

    const enabled = await new UpdateSubscription(subscriptions, clock).execute(subscriptionId, { enabled: true, filter: {} });
    assert.deepEqual([enabled.enabled, enabled.disabledReason], [true, null]);
    const later = changes[0] as TrackChange;
    const third = await queue(subscriptionId, { ...later, id: `${later.id}:later` });
    await worker.drain();
    assert.equal((await delivery(third)).status, 'delivered');
  });

  it('gives up on an answer slower than the time limit, and tries again later', async () => {
    const slow = await receiver(() => ({ status: 204, delayMs: 2000 }));
    const subscriptionId = await subscribe(slow.url);
    const id = await queue(subscriptionId);
    const started = Date.now();
    await worker.drain();
    assert.ok(Date.now() - started < 1500, `the 300 ms limit held (${Date.now() - started} ms)`);
    const row = await delivery(id);
    assert.deepEqual([row.status, row.attempts, row.lastError], ['pending', 1, 'timed out waiting for the answer']);
    await new RemoveSubscription(subscriptions).execute(subscriptionId);
  });

  it('does not follow a redirect: the delivery fails, the target hears nothing', async () => {
    const target = await receiver(() => ({ status: 204 }));
    const redirecting = await receiver(() => ({ status: 307, headers: { location: target.url } }));
    const id = await queue(await subscribe(redirecting.url));
    await worker.drain();
    const row = await delivery(id);
    assert.deepEqual([row.status, row.lastError], ['failed', 'receiver answered 307; redirects are not followed']);
    assert.equal(target.requests.length, 0);
  });

  it('cancels what is still to be sent when the subscription is removed', async () => {
    const flaky = await receiver((n) => ({ status: n === 0 ? 500 : 204 }));
    const subscriptionId = await subscribe(flaky.url);
    const id = await queue(subscriptionId);
    await worker.drain();
    assert.equal((await delivery(id)).status, 'pending');
    await new RemoveSubscription(subscriptions).execute(subscriptionId);
    assert.deepEqual([(await delivery(id)).status, (await delivery(id)).lastError], ['cancelled', 'subscription removed']);
    advance(60_000);
    await worker.drain();
    assert.equal(flaky.requests.length, 1, 'no attempt after unsubscribing');
    assert.equal((await deliveries.logOf(subscriptionId))[0]?.status, 'cancelled', 'the log stays readable');
  });

  it('checks the destination again at send: a host that now resolves to a refused address fails at once', async () => {
    const ok = await receiver(() => ({ status: 204 }));
    const port = new URL(ok.url).port;
    hosts.set('rebinding.test', '127.0.0.1');
    const subscriptionId = await subscribe(`http://rebinding.test:${port}/hooks`);
    hosts.set('rebinding.test', '169.254.169.254');
    const id = await queue(subscriptionId);
    await worker.drain();
    advance(60_000);
    await worker.drain();
    const row = await delivery(id);
    assert.deepEqual([row.status, row.attempts], ['failed', 1], 'no retries');
    assert.match(row.lastError ?? '', /^destination refused/);
    assert.equal(row.lastError?.includes('169.254'), false, 'the log says nothing of the network');
    assert.equal(ok.requests.length, 0);
    const subscription = await subscriptions.findActive(subscriptionId, now);
    assert.equal(subscription?.disabled, null, 'a refusal is no reason to disable');
  });
});

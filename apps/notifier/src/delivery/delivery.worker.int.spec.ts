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

  const subscribe = async (url: string): Promise<string> => (await create.execute({ kind: 'webhook', url, trackIds: [] })).id;

  /** What the projection would have decided: one delivery of `change` to the subscription. */
  const queue = async (subscriptionId: string, change: TrackChange = changes[0] as TrackChange): Promise<string> => {
    const id = deliveryIdOf(subscriptionId, change.id);
    await db.prisma.delivery.create({
      data: { id, subscriptionId, changeId: change.id, payload: JSON.parse(JSON.stringify(change)) as Prisma.InputJsonValue, status: 'pending', nextAttemptAt: now },
    });
    return id;
  };

  const delivery = (id: string) => db.prisma.delivery.findUniqueOrThrow({ where: { id } });

  before(async () => {
    db = await createTestDatabase('tw_delivery');
    subscriptions = new SubscriptionsRepository(db.prisma);
    deliveries = new DeliveriesRepository(db.prisma);
    const guard = new OutboundGuard(config.outbound.allowlist, resolver);
    create = new CreateSubscription(subscriptions, guard);
    const webhooks = new WebhookSender(config, clock, new OutboundHttp(guard));
    worker = new DeliveryWorker(config, deliveries, subscriptions, mailer, clock, () => 0.5, webhooks);
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
    const subscription = await subscriptions.findActive(subscriptionId);
    assert.equal(subscription?.disabled?.reason, 'deliveries kept failing: receiver answered 503 (gave up after 4 attempts)');
  });

  it('sends each delivery once when two workers share the database', async () => {
    const counted = await receiver(() => ({ status: 204 }));
    const subscriptionId = await subscribe(counted.url);
    const ids = await Promise.all(changes.flatMap((change) => [0, 1, 2, 3, 4].map((i) => queue(subscriptionId, { ...change, id: `${change.id}:burst${i}` }))));
    const guard = new OutboundGuard(config.outbound.allowlist, resolver);
    const other = new DeliveryWorker(config, new DeliveriesRepository(db.prisma), subscriptions, mailer, clock, () => 0.5, new WebhookSender(config, clock, new OutboundHttp(guard)));
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
    const disabled = await subscriptions.findActive(subscriptionId);
    assert.ok(disabled);
    const view = viewOf(disabled);
    assert.equal(view.enabled, false);
    assert.match(view.disabledReason ?? '', /410/);
    assert.equal(view.disabledAt, now.toISOString());

    const enabled = await new UpdateSubscription(subscriptions, clock).execute(subscriptionId, { enabled: true });
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
    const subscription = await subscriptions.findActive(subscriptionId);
    assert.equal(subscription?.disabled, null, 'a refusal is no reason to disable');
  });
});

describe('DeliveryWorker concurrency (PostgreSQL, real webhook receivers)', () => {
  let db: TestDatabase;
  const now = new Date('2026-12-01T10:00:00Z');
  const clock = () => now;
  const config = loadNotifierConfig({
    DELIVERY_RETRY_SCHEDULE: '1m',
    DELIVERY_RETRY_JITTER: '0',
    WEBHOOK_TIMEOUT_MS: '2500',
    DELIVERY_CONCURRENCY: '8',
    DELIVERY_CONCURRENCY_PER_SUBSCRIPTION: '2',
    OUTBOUND_ALLOWLIST: '127.0.0.1',
  });
  const mailer: Mailer = { send: () => Promise.resolve(), verify: () => Promise.resolve(), close: () => undefined };
  const receivers: Receiver[] = [];
  let change: TrackChange;

  before(async () => {
    db = await createTestDatabase('tw_delivery_concurrency');
    const [first] = eventsFromArticle({ articleId: 'a1', article, observedAt: '2023-03-01T10:00:00Z' });
    assert.ok(first);
    const [added] = evolve(undefined, first).changes;
    assert.ok(added);
    change = added;
  });

  after(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await db.drop();
  });

  it('delivers to every other subscriber while one receiver hangs, that one holding only its own slots', async () => {
    const guard = new OutboundGuard(config.outbound.allowlist);
    const subscriptions = new SubscriptionsRepository(db.prisma);
    const deliveries = new DeliveriesRepository(db.prisma);
    const create = new CreateSubscription(subscriptions, guard);
    const worker = new DeliveryWorker(config, deliveries, subscriptions, mailer, clock, () => 0.5, new WebhookSender(config, clock, new OutboundHttp(guard)));
    const hanging = await startReceiver(() => ({ status: 204, delayMs: 60_000 }));
    receivers.push(hanging);
    const hangingId = (await create.execute({ kind: 'webhook', url: hanging.url, trackIds: [] })).id;
    const queue = async (subscriptionId: string, changeId: string, createdAt: Date) => {
      await db.prisma.delivery.create({
        data: {
          id: deliveryIdOf(subscriptionId, changeId),
          subscriptionId,
          changeId,
          payload: JSON.parse(JSON.stringify({ ...change, id: changeId })) as Prisma.InputJsonValue,
          status: 'pending',
          nextAttemptAt: now,
          createdAt,
        },
      });
    };
    // The hanging receiver's alerts are the oldest in the queue: one at a time, oldest first, they
    // would hold every other alert for 4 × 2.5 s.
    for (let i = 0; i < 4; i++) await queue(hangingId, `${change.id}-${i}`, new Date(now.getTime() - 60_000 + i));
    const others: string[] = [];
    for (let i = 0; i < 12; i++) {
      const fine = await startReceiver(() => ({ status: 204 }));
      receivers.push(fine);
      const id = (await create.execute({ kind: 'webhook', url: fine.url, trackIds: [] })).id;
      others.push(id);
      await queue(id, change.id, now);
    }

    const started = Date.now();
    const drained = worker.drain();
    for (;;) {
      const delivered = await db.prisma.delivery.count({ where: { subscriptionId: { in: others }, status: 'delivered' } });
      if (delivered === others.length) break;
      assert.ok(Date.now() - started < 3000, `only ${delivered} of ${others.length} delivered after 3 s beside a hanging receiver`);
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(hanging.requests.length, 2, 'the hanging receiver holds its two slots, no more');
    await drained;
    const stuck = await db.prisma.delivery.findMany({ where: { subscriptionId: hangingId } });
    assert.ok(stuck.every((d) => d.status === 'pending'), 'its alerts wait for their retry, none lost');
  });
});

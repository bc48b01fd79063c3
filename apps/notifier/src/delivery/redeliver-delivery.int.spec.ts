// Redelivery by hand against a real PostgreSQL and a real webhook receiver on loopback: a failed
// delivery goes out again under the same webhook-id, a delivered one on request, a pending one
// sooner; one being sent, or to a subscription that is off, is refused with a stable code.
import { EmailLinks, LinkTokens } from '../subscriptions/link-tokens.js';
import { SlackSender } from './slack-sender.js';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { evolve, eventsFromArticle, type TrackChange } from '@talkwatch/domain';
import { OutboundGuard, OutboundHttp, ProblemError, type Prisma } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { loadNotifierConfig } from '../config.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { deliveryIdOf } from './delivery-id.js';
import { DeliveryWorker } from './delivery.worker.js';
import type { Mailer } from './mailer.js';
import { RedeliverDelivery } from './redeliver-delivery.js';
import { WebhookSender } from './webhook-sender.js';

interface Receiver {
  readonly url: string;
  readonly requests: { headers: IncomingHttpHeaders; body: string }[];
  status: number;
  close(): Promise<void>;
}

async function startReceiver(status: number): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const state = { status };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => { resolve(); })),
  });
}

const article = {
  title: 'Envoys agree to meet again',
  url: 'https://example.org/envoys',
  publishedAt: '2023-03-01',
  body: 'Serbia and Kosovo will hold a new round of talks in Brussels on March 18, the European Union said on Wednesday.',
};

const problemCode = (code: string) => (error: unknown) => error instanceof ProblemError && error.code === code;

describe('RedeliverDelivery (PostgreSQL, a real webhook receiver)', () => {
  let db: TestDatabase;
  let now = new Date('2026-12-01T10:00:00Z');
  const clock = () => now;
  const config = loadNotifierConfig({ DELIVERY_RETRY_SCHEDULE: '1s,2s', DELIVERY_RETRY_JITTER: '0', OUTBOUND_ALLOWLIST: '127.0.0.1' });
  const mailer: Mailer = { send: () => Promise.resolve(), verify: () => Promise.resolve(), close: () => undefined };
  let subscriptions: SubscriptionsRepository;
  let deliveries: DeliveriesRepository;
  let worker: DeliveryWorker;
  let redeliver: RedeliverDelivery;
  let change: TrackChange;
  const receivers: Receiver[] = [];
  let n = 0;

  /** A webhook subscription to a new receiver, with one delivery of the change queued for it. */
  const setUp = async (status: number) => {
    const receiver = await startReceiver(status);
    receivers.push(receiver);
    const subscriptionId = `sub_redeliver_${(n += 1)}`;
    await subscriptions.create({ id: subscriptionId, kind: 'webhook', url: receiver.url, secret: 'whsec_' + Buffer.alloc(24, n).toString('base64'), filter: { trackIds: [], parties: [], changeKinds: [], minConfidence: null } }, now);
    const id = deliveryIdOf(subscriptionId, change.id);
    await db.prisma.delivery.create({
      data: { id, subscriptionId, changeId: change.id, payload: JSON.parse(JSON.stringify(change)) as Prisma.InputJsonValue, status: 'pending', nextAttemptAt: now },
    });
    return { receiver, subscriptionId, id };
  };
  const row = (id: string) => db.prisma.delivery.findUniqueOrThrow({ where: { id } });
  /** Until the delivery has ended: the redelivery also nudged the worker, whose pass may still be sending. */
  const settled = async (id: string) => {
    for (let i = 0; i < 250; i += 1) {
      await worker.drain();
      const current = await row(id);
      if (current.status !== 'pending' && current.status !== 'sending') return current;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`delivery ${id} did not end`);
  };

  before(async () => {
    db = await createTestDatabase('tw_redeliver');
    subscriptions = new SubscriptionsRepository(db.prisma);
    deliveries = new DeliveriesRepository(db.prisma);
    const guard = new OutboundGuard(config.outbound.allowlist);
    const http = new OutboundHttp(guard);
    const links = new EmailLinks(config.links.publicUrl, new LinkTokens(config.links.secret ?? ''));
    worker = new DeliveryWorker(config, deliveries, subscriptions, mailer, clock, () => 0.5, new WebhookSender(config, clock, http), new SlackSender(config, clock, http), links);
    redeliver = new RedeliverDelivery(deliveries, worker, clock);
    const [event] = eventsFromArticle({ articleId: 'a1', article, observedAt: '2023-03-01T10:00:00Z' });
    assert.ok(event);
    const first = evolve(undefined, event).changes.find((c) => c.type === 'round.added');
    assert.ok(first);
    change = first;
  });

  after(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await db.drop();
  });

  it('sends a failed delivery again, the retry schedule afresh, under the same webhook-id and body', async () => {
    const { receiver, id, subscriptionId } = await setUp(400);
    await worker.drain();
    assert.deepEqual([(await row(id)).status, (await row(id)).attempts], ['failed', 1], 'a 400 fails for good');

    receiver.status = 204;
    now = new Date(now.getTime() + 60_000);
    const answer = await redeliver.execute(id);
    assert.deepEqual([answer.id, answer.subscriptionId, answer.status, answer.attempts, answer.lastError, answer.nextAttemptAt], [id, subscriptionId, 'pending', 0, null, now.toISOString()]);
    const delivered = await settled(id);
    assert.deepEqual([delivered.status, delivered.attempts, delivered.deliveredAt?.toISOString()], ['delivered', 1, now.toISOString()]);
    assert.deepEqual(receiver.requests.map((r) => r.headers['webhook-id']), [id, id]);
    assert.equal(receiver.requests[0]?.body, receiver.requests[1]?.body);
  });

  it('sends a delivered one again when asked, and brings a pending retry forward keeping its attempts', async () => {
    const { receiver, id } = await setUp(204);
    await worker.drain();
    assert.equal((await row(id)).status, 'delivered');
    await redeliver.execute(id);
    assert.equal((await settled(id)).status, 'delivered');
    assert.deepEqual(receiver.requests.map((r) => r.headers['webhook-id']), [id, id]);

    const flaky = await setUp(500);
    await worker.drain();
    const waiting = await row(flaky.id);
    assert.deepEqual([waiting.status, waiting.attempts, waiting.nextAttemptAt.getTime() - now.getTime()], ['pending', 1, 1000]);
    flaky.receiver.status = 204;
    const sooner = await redeliver.execute(flaky.id);
    assert.deepEqual([sooner.status, sooner.attempts, sooner.nextAttemptAt], ['pending', 1, now.toISOString()]);
    const done = await settled(flaky.id);
    assert.deepEqual([done.status, done.attempts, flaky.receiver.requests.length], ['delivered', 2, 2]);
  });

  it('refuses one being sent, one to a disabled or removed subscription, and an unknown id', async () => {
    const sending = await setUp(204);
    await db.prisma.delivery.update({ where: { id: sending.id }, data: { status: 'sending', nextAttemptAt: new Date(now.getTime() + 60_000) } });
    await assert.rejects(redeliver.execute(sending.id), problemCode('delivery-in-progress'));

    const disabled = await setUp(410);
    await worker.drain();
    assert.equal((await row(disabled.id)).status, 'failed');
    await assert.rejects(redeliver.execute(disabled.id), problemCode('subscription-disabled'));
    await subscriptions.update(disabled.subscriptionId, { disabled: null });
    disabled.receiver.status = 204;
    await redeliver.execute(disabled.id);
    assert.equal((await settled(disabled.id)).status, 'delivered', 'once enabled again it can be redelivered');

    await subscriptions.remove(disabled.subscriptionId);
    await assert.rejects(redeliver.execute(disabled.id), problemCode('subscription-removed'));
    await assert.rejects(redeliver.execute('msg_nothing'), problemCode('delivery-not-found'));
  });
});

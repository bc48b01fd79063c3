// The delivery worker against a real PostgreSQL and real HTTP receivers on loopback (allowed through
// the allowlist, as in every test): retries on the schedule with the same webhook-id, the final
// failed state, Retry-After, 410 disabling the subscription until PATCH, time limits, redirects,
// cancellation on unsubscribe, and the SSRF guard again at send. Time is a fake clock moved by hand;
// only the HTTP time limits are real.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { evolve, eventsFromArticle, type TrackChange } from '@talkwatch/domain';
import { OutboundGuard, OutboundHttp, createPrismaClient, type HostResolver, type Prisma } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { loadNotifierConfig } from '../config.js';
import { CreateSubscription } from '../subscriptions/create-subscription.js';
import { RotateWebhookSecret } from '../subscriptions/rotate-webhook-secret.js';
import { RemoveSubscription } from '../subscriptions/remove-subscription.js';
import { viewOf } from '../subscriptions/subscription-view.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { UpdateSubscription } from '../subscriptions/update-subscription.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { deliveryIdOf } from './delivery-id.js';
import { DeliveryWorker } from './delivery.worker.js';
import type { Mailer, OutboundEmail } from './mailer.js';
import { ConfirmEmailSubscription, UnsubscribeByLink } from '../subscriptions/email-links.js';
import { EmailLinks, LinkTokens } from '../subscriptions/link-tokens.js';
import { SlackSender } from './slack-sender.js';
import { WebhookSender } from './webhook-sender.js';
import { verifyWebhook } from './webhook-signature.js';

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
  // Email goes over real SMTP in the end-to-end tests; here what the worker hands the mailer is kept.
  const sent: OutboundEmail[] = [];
  const mailer: Mailer = {
    send: (email) => {
      sent.push(email);
      return Promise.resolve();
    },
    verify: () => Promise.resolve(),
    close: () => undefined,
  };
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

  it('records a delivery sent while the database was unreachable once it answers again, without sending it twice', async () => {
    const r = await receiver(() => ({ status: 204 }));
    const id = await queue(await subscribe(r.url));
    // The first two writes of the result go to a database that does not answer (a real client on a
    // closed port); then the database is back.
    const unreachable = createPrismaClient('postgresql://postgres@127.0.0.1:1/gone');
    let refused = 0;
    const outage = new (class extends DeliveriesRepository {
      override async recordDelivered(deliveryId: string, attempts: number, at: Date): Promise<void> {
        if (refused < 2) {
          refused += 1;
          return new DeliveriesRepository(unreachable).recordDelivered(deliveryId, attempts, at);
        }
        return super.recordDelivered(deliveryId, attempts, at);
      }
    })(db.prisma);
    try {
      const flaky = workerWith(new OutboundGuard(config.outbound.allowlist, resolver), outage);
      await flaky.drain();
      // Past the lease: a worker that had let go of the delivery would claim and send it again.
      advance(config.delivery.leaseMs + 1000);
      await flaky.drain();
      assert.equal(refused, 2);
      assert.equal(r.requests.length, 1, 'sent once');
      assert.equal((await delivery(id)).status, 'delivered');
    } finally {
      await unreachable.$disconnect();
    }
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

  it('signs with the old and the new secret during a rotation overlap, then with the new one only', async () => {
    const hook = await receiver(() => ({ status: 204 }));
    const created = await create.execute({ kind: 'webhook', url: hook.url, filter: everything });
    const oldSecret = created.kind === 'webhook' ? (created.secret ?? '') : '';
    const rotated = await new RotateWebhookSecret(subscriptions, clock).execute(created.id, { overlapMs: 60_000 });
    const newSecret = rotated.kind === 'webhook' ? (rotated.secret ?? '') : '';
    assert.ok(newSecret.startsWith('whsec_') && newSecret !== oldSecret);
    assert.equal(rotated.kind === 'webhook' && rotated.previousSecretSignsUntil, new Date(now.getTime() + 60_000).toISOString());
    const verifies = (secret: string, n: number) => {
      const request = hook.requests[n];
      assert.ok(request);
      const header = (name: string) => String(request.headers[name]);
      return verifyWebhook(secret, { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') }, request.body, Math.floor(now.getTime() / 1000));
    };
    await queue(created.id, changes[0]);
    await worker.drain();
    assert.equal(String(hook.requests[0]?.headers['webhook-signature']).split(' ').length, 2);
    assert.deepEqual([verifies(oldSecret, 0), verifies(newSecret, 0)], [true, true], 'a receiver on either secret accepts it');
    advance(60_000);
    await queue(created.id, changes[1]);
    await worker.drain();
    assert.deepEqual([verifies(oldSecret, 1), verifies(newSecret, 1)], [false, true], 'the overlap is over');
    const email = await create.execute({ kind: 'email', email: 'x@example.org', filter: everything, digest: null });
    await assert.rejects(new RotateWebhookSecret(subscriptions, clock).execute(email.id, { overlapMs: 0 }), { code: 'not-a-webhook' });
  });

  it('posts Slack blocks to an incoming webhook through the SSRF guard; a removed hook disables it', async () => {
    const slack = await receiver((n) => ({ status: n === 0 ? 200 : 404 }));
    const created = await create.execute({ kind: 'slack', url: slack.url, filter: everything });
    assert.equal(created.kind === 'slack' && created.url, slack.url.replace(/hooks$/, '…'), 'the credential part of the URL is not shown');
    const first = await queue(created.id, changes[0]);
    await worker.drain();
    assert.equal((await delivery(first)).status, 'delivered');
    const message = JSON.parse(slack.requests[0]?.body ?? '{}') as { text?: string; blocks?: { type: string }[] };
    assert.equal(message.text?.startsWith('New round: Kosovo – Serbia talks'), true, message.text);
    assert.ok(message.blocks?.some((b) => b.type === 'section'));
    assert.equal(slack.requests[0]?.headers['webhook-signature'], undefined, 'no signature: the URL is the credential');
    await queue(created.id, changes[1]);
    await worker.drain();
    assert.match((await subscriptions.findActive(created.id, now))?.disabled?.reason ?? '', /404/);
    await assert.rejects(create.execute({ kind: 'slack', url: 'http://10.1.2.3/services/x', filter: everything }), { code: 'webhook-url-forbidden' });
  });

  it('sends an email subscription its confirmation only; confirmed, its alerts carry the unsubscribe link', async () => {
    sent.length = 0;
    const created = await create.execute({ kind: 'email', email: 'analyst@example.org', filter: everything, digest: null });
    assert.equal(created.kind === 'email' && created.confirmation, 'pending');
    await worker.drain();
    assert.equal(sent.length, 1);
    const [confirmationMail] = sent;
    assert.equal(confirmationMail?.subject, 'Confirm your Talkwatch alerts');
    assert.equal(confirmationMail.unsubscribeUrl, undefined, 'a confirmation is no list mail');
    const token = /confirm\?token=(\S+)/.exec(confirmationMail.text)?.[1];
    assert.ok(confirmationMail.text.includes('https://talkwatch.example.org/email/confirm?token='), 'links on PUBLIC_URL');
    const confirm = new ConfirmEmailSubscription(subscriptions, new LinkTokens(config.links.secret ?? ''), clock);
    await assert.rejects(confirm.execute(`${token ?? ''}x`), { code: 'invalid-link' });
    await confirm.execute(token);
    await confirm.execute(token);
    assert.equal((await subscriptions.findActive(created.id, now))?.kind === 'email', true);

    await queue(created.id, changes[0]);
    await worker.drain();
    const alert = sent[1] ?? assert.fail('no alert sent');
    const unsubscribeUrl = alert.unsubscribeUrl ?? assert.fail('no unsubscribe URL');
    assert.ok(unsubscribeUrl.startsWith('https://talkwatch.example.org/email/unsubscribe?token='));
    assert.ok(alert.html?.includes(unsubscribeUrl));
    const unsubscribeToken = new URL(unsubscribeUrl).searchParams.get('token') ?? '';
    await new UnsubscribeByLink(subscriptions, new LinkTokens(config.links.secret ?? '')).execute(unsubscribeToken);
    assert.equal(await subscriptions.findActive(created.id, now), undefined);
  });

  it('lets an unconfirmed email subscription expire: its link stops working and it is no longer listed', async () => {
    const created = await create.execute({ kind: 'email', email: 'late@example.org', filter: everything, digest: null });
    const token = new LinkTokens(config.links.secret ?? '').sign('confirm', created.id);
    advance(config.links.confirmWithinMs);
    await assert.rejects(new ConfirmEmailSubscription(subscriptions, new LinkTokens(config.links.secret ?? ''), clock).execute(token), { code: 'confirmation-expired' });
    assert.equal((await subscriptions.listActive(now)).some((s) => s.id === created.id), false);
    await worker.drain();
    const confirmation = await delivery(deliveryIdOf(created.id, 'subscription.confirmation'));
    assert.deepEqual([confirmation.status, confirmation.lastError], ['cancelled', 'confirmation expired'], 'a confirmation not sent in time is not sent late');
  });

  it('sends a digest subscriber one email at the digest time with every alert held for it, grouped by track', async () => {
    sent.length = 0;
    const created = await create.execute({ kind: 'email', email: 'digest@example.org', filter: everything, digest: 'daily' });
    assert.equal(created.kind === 'email' && created.digest, 'daily');
    await db.prisma.emailTarget.update({ where: { subscriptionId: created.id }, data: { confirmedAt: now } });
    const at = new Date(now.getTime() + 3_600_000);
    const digestId = `digest:${at.toISOString()}`;
    for (const change of changes) {
      await db.prisma.delivery.create({
        data: { id: deliveryIdOf(created.id, change.id), subscriptionId: created.id, changeId: change.id, payload: JSON.parse(JSON.stringify(change)) as Prisma.InputJsonValue, status: 'held', nextAttemptAt: at },
      });
    }
    await db.prisma.delivery.create({ data: { id: deliveryIdOf(created.id, digestId), subscriptionId: created.id, changeId: digestId, payload: {}, status: 'pending', nextAttemptAt: at } });
    await worker.drain();
    assert.equal(sent.length, 0, 'nothing before the digest hour (and no confirmation once confirmed)');
    advance(3_600_000);
    await worker.drain();
    assert.equal(sent.length, 1, 'one email');
    const [digest] = sent;
    assert.equal(digest?.subject, `Talkwatch daily digest: ${changes.length} changes in 1 negotiation`);
    assert.ok(digest.text.includes('== Kosovo – Serbia talks'));
    assert.ok(digest.unsubscribeUrl?.includes('/email/unsubscribe?token='));
    const rows = await db.prisma.delivery.findMany({ where: { subscriptionId: created.id, changeId: { not: 'subscription.confirmation' } } });
    assert.ok(rows.every((r) => r.status === 'delivered'), JSON.stringify(rows.map((r) => [r.changeId, r.status])));

    const update = new UpdateSubscription(subscriptions, clock);
    const weekly = await update.execute(created.id, { digest: 'weekly', filter: {} });
    assert.equal(weekly.kind === 'email' && weekly.digest, 'weekly');
    const immediate = await update.execute(created.id, { digest: null, filter: {} });
    assert.equal(immediate.kind === 'email' && immediate.digest, 'immediate');
    const hook = await subscribe('http://127.0.0.1:9/hooks');
    await assert.rejects(update.execute(hook, { digest: 'daily', filter: {} }), { code: 'invalid-subscription' });
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
    const create = new CreateSubscription(subscriptions, guard, config, clock);
    const http = new OutboundHttp(guard);
    const links = new EmailLinks(config.links.publicUrl, new LinkTokens(config.links.secret ?? ''));
    const worker = new DeliveryWorker(config, deliveries, subscriptions, mailer, clock, () => 0.5, new WebhookSender(config, clock, http), new SlackSender(config, clock, http), links);
    const hanging = await startReceiver(() => ({ status: 204, delayMs: 60_000 }));
    receivers.push(hanging);
    const hangingId = (await create.execute({ kind: 'webhook', url: hanging.url, filter: everything })).id;
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
      const id = (await create.execute({ kind: 'webhook', url: fine.url, filter: everything })).id;
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

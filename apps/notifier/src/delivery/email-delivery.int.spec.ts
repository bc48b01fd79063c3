// Email alerts end to end through the durable queue: the real DeliveryWorker and repositories on a
// real PostgreSQL, the real SmtpMailer, and a real SMTP server (smtp-server) that each test tells
// when to refuse. A temporary refusal (451) is retried on the schedule with the same Message-ID; a
// permanent one (550) ends in `failed` without disabling the subscription (a mail server's trouble
// is no fault of the subscriber's); a daily digest goes out as one email grouped by track. Time is
// a fake clock moved by hand; only the SMTP exchange is real.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { evolve, eventsFromArticle, type TrackChange } from '@talkwatch/domain';
import { OutboundGuard, OutboundHttp, type Prisma } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { loadNotifierConfig } from '../config.js';
import { CreateSubscription } from '../subscriptions/create-subscription.js';
import { ConfirmEmailSubscription } from '../subscriptions/email-links.js';
import { EmailLinks, LinkTokens } from '../subscriptions/link-tokens.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { deliveryIdOf } from './delivery-id.js';
import { DeliveryWorker } from './delivery.worker.js';
import { SlackSender } from './slack-sender.js';
import { SmtpMailer } from './smtp-mailer.js';
import { WebhookSender } from './webhook-sender.js';

interface MailServer {
  readonly url: string;
  /** Every message handed over, in order, refused or not. */
  readonly received: ParsedMail[];
  /** Those the server said it took. */
  readonly accepted: ParsedMail[];
  close(): Promise<void>;
}

/** An SMTP server whose answer to the n-th message (from 0) is `refuse(n)`: an SMTP reply code, or undefined to take it. */
async function startMailServer(refuse: (n: number) => number | undefined): Promise<MailServer> {
  const received: ParsedMail[] = [];
  const accepted: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const code = refuse(received.length);
          received.push(mail);
          if (code === undefined) {
            accepted.push(mail);
            callback();
            return;
          }
          const text = code >= 500 ? 'mailbox unavailable' : 'try again later';
          callback(Object.assign(new Error(text), { responseCode: code }));
        })
        .catch((error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A header as it was sent (mailparser folds the List-* headers into one structure). */
function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
}

/** The changes a first report of `article` makes to its track (status changes left out). */
function changesOf(articleId: string, article: { title: string; url: string; publishedAt: string; body: string }): TrackChange[] {
  const changes: TrackChange[] = [];
  let state;
  for (const event of eventsFromArticle({ articleId, article, observedAt: `${article.publishedAt}T09:00:00Z` })) {
    const evolution = evolve(state, event);
    state = evolution.state;
    changes.push(...evolution.changes.filter((c) => c.type !== 'track.status-changed'));
  }
  return changes;
}

// Two short reports of our own, on two different negotiations.
const balkans = {
  title: 'Balkan envoys set a date',
  url: 'https://example.org/balkan-envoys',
  publishedAt: '2024-05-06',
  body:
    'Serbia and Kosovo will hold another round of talks in Brussels on May 20, the European Union said on Monday. ' +
    'Kosovo demanded that Serbia recognise its passports.',
};
const caucasus = {
  title: 'Caucasus neighbours to talk again',
  url: 'https://example.org/caucasus-neighbours',
  publishedAt: '2024-05-07',
  body: 'Armenia and Azerbaijan will hold a new round of talks in Geneva on June 3, the Swiss foreign ministry said on Tuesday.',
};

const everything = { trackIds: [], parties: [], changeKinds: [], minConfidence: null };

describe('Email delivery (PostgreSQL, the real SmtpMailer, real SMTP servers)', () => {
  let db: TestDatabase;
  let now = new Date('2026-12-01T10:00:00Z');
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const clock = () => now;
  const config = loadNotifierConfig({
    DELIVERY_RETRY_SCHEDULE: '1s,2s,4s',
    DELIVERY_RETRY_JITTER: '0',
    EMAIL_LINK_SECRET: 'another-test-secret-for-email-links',
    PUBLIC_URL: 'https://talkwatch.example.org/',
  });
  const tokens = new LinkTokens(config.links.secret ?? '');
  const links = new EmailLinks(config.links.publicUrl, tokens);
  let subscriptions: SubscriptionsRepository;
  let deliveries: DeliveriesRepository;
  let create: CreateSubscription;
  let guard: OutboundGuard;
  const servers: MailServer[] = [];
  const mailers: SmtpMailer[] = [];

  /** A worker that sends email through the real SMTP adapter to `server`. */
  const workerFor = (server: MailServer) => {
    const mailer = new SmtpMailer(server.url, 'Talkwatch <alerts@talkwatch.test>', 2000);
    mailers.push(mailer);
    const http = new OutboundHttp(guard);
    return new DeliveryWorker(config, deliveries, subscriptions, mailer, clock, () => 0.5, new WebhookSender(config, clock, http), new SlackSender(config, clock, http), links);
  };

  const mailServer = async (refuse: (n: number) => number | undefined) => {
    const server = await startMailServer(refuse);
    servers.push(server);
    return server;
  };

  /** An email subscription, confirmed through its link as the subscriber would. */
  const confirmedEmail = async (email: string, digest: 'daily' | null = null): Promise<string> => {
    const created = await create.execute({ kind: 'email', email, filter: everything, digest });
    await new ConfirmEmailSubscription(subscriptions, tokens, clock).execute(tokens.sign('confirm', created.id));
    const subscription = await subscriptions.findActive(created.id, now);
    assert.ok(subscription?.kind === 'email' && subscription.confirmedAt !== null, 'confirmed');
    return created.id;
  };

  const payloadOf = (change: TrackChange) => JSON.parse(JSON.stringify(change)) as Prisma.InputJsonValue;

  const queue = async (subscriptionId: string, change: TrackChange): Promise<string> => {
    const id = deliveryIdOf(subscriptionId, change.id);
    await db.prisma.delivery.create({ data: { id, subscriptionId, changeId: change.id, payload: payloadOf(change), status: 'pending', nextAttemptAt: now } });
    return id;
  };

  const delivery = (id: string) => db.prisma.delivery.findUniqueOrThrow({ where: { id } });

  before(async () => {
    db = await createTestDatabase('tw_email_delivery');
    subscriptions = new SubscriptionsRepository(db.prisma);
    deliveries = new DeliveriesRepository(db.prisma);
    guard = new OutboundGuard(config.outbound.allowlist);
    create = new CreateSubscription(subscriptions, guard, config, clock);
  });

  after(async () => {
    for (const mailer of mailers) mailer.close();
    await Promise.all(servers.map((s) => s.close()));
    await db.drop();
  });

  it('retries a temporary refusal (451) on the schedule with the same Message-ID, then delivers once, with one-click unsubscribe', async () => {
    const server = await mailServer((n) => (n === 0 ? 451 : undefined));
    const worker = workerFor(server);
    const subscriptionId = await confirmedEmail('desk@example.org');
    const [change] = changesOf('b1', balkans);
    assert.ok(change);
    const id = await queue(subscriptionId, change);

    await worker.drain();
    let row = await delivery(id);
    assert.deepEqual([row.status, row.attempts, row.lastError], ['pending', 1, 'the mail server did not take the message']);
    assert.equal(row.nextAttemptAt.getTime() - now.getTime(), 1000, 'the first wait of the schedule');
    assert.equal(server.received.length, 1, 'the confirmed subscription got no confirmation mail, only the alert');
    assert.equal(server.accepted.length, 0);

    await worker.drain();
    assert.equal(server.received.length, 1, 'nothing before it is due');
    advance(1000);
    await worker.drain();
    row = await delivery(id);
    assert.deepEqual([row.status, row.attempts, row.lastError], ['delivered', 2, null]);

    const messageId = `<${id}@talkwatch>`;
    assert.deepEqual(server.received.map((m) => m.messageId), [messageId, messageId], 'the same Message-ID each attempt');
    assert.equal(server.accepted.filter((m) => m.messageId === messageId).length, 1, 'taken exactly once');
    const mail = server.accepted[0] ?? assert.fail('nothing accepted');
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined, 'desk@example.org');
    assert.match(rawHeader(mail, 'List-Unsubscribe') ?? '', /^<https:\/\/talkwatch\.example\.org\/email\/unsubscribe\?token=[^>]+>$/);
    assert.equal(rawHeader(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.ok(mail.text?.includes(change.summary), 'the alert says what changed');

    advance(60_000);
    await worker.drain();
    assert.equal(server.received.length, 2, 'nothing more once delivered');
  });

  it('ends a permanently refused (550) email in failed after the whole schedule, and keeps the subscription', async () => {
    const server = await mailServer(() => 550);
    const worker = workerFor(server);
    const subscriptionId = await confirmedEmail('bounced@example.org');
    const [change] = changesOf('b2', balkans);
    assert.ok(change);
    const id = await queue(subscriptionId, change);
    for (const wait of [0, 1000, 2000, 4000, 8000]) {
      advance(wait);
      await worker.drain();
    }
    const row = await delivery(id);
    assert.deepEqual([row.status, row.attempts, row.lastError], ['failed', 4, 'the mail server did not take the message (gave up after 4 attempts)']);
    assert.equal(server.received.length, 4, '1 + the 3 waits of the schedule');
    assert.equal(server.accepted.length, 0);
    const subscription = await subscriptions.findActive(subscriptionId, now);
    assert.equal(subscription?.kind, 'email');
    assert.equal(subscription.disabled, null, 'email is not disabled when the schedule runs out');
  });

  it('sends a daily digest as one email, the changes of two negotiations grouped under their tracks', async () => {
    const server = await mailServer(() => undefined);
    const worker = workerFor(server);
    const subscriptionId = await confirmedEmail('morning@example.org', 'daily');
    const first = changesOf('d1', balkans);
    const second = changesOf('d2', caucasus);
    assert.ok(first.length >= 1 && second.length >= 1);
    const [firstTrack, secondTrack] = [first[0]?.trackName ?? '', second[0]?.trackName ?? ''];
    assert.notEqual(first[0]?.trackId, second[0]?.trackId, 'two different tracks');
    assert.ok(first.every((c) => c.trackId === first[0]?.trackId) && second.every((c) => c.trackId === second[0]?.trackId));

    const at = new Date(now.getTime() + 3_600_000);
    const digestChangeId = `digest:${at.toISOString()}`;
    const held: string[] = [];
    for (const change of [...first, ...second]) {
      const id = deliveryIdOf(subscriptionId, change.id);
      held.push(id);
      await db.prisma.delivery.create({ data: { id, subscriptionId, changeId: change.id, payload: payloadOf(change), status: 'held', nextAttemptAt: at } });
    }
    const digestId = deliveryIdOf(subscriptionId, digestChangeId);
    await db.prisma.delivery.create({ data: { id: digestId, subscriptionId, changeId: digestChangeId, payload: {}, status: 'pending', nextAttemptAt: at } });

    await worker.drain();
    assert.equal(server.received.length, 0, 'nothing before the digest time');
    advance(3_600_000);
    await worker.drain();

    assert.equal(server.received.length, 1, 'one email');
    const mail = server.accepted[0] ?? assert.fail('the digest was not accepted');
    assert.equal(mail.messageId, `<${digestId}@talkwatch>`);
    assert.equal(mail.subject, `Talkwatch daily digest: ${first.length + second.length} changes in 2 negotiations`);
    assert.equal(rawHeader(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    // The text is one section per track, each opened by "== <track> talks (<count>)".
    const sections = (mail.text ?? '').split(/^== /m).slice(1);
    assert.equal(sections.length, 2, mail.text);
    const sectionOf = (trackName: string) => sections.find((s) => s.startsWith(`${trackName} talks`)) ?? assert.fail(`no section for ${trackName}:\n${mail.text ?? ''}`);
    for (const [trackName, changes, others] of [
      [firstTrack, first, second],
      [secondTrack, second, first],
    ] as const) {
      const section = sectionOf(trackName);
      assert.ok(section.startsWith(`${trackName} talks (${changes.length})`), section);
      for (const change of changes) assert.ok(section.includes(change.summary), `${change.summary} under ${trackName}`);
      for (const change of others) assert.equal(section.includes(change.summary), false, `${change.summary} not under ${trackName}`);
    }

    const rows = await db.prisma.delivery.findMany({ where: { id: { in: [...held, digestId] } } });
    assert.equal(rows.length, held.length + 1);
    assert.ok(rows.every((r) => r.status === 'delivered'), JSON.stringify(rows.map((r) => [r.changeId, r.status])));
  });
});

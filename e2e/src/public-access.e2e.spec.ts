// What anyone can reach, over real HTTP against one Talkwatch process on PostgreSQL (examples
// loaded): the Atom and iCalendar feeds read by parsers the project does not write with, the Host
// check, the rate limit on anonymous requests, and redelivery by hand to a real webhook receiver.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import ICAL from 'ical.js';
import { adminKey, apiKeysEnv, bearer, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';
import { startWebhookReceiver, type WebhookReceiver } from './harness/webhook-receiver.js';

interface Change {
  id: string;
  type: string;
  trackId: string;
}

/** A GET with the headers given as they are (fetch will not send another Host). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('public feeds, Host check, rate limit and redelivery (one process on PostgreSQL)', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let receiver: WebhookReceiver;
  let port: number;
  let dataDir: string;
  const publicUrl = () => `http://talkwatch.test:${port}`;
  const admin = bearer(adminKey);
  /** Polled with a key: keyed requests do not count toward the anonymous rate limit. */
  const getJson = async <T>(route: string): Promise<T> => {
    const res = await fetch(`${app.baseUrl}${route}`, { headers: admin });
    assert.equal(res.status, 200, `GET ${route}: ${res.status}`);
    return (await res.json()) as T;
  };

  before(async () => {
    db = await createTestDatabase('tw_e2e_public');
    receiver = await startWebhookReceiver();
    port = await freePort();
    dataDir = await mkdtemp(path.join(tmpdir(), 'tw-e2e-public-'));
    app = await startApp('talkwatch', port, {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      API_KEYS: apiKeysEnv,
      OUTBOUND_ALLOWLIST: '127.0.0.1',
      DELIVERY_POLL_MS: '200',
      PUBLIC_URL: `http://talkwatch.test:${port}`,
      PUBLIC_RATE_LIMIT: '40/5s',
    }, [], 90_000);
    await waitFor('the examples loaded', () => Promise.resolve(/loaded \d+ example article/.test(app.output()) ? true : undefined), 60_000, 250);
    // Loaded is not yet projected: wait until the timelines stop growing.
    let seen = -1;
    let still = 0;
    await waitFor(
      'the examples projected',
      async () => {
        const talks = await getJson<{ id: string }[]>('/talks');
        const count = (await Promise.all(talks.map((t) => getJson<unknown[]>(`/talks/${t.id}/timeline`)))).flat().length;
        still = count === seen && count > 0 ? still + 1 : 0;
        seen = count;
        return still >= 3 ? true : undefined;
      },
      60_000,
      500,
    );
  });

  after(async () => {
    const code = await app.stop();
    await receiver.close();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
    assert.equal(code, 0, app.output());
  });

  it('serves every change as an Atom feed, per track too, with links under PUBLIC_URL', async () => {
    const talks = await getJson<{ id: string }[]>('/talks');
    const timelines = await Promise.all(talks.map((t) => getJson<Change[]>(`/talks/${t.id}/timeline`)));
    const changes = timelines.flat();

    const res = await fetch(`${app.baseUrl}/talks.atom`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    const feed = parseFeed(await res.text());
    assert.equal(feed.self, `${publicUrl()}/talks.atom`);
    assert.equal(feed.url, `${publicUrl()}/talks`);
    const ids = feed.items.map((i) => i.id);
    assert.equal(feed.items.length, Math.min(100, changes.length));
    assert.deepEqual(new Set(ids).size, ids.length, 'one entry per change');
    for (const change of changes) assert.ok(ids.includes(`tag:talkwatch.dev,2026:change:${encodeURIComponent(change.id)}`), change.id);
    assert.ok(feed.items.every((i) => i.title && i.updated && i.url?.startsWith('http')), 'every entry has a title, a time and a link');

    // A feed reader that polls again is told nothing changed.
    const etag = res.headers.get('etag');
    assert.ok(etag);
    // (Over node:http: fetch adds Cache-Control: no-cache to a conditional request.)
    assert.equal((await rawGet(`${app.baseUrl}/talks.atom`, { 'if-none-match': etag })).status, 304);

    const [busiest] = [...talks].sort((a, b) => changes.filter((c) => c.trackId === b.id).length - changes.filter((c) => c.trackId === a.id).length);
    assert.ok(busiest);
    const own = parseFeed(await (await fetch(`${app.baseUrl}/talks/${busiest.id}/feed.atom`)).text());
    assert.equal(own.items.length, changes.filter((c) => c.trackId === busiest.id).length);
    assert.equal(own.self, `${publicUrl()}/talks/${busiest.id}/feed.atom`);

    const missing = await fetch(`${app.baseUrl}/talks/no-such-track/feed.atom`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { code: string }).code, 'track-not-found');
  });

  it('serves the rounds as an iCalendar feed: the Geneva round on 10 January 2022, all day', async () => {
    const res = await fetch(`${app.baseUrl}/talks.ics`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(await res.text()) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    assert.ok(events.length >= 1);
    const geneva = events.find((e) => e.startDate.toString() === '2022-01-10' && e.summary.includes('Russia') && e.summary.includes('United States'));
    assert.ok(geneva, events.map((e) => `${e.summary} ${e.startDate.toString()}`).join('; '));
    assert.equal(geneva.startDate.isDate, true, 'an all-day event');
    assert.equal(geneva.location, 'Geneva');
    const talks = await getJson<{ id: string; rounds?: unknown }[]>('/talks');
    const trackId = geneva.uid.replace(/:round:.*$/, '');
    assert.ok(talks.some((t) => t.id === trackId));
    const own = new ICAL.Component(ICAL.parse(await (await fetch(`${app.baseUrl}/talks/${trackId}/calendar.ics`)).text()) as unknown[]);
    const uids = own.getAllSubcomponents('vevent').map((c) => String(c.getFirstPropertyValue('uid')));
    assert.ok(uids.includes(geneva.uid) && uids.every((uid) => uid.startsWith(`${trackId}:round:`)), uids.join(', '));

    const docs = (await getJson<{ paths: Record<string, unknown> }>('/docs/openapi.json')).paths;
    for (const route of ['/talks.atom', '/talks/{id}/feed.atom', '/talks.ics', '/talks/{id}/calendar.ics', '/deliveries/{id}/redeliver']) assert.ok(route in docs, route);
  });

  it('answers only for its own host names: a rebinding page naming another host gets 421', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `talkwatch.test:${port}`, 'talkwatch.test']) {
      assert.equal((await rawGet(`${app.baseUrl}/health/live`, { host })).status, 200, host);
    }
    for (const host of [`attacker.example:${port}`, 'talkwatch.test.attacker.example']) {
      for (const route of ['/talks', '/health/live', '/docs/openapi.json']) {
        const res = await rawGet(`${app.baseUrl}${route}`, { host, ...admin });
        assert.equal(res.status, 421, `${host} ${route}`);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.equal((JSON.parse(res.body) as { code: string }).code, 'unknown-host');
      }
    }
  });

  it('redelivers a failed webhook by hand, with the same webhook-id, to a key with the admin scope', async () => {
    // The receiver refuses everything until it knows the secret: 401, which fails a delivery for good.
    receiver.secret = undefined;
    const created = await fetch(`${app.baseUrl}/subscriptions`, { method: 'POST', headers: jsonWith(adminKey), body: JSON.stringify({ kind: 'webhook', url: receiver.url }) });
    assert.equal(created.status, 201);
    const { id: subscriptionId, secret } = (await created.json()) as { id: string; secret: string };
    const posted = await fetch(`${app.baseUrl}/articles`, {
      method: 'POST',
      headers: jsonWith(ingestKey),
      body: JSON.stringify({ title: 'Caucasus envoys to meet', publishedAt: '2023-05-02', body: 'Armenia and Azerbaijan will hold talks in Washington on May 9, the State Department said.' }),
    });
    assert.equal(posted.status, 202, await posted.clone().text());
    const failed = await waitFor('the deliveries failed', async () => {
      const log = await getJson<{ id: string; status: string }[]>(`/subscriptions/${subscriptionId}/deliveries`);
      return log.length > 0 && log.every((d) => d.status === 'failed') ? log : undefined;
    });
    const [first] = failed;
    assert.ok(first);
    const refusedAt = receiver.received.length;
    assert.ok(receiver.received.some((w) => w.headers['webhook-id'] === first.id));

    const redeliver = (headers: Record<string, string>, id = first.id) => fetch(`${app.baseUrl}/deliveries/${id}/redeliver`, { method: 'POST', headers });
    assert.equal((await redeliver({})).status, 401);
    assert.equal((await redeliver(bearer(ingestKey))).status, 403);
    const unknown = await redeliver(admin, 'msg_unknown');
    assert.deepEqual([unknown.status, ((await unknown.json()) as { code: string }).code], [404, 'delivery-not-found']);

    receiver.secret = secret;
    const accepted = await redeliver(admin);
    assert.equal(accepted.status, 202);
    const queued = (await accepted.json()) as { id: string; subscriptionId: string; attempts: number };
    assert.deepEqual([queued.id, queued.subscriptionId, queued.attempts], [first.id, subscriptionId, 0], 'the schedule starts afresh');
    await waitFor('the redelivery received', async () => {
      const log = await getJson<{ id: string; status: string }[]>(`/subscriptions/${subscriptionId}/deliveries`);
      return log.find((d) => d.id === first.id)?.status === 'delivered' ? true : undefined;
    });
    const again = receiver.received.slice(refusedAt).filter((w) => failed.some((d) => d.id === w.headers['webhook-id']));
    assert.equal(again.length, 1, 'only the redelivered one was sent again');
    const [resent] = again;
    assert.ok(resent);
    assert.deepEqual([resent.headers['webhook-id'], resent.verified], [first.id, true]);
    const others = failed.slice(1).map((d) => d.id);
    const log = await getJson<{ id: string; status: string }[]>(`/subscriptions/${subscriptionId}/deliveries`);
    assert.ok(log.filter((d) => others.includes(d.id)).every((d) => d.status === 'failed'), 'the others stay failed');
  });

  it('limits anonymous requests per client with 429 and Retry-After; keys and health probes are not counted', async () => {
    // A fresh window: the earlier anonymous requests of this file were a handful, well under 40.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 45 && !limited; i += 1) {
      const res = await fetch(`${app.baseUrl}/talks.ics`);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    assert.ok(limited, `no 429 after ${statuses.length} requests`);
    assert.equal(statuses.filter((s) => s === 200).length, 40, 'the 41st anonymous request is refused');
    assert.match(limited.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(((await limited.json()) as { code: string }).code, 'rate-limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 5, `Retry-After ${retryAfter}`);

    assert.equal((await fetch(`${app.baseUrl}/talks`)).status, 429, 'the count is per client, over every route');
    assert.equal((await fetch(`${app.baseUrl}/talks`, { headers: admin })).status, 200, 'a key is not limited');
    assert.equal((await fetch(`${app.baseUrl}/health/ready`)).status, 200, 'probes are not limited');
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
    assert.equal((await fetch(`${app.baseUrl}/talks`)).status, 200, 'open again after Retry-After');
  });
});

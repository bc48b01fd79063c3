// The first end-to-end slice: an article posted to the ingestor goes through real Kafka into the
// notifier's Postgres read model, and every new fact reaches a webhook receiver (signed) and an
// SMTP server exactly once. Re-posting the article sends nothing more.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { alertingChangeTypes, parseArticleText, type TrackChange, type TrackState } from '@talkwatch/domain';
import { adminKey, apiKeysEnv, bearer, ingestKey, jsonWith } from './harness/api-keys.js';
import { startApp, type AppProcess } from './harness/app-process.js';
import { brokers, deleteTopic } from './harness/kafka.js';
import { freePort, waitFor } from './harness/ports.js';
import { createTestDatabase, type TestDatabase } from './harness/postgres.js';
import { repoRoot } from './harness/repo.js';
import { linkIn, rawHeader, startSmtpSink, type SmtpSink } from './harness/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from './harness/webhook-receiver.js';

const runId = randomBytes(4).toString('hex');
const topic = `talkwatch.e2e.${runId}`;

interface TrackSummary {
  id: string;
  parties: string[];
  nextRound: { date: { start: string; precision: string } | null; status: string } | null;
  roundCount: number;
  openDemandCount: number;
}

const confirmSubject = 'Confirm your Talkwatch alerts';

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { headers });
  assert.equal(res.status, 200, `GET ${url} answered ${res.status}`);
  return (await res.json()) as T;
}

describe('end-to-end slice over Kafka, Postgres, SMTP and webhooks', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let receiver: WebhookReceiver;
  let ingestor: AppProcess;
  let notifier: AppProcess;

  before(async () => {
    db = await createTestDatabase('tw_e2e');
    smtp = await startSmtpSink();
    receiver = await startWebhookReceiver();
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC: topic,
      KAFKA_TOPIC_PARTITIONS: '3',
      KAFKA_GROUP_ID: `talkwatch-e2e-${runId}`,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      DELIVERY_POLL_MS: '200',
      API_KEYS: apiKeysEnv,
      // The webhook receiver listens on loopback, which the SSRF guard refuses otherwise.
      OUTBOUND_ALLOWLIST: '127.0.0.1',
    };
    [ingestor, notifier] = await Promise.all([startApp('ingestor', await freePort(), env), startApp('notifier', await freePort(), env)]);
  });

  after(async () => {
    // (If before() failed these are unset and this hook fails too; the first error is the one to read.)
    const codes = await Promise.all([ingestor.stop(), notifier.stop()]);
    await Promise.all([smtp.close(), receiver.close()]);
    await db.drop();
    await deleteTopic(topic);
    // Graceful shutdown: both apps exit 0 on SIGTERM.
    assert.deepEqual(codes, [0, 0], `apps did not shut down cleanly:\n${ingestor.output()}\n${notifier.output()}`);
  });

  it('turns the founding article into tracks, rounds and demands, alerting once per new fact', async () => {
    const webhook = await fetch(`${notifier.baseUrl}/subscriptions`, {
      method: 'POST',
      headers: jsonWith(adminKey),
      body: JSON.stringify({ kind: 'webhook', url: receiver.url }),
    });
    assert.equal(webhook.status, 201);
    const { secret } = (await webhook.json()) as { secret: string };
    assert.match(secret, /^whsec_/);
    receiver.secret = secret;
    const email = await fetch(`${notifier.baseUrl}/subscriptions`, {
      method: 'POST',
      headers: jsonWith(adminKey),
      body: JSON.stringify({ kind: 'email', email: 'analyst@example.org' }),
    });
    assert.equal(email.status, 201);
    const emailSubscription = (await email.json()) as { id: string; confirmation: string };
    assert.equal(emailSubscription.confirmation, 'pending');

    // Double opt-in: the address gets a confirmation email, and nothing else until its link is followed.
    const confirmation = await waitFor('the confirmation email', () => Promise.resolve(smtp.messages.find((m) => m.subject === confirmSubject)));
    const confirmUrl = linkIn(confirmation, '/email/confirm') ?? assert.fail('no confirmation link');
    assert.ok(confirmUrl.startsWith(`${notifier.baseUrl}/email/confirm?token=`), `a link to this notifier: ${confirmation.text ?? ''}`);
    assert.ok(confirmation.html && confirmation.html.includes('/email/confirm?token='), 'the HTML body links too');
    const page = await fetch(confirmUrl);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /<form method="post"/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer', 'the token does not leak to other sites');
    const stillPending = await getJson<{ confirmation: string }>(`${notifier.baseUrl}/subscriptions/${emailSubscription.id}`, bearer(adminKey));
    assert.equal(stillPending.confirmation, 'pending', 'opening the link (a link scanner) confirms nothing');
    const forged = await fetch(`${notifier.baseUrl}/email/confirm?token=${Buffer.from(emailSubscription.id).toString('base64url')}.${'A'.repeat(43)}`, { method: 'POST' });
    assert.equal(forged.status, 400);
    assert.equal(((await forged.json()) as { code: string }).code, 'invalid-link');
    const confirmed = await fetch(confirmUrl, { method: 'POST' });
    assert.equal(confirmed.status, 200, 'the button works without an API key');
    const nowConfirmed = await getJson<{ confirmation: string }>(`${notifier.baseUrl}/subscriptions/${emailSubscription.id}`, bearer(adminKey));
    assert.equal(nowConfirmed.confirmation, 'confirmed');
    const alertMails = () => smtp.messages.filter((m) => m.subject !== confirmSubject);

    // Server-Sent Events: a live subscriber sees each change as it is projected.
    const sse = await fetch(`${notifier.baseUrl}/events/stream`);
    assert.match(sse.headers.get('content-type') ?? '', /text\/event-stream/);
    assert.ok(sse.body);
    const reader = sse.body.getReader();
    let streamed = '';
    const reading = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch {
          return; // cancelled
        }
        if (chunk.done) return;
        streamed += decoder.decode(chunk.value as Uint8Array, { stream: true });
      }
    })();

    const raw = readFileSync(path.join(repoRoot, 'examples/2021-12-22-russia-expects-security-talks.md'), 'utf8');
    const article = parseArticleText(raw);
    const post = () =>
      fetch(`${ingestor.baseUrl}/articles`, {
        method: 'POST',
        headers: jsonWith(ingestKey),
        body: JSON.stringify({ title: article.title, url: article.url, publishedAt: article.publishedAt, body: article.body }),
      });
    const first = await post();
    assert.equal(first.status, 202, await first.clone().text());
    const accepted = (await first.json()) as { status: string; eventCount: number };
    assert.equal(accepted.status, 'accepted');
    assert.ok(accepted.eventCount >= 4, `expected rounds and demands, got ${accepted.eventCount} events`);

    const talks = await waitFor('both tracks in GET /talks', async () => {
      const list = await getJson<TrackSummary[]>(`${notifier.baseUrl}/talks`);
      const usTrack = list.find((t) => t.parties.includes('Russia') && t.parties.includes('United States'));
      const natoTrack = list.find((t) => t.parties.includes('Russia') && t.parties.includes('NATO'));
      return usTrack && natoTrack ? { list, usTrack, natoTrack } : undefined;
    });
    assert.equal(talks.usTrack.nextRound?.date?.start, '2022-01', 'the U.S. round is expected in January 2022');
    assert.equal(talks.usTrack.nextRound.date.precision, 'month');
    assert.equal(talks.usTrack.nextRound.status, 'announced');
    assert.ok(talks.natoTrack.roundCount >= 1);

    // Wait until every event of the article is folded in (the projector is asynchronous).
    const eventCount = accepted.eventCount;
    const tracks = await waitFor('all events projected', async () => {
      const details = await Promise.all(talks.list.map((t) => getJson<TrackState>(`${notifier.baseUrl}/talks/${t.id}`)));
      const folded = details.reduce((n, d) => n + d.version, 0);
      return folded === eventCount ? details : undefined;
    });
    const demands = tracks.flatMap((t) => t.demands);
    const byRussia = demands.filter((d) => d.by === 'Russia').map((d) => d.text.toLowerCase());
    assert.ok(byRussia.some((t) => t.includes('member')), `no-new-members demand missing: ${JSON.stringify(byRussia)}`);
    assert.ok(byRussia.some((t) => t.includes('base')), `no-bases demand missing: ${JSON.stringify(byRussia)}`);
    assert.ok(byRussia.some((t) => t.includes('guarantee')), `guarantees demand missing: ${JSON.stringify(byRussia)}`);
    for (const round of tracks.flatMap((t) => t.rounds)) {
      assert.ok(round.sources.length >= 1 && round.sources[0]?.sentence, 'every round names its source sentence');
    }

    const timelines = await Promise.all(talks.list.map((t) => getJson<TrackChange[]>(`${notifier.baseUrl}/talks/${t.id}/timeline`)));
    const alerting = timelines.flat().filter((c) => alertingChangeTypes.includes(c.type));
    assert.ok(alerting.length >= 5, `expected at least 2 rounds and 3 demands as new facts, got ${alerting.length}`);

    await waitFor('one webhook and one email per new fact', () =>
      Promise.resolve(receiver.received.length >= alerting.length && alertMails().length >= alerting.length ? true : undefined),
    );
    assert.equal(receiver.received.length, alerting.length);
    assert.ok(receiver.received.every((w) => w.verified), 'every webhook carries a valid Standard Webhooks signature');
    const webhookChangeIds = receiver.received.map((w) => (JSON.parse(w.body) as { data: { id: string } }).data.id).sort();
    assert.deepEqual(webhookChangeIds, alerting.map((c) => c.id).sort());
    assert.equal(new Set(receiver.received.map((w) => w.headers['webhook-id'])).size, alerting.length);
    assert.equal(alertMails().length, alerting.length);
    const subjects = alertMails().map((m) => m.subject ?? '');
    assert.ok(subjects.some((s) => s === 'New round: Russia – United States talks, Jan 2022'), `the subject says what changed: ${subjects.join(' | ')}`);
    assert.equal(subjects.filter((s) => s.startsWith('New demand: Russia')).length, alerting.filter((c) => c.type === 'demand.added' && c.by === 'Russia').length);
    assert.ok(alertMails().every((m) => m.text?.includes(article.title) && m.html && m.html.includes('<blockquote>')), 'emails cite the source article, in text and HTML');
    // Every alert can be unsubscribed from in one click (RFC 8058), without an API key.
    const unsubscribeUrls = new Set(alertMails().map((m) => rawHeader(m, 'List-Unsubscribe')));
    assert.equal(unsubscribeUrls.size, 1, 'one unsubscribe link per subscription');
    assert.ok(alertMails().every((m) => rawHeader(m, 'List-Unsubscribe-Post') === 'List-Unsubscribe=One-Click'));
    assert.ok(alertMails().every((m) => linkIn(m, '/email/unsubscribe') !== undefined), 'and a link in the text');

    await waitFor('every change on the event stream', () =>
      Promise.resolve(alerting.every((c) => streamed.includes(`id: ${c.id}\n`)) ? true : undefined),
    );
    assert.match(streamed, /event: round\.added\n/);
    await reader.cancel();
    await reading;

    // Re-posting the same article publishes nothing and alerts nobody.
    const again = await post();
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { status: string }).status, 'duplicate');
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(receiver.received.length, alerting.length);
    assert.equal(alertMails().length, alerting.length);

    // One-click unsubscribe, as a mail client sends it: POST to the header's URL.
    const [header] = [...unsubscribeUrls];
    const unsubscribeUrl = /^<(.+)>$/.exec(header ?? '')?.[1] ?? assert.fail('no List-Unsubscribe URL');
    assert.ok(unsubscribeUrl.startsWith(`${notifier.baseUrl}/email/unsubscribe?token=`));
    const oneClick = await fetch(unsubscribeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.status, 200);
    const gone = await fetch(`${notifier.baseUrl}/subscriptions/${emailSubscription.id}`, { headers: bearer(adminKey) });
    assert.equal(gone.status, 404, 'unsubscribed');
    assert.equal((await fetch(unsubscribeUrl, { method: 'POST' })).status, 200, 'again: still fine');
  });

  it('accepts an undated article over HTTP: its relative dates stay unresolved; an HTML one may take the received time', async () => {
    const postArticle = async (article: Record<string, unknown>) => {
      const res = await fetch(`${ingestor.baseUrl}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: JSON.stringify(article) });
      assert.equal(res.status, 202, await res.clone().text());
      return (await res.json()) as { status: string; eventCount: number; publishedAt: string | null; dateFallback: string | null };
    };
    // Our own text: no publication date anywhere.
    const undated = await postArticle({ title: 'Caucasus envoys to meet', body: 'Armenia and Azerbaijan will hold talks in Geneva on Tuesday, the two foreign ministries said.' });
    assert.deepEqual([undated.status, undated.publishedAt, undated.dateFallback], ['accepted', null, null]);
    assert.ok(undated.eventCount >= 1);
    const track = await waitFor('the undated round projected', async () => {
      const res = await fetch(`${notifier.baseUrl}/talks/armenia--azerbaijan`);
      return res.status === 200 ? ((await res.json()) as TrackState) : undefined;
    });
    const [round] = track.rounds;
    assert.deepEqual([round?.status, round?.date], ['announced', { text: 'on Tuesday', start: null, end: null, precision: 'unknown' }]);
    assert.equal(round?.sources[0]?.publishedAt, null);

    // An HTML body with no date, dated by the time it is received because the client asks.
    const html = '<article><h1>Balkan envoys to meet</h1><p>Serbia and Kosovo will hold talks in Brussels on Friday, the EU said.</p><script>track()</script></article>';
    const fallback = await postArticle({ body: html, dateFallback: 'receivedAt' });
    assert.equal(fallback.dateFallback, 'receivedAt');
    assert.ok(fallback.publishedAt && !Number.isNaN(Date.parse(fallback.publishedAt)), 'the received time stands for the publication date');
    const balkan = await waitFor('the HTML article projected', async () => {
      const res = await fetch(`${notifier.baseUrl}/talks/kosovo--serbia`);
      return res.status === 200 ? ((await res.json()) as TrackState) : undefined;
    });
    const [dated] = balkan.rounds;
    assert.ok(dated, 'a round of the HTML article');
    assert.deepEqual([dated.status, dated.date?.precision, dated.venue], ['scheduled', 'day', 'Brussels']);
    const [source] = dated.sources;
    assert.deepEqual([source?.sentence, source?.title], ['Serbia and Kosovo will hold talks in Brussels on Friday, the EU said.', 'Balkan envoys to meet']);
  });

  it('answers bad input with problem+json and stable codes', async () => {
    const bad = await fetch(`${ingestor.baseUrl}/articles`, {
      method: 'POST',
      headers: jsonWith(ingestKey),
      body: JSON.stringify({ title: '', publishedAt: 'yesterday', body: 'x' }),
    });
    assert.equal(bad.status, 422);
    assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
    const problem = (await bad.json()) as { code: string; errors: { field: string }[] };
    assert.equal(problem.code, 'invalid-article');
    assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['publishedAt', 'title']);

    const malformed = await fetch(`${ingestor.baseUrl}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: '{"title":' });
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { code: string }).code, 'malformed-json');

    const huge = await fetch(`${ingestor.baseUrl}/articles`, {
      method: 'POST',
      headers: jsonWith(ingestKey),
      body: JSON.stringify({ title: 't', publishedAt: '2022-01-01', body: 'x'.repeat(1_100_000) }),
    });
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { code: string }).code, 'payload-too-large');

    const missing = await fetch(`${notifier.baseUrl}/talks/no-such-track`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { code: string }).code, 'track-not-found');

    const docs = await fetch(`${notifier.baseUrl}/docs/openapi.json`);
    assert.equal(docs.status, 200);
    const openapi = (await docs.json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    assert.ok('/talks/{id}' in openapi.paths && '/subscriptions' in openapi.paths);
    // The answers are described, not only the paths: a client can be generated from them.
    const detail = openapi.components.schemas.TrackDetailDoc?.properties ?? {};
    for (const field of ['id', 'status', 'rounds', 'demands', 'responses', 'nextRound']) assert.ok(field in detail, `TrackDetailDoc.${field}`);
    assert.ok('sources' in (openapi.components.schemas.RoundDoc?.properties ?? {}));
  });

  it('takes writes only with a key of the right scope, and keeps reads open', async () => {
    const article = JSON.stringify({ title: 'Talks', publishedAt: '2022-01-01', body: 'Envoys met.' });
    const json = { 'content-type': 'application/json' };
    const cases: { url: string; method: string; headers: Record<string, string>; status: number; code: string }[] = [
      { url: `${ingestor.baseUrl}/articles`, method: 'POST', headers: json, status: 401, code: 'unauthorized' },
      { url: `${ingestor.baseUrl}/articles`, method: 'POST', headers: { ...json, authorization: `Bearer ${'x'.repeat(40)}` }, status: 401, code: 'unauthorized' },
      { url: `${ingestor.baseUrl}/articles`, method: 'POST', headers: jsonWith(adminKey), status: 403, code: 'forbidden' },
      { url: `${notifier.baseUrl}/subscriptions`, method: 'GET', headers: {}, status: 401, code: 'unauthorized' },
      { url: `${notifier.baseUrl}/subscriptions`, method: 'GET', headers: bearer(ingestKey), status: 403, code: 'forbidden' },
      { url: `${notifier.baseUrl}/subscriptions`, method: 'POST', headers: json, status: 401, code: 'unauthorized' },
      { url: `${notifier.baseUrl}/subscriptions/sub_x`, method: 'DELETE', headers: {}, status: 401, code: 'unauthorized' },
      { url: `${notifier.baseUrl}/subscriptions/sub_x/deliveries`, method: 'GET', headers: {}, status: 401, code: 'unauthorized' },
    ];
    for (const c of cases) {
      const res = await fetch(c.url, { method: c.method, headers: c.headers, ...(c.method === 'POST' ? { body: article } : {}) });
      const what = `${c.method} ${c.url} with ${JSON.stringify(Object.keys(c.headers))}`;
      assert.equal(res.status, c.status, what);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, what);
      assert.equal(((await res.json()) as { code: string }).code, c.code, what);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="talkwatch"/, what);
    }
    // The SSRF guard: webhooks only to public addresses (or allowlisted ones), http(s), no credentials.
    for (const [url, code] of [
      ['http://169.254.169.254/latest/meta-data', 'webhook-url-forbidden'],
      ['http://10.0.0.1/hook', 'webhook-url-forbidden'],
      ['http://[::1]:8080/hook', 'webhook-url-forbidden'],
      ['http://[::ffff:192.168.0.1]/hook', 'webhook-url-forbidden'],
      ['http://user:secret@127.0.0.1/hook', 'invalid-subscription'],
      ['ftp://127.0.0.1/hook', 'invalid-subscription'],
    ]) {
      const res = await fetch(`${notifier.baseUrl}/subscriptions`, { method: 'POST', headers: jsonWith(adminKey), body: JSON.stringify({ kind: 'webhook', url }) });
      assert.equal(res.status, 422, url);
      assert.equal(((await res.json()) as { code: string }).code, code, url);
    }
    const listed = await fetch(`${notifier.baseUrl}/subscriptions`, { headers: bearer(adminKey) });
    assert.equal(listed.status, 200);
    const subscriptions = (await listed.json()) as Record<string, unknown>[];
    assert.deepEqual(subscriptions.map((s) => [s.kind, s.enabled]).sort(), [['webhook', true]], 'the email one unsubscribed by its link');
    assert.ok(subscriptions.every((s) => !('secret' in s)), 'a secret is shown only when created');
    for (const url of [`${notifier.baseUrl}/talks`, `${notifier.baseUrl}/docs/openapi.json`, `${notifier.baseUrl}/health/ready`, `${ingestor.baseUrl}/health/live`]) {
      assert.equal((await fetch(url)).status, 200, `${url} is open to read`);
    }
    // No log line carries a key.
    for (const key of [ingestKey, adminKey]) assert.equal(`${ingestor.output()}${notifier.output()}`.includes(key), false);
  });

  it('filters subscriptions by party, change kind and confidence over HTTP, with a discriminated schema', async () => {
    const [ukraine, iran] = await Promise.all([startWebhookReceiver(), startWebhookReceiver()]);
    try {
      const subscribe = async (body: Record<string, unknown>) => {
        const res = await fetch(`${notifier.baseUrl}/subscriptions`, { method: 'POST', headers: jsonWith(adminKey), body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const created = await subscribe({ kind: 'webhook', url: ukraine.url, parties: ['ukraine'], changeKinds: ['new-round'], minConfidence: 0.5 });
      assert.equal(created.status, 201);
      assert.deepEqual([created.body.parties, created.body.changeKinds, created.body.minConfidence, created.body.trackIds], [['ukraine'], ['new-round'], 0.5, []]);
      ukraine.secret = String(created.body.secret);
      const other = await subscribe({ kind: 'webhook', url: iran.url, parties: ['Iran'] });
      assert.equal(other.status, 201);

      for (const [body, field] of [
        [{ kind: 'webhook', url: ukraine.url, changeKinds: ['everything'] }, 'changeKinds.0'],
        [{ kind: 'webhook', url: ukraine.url, minConfidence: 1.5 }, 'minConfidence'],
        [{ kind: 'pager', url: ukraine.url }, 'kind'],
        [{ kind: 'email', url: ukraine.url }, 'email'],
      ] as const) {
        const refused = await subscribe(body);
        assert.equal(refused.status, 422, JSON.stringify(body));
        assert.equal(refused.body.code, 'invalid-subscription');
        assert.ok((refused.body.errors as { field: string }[]).some((e) => e.field === field), `${field} in ${JSON.stringify(refused.body.errors)}`);
      }

      const article = {
        title: 'Delegations to meet in Istanbul',
        url: 'https://example.org/istanbul',
        publishedAt: '2022-03-27',
        body: 'Russia and Ukraine will hold a new round of talks in Istanbul on March 29, officials said on Sunday.',
      };
      const posted = await fetch(`${ingestor.baseUrl}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: JSON.stringify(article) });
      assert.equal(posted.status, 202, await posted.clone().text());
      const [hook] = await waitFor('the new round of a track that did not exist when subscribing', () => Promise.resolve(ukraine.received.length >= 1 ? ukraine.received : undefined));
      assert.ok(hook?.verified);
      const change = (JSON.parse(hook.body) as { data: { type: string; trackId: string } }).data;
      assert.deepEqual([change.type, change.trackId], ['round.added', 'russia--ukraine']);
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(ukraine.received.length, 1, 'new rounds only');
      assert.equal(iran.received.length, 0, 'another party hears nothing');

      const id = String(created.body.id);
      const patch = (body: unknown) => fetch(`${notifier.baseUrl}/subscriptions/${id}`, { method: 'PATCH', headers: jsonWith(adminKey), body: JSON.stringify(body) });
      const patched = await patch({ parties: [], changeKinds: ['track-status', 'correction'], minConfidence: null });
      assert.equal(patched.status, 200);
      const view = (await patched.json()) as Record<string, unknown>;
      assert.deepEqual([view.parties, view.changeKinds, view.minConfidence, view.kind], [[], ['track-status', 'correction'], null, 'webhook']);
      assert.equal((await patch({ colour: 'red' })).status, 422);

      const rotated = await fetch(`${notifier.baseUrl}/subscriptions/${id}/rotate-secret`, { method: 'POST', headers: jsonWith(adminKey), body: JSON.stringify({ overlap: '1h' }) });
      assert.equal(rotated.status, 200);
      const rotation = (await rotated.json()) as { secret: string; previousSecretSignsUntil: string | null };
      assert.match(rotation.secret, /^whsec_/);
      assert.notEqual(rotation.secret, ukraine.secret);
      assert.ok(rotation.previousSecretSignsUntil && Date.parse(rotation.previousSecretSignsUntil) > Date.now());
      const listed = await getJson<Record<string, unknown>[]>(`${notifier.baseUrl}/subscriptions`, bearer(adminKey));
      assert.ok(listed.every((s) => !('secret' in s)));

      const openapi = await getJson<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { oneOf?: unknown[] } }> } }>>; components: { schemas: Record<string, unknown> } }>(
        `${notifier.baseUrl}/docs/openapi.json`,
      );
      assert.equal(openapi.paths['/subscriptions']?.post?.requestBody?.content['application/json']?.schema.oneOf?.length, 3, 'webhook | email | slack');
      assert.ok(['WebhookSubscriptionRequestDoc', 'EmailSubscriptionRequestDoc', 'SlackSubscriptionRequestDoc'].every((name) => name in openapi.components.schemas));
      assert.ok('/email/unsubscribe' in openapi.paths && '/subscriptions/{id}/rotate-secret' in openapi.paths);

      for (const s of [id, String(other.body.id)]) assert.equal((await fetch(`${notifier.baseUrl}/subscriptions/${s}`, { method: 'DELETE', headers: bearer(adminKey) })).status, 204);
    } finally {
      await Promise.all([ukraine.close(), iran.close()]);
    }
  });
});

// What a drill counts: the articles it posted and how each was answered, the alerts the events in
// the log must give (folded here with the domain's own projector, apart from the notifier), and
// what reached the webhook receiver and the SMTP server.
import { alertingChangeTypes, evolve, parseTalkEvent, type TalkEvent, type TrackState } from '@talkwatch/domain';
import type { ParsedMail } from 'mailparser';
import pg from 'pg';
import { adminKey, ingestKey, jsonWith } from '../harness/api-keys.js';
import { linkIn, type SmtpSink } from '../harness/smtp-sink.js';
import type { ReceivedWebhook, WebhookReceiver } from '../harness/webhook-receiver.js';
import { waitFor } from '../harness/ports.js';
import type { DrillArticle } from './articles.js';
import type { TopicRecord } from './topic.js';

export interface PostOutcome {
  readonly n: number;
  /** The HTTP status, or 0 when no answer came (connection refused or reset). */
  readonly status: number;
  readonly articleId?: string;
  readonly eventIds: readonly string[];
  readonly error?: string;
}

/** Posts each article once, `concurrency` at a time; `gapMs` between the starts of two posts. */
export async function postArticles(
  baseUrl: string,
  articles: readonly DrillArticle[],
  options: { concurrency?: number; gapMs?: number; onAnswer?: (outcome: PostOutcome, done: number) => void } = {},
): Promise<PostOutcome[]> {
  const outcomes: PostOutcome[] = [];
  let next = 0;
  const worker = async () => {
    for (;;) {
      const n = next++;
      const article = articles[n];
      if (!article) return;
      if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
      const outcome = await postOne(baseUrl, n, article);
      outcomes.push(outcome);
      options.onAnswer?.(outcome, outcomes.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return outcomes.sort((a, b) => a.n - b.n);
}

async function postOne(baseUrl: string, n: number, article: DrillArticle): Promise<PostOutcome> {
  try {
    const res = await fetch(`${baseUrl}/articles`, { method: 'POST', headers: jsonWith(ingestKey), body: JSON.stringify(article), signal: AbortSignal.timeout(60_000) });
    const body = (await res.json().catch(() => ({}))) as { articleId?: string; eventIds?: string[]; code?: string };
    return { n, status: res.status, ...(body.articleId ? { articleId: body.articleId } : {}), eventIds: body.eventIds ?? [], ...(body.code ? { error: body.code } : {}) };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${(error.cause as Error & { code?: string }).code ?? error.cause.message})` : '';
    return { n, status: 0, eventIds: [], error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

/** How many outcomes had each status ("202": 990, "503": 10, "none": 0). */
export function statusCounts(outcomes: readonly PostOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status === 0 ? 'none' : String(o.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The errors of the posts that got no answer, each with how often ("fetch failed (ECONNRESET)": 1). */
export function noAnswerErrors(outcomes: readonly PostOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) if (o.status === 0) counts.set(o.error ?? '?', (counts.get(o.error ?? '?') ?? 0) + 1);
  return counts.size === 0 ? 'none' : [...counts].map(([e, n]) => `${e}: ${n}`).join('; ');
}

export interface ExpectedChange {
  readonly id: string;
  readonly type: string;
}

/**
 * The alerting changes the events in the log give: each event once (a re-published one is
 * skipped, as the notifier skips it), folded per track in log order. Records that are not events
 * are left out (the poison drill counts those itself).
 */
export function expectedAlerts(records: readonly TopicRecord[]): ExpectedChange[] {
  const seen = new Set<string>();
  const states = new Map<string, TrackState>();
  const out: ExpectedChange[] = [];
  for (const record of records) {
    let event: TalkEvent;
    try {
      event = parseTalkEvent(JSON.parse(record.value.toString('utf8')));
    } catch {
      continue;
    }
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const { state, changes } = evolve(states.get(event.data.trackId), event);
    states.set(event.data.trackId, state);
    for (const change of changes) if (alertingChangeTypes.includes(change.type)) out.push({ id: change.id, type: change.type });
  }
  return out;
}

/** The event ids a log holds (records that are events). */
export function eventIdsIn(records: readonly TopicRecord[]): Set<string> {
  const ids = new Set<string>();
  for (const record of records) {
    try {
      ids.add((JSON.parse(record.value.toString('utf8')) as { id: string }).id);
    } catch {
      // not an event
    }
  }
  return ids;
}

export interface AlertCount {
  readonly expected: number;
  readonly webhookRequests: number;
  readonly webhookChanges: number;
  readonly webhookIds: number;
  /** webhook-ids that arrived more than once (each time with the same change: checked below). */
  readonly webhooksRepeated: number;
  readonly webhookIdsWithTwoChanges: number;
  readonly webhooksUnsigned: number;
  readonly webhooksMissing: number;
  readonly webhooksUnexpected: number;
  readonly emails: number;
  readonly emailsTwice: number;
  readonly emailsMissing: number;
}

const changeIdOf = (webhook: ReceivedWebhook): string => (JSON.parse(webhook.body) as { data: { id: string } }).data.id;
export const confirmSubject = 'Confirm your Talkwatch alerts';
export const alertEmails = (smtp: SmtpSink): ParsedMail[] => smtp.messages.filter((m) => m.subject !== confirmSubject);

/** Every expected change alerted once by webhook (repeats only under the same webhook-id) and once by email. */
export function countAlerts(expected: readonly ExpectedChange[], webhooks: readonly ReceivedWebhook[], smtp: SmtpSink): AlertCount {
  const byId = new Map<string, { changes: Set<string>; count: number }>();
  for (const webhook of webhooks) {
    const id = String(webhook.headers['webhook-id']);
    const entry = byId.get(id) ?? { changes: new Set<string>(), count: 0 };
    entry.changes.add(changeIdOf(webhook));
    entry.count += 1;
    byId.set(id, entry);
  }
  const received = new Set(webhooks.map(changeIdOf));
  const wanted = new Set(expected.map((c) => c.id));
  const emails = alertEmails(smtp);
  const messageIds = new Map<string, number>();
  for (const mail of emails) messageIds.set(mail.messageId ?? '', (messageIds.get(mail.messageId ?? '') ?? 0) + 1);
  return {
    expected: wanted.size,
    webhookRequests: webhooks.length,
    webhookChanges: received.size,
    webhookIds: byId.size,
    webhooksRepeated: [...byId.values()].filter((e) => e.count > 1).length,
    webhookIdsWithTwoChanges: [...byId.values()].filter((e) => e.changes.size > 1).length,
    webhooksUnsigned: webhooks.filter((w) => !w.verified).length,
    webhooksMissing: [...wanted].filter((id) => !received.has(id)).length,
    webhooksUnexpected: [...received].filter((id) => !wanted.has(id)).length,
    emails: messageIds.size,
    emailsTwice: [...messageIds.values()].filter((n) => n > 1).length,
    emailsMissing: Math.max(0, wanted.size - messageIds.size),
  };
}

/**
 * What is wrong with an alert count, in words (empty: nothing). `kills`: how many times a notifier
 * was SIGKILLed. An email the SMTP server took just before the kill, whose delivery the dead
 * process could not record, goes out again with the same Message-ID: SMTP has no way to tell a
 * sender it already has it. With one send at a time per subscription (the default), that is at
 * most one email per kill; any more is a fault, and without a kill any repeat is.
 */
export function alertProblems(count: AlertCount, kills = 0): string[] {
  const problems: string[] = [];
  if (count.webhooksMissing > 0) problems.push(`${count.webhooksMissing} change(s) never alerted by webhook`);
  if (count.webhooksUnexpected > 0) problems.push(`${count.webhooksUnexpected} webhook(s) about changes the log does not give`);
  if (count.webhookIdsWithTwoChanges > 0) problems.push(`${count.webhookIdsWithTwoChanges} webhook-id(s) used for two changes`);
  if (count.webhooksUnsigned > 0) problems.push(`${count.webhooksUnsigned} webhook(s) failed the signature check`);
  if (count.webhookIds !== count.webhookChanges) problems.push(`${count.webhookIds} webhook-ids for ${count.webhookChanges} change(s): a change alerted under two ids`);
  if (count.emailsTwice > kills) problems.push(`${count.emailsTwice} email(s) sent twice${kills > 0 ? ` in ${kills} kill(s): more than the one in flight at each` : ''}`);
  if (count.emails !== count.expected) problems.push(`${count.emails} alert email(s) for ${count.expected} change(s)`);
  return problems;
}

export interface Subscribers {
  readonly webhookId: string;
  readonly emailId: string;
}

/** A webhook subscription (its secret handed to the receiver) and a confirmed email subscription. */
export async function subscribeBoth(notifierUrl: string, receiver: WebhookReceiver, smtp: SmtpSink): Promise<Subscribers> {
  const create = async (body: Record<string, unknown>) => {
    const res = await fetch(`${notifierUrl}/subscriptions`, { method: 'POST', headers: jsonWith(adminKey), body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`POST /subscriptions: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; secret?: string };
  };
  const webhook = await create({ kind: 'webhook', url: receiver.url });
  receiver.secret = webhook.secret;
  const email = await create({ kind: 'email', email: 'drill-desk@example.org' });
  const confirmation = await waitFor('the confirmation email', () => Promise.resolve(smtp.messages.find((m) => m.subject === confirmSubject)), 60_000, 100);
  const url = linkIn(confirmation, '/email/confirm');
  if (!url) throw new Error('the confirmation email has no link');
  const res = await fetch(url, { method: 'POST' });
  if (res.status >= 400) throw new Error(`confirming the email subscription: ${res.status}`);
  return { webhookId: webhook.id, emailId: email.id };
}

/** Deliveries by status, straight from the notifier's database (the confirmation left out). */
export async function deliveryCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM deliveries WHERE "changeId" <> 'subscription.confirmation' GROUP BY status`);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    await client.end();
  }
}

/** Until both subscriptions have `alerts` deliveries and none is still to be sent (or the time is up). */
export async function waitDelivered(databaseUrl: string, alerts: number, timeoutMs: number): Promise<Record<string, number>> {
  let last: Record<string, number> = {};
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      last = await deliveryCounts(databaseUrl);
      const total = Object.values(last).reduce((a, b) => a + b, 0);
      const open = total - (last.delivered ?? 0) - (last.failed ?? 0);
      if (total >= 2 * alerts && open === 0) return last;
    } catch {
      // the database is being restarted
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

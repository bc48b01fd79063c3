// End-to-end latency at a steady offered load: articles posted at `rate` per second for
// `seconds`, each timed from the moment it was sent until the first signed webhook about it
// reached the local receiver. Alerts still missing `drainSeconds` after the load ended count as
// never received (so a backlog shows in p99 and in `delivered`).
import { performance } from 'node:perf_hooks';

const { fetch } = globalThis;
import { benchArticle } from './articles.mjs';
import { apiKey } from './stack.mjs';
import { percentile } from './stats.mjs';

const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify(body) });

export async function subscribeWebhook(baseUrl, receiver) {
  const res = await fetch(`${baseUrl}/subscriptions`, json({ kind: 'webhook', url: receiver.url }));
  if (res.status !== 201) throw new Error(`POST /subscriptions answered ${res.status}: ${await res.text()}`);
  const created = await res.json();
  return created.secret;
}

/**
 * @param {{ baseUrl: string }} stack
 * @param {{ rate: number, seconds: number, drainSeconds: number, first: number, salt: string }} options
 */
export async function benchLatency(stack, receiver, { rate, seconds, drainSeconds, first, salt }) {
  const total = Math.round(rate * seconds);
  const sent = [];
  const started = performance.now();
  const posts = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const at = performance.now();
    posts.push(
      fetch(`${stack.baseUrl}/articles`, json(benchArticle(first + i, { salt })))
        .then(async (res) => {
          const body = await res.json().catch(() => ({}));
          sent.push({ at, answeredAt: performance.now(), status: res.status, articleId: body.articleId, eventCount: body.eventCount ?? 0 });
        })
        .catch((error) => sent.push({ at, answeredAt: performance.now(), status: 0, error: String(error) })),
    );
  }
  const offeredSeconds = (performance.now() - started) / 1000;
  await Promise.all(posts);
  const loadEnded = performance.now();
  const accepted = sent.filter((s) => s.status === 202 && s.eventCount > 0);
  const deadline = loadEnded + drainSeconds * 1000;
  while (performance.now() < deadline && accepted.some((s) => !receiver.firstByArticle.has(s.articleId))) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const latencies = accepted.map((s) => {
    const got = receiver.firstByArticle.get(s.articleId);
    return got === undefined ? Infinity : got - s.at;
  });
  const ingest = sent.map((s) => s.answeredAt - s.at);
  const delivered = latencies.filter(Number.isFinite).length;
  const round = (v) => (v === null ? null : Number.isFinite(v) ? Math.round(v) : null);
  return {
    rate,
    seconds,
    articles: total,
    offeredRate: Number((total / offeredSeconds).toFixed(1)),
    accepted: accepted.length,
    refused: sent.filter((s) => s.status !== 202).length,
    delivered,
    drainSeconds,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(percentile(latencies, 100)),
    ingestP50Ms: round(percentile(ingest, 50)),
    ingestP99Ms: round(percentile(ingest, 99)),
    /** Delivered by the end of the drain window: false means a backlog was left. */
    keptUp: delivered === accepted.length,
  };
}

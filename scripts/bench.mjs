// `npm run bench`: measures Talkwatch on this machine in one run and prints a table, one
// machine-readable summary line per benchmark (`BENCH {json}`), and writes every raw figure to
// bench-results/bench-<time>.json (or --out FILE).
//   projection  events/s folding one growing track through the ProjectionStore (PostgreSQL)
//   fold        the same events folded by the projector alone (evolve; no database)
//   latency     article sent → signed webhook received, p50/p95/p99, at steady offered loads,
//               on the embedded stack (PGlite + embedded log) and on Kafka + PostgreSQL
//   replay      rebuilding the read model from a Kafka topic vs a raw kafkajs read of it
//   store       the embedded store's size after each --store-articles articles (twice), and the
//               articles/s end to end while posting them a few at a time
// Options: --only projection,fold,latency,replay,store  --stacks embedded,kafka  --rates 10,50
//          --seconds N (per rate, default 10)  --drain N (s to wait for the last alerts, 15)
//          --growth-events N (300)  --replay-events N (2000)  --store-articles N (1000)  --out FILE
// The default run takes about 2–3 minutes; Kafka must be at KAFKA_BROKERS (127.0.0.1:19092) and
// PostgreSQL at TEST_DATABASE_ADMIN_URL. Build first (npm run bench does).
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OptionError, parseOptions } from './lib/options.mjs';
import { benchLatency, subscribeWebhook } from './bench/latency.mjs';
import { benchFold } from './bench/fold.mjs';
import { benchProjection } from './bench/projection.mjs';
import { startReceiver } from './bench/receiver.mjs';
import { benchReplay } from './bench/replay.mjs';
import { benchStore } from './bench/store.mjs';
import { startStack } from './bench/stack.mjs';
import { formatMs, table } from './bench/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function settings(argv) {
  const o = parseOptions(argv, { flags: [], values: ['only', 'stacks', 'rates', 'seconds', 'drain', 'growth-events', 'replay-events', 'store-articles', 'out'] });
  const list = (name, fallback) => (o.value(name) ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
  const positive = (name, fallback) => {
    const value = Number(o.value(name) ?? fallback);
    if (!(value > 0)) throw new OptionError(`--${name} needs a positive number`);
    return value;
  };
  const only = list('only', 'projection,fold,latency,replay');
  const stacks = list('stacks', 'embedded,kafka');
  for (const b of only) if (!['projection', 'fold', 'latency', 'replay', 'store'].includes(b)) throw new OptionError(`--only: unknown benchmark ${b}`);
  for (const s of stacks) if (!['embedded', 'kafka'].includes(s)) throw new OptionError(`--stacks: unknown stack ${s}`);
  return {
    only,
    stacks,
    rates: list('rates', '10,50').map(Number).filter((r) => r > 0),
    seconds: positive('seconds', 10),
    drain: positive('drain', 15),
    growthEvents: positive('growth-events', 300),
    replayEvents: positive('replay-events', 2000),
    storeArticles: positive('store-articles', 1000),
    out: o.value('out') ?? path.join(root, 'bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  };
}

const summary = (name, figures) => process.stdout.write(`BENCH ${JSON.stringify({ bench: name, ...figures })}\n`);
const say = (line) => process.stderr.write(`${line}\n`);

async function latencyOn(kind, s) {
  const receiver = await startReceiver();
  const stack = await startStack(kind);
  try {
    receiver.secret = await subscribeWebhook(stack.baseUrl, receiver);
    const runs = [];
    let first = 0;
    for (const rate of s.rates) {
      say(`latency: ${kind}, ${rate} articles/s for ${s.seconds} s …`);
      const run = await benchLatency(stack, receiver, { rate, seconds: s.seconds, drainSeconds: s.drain, first, salt: '' });
      first += run.articles;
      runs.push({ stack: kind, ...run });
      summary('latency', { stack: kind, ...run });
    }
    return runs;
  } finally {
    await stack.stop();
    await receiver.close();
  }
}

async function main() {
  const s = settings(process.argv.slice(2));
  const results = { startedAt: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() }, settings: s };
  if (s.only.includes('projection')) {
    say(`projection: ${s.growthEvents} events of one track …`);
    results.projection = await benchProjection({ events: s.growthEvents, window: Math.max(50, Math.round(s.growthEvents / 10)), batch: 200 });
    const { windows: _windows, ...figures } = results.projection;
    summary('projection', figures);
  }
  if (s.only.includes('fold')) {
    say(`fold: ${s.growthEvents} events of one track, no database …`);
    results.fold = benchFold({ events: s.growthEvents, window: Math.max(50, Math.round(s.growthEvents / 10)) });
    const { windows: _windows, ...figures } = results.fold;
    summary('fold', figures);
  }
  if (s.only.includes('latency')) {
    results.latency = [];
    for (const kind of s.stacks) results.latency.push(...(await latencyOn(kind, s)));
  }
  if (s.only.includes('store')) {
    say(`store: ${s.storeArticles} articles, twice, on the embedded stack …`);
    const receiver = await startReceiver();
    const stack = await startStack('embedded');
    try {
      receiver.secret = await subscribeWebhook(stack.baseUrl, receiver);
      results.store = await benchStore(stack, receiver, { steps: 2, step: s.storeArticles, concurrency: 8 });
      summary('store', results.store);
    } finally {
      await stack.stop();
      await receiver.close();
    }
  }
  if (s.only.includes('replay')) {
    say(`replay: ${s.replayEvents} events on Kafka …`);
    results.replay = await benchReplay({ events: s.replayEvents });
    summary('replay', results.replay);
  }
  results.finishedAt = new Date().toISOString();
  await mkdir(path.dirname(s.out), { recursive: true });
  await writeFile(s.out, `${JSON.stringify(results, null, 2)}\n`);

  const out = [];
  if (results.projection) {
    const p = results.projection;
    out.push(`Projection, one growing track (${p.events} events, ${p.batched ? `batches of ${p.batch}` : 'one event per transaction'}): ${p.eventsPerSecond} events/s overall, largest state ${p.trackStateBytes} bytes`);
    out.push(table(['events so far', 'events/s'], p.windows.map((w) => [w.fromEvent, w.eventsPerSecond])));
  }
  if (results.fold) {
    const f = results.fold;
    out.push(`Fold alone, one growing track (${f.events} events): ${f.eventsPerSecond} events/s overall (${f.seconds} s)`);
    out.push(table(['events so far', 'events/s'], f.windows.map((w) => [w.fromEvent, w.eventsPerSecond])));
  }
  if (results.latency) {
    out.push('Article sent → signed webhook received');
    out.push(
      table(
        ['stack', 'offered/s', 'articles', 'delivered', 'p50', 'p95', 'p99', 'max', 'ingest p99', 'kept up'],
        results.latency.map((r) => [r.stack, r.offeredRate, r.articles, `${r.delivered}/${r.accepted}`, formatMs(r.p50Ms ?? Infinity), formatMs(r.p95Ms ?? Infinity), formatMs(r.p99Ms ?? Infinity), formatMs(r.maxMs ?? Infinity), formatMs(r.ingestP99Ms), r.keptUp ? 'yes' : 'no']),
      ),
    );
  }
  if (results.store) {
    out.push('Embedded store as it fills');
    out.push(table(['articles', 'MB', 'articles/s end to end'], results.store.sizes.map((x) => [x.articles, x.megabytes, x.articlesPerSecond ?? ''])));
  }
  if (results.replay) {
    const r = results.replay;
    out.push(`Replay of ${r.events} events: rebuild ${r.rebuild.eventsPerSecond} events/s (${r.rebuild.seconds} s), raw kafkajs ${r.raw.eventsPerSecond} events/s (${r.raw.seconds} s): ${r.ratio} of raw`);
  }
  out.push(`Raw figures: ${path.relative(process.cwd(), s.out)}`);
  process.stdout.write(`\n${out.join('\n\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench: ${error instanceof OptionError ? error.message : (error?.stack ?? String(error))}\n`);
    process.exit(error instanceof OptionError ? 2 : 1);
  },
);

// Projection throughput as one track grows: the events of articles about one pair of parties,
// folded through the notifier's ProjectionStore into a fresh PostgreSQL database, timed per window
// of events. Work per event that grows with the track's history shows as falling events/s. Then
// the time of as-of answers about that track (GET /talks/:id?asOf=, through TalksQuery) for a
// date after its last event and one in the middle of its history.
import { performance } from 'node:perf_hooks';
import { eventKey, eventsFromArticle } from '@talkwatch/domain';
import { ProjectionStore, SyndicationsRepository, TalksQuery } from '@talkwatch/notifier';
import { createTestDatabase } from '@talkwatch/infra/testing';
import { benchArticle } from './articles.mjs';

const topic = 'talkwatch.events';

function recordsFor(count) {
  const records = [];
  for (let n = 0; records.length < count; n++) {
    const article = benchArticle(n, { pairs: 1 });
    for (const event of eventsFromArticle({ articleId: `bench-${n}`, article, observedAt: '2026-01-01T00:00:00Z' })) {
      records.push({ topic, partition: 0, offset: BigInt(records.length), key: eventKey(event), value: JSON.stringify(event) });
    }
  }
  return records.slice(0, count);
}

/**
 * @param {{ events: number, window: number, batch: number }} options
 */
export async function benchProjection({ events, window, batch }) {
  const db = await createTestDatabase('tw_bench_projection');
  try {
    const store = new ProjectionStore(db.prisma);
    await db.prisma.subscription.create({ data: { id: 'sub_bench', kind: 'webhook', trackIds: [], webhook: { create: { url: 'http://127.0.0.1:9/none', secret: 'whsec_x' } } } });
    const records = recordsFor(events);
    const windows = [];
    const batched = typeof store.applyBatch === 'function';
    const started = performance.now();
    for (let from = 0; from < records.length; from += window) {
      const slice = records.slice(from, from + window);
      const t0 = performance.now();
      if (batched) {
        for (let i = 0; i < slice.length; i += batch) await store.applyBatch('bench', slice.slice(i, i + batch));
      } else {
        for (const record of slice) await store.apply('bench', record);
      }
      const seconds = (performance.now() - t0) / 1000;
      windows.push({ fromEvent: from, events: slice.length, eventsPerSecond: Math.round(slice.length / seconds) });
    }
    const total = (performance.now() - started) / 1000;
    const asOf = await timeAsOf(db.prisma, records);
    const [{ bytes } = { bytes: 0 }] = await db.prisma.$queryRawUnsafe('SELECT coalesce(max(pg_column_size(state)), 0)::int AS bytes FROM tracks');
    return {
      events: records.length,
      batched,
      batch: batched ? batch : 1,
      seconds: Number(total.toFixed(2)),
      eventsPerSecond: Math.round(records.length / total),
      firstWindow: windows[0]?.eventsPerSecond ?? null,
      lastWindow: windows.at(-1)?.eventsPerSecond ?? null,
      trackStateBytes: bytes,
      asOf,
      windows,
    };
  } finally {
    await db.drop();
  }
}

/** Milliseconds of as-of answers (the median of three) at the end and in the middle of the track's history. */
async function timeAsOf(prisma, records) {
  const talks = new TalksQuery(prisma, new SyndicationsRepository(prisma));
  const events = records.map((r) => JSON.parse(r.value));
  const trackId = events[0].data.trackId;
  const days = events.map((e) => e.metadata.occurredAt.slice(0, 10)).sort();
  const dayAfter = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  const time = async (until) => {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await talks.get(trackId, until);
      runs.push(performance.now() - t0);
    }
    return Math.round(runs.sort((a, b) => a - b)[1]);
  };
  return { lastDayMs: await time(dayAfter(days.at(-1))), middleDayMs: await time(dayAfter(days[Math.floor(days.length / 2)])) };
}

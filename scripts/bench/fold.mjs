// The projector alone: the events of one growing track folded with evolve (no database, no
// serialisation), timed per window of events. Beside `projection`, it separates the fold's cost
// from the store's; events/s that fall as the track grows mean work per event grows with history.
import { performance } from 'node:perf_hooks';
import { eventsFromArticle, evolve } from '@talkwatch/domain';
import { benchArticle } from './articles.mjs';

export function trackEvents(count) {
  const events = [];
  for (let n = 0; events.length < count; n++) {
    const article = benchArticle(n, { pairs: 1 });
    events.push(...eventsFromArticle({ articleId: `bench-${n}`, article, observedAt: '2026-01-01T00:00:00Z' }));
  }
  return events.slice(0, count);
}

/** @param {{ events: number, window: number }} options */
export function benchFold({ events, window }) {
  const all = trackEvents(events);
  const windows = [];
  let state;
  let changes = 0;
  const started = performance.now();
  for (let from = 0; from < all.length; from += window) {
    const slice = all.slice(from, from + window);
    const t0 = performance.now();
    for (const event of slice) {
      const next = evolve(state, event);
      state = next.state;
      changes += next.changes.length;
    }
    const seconds = (performance.now() - t0) / 1000;
    windows.push({ fromEvent: from, events: slice.length, eventsPerSecond: Math.round(slice.length / seconds) });
  }
  const total = (performance.now() - started) / 1000;
  return {
    events: all.length,
    seconds: Number(total.toFixed(3)),
    eventsPerSecond: Math.round(all.length / total),
    firstWindow: windows[0]?.eventsPerSecond ?? null,
    lastWindow: windows.at(-1)?.eventsPerSecond ?? null,
    changes,
    rounds: state?.rounds.length ?? 0,
    demands: state?.demands.length ?? 0,
    windows,
  };
}

// Re-extraction: a newer extractor reads a stored article again. What it finds is compared with
// the facts standing for the article (published and not retracted), fact by fact:
// - a fact read both times stays as it is (its event is not published again);
// - a fact only the new reading finds is published as a new event, with an id of its own
//   (`<id>@r<revision>`), so it is never mistaken for an event the log already carries;
// - a fact only the old reading had is retracted (FactRetracted), not silently kept.
// New facts come before the retractions in the log, so a fact merely re-worded by the new reading
// joins its round or demand before the old wording leaves it: no spurious "withdrawn"/"added" pair.
import { type FactEvent, type FactRetracted, parseFactEvent, retractionOf } from './events.js';

export interface Rereading {
  /** Events to publish, in this order: the new facts, then the retractions. */
  readonly publish: readonly (FactEvent | FactRetracted)[];
  readonly added: readonly FactEvent[];
  readonly retracted: readonly FactEvent[];
  /** The facts standing for the article afterwards (kept ones with their old ids, then the new). */
  readonly standing: readonly FactEvent[];
}

/** The instant an ISO 8601 time names, whatever its spelling ("2022-01-10" = "2022-01-10T00:00:00.000Z"). */
const instant = (time: string): number | string => {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : ms;
};

/**
 * What makes two readings state the same fact: its type and data, the sentence it was read from
 * and the article's time; not the event id, the observation time or the extractor version. Nor
 * the confidence: how sure a reading is of a fact is not what it states, so a rescoring alone
 * publishes and retracts nothing (a kept fact keeps the confidence it was first read with). A
 * round's outcome is part of the fact; an event written before outcomes were read (no `outcome`)
 * states the same as one telling none.
 */
export function factKey(event: FactEvent): string {
  const { source } = event.metadata;
  const { confidence: _confidence, ...data } = event.data;
  const stated = 'outcome' in data && data.outcome == null ? { ...data, outcome: undefined } : data;
  return JSON.stringify([event.type, stated, source.articleId, source.sentence, source.start, source.end, instant(event.metadata.occurredAt)]);
}

export interface RereadInput {
  /** The facts standing for the article now. */
  readonly stored: readonly FactEvent[];
  /** The new extractor's reading of the same article. */
  readonly fresh: readonly FactEvent[];
  /** The article's re-extraction count after this one (new ids carry it). */
  readonly revision: number;
  readonly extractorVersion: string;
  /** When the re-extraction ran (ISO 8601). */
  readonly observedAt: string;
}

export function reread(input: RereadInput): Rereading {
  const freshKeys = new Set(input.fresh.map(factKey));
  const stored = input.stored.map((event) => ({ event, key: factKey(event) }));
  const storedKeys = new Set(stored.map((s) => s.key));
  const kept = stored.filter((s) => freshKeys.has(s.key)).map((s) => s.event);
  const retracted = stored.filter((s) => !freshKeys.has(s.key)).map((s) => s.event);
  const added: FactEvent[] = [];
  const seen = new Set<string>();
  for (const event of input.fresh) {
    const key = factKey(event);
    if (storedKeys.has(key) || seen.has(key)) continue;
    seen.add(key);
    added.push(parseFactEvent({ ...event, id: `${event.id}@r${input.revision}` }));
  }
  const retractions = retracted.map((e) => retractionOf(e, 'reextracted', input.extractorVersion, input.observedAt));
  return { publish: [...added, ...retractions], added, retracted, standing: [...kept, ...added] };
}

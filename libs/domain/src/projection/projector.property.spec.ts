// Property-based tests of the projector: generated sets of reports about one track (rounds on nearby
// days or only a month, with or without ordinals and venues; reworded demands; responses; some from
// undated articles, with unresolved dates; some telling what the negotiation came to; some facts
// later retracted) must fold to the same state whatever their order, ignore redeliveries, and fold
// retracted facts out as if they had never been read; and only an outcome ends a track. The seed is fixed so CI is repeatable;
// PROPERTY_SEED=<n> PROPERTY_RUNS=<n> explore further.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type FactEvent, type TalkEvent, retractionOf } from '../events/events.js';
import { type TrackState, foldTrack } from './projector.js';
import { dateRef, demandReported, responseReported, roundReported, unresolvedDate } from '../test-factories.js';

const seed = Number(process.env.PROPERTY_SEED ?? 20261128);
const numRuns = Number(process.env.PROPERTY_RUNS ?? 150);
const options = { seed, numRuns };

const statuses = ['announced', 'scheduled', 'postponed', 'cancelled', 'held', 'concluded'] as const;
const venues = [null, 'Geneva', 'Vienna'] as const;
const wordings = [
  'NATO must rule out new members',
  'NATO must rule out any new members',
  'the alliance must admit no new members',
  'Washington must withdraw forces from the border',
  'Washington must pull its forces back from the border',
  'legally binding security guarantees',
] as const;

const day = (n: number): string => `2022-01-${String(n).padStart(2, '0')}`;

/** About one report in four comes from an undated article (its time is when it was received). */
const undatedArb = fc.constantFrom(false, false, false, true);
/** Most reports tell no outcome of the negotiation. */
const outcomeArb = fc.constantFrom(null, null, null, null, 'agreement' as const, 'breakdown' as const, 'suspension' as const);
/** Confidences as extraction scores them; undefined: an event written before it did. */
const confidenceArb = fc.constantFrom(undefined, 0.3, 0.55, 0.55, 0.9);

/** One article's report: a round (day-, month- or un-dated) or a demand, or a response. */
const factArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({
    kind: fc.constant('round' as const),
    status: fc.constantFrom(...statuses),
    date: fc.oneof(fc.integer({ min: 8, max: 16 }).map((d) => dateRef(day(d))), fc.constant(dateRef('2022-01')), fc.constant(null), fc.constant(unresolvedDate('on Tuesday'))),
    ordinal: fc.option(fc.integer({ min: 1, max: 2 }), { freq: 4 }),
    venue: fc.constantFrom(...venues),
    forum: fc.constantFrom(null, 'Strategic Stability Dialogue'),
    undated: undatedArb,
    outcome: outcomeArb,
    confidence: confidenceArb,
  }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('demand' as const), text: fc.constantFrom(...wordings), undated: undatedArb, confidence: confidenceArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('response' as const),
      answers: fc.constantFrom(...wordings),
      kind2: fc.constantFrom('accepted' as const, 'rejected' as const),
      undated: undatedArb,
      confidence: confidenceArb,
    }),
  },
);

type Fact = typeof factArb extends fc.Arbitrary<infer T> ? T : never;

/** Events of distinct articles published on distinct days (the reports' own time decides). */
function toEvents(facts: readonly Fact[]): FactEvent[] {
  return facts.map((f, i) => {
    const articleId = `a${String(i).padStart(2, '0')}`;
    const occurredAt = `2022-01-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z`;
    switch (f.kind) {
      case 'round':
        // Only an undated article leaves a date unresolved.
        return roundReported({
          articleId,
          occurredAt,
          undated: f.undated || f.date?.precision === 'unknown',
          status: f.status,
          date: f.date,
          ordinal: f.ordinal,
          venue: f.venue,
          forum: f.forum,
          outcome: f.outcome,
          confidence: f.confidence,
        });
      case 'demand':
        return demandReported({ articleId, occurredAt, undated: f.undated, by: 'Russia', to: 'United States', text: f.text, category: 'security', confidence: f.confidence });
      case 'response':
        return responseReported({
          articleId,
          occurredAt,
          undated: f.undated,
          by: 'United States',
          to: 'Russia',
          kind: f.kind2,
          text: `Washington ${f.kind2} the call: ${f.answers}`,
          demand: { by: 'Russia', text: f.answers },
          confidence: f.confidence,
        });
    }
  });
}

/** The state without `version` (how many events changed it, which depends on the order by nature). */
function comparable(state: TrackState): Omit<TrackState, 'version'> {
  const { version: _version, ...rest } = state;
  return rest;
}

/** What users see: rounds, demands, responses and statuses (not the bookkeeping of retractions). */
function visible(state: TrackState) {
  return {
    status: state.status,
    forum: state.forum,
    rounds: state.rounds.map((r) => ({ id: r.id, status: r.status, date: r.date, venue: r.venue, ordinal: r.ordinal, outcome: r.outcome, confidence: r.confidence, sources: r.sources })),
    demands: state.demands.map((d) => ({ id: d.id, text: d.text, status: d.status, confidence: d.confidence, sources: d.sources })),
    responses: state.responses.map((r) => ({ id: r.id, demandId: r.demandId, confidence: r.confidence, sources: r.sources })),
  };
}

const shuffle = <T>(items: readonly T[], keys: readonly number[]): T[] =>
  items.map((item, i) => ({ item, key: keys[i % keys.length] ?? 0, i })).sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.item);

const keysArb = fc.array(fc.integer(), { minLength: 1, maxLength: 40 });

describe('projector properties (generated reports)', () => {
  it('the same reports in any order fold to the same state', () => {
    fc.assert(
      fc.property(fc.array(factArb, { minLength: 1, maxLength: 12 }), keysArb, keysArb, (facts, k1, k2) => {
        const events = toEvents(facts);
        const a = foldTrack(shuffle(events, k1)).state;
        const b = foldTrack(shuffle(events, k2)).state;
        assert.deepEqual(comparable(a), comparable(b));
      }),
      options,
    );
  });

  it('only a reported outcome concludes or collapses a track: rounds that ended leave it going on', () => {
    fc.assert(
      fc.property(fc.array(factArb, { minLength: 1, maxLength: 12 }), keysArb, (facts, keys) => {
        const { state, changes } = foldTrack(shuffle(toEvents(facts), keys));
        const told = new Set(state.rounds.map((r) => r.outcome));
        if (state.status === 'concluded') assert.ok(told.has('agreement'));
        if (state.status === 'collapsed') assert.ok(told.has('breakdown'));
        const ended = changes.filter((c) => c.type === 'track.status-changed' && (c.to === 'concluded' || c.to === 'collapsed'));
        if (!facts.some((f) => f.kind === 'round' && (f.outcome === 'agreement' || f.outcome === 'breakdown'))) assert.deepEqual(ended, []);
        // Each round's confidence is its best report's.
        for (const r of state.rounds) {
          const known = r.reports.map((x) => x.confidence).filter((c) => c !== undefined);
          assert.equal(r.confidence, known.length > 0 ? Math.max(...known) : null);
        }
      }),
      options,
    );
  });

  it('a redelivered event changes nothing, and a replay gives the same changes', () => {
    fc.assert(
      fc.property(fc.array(factArb, { minLength: 1, maxLength: 10 }), keysArb, (facts, keys) => {
        const events = shuffle(toEvents(facts), keys);
        const once = foldTrack(events);
        const twice = foldTrack([...events, ...events]);
        assert.deepEqual(twice.state, once.state);
        assert.deepEqual(twice.changes, once.changes);
        assert.deepEqual(foldTrack(events).changes, once.changes);
      }),
      options,
    );
  });

  it('retracted facts fold out as if never read, wherever the retraction falls in the order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(factArb, fc.boolean()), { minLength: 1, maxLength: 10 }),
        keysArb,
        (tagged, keys) => {
          const events = toEvents(tagged.map(([f]) => f));
          const withdrawn = events.filter((_, i) => tagged[i]?.[1] === true);
          const standing = events.filter((_, i) => tagged[i]?.[1] !== true);
          const retractions: TalkEvent[] = withdrawn.map((e) => retractionOf(e, 'reextracted', 'rules-test', '2030-01-01T00:00:00Z'));
          const all = shuffle([...events, ...retractions], keys);
          const folded = foldTrack(all).state;
          if (standing.length === 0) {
            assert.deepEqual([folded.rounds, folded.demands, folded.responses], [[], [], []]);
            return;
          }
          assert.deepEqual(visible(folded), visible(foldTrack(standing).state));
        },
      ),
      options,
    );
  });
});

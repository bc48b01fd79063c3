// The projector folds each event by re-deriving only the rounds and demands it can affect
// (round-region.ts, foldWording in projector.ts). These properties check that this is exactly the
// full derivation: after any sequence of events, the rounds are deriveRounds of all their reports
// and the demands deriveDemands of all their wordings. The reports are spread over two years
// (days, months, years, no date; ordinals; postponements; held and concluded days a few days
// apart) and the wordings over categories and none, so that many regions stay apart and some
// join. PROPERTY_SEED=<n> PROPERTY_RUNS=<n> explore further.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { FactEvent } from '../events/events.js';
import { type TrackState, deriveDemands, deriveRounds, foldTrack } from './projector.js';
import { dateRef, demandReported, roundReported, unresolvedDate } from '../test-factories.js';

const seed = Number(process.env.PROPERTY_SEED ?? 20261201);
const numRuns = Number(process.env.PROPERTY_RUNS ?? 200);
const options = { seed, numRuns };

const statuses = ['announced', 'scheduled', 'postponed', 'cancelled', 'held', 'concluded'] as const;
const texts = [
  'release the detained officers',
  'release all detained officers at once',
  'halt the military exercises near the border',
  'halt exercises near the frontier',
  'withdraw troops from the border',
  'lift the sanctions on banks',
  'lift all sanctions',
  'guarantee safe passage for civilians',
] as const;

/** An even day of January to April of 2022, 2023 or 2025: neighbours, gaps of a few days, and years apart. */
const dayArb = fc.tuple(fc.constantFrom('2022', '2022', '2023', '2025'), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 12 })).map(([y, m, d]) => `${y}-0${m}-${String(d * 2).padStart(2, '0')}`);

const dateArb = fc.oneof(
  { weight: 5, arbitrary: dayArb.map((d) => dateRef(d)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('2022', '2023', '2025'), fc.integer({ min: 1, max: 4 })).map(([y, m]) => dateRef(`${y}-0${m}`)) },
  { weight: 1, arbitrary: fc.constantFrom('2022', '2025').map((y) => dateRef(y)) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(unresolvedDate('on Tuesday')) },
);

const factArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('round' as const),
      status: fc.constantFrom(...statuses),
      date: dateArb,
      ordinal: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 3 }),
      venue: fc.constantFrom(null, 'Geneva', 'Vienna'),
      undated: fc.constantFrom(false, false, false, true),
      read: dayArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('demand' as const),
      by: fc.constantFrom('Russia', 'United States'),
      text: fc.constantFrom(...texts),
      category: fc.constantFrom(null, 'security', 'security', 'sanctions', 'humanitarian'),
      read: dayArb,
    }),
  },
);

type Fact = typeof factArb extends fc.Arbitrary<infer T> ? T : never;

function toEvents(facts: readonly Fact[]): FactEvent[] {
  return facts.map((f, i) => {
    const articleId = `a${String(i).padStart(3, '0')}`;
    const occurredAt = `${f.read}T${String(i % 24).padStart(2, '0')}:00:00Z`;
    if (f.kind === 'round') {
      return roundReported({ articleId, occurredAt, undated: f.undated || f.date?.precision === 'unknown', status: f.status, date: f.date, ordinal: f.ordinal, venue: f.venue });
    }
    const to = f.by === 'Russia' ? 'United States' : 'Russia';
    return demandReported({ articleId, occurredAt, by: f.by, to, text: f.text, category: f.category });
  });
}

const shuffle = <T>(items: readonly T[], keys: readonly number[]): T[] =>
  items.map((item, i) => ({ item, key: keys[i % keys.length] ?? 0, i })).sort((a, b) => a.key - b.key || a.i - b.i).map((x) => x.item);

const keysArb = fc.array(fc.integer(), { minLength: 1, maxLength: 40 });

/** What the full derivation gives for everything the state has folded. */
function derivedFromScratch(state: TrackState): Pick<TrackState, 'rounds' | 'demands'> {
  const reports = state.rounds.flatMap((r) => r.reports);
  const wordings = state.demands.flatMap((d) => d.wordings.map((wording) => ({ by: d.by, wording })));
  return { rounds: reports.length > 0 ? deriveRounds(state.id, reports) : [], demands: deriveDemands(state, wordings) };
}

describe('projector: incremental folding is the full derivation', () => {
  it('after every event, the rounds and demands are those derived from all their reports', () => {
    fc.assert(
      fc.property(fc.array(factArb, { minLength: 1, maxLength: 25 }), keysArb, (facts, keys) => {
        let state: TrackState | undefined;
        for (const event of shuffle(toEvents(facts), keys)) {
          state = foldTrack([event], state).state;
          assert.deepEqual({ rounds: state.rounds, demands: state.demands }, derivedFromScratch(state));
        }
      }),
      options,
    );
  });

  it('the same reports in any order fold to the same rounds and demands', () => {
    fc.assert(
      fc.property(fc.array(factArb, { minLength: 1, maxLength: 25 }), keysArb, keysArb, (facts, k1, k2) => {
        const events = toEvents(facts);
        const a = foldTrack(shuffle(events, k1)).state;
        const b = foldTrack(shuffle(events, k2)).state;
        assert.deepEqual({ rounds: a.rounds, demands: a.demands, status: a.status }, { rounds: b.rounds, demands: b.demands, status: b.status });
      }),
      options,
    );
  });
});

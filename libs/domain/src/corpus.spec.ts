// Part of `npm test` (unit tier); `npm run eval:corpus` runs it alone with every check listed.
// A multi-outlet corpus about one negotiation period (the winter 2021-22 European security talks),
// written in our own words in fixtures/security-talks-2022/, checked end to end: every article is
// parsed and extracted, all events are folded per track, and the result is compared with
// expected.json, the ground truth decided from the storyline: one round per real meeting, with its
// day, venue and final status and a source from every article that reported it; nothing from
// phone calls, written responses or near-miss stories; demands present and not inflated by the
// outlets' rewording; the same states whatever order the events arrive in.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type DemandState,
  type RoundState,
  type RoundStatus,
  type TalkEvent,
  type TrackState,
  eventsFromArticle,
  foldTrack,
  normaliseForComparison,
  parseArticleText,
  trackIdFor,
} from './index.js';
import { type WordingNode, clusterWordings, contentTokens } from './projection/demand-identity.js';

// src/ and dist/ sit at the same depth: the fixtures are three levels up from either.
const FIXTURES = fileURLToPath(new URL('../../../fixtures/security-talks-2022/', import.meta.url));
const OBSERVED_AT = '2022-03-01T00:00:00.000Z';

interface ExpectedMeeting {
  id: string;
  what: string;
  date: string;
  acceptDates: string[];
  venue: string;
  status: RoundStatus;
  reportedBy: string[];
}
interface ExpectedTrack {
  parties: string[];
  meetings: ExpectedMeeting[];
}
interface ExpectedDemandItem {
  id: string;
  meaning: string;
  keywords: string[];
}
interface ExpectedPartyDemands {
  by: string;
  addressedTo: string[];
  items: ExpectedDemandItem[];
}
interface Expected {
  tracks: ExpectedTrack[];
  notMeetings: { date: string; what: string }[];
  nearMiss: string[];
  demands: {
    inflationFactor: number;
    byParty: ExpectedPartyDemands[];
    requiredPresent: Record<string, string[]>;
  };
}

const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Expected;

interface LoadedArticle {
  file: string;
  publishedAt: string | null;
  body: string;
  events: TalkEvent[];
}

const files = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.md'))
  .sort();

const articles: LoadedArticle[] = files.map((file) => {
  const article = parseArticleText(readFileSync(join(FIXTURES, file), 'utf8'));
  return { file, publishedAt: article.publishedAt, body: article.body, events: eventsFromArticle({ articleId: file, article, observedAt: OBSERVED_AT }) };
});

/** Every event of the corpus, in publication order (file names start with the date). */
const inOrder: TalkEvent[] = articles.flatMap((a) => a.events);

function foldAll(events: readonly TalkEvent[]): Map<string, TrackState> {
  const byTrack = new Map<string, TalkEvent[]>();
  for (const event of events) {
    const list = byTrack.get(event.data.trackId) ?? [];
    list.push(event);
    byTrack.set(event.data.trackId, list);
  }
  const states = new Map<string, TrackState>();
  for (const [trackId, trackEvents] of byTrack) states.set(trackId, foldTrack(trackEvents).state);
  return states;
}

const states = foldAll(inOrder);

const describeRound = (r: RoundState): string => {
  const date = r.date ? `${r.date.start}${r.date.end ? `..${r.date.end}` : ''}/${r.date.precision} ("${r.date.text}")` : 'undated';
  return `${r.id}: ${r.status} ${date} @${r.venue ?? '-'} [${r.sources.map((s) => s.articleId).join(', ')}]`;
};
const describeRounds = (rounds: readonly RoundState[]): string => (rounds.length ? rounds.map((r) => `\n    ${describeRound(r)}`).join('') : ' (none)');

/**
 * A round is the meeting when it is dated to the day and its dates (start and, if any, end) are the
 * meeting's days: the Geneva dialogue may run from its working dinner (9 January) to its session
 * (10 January); a round running from 12 to 21 January is no report of the 21 January meeting.
 */
function onMeetingDay(round: RoundState, meeting: ExpectedMeeting): boolean {
  const date = round.date;
  if (date?.precision !== 'day') return false;
  return meeting.acceptDates.includes(date.start) && (date.end === null || meeting.acceptDates.includes(date.end));
}

function onDay(round: RoundState, day: string): boolean {
  const date = round.date;
  if (date?.precision !== 'day') return false;
  return date.start === day || (date.end !== null && date.start <= day && day <= date.end);
}

const roundsOf = (parties: readonly string[]): RoundState[] => states.get(trackIdFor(parties))?.rounds ?? [];
const allDemands = (): DemandState[] => [...states.values()].flatMap((s) => s.demands);

// Deterministic PRNG (mulberry32) and Fisher-Yates shuffle for the order-independence check.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
const asSortedObject = (m: ReadonlyMap<string, TrackState>): Record<string, TrackState> => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));

describe('corpus: security talks, winter 2021-22', () => {
  it('the fixtures are 28-36 dated articles of 120-350 words, named after their publication date', () => {
    assert.ok(files.length >= 28 && files.length <= 36, `${files.length} articles`);
    for (const a of articles) {
      assert.equal(a.publishedAt, a.file.slice(0, 10), `${a.file}: published date and file name differ`);
      const words = a.body.split(/\s+/).filter((w) => /\w/.test(w)).length;
      assert.ok(words >= 120 && words <= 350, `${a.file}: ${words} words`);
    }
    for (const track of expected.tracks) {
      for (const meeting of track.meetings) for (const f of meeting.reportedBy) assert.ok(files.includes(f), `expected.json names a missing file: ${f}`);
    }
    for (const f of expected.nearMiss) assert.ok(files.includes(f), `expected.json names a missing file: ${f}`);
  });

  for (const track of expected.tracks) {
    const name = track.parties.join(' – ');
    describe(`track ${name}`, () => {
      for (const meeting of track.meetings) {
        describe(`${meeting.id} (${meeting.date}, ${meeting.venue})`, () => {
          const matching = (): RoundState[] => roundsOf(track.parties).filter((r) => onMeetingDay(r, meeting));

          it('is exactly one round', () => {
            const found = matching();
            assert.equal(found.length, 1, `${meeting.what}\n  rounds on ${meeting.acceptDates.join('/')}:${describeRounds(found)}\n  all rounds of the track:${describeRounds(roundsOf(track.parties))}`);
          });

          it(`ends ${meeting.status}, in ${meeting.venue}`, () => {
            const [round] = matching();
            assert.ok(round, `no round on ${meeting.date}; rounds of the track:${describeRounds(roundsOf(track.parties))}`);
            assert.deepEqual({ status: round.status, venue: round.venue }, { status: meeting.status, venue: meeting.venue }, describeRound(round));
          });

          it('carries a source from every article that reported it', () => {
            const found = matching();
            const cited = new Set(found.flatMap((r) => r.sources.map((s) => s.articleId)));
            const missing = meeting.reportedBy.filter((f) => !cited.has(f));
            assert.deepEqual(missing, [], `${String(missing.length)} of ${String(meeting.reportedBy.length)} reporting articles are not among the round's sources:${describeRounds(found)}`);
          });
        });
      }

      it('has no round besides the real meetings (no extra, undated or misdated round)', () => {
        const rounds = roundsOf(track.parties);
        const extra = rounds.filter((r) => !track.meetings.some((m) => onMeetingDay(r, m)));
        assert.equal(extra.length, 0, `rounds that are no real meeting:${describeRounds(extra)}`);
        assert.equal(rounds.length, track.meetings.length, `rounds:${describeRounds(rounds)}`);
      });
    });
  }

  it('puts no round on a track that had no meeting', () => {
    const expectedIds = new Set(expected.tracks.map((t) => trackIdFor(t.parties)));
    const stray = [...states.values()].filter((s) => !expectedIds.has(s.id) && s.rounds.length > 0);
    assert.deepEqual(
      stray.map((s) => s.id),
      [],
      stray.map((s) => `\n  ${s.name}:${describeRounds(s.rounds)}`).join(''),
    );
  });

  it('dates no round on a day without a meeting (phone calls, written responses)', () => {
    const offenders: string[] = [];
    for (const state of states.values()) {
      for (const round of state.rounds) {
        for (const day of expected.notMeetings) if (onDay(round, day.date)) offenders.push(`${state.name} on ${day.date} (${day.what}): ${describeRound(round)}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('extracts nothing from the near-miss articles (markets, troops, gas)', () => {
    for (const file of expected.nearMiss) {
      const events = articles.find((a) => a.file === file)?.events ?? [];
      assert.deepEqual(
        events.map((e) => `${e.type} ${e.data.trackName}: ${e.metadata.source.sentence}`),
        [],
        file,
      );
    }
  });

  describe('demands', () => {
    const byParty = (party: string): DemandState[] => allDemands().filter((d) => d.by === party);

    for (const [party, required] of Object.entries(expected.demands.requiredPresent)) {
      const spec = expected.demands.byParty.find((p) => p.by === party);
      for (const itemId of required) {
        const item = spec?.items.find((i) => i.id === itemId);
        it(`${party}: "${item?.meaning ?? itemId}" is reported`, () => {
          assert.ok(item, `expected.json: unknown demand ${itemId}`);
          const texts = byParty(party).map((d) => d.text);
          const hit = texts.find((t) => item.keywords.some((k) => t.toLowerCase().includes(k)));
          assert.ok(hit, `no demand by ${party} matches ${JSON.stringify(item.keywords)}; demands by ${party}: ${JSON.stringify(texts, null, 2)}`);
        });
      }
    }

    /**
     * A party's distinct demands, counted by meaning across tracks. expected.json lists each real
     * demand once per party, whichever track an outlet reported it on: Moscow tabled the same
     * demands to Washington and to NATO, and outlets report them in either context. Each track
     * state clusters its own wordings (deriveDemands), so one demand reported on two tracks is two
     * DemandStates whose representative texts may differ; counting those texts counts one meaning
     * twice and measures nothing about rewording. So the party's wordings from every track are
     * clustered again with the projector's own meaning-level identity (demand-identity.ts:
     * contentTokens, with the names of the wording's own track dropped as on that track, and
     * clusterWordings), and wordings one track already holds as one demand stay one demand.
     */
    interface Distinct {
      text: string;
      category: string | null;
      wordings: string[];
    }
    const distinctDemands = (party: string): Distinct[] => {
      const byKey = new Map<string, { categories: (string | null)[]; parties: Set<string>; demandIds: Set<string> }>();
      for (const state of states.values()) {
        for (const demand of state.demands.filter((d) => d.by === party)) {
          for (const wording of demand.wordings) {
            const key = normaliseForComparison(wording.text);
            const entry = byKey.get(key) ?? { categories: [], parties: new Set([party]), demandIds: new Set() };
            entry.categories.push(wording.category);
            for (const p of state.parties) entry.parties.add(p);
            entry.demandIds.add(demand.id);
            byKey.set(key, entry);
          }
        }
      }
      const mostReported = (values: readonly (string | null)[]): string | null => {
        const counts = new Map<string, number>();
        for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
        return [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0]?.[0] ?? null;
      };
      const nodes: WordingNode[] = [...byKey.entries()].map(([key, e]) => ({ key, category: mostReported(e.categories), tokens: contentTokens(key, [...e.parties]) }));
      const clusters = clusterWordings(nodes);
      // Clusters holding wordings of one track's demand are one demand.
      const parent = clusters.map((_, i) => i);
      const find = (i: number): number => (parent[i] === i ? i : find(parent[i] ?? i));
      const clusterOfDemand = new Map<string, number>();
      clusters.forEach((keys, i) => {
        for (const key of keys) {
          for (const id of byKey.get(key)?.demandIds ?? []) {
            const other = clusterOfDemand.get(id);
            if (other === undefined) clusterOfDemand.set(id, i);
            else parent[find(i)] = find(other);
          }
        }
      });
      const merged = new Map<number, string[]>();
      clusters.forEach((keys, i) => merged.set(find(i), [...(merged.get(find(i)) ?? []), ...keys]));
      return [...merged.values()].map((keys) => {
        const sorted = [...keys].sort((a, b) => a.length - b.length || a.localeCompare(b));
        return { text: sorted[0] ?? '', category: mostReported(keys.flatMap((k) => byKey.get(k)?.categories ?? [])), wordings: sorted };
      });
    };
    const describeDemand = (d: Distinct): string => `${d.text} [${d.category ?? '-'}]${d.wordings.slice(1).map((t) => `\n      = ${t}`).join('')}`;

    for (const spec of expected.demands.byParty) {
      const bound = expected.demands.inflationFactor * spec.items.length;
      it(`${spec.by}: at most ${String(bound)} distinct demands (${String(spec.items.length)} real ones, reworded by many outlets)`, (t) => {
        const distinct = distinctDemands(spec.by);
        t.diagnostic(`${String(distinct.length)} distinct demands by ${spec.by}:\n  ${distinct.map(describeDemand).join('\n  ')}`);
        assert.ok(distinct.length <= bound, `${String(distinct.length)} distinct demands by ${spec.by}:\n  ${distinct.map(describeDemand).join('\n  ')}`);
        // What users read on the tracks is held to the same bound: the texts the tracks show.
        const shown = [...new Set(byParty(spec.by).map((d) => normaliseForComparison(d.text)))].sort();
        assert.ok(shown.length <= bound, `${String(shown.length)} distinct demand texts by ${spec.by} on the tracks:\n  ${shown.join('\n  ')}`);
      });
    }
  });

  it('folds to the same states in three shuffled orders', () => {
    const reference = asSortedObject(states);
    for (const seed of [20220110, 20220112, 20220113]) {
      assert.deepEqual(asSortedObject(foldAll(shuffled(inOrder, seed))), reference, `seed ${String(seed)}`);
    }
  });
});

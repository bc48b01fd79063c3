// The shared scorer's rules (../shared/eval/score.mjs), re-implemented so that every matched or
// unmatched item can be attributed to a negotiation: the same alias folding, the same scores, the
// same greedy one-to-one matching per file and the same rule for optional labels. The overall
// figures must equal the shared scorer's; tools/cli/src/eval-scorer.spec.ts checks that they do,
// and scripts/eval.mjs cross-checks them on every run. Change nothing here without changing it there.
import path from 'node:path';

const ALIASES = {
  'united states': ['us', 'u.s.', 'usa', 'u.s.a.', 'america', 'washington', 'united states of america', 'the united states', 'the us', 'the u.s.', 'white house'],
  russia: ['moscow', 'kremlin', 'russian federation', 'the kremlin'],
  nato: ['north atlantic treaty organization', 'the alliance', 'north atlantic alliance', 'nato-russia council'],
  'european union': ['eu', 'the eu', 'e.u.', 'brussels (eu)'],
  'united kingdom': ['uk', 'u.k.', 'britain', 'great britain', 'london'],
  china: ['beijing', "people's republic of china", 'prc'],
  ukraine: ['kyiv', 'kiev'],
  iran: ['tehran', 'islamic republic of iran'],
  osce: ['organization for security and co-operation in europe', 'organization for security and cooperation in europe'],
  taliban: ['the taliban'],
  israel: ['jerusalem'],
  hamas: [],
  germany: ['berlin'],
  france: ['paris'],
  'north macedonia': ['macedonia', 'fyrom', 'former yugoslav republic of macedonia', 'skopje'],
  'democratic republic of the congo': ['dr congo', 'drc', 'democratic republic of congo', 'congo-kinshasa', 'kinshasa'],
  m23: ['afc/m23', 'march 23 movement', 'm23 rebels'],
  turkey: ['türkiye', 'turkiye', 'ankara'],
  greece: ['athens'],
  'saudi arabia': ['riyadh', 'saudi'],
  'north korea': ['dprk', 'pyongyang', "democratic people's republic of korea"],
  'south korea': ['republic of korea', 'seoul', 'rok'],
  india: ['new delhi'],
};
const CANON = new Map();
for (const [canon, alternatives] of Object.entries(ALIASES)) {
  CANON.set(canon, canon);
  for (const alternative of alternatives) CANON.set(alternative, canon);
}

/** A party name folded as the scorer folds it: lower case, parentheses ("(mediator)") dropped, aliases. */
export function party(name) {
  const n = String(name ?? '').toLowerCase().replace(/\s*\(.*?\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
  return CANON.get(n) ?? n;
}

const STOP = new Set('a an the of to and or in on at for from by with that this be is are was were will would should must not no any its their it as into over than new its'.split(' '));
function tokens(s) {
  return new Set(String(s ?? '').toLowerCase().replace(/[^a-z0-9\s-]/g, ' ').split(/\s+/).filter((w) => w.length > 2 && !STOP.has(w)));
}
export function jaccard(a, b) {
  const A = tokens(a);
  const B = tokens(b);
  if (!A.size || !B.size) return 0;
  let shared = 0;
  for (const x of A) if (B.has(x)) shared++;
  return shared / (A.size + B.size - shared);
}
export function sameSentence(a, b) {
  if (!a || !b) return false;
  const A = String(a).replace(/\s+/g, ' ').trim();
  const B = String(b).replace(/\s+/g, ' ').trim();
  return A.includes(B) || B.includes(A) || jaccard(A, B) >= 0.8;
}
/** The scorer's date compatibility: one ISO (partial) date is a prefix of the other, or one is missing. */
export function datesCompatible(gold, pred) {
  if (!gold || !pred) return true;
  return gold.startsWith(pred) || pred.startsWith(gold);
}
/** Status folding for status accuracy. */
export const STATUS = { proposed: 'announced', agreed: 'announced', expected: 'announced', announced: 'announced', scheduled: 'scheduled', held: 'held', ongoing: 'held', concluded: 'concluded', postponed: 'postponed', cancelled: 'cancelled', canceled: 'cancelled' };

export const isOptional = (label) => label.optional === true || label.reciprocal === true;

/** How well a predicted round fits a labelled one (0: no match). */
export function roundScore(g, p) {
  const G = new Set((g.track_parties ?? []).map(party));
  const P = new Set((p.parties ?? []).map(party));
  let shared = 0;
  for (const x of G) if (P.has(x)) shared++;
  if (shared < Math.min(2, G.size)) return 0;
  const pDate = p.date?.start ?? p.date ?? null;
  if (!datesCompatible(g.date_iso || null, typeof pDate === 'string' ? pDate : null)) return 0;
  return 1 + shared / Math.max(G.size, P.size) + (sameSentence(g.evidence, p.evidence?.sentence) ? 0.5 : 0);
}

/** A joint demand ("Saudi Arabia and United States") matches a prediction by either party. */
export const demanders = (by) => String(by ?? '').split(/\s*(?:,|\band\b)\s*/).filter(Boolean).map(party);

/** How well a predicted demand fits a labelled one (0: no match). */
export function demandScore(g, p) {
  if (!demanders(g.by).includes(party(p.by))) return 0;
  const sent = sameSentence(g.quote, p.evidence?.sentence);
  const sim = Math.max(jaccard(g.text, p.text), jaccard(g.quote, p.text) * 0.8);
  if (!sent && sim < 0.2) return 0;
  return sim + (sent ? 0.5 : 0);
}

/** Greedy one-to-one matching by descending score (stable: ties keep label-major order). Returns [gi, pi] pairs. */
export function match(gold, pred, score) {
  const pairs = [];
  gold.forEach((g, gi) => {
    pred.forEach((p, pi) => {
      const s = score(g, p);
      if (s > 0) pairs.push([s, gi, pi]);
    });
  });
  pairs.sort((a, b) => b[0] - a[0]);
  const goldUsed = new Set();
  const predUsed = new Set();
  const out = [];
  for (const [, gi, pi] of pairs) {
    if (goldUsed.has(gi) || predUsed.has(pi)) continue;
    goldUsed.add(gi);
    predUsed.add(pi);
    out.push([gi, pi]);
  }
  return out;
}

/** The scorer's date check on a matched round: the predicted start agrees with the label to the label's precision. */
export function dateRight(gDate, pDate) {
  return typeof pDate === 'string' && pDate.slice(0, gDate.length) === gDate && pDate.length <= gDate.length + 3;
}

/**
 * Scores one file: the scorer's matching, item by item. `gold` is the labels.json entry, `pred` the
 * prediction record (or undefined when the file has none).
 */
export function scoreFile(gold, pred) {
  const pr = pred?.rounds ?? [];
  const pd = pred?.demands ?? [];
  const gr = gold.rounds ?? [];
  const gd = gold.demands ?? [];
  const roundPairs = match(gr, pr, roundScore);
  const demandPairs = match(gd, pd, demandScore);
  const roundOfPred = new Map(roundPairs.map(([g, p]) => [p, g]));
  const demandOfPred = new Map(demandPairs.map(([g, p]) => [p, g]));
  const predOfRound = new Map(roundPairs.map(([g, p]) => [g, p]));
  const predOfDemand = new Map(demandPairs.map(([g, p]) => [g, p]));
  return { gr, gd, pr, pd, roundPairs, demandPairs, roundOfPred, demandOfPred, predOfRound, predOfDemand };
}

export function emptyCounts() {
  return { rounds: { tp: 0, fp: 0, fn: 0 }, demands: { tp: 0, fp: 0, fn: 0 }, status: { ok: 0, n: 0 }, date: { ok: 0, n: 0 } };
}

/** Precision, recall and F1 rounded as the scorer rounds them (an empty side counts as 1). */
export function prf({ tp, fp, fn }) {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { precision: +p.toFixed(3), recall: +r.toFixed(3), f1: +(p + r ? (2 * p * r) / (p + r) : 0).toFixed(3), tp, fp, fn };
}
export const ratio = ({ ok, n }) => (n ? +(ok / n).toFixed(3) : null);

/** The scorer's summary shape for a set of counts. */
export function summarise(counts) {
  return {
    rounds: prf(counts.rounds),
    demands: prf(counts.demands),
    roundStatusAccuracy: ratio(counts.status),
    roundDateAccuracy: ratio(counts.date),
    status: { ...counts.status },
    date: { ...counts.date },
  };
}

/** Reads predictions (JSON Lines) into a map by file base name; a later line for a file wins, as in the scorer. */
export function parsePredictions(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      throw new Error(`not JSON: ${line.slice(0, 120)}`);
    }
    out.set(path.basename(record.file ?? ''), record);
  }
  return out;
}

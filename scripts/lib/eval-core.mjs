// Scores predictions against labels as the shared scorer does and splits every count by
// negotiation: each labelled and each predicted item is attributed to exactly one negotiation
// (negotiations.mjs), so the per-negotiation counts add up to the overall ones.
import { STATUS, dateRight, emptyCounts, isOptional, scoreFile, summarise } from './score-core.mjs';

const describeRound = (parties, status, date) => `${(parties ?? []).join('/')} ${status} ${date ?? ''}`.trim();

/**
 * @param labels labels.json entries (possibly a subset)
 * @param preds Map file → prediction record
 * @param index negotiationIndex(...)
 */
export function evaluate(labels, preds, index) {
  const total = emptyCounts();
  const byNegotiation = new Map(index.ids.map((id) => [id, { counts: emptyCounts(), files: new Set() }]));
  const slot = (id) => {
    if (!byNegotiation.has(id)) byNegotiation.set(id, { counts: emptyCounts(), files: new Set() });
    return byNegotiation.get(id);
  };
  const missing = [];
  const details = [];
  for (const label of labels) {
    const pred = preds.get(label.file);
    if (!pred) missing.push(label.file);
    const tracks = index.negotiationsOfFile(label.file);
    for (const id of tracks.length ? tracks : ['other']) slot(id).files.add(label.file);
    const s = scoreFile(label, pred);
    const goldRoundNeg = s.gr.map((g, i) => index.goldRound(label.file, i, g));
    const goldDemandNeg = s.gd.map((g) => index.goldDemand(label.file, g));
    const items = [];
    const add = (id, update) => {
      update(total);
      update(slot(id).counts);
    };
    for (const [gi, pi] of s.roundPairs) {
      const g = s.gr[gi];
      const p = s.pr[pi];
      add(goldRoundNeg[gi], (c) => {
        if (!isOptional(g)) c.rounds.tp++;
        c.status.n++;
        if (STATUS[g.status] === STATUS[p.status]) c.status.ok++;
        if (g.date_iso) {
          c.date.n++;
          if (dateRight(g.date_iso, p.date?.start)) c.date.ok++;
        }
      });
      if (STATUS[g.status] !== STATUS[p.status]) items.push({ negotiation: goldRoundNeg[gi], kind: 'wrong status', text: `${describeRound(g.track_parties, g.status, g.date_iso)} (predicted ${p.status})` });
      else if (g.date_iso && !dateRight(g.date_iso, p.date?.start)) items.push({ negotiation: goldRoundNeg[gi], kind: 'wrong date', text: `${describeRound(g.track_parties, g.status, g.date_iso)} (predicted ${p.date?.start ?? 'none'})` });
    }
    for (const [gi] of s.demandPairs) if (!isOptional(s.gd[gi])) add(goldDemandNeg[gi], (c) => c.demands.tp++);
    s.gr.forEach((g, i) => {
      if (s.predOfRound.has(i) || isOptional(g)) return;
      add(goldRoundNeg[i], (c) => c.rounds.fn++);
      items.push({ negotiation: goldRoundNeg[i], kind: 'missed round', text: describeRound(g.track_parties, g.status, g.date_iso) });
    });
    s.gd.forEach((g, i) => {
      if (s.predOfDemand.has(i) || isOptional(g)) return;
      add(goldDemandNeg[i], (c) => c.demands.fn++);
      items.push({ negotiation: goldDemandNeg[i], kind: 'missed demand', text: `${g.by}: ${g.text}` });
    });
    s.pr.forEach((p, i) => {
      if (s.roundOfPred.has(i)) return;
      const id = index.predRound(label.file, p);
      add(id, (c) => c.rounds.fp++);
      items.push({ negotiation: id, kind: 'extra round', text: describeRound(p.parties, p.status, p.date?.start) });
    });
    s.pd.forEach((p, i) => {
      if (s.demandOfPred.has(i)) return;
      const id = index.predDemand(label.file, p);
      add(id, (c) => c.demands.fp++);
      items.push({ negotiation: id, kind: 'extra demand', text: `${p.by}: ${p.text}` });
    });
    if (items.length) details.push({ file: label.file, items });
  }
  const negotiations = [...byNegotiation.entries()]
    .filter(([, v]) => v.files.size > 0 || Object.values(v.counts).some((c) => Object.values(c).some((x) => x > 0)))
    .map(([id, v]) => ({ id, name: index.nameOf(id), articles: v.files.size, ...summarise(v.counts) }));
  return { articles: labels.length, missingFiles: missing.length, missing, ...summarise(total), negotiations, details };
}

/** The figures the shared scorer prints with --json, from an evaluate() result. */
export function scorerFigures(result) {
  return {
    articles: result.articles,
    missingFiles: result.missingFiles,
    rounds: result.rounds,
    demands: result.demands,
    roundStatusAccuracy: result.roundStatusAccuracy,
    roundDateAccuracy: result.roundDateAccuracy,
  };
}

const headline = (n) => (n ? { roundsF1: n.rounds?.f1 ?? null, demandsF1: n.demands?.f1 ?? null, status: n.roundStatusAccuracy ?? null, date: n.roundDateAccuracy ?? null } : null);
const counts = (c) => (c ? `${c.tp}/${c.fp}/${c.fn}` : '-');

/**
 * Per negotiation (and `total`), the figures now and in a baseline (the JSON of `eval --json`),
 * with a verdict: same, better, worse, mixed (some figures up, some down), changed (counts moved,
 * figures did not), new or gone.
 */
export function baselineDeltas(result, baseline) {
  const now = new Map(result.negotiations.map((n) => [n.id, n]));
  const before = new Map((baseline.negotiations ?? []).map((n) => [n.id, n]));
  now.set('total', result);
  before.set('total', baseline);
  const ids = [...new Set([...result.negotiations.map((n) => n.id), ...(baseline.negotiations ?? []).map((n) => n.id), 'total'])];
  return ids.map((id) => {
    const a = now.get(id);
    const b = before.get(id);
    const roundCounts = counts(a?.rounds) === counts(b?.rounds) ? counts(a?.rounds) : `${counts(a?.rounds)} (was ${counts(b?.rounds)})`;
    const demandCounts = counts(a?.demands) === counts(b?.demands) ? counts(a?.demands) : `${counts(a?.demands)} (was ${counts(b?.demands)})`;
    let verdict;
    if (!b) verdict = 'new';
    else if (!a) verdict = 'gone';
    else {
      const ha = headline(a);
      const hb = headline(b);
      const moves = Object.keys(ha).map((k) => (ha[k] === null || hb[k] === null ? 0 : Math.sign(+(ha[k] - hb[k]).toFixed(3))));
      const up = moves.includes(1);
      const down = moves.includes(-1);
      if (up && down) verdict = 'mixed';
      else if (up) verdict = 'better';
      else if (down) verdict = 'worse';
      else verdict = roundCounts.includes('was') || demandCounts.includes('was') || JSON.stringify(ha) !== JSON.stringify(hb) ? 'changed' : 'same';
    }
    return { id, now: headline(a) ?? {}, before: headline(b) ?? {}, roundCounts, demandCounts, verdict };
  });
}

// Which negotiation each labelled or predicted fact of the corpus belongs to, so that the scorer's
// counts can be split by negotiation. The negotiations are the tracks of meetings.json (one
// negotiation each, e.g. `vienna-jcpoa`); without a meetings.json, the labels' own tracks grouped
// by party set. Rules, in order:
// - each labelled track of a file (labels.json `tracks`: name + parties) is mapped to a negotiation
//   by its name (`label_track_names`), else by its party set (`parties`, `label_party_sets`), else by
//   the best party overlap (two parties at least); when several negotiations qualify (same parties,
//   years apart), the one that lists the file in `reporting_files`, else the one whose meetings are
//   nearest the article's publication date;
// - a labelled round belongs to the negotiation whose meeting lists it in `reported_by`; a labelled
//   round no meeting lists (generic or optional mentions) to the file's track it overlaps best;
// - a labelled demand to the file's track holding its author (and most of its addressees);
// - a prediction matched to a label to that label's negotiation; an unmatched one to the file's track
//   it overlaps best (a demand: the track holding its author), else to `other`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { demanders, party } from './score-core.mjs';

export const OTHER = 'other';
const OTHER_NAME = 'not in any labelled negotiation';

/** Folded party set, mediator/coordinator markers dropped (party() drops any parenthesis). */
export const partySet = (names) => new Set((names ?? []).map(party).filter(Boolean));

const overlap = (a, b) => {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
};
const setJaccard = (a, b) => {
  const shared = overlap(a, b);
  return a.size + b.size - shared ? shared / (a.size + b.size - shared) : 0;
};
const sameSet = (a, b) => a.size === b.size && overlap(a, b) === a.size;

/** Days since the epoch of an ISO date, full or partial ("2019-06" is its first day); null when absent. */
export function dayNumber(iso) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(iso ?? ''));
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1)) / 86_400_000;
}

/** The `published` front-matter value of an article file (metadata only), or null. */
export function publishedOf(file) {
  try {
    const text = readFileSync(file, 'utf8');
    const front = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    const value = /^published:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(front)?.[1];
    return value ?? null;
  } catch {
    return null;
  }
}

/** Reads labels.json and, when present, meetings.json of a corpus directory. */
export function loadCorpus(corpusDir) {
  const labels = JSON.parse(readFileSync(path.join(corpusDir, 'labels.json'), 'utf8'));
  const meetingsFile = path.join(corpusDir, 'meetings.json');
  const meetings = existsSync(meetingsFile) ? JSON.parse(readFileSync(meetingsFile, 'utf8')) : null;
  const published = new Map();
  for (const label of labels) published.set(label.file, publishedOf(path.join(corpusDir, label.file)));
  return { labels, meetings, published };
}

/** The negotiations of the corpus and the attribution functions. */
export function negotiationIndex(labels, meetings, published = new Map()) {
  /** @type {{id: string, name: string, partySets: Set<string>[], names: Set<string>, files: Set<string>, days: number[]}[]} */
  let negotiations;
  const reportedBy = new Map();
  if (meetings) {
    negotiations = meetings.tracks.map((t) => ({
      id: t.id,
      name: t.name,
      partySets: [partySet(t.parties), ...(t.label_party_sets ?? []).map(partySet)],
      names: new Set(t.label_track_names ?? []),
      files: new Set(t.reporting_files ?? []),
      days: (t.meetings ?? []).map((m) => dayNumber(m.start)).filter((d) => d !== null),
    }));
    for (const t of meetings.tracks) for (const m of t.meetings ?? []) for (const r of m.reported_by ?? []) reportedBy.set(`${r.file}#${r.round_index}`, t.id);
  } else {
    // No answer key: one negotiation per party set of the labels' tracks.
    const byKey = new Map();
    for (const label of labels) {
      for (const t of label.tracks ?? []) {
        const set = partySet(t.parties);
        const key = [...set].sort().join('–');
        const n = byKey.get(key) ?? { id: key, name: t.name, partySets: [set], names: new Set(), files: new Set(), days: [] };
        n.names.add(t.name);
        n.files.add(label.file);
        byKey.set(key, n);
      }
    }
    negotiations = [...byKey.values()];
  }

  const nearest = (candidates, file) => {
    if (candidates.length <= 1) return candidates[0] ?? null;
    const reporting = candidates.filter((n) => n.files.has(file));
    if (reporting.length === 1) return reporting[0];
    const pool = reporting.length ? reporting : candidates;
    const day = dayNumber(published.get(file));
    if (day === null) return pool[0];
    const distance = (n) => (n.days.length ? Math.min(...n.days.map((d) => Math.abs(d - day))) : Infinity);
    return pool.reduce((best, n) => (distance(n) < distance(best) ? n : best));
  };

  function negotiationOfFileTrack(file, track) {
    const set = partySet(track.parties);
    const byName = negotiations.filter((n) => n.names.has(track.name));
    if (byName.length) return nearest(byName, file);
    const bySet = negotiations.filter((n) => n.partySets.some((s) => sameSet(s, set)));
    if (bySet.length) return nearest(bySet, file);
    let best = [];
    let bestScore = 0;
    for (const n of negotiations) {
      const score = Math.max(0, ...n.partySets.map((s) => (overlap(s, set) >= 2 ? setJaccard(s, set) : 0)));
      if (score > bestScore) [best, bestScore] = [[n], score];
      else if (score > 0 && score === bestScore) best.push(n);
    }
    return nearest(best, file);
  }

  const fileTracks = new Map();
  const unmappedFileTracks = [];
  for (const label of labels) {
    fileTracks.set(
      label.file,
      (label.tracks ?? []).map((t) => {
        const n = negotiationOfFileTrack(label.file, t);
        if (!n) unmappedFileTracks.push({ file: label.file, track: t.name });
        return { name: t.name, parties: partySet(t.parties), negotiation: n?.id ?? OTHER };
      }),
    );
  }

  /** The file's track that shares most parties with `names` (ties: closest set, then first listed). */
  function byOverlap(file, names) {
    const set = partySet(names);
    let best = null;
    let bestKey = [0, 0];
    for (const t of fileTracks.get(file) ?? []) {
      const key = [overlap(t.parties, set), setJaccard(t.parties, set)];
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[0] > 0 && key[1] > bestKey[1])) [best, bestKey] = [t, key];
    }
    return best?.negotiation ?? OTHER;
  }

  /** The file's track holding the demand's author (2 points per author, 1 per addressee). */
  function byDemand(file, by, addressees) {
    const authors = demanders(by);
    const to = (addressees ?? []).map(party);
    const tracks = fileTracks.get(file) ?? [];
    let best = null;
    let bestScore = 0;
    for (const t of tracks) {
      const score = 2 * authors.filter((a) => t.parties.has(a)).length + to.filter((a) => t.parties.has(a)).length;
      if (score > bestScore) [best, bestScore] = [t, score];
    }
    return best?.negotiation ?? OTHER;
  }

  const names = new Map(negotiations.map((n) => [n.id, n.name]));
  names.set(OTHER, OTHER_NAME);
  const order = [...negotiations.map((n) => n.id), OTHER];

  return {
    /** Negotiation ids in meetings.json order, `other` last. */
    ids: order,
    nameOf: (id) => names.get(id) ?? id,
    /** Negotiations a file's labelled tracks map to (empty for a file about no negotiation). */
    negotiationsOfFile: (file) => [...new Set((fileTracks.get(file) ?? []).map((t) => t.negotiation))],
    goldRound: (file, index, round) => reportedBy.get(`${file}#${index}`) ?? byOverlap(file, round.track_parties),
    goldDemand: (file, demand) => byDemand(file, demand.by, demand.of),
    predRound: (file, round) => byOverlap(file, round.parties),
    predDemand: (file, demand) => byDemand(file, demand.by, demand.addressedTo),
    unmappedFileTracks,
  };
}

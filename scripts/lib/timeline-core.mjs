// The merged timeline of a corpus against its answer key (meetings.json): every article is parsed,
// extracted and turned into events by the real domain code, the events are folded per track by the
// real projector, in publication order and in shuffled orders, and the final tracks are compared
// with the real meetings as ../shared/corpus/MEETINGS.md describes:
// 1. each projector round is linked to the meetings its reports come from (the exact check): report
//    → the extracted round of its event → the labelled round the scorer's matching pairs it with
//    (score-core.mjs) → the meeting listing that labelled round in `reported_by`. A round linked to
//    several meetings shows the one it fits best (date, then most reports, then status); the others
//    are merged away (a wrong merge), unless they are sessions of the same round (`part_of`);
// 2. each round goes to the meetings.json track of the meeting it shows; a round linked to none, to
//    one of the tracks whose party sets fit its track's parties (folded as the scorer folds them),
//    the one with a meeting on its date (same parties, years apart), else the nearest in time;
// 3. within each track, rounds and meetings are paired one to one: the linked meeting first, then
//    the date (a day within start..end, a month covering the other side's month), the ordinal, the
//    reporting article for an undated meeting, the venue last.
// Per meeting: shown once, split (two rounds or more show it), missing (not extracted, merged away,
// or lost); per round: wrong merges, extras (showing no meeting; a round of an optional meeting or
// of an optional label is neutral). Demands: what the tracks show, per party and per negotiation,
// with verbatim duplicates (the same text shown twice: on two tracks, or twice on one).
import { STATUS, party, scoreFile } from './score-core.mjs';
import { OTHER, dayNumber, partySet } from './negotiations.mjs';

export const OBSERVED_AT = '2000-01-01T00:00:00.000Z';

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(items, seed) {
  const next = random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Not by parties: an event names a group where the extraction lists its members (the P4+1 for
// Britain, China, France, Germany and Russia). Events come in the extraction's order, so rounds
// alike in everything else still pair up one to one.
const roundKey = (file, status, date, ordinal, start, end) => [file, status, date?.start ?? '', ordinal ?? '', start, end].join('#');

const precisionOf = (iso) => (iso.length >= 10 ? 'day' : iso.length >= 7 ? 'month' : 'year');
const evidenceIn = (body, sentence) => {
  const text = String(sentence ?? '');
  const start = Math.max(0, body.indexOf(text));
  return { sentence: text, start, end: start + text.length };
};

/**
 * An extraction made of a file's labels: to fold the labelled facts themselves and so test the
 * projector without extraction errors (MEETINGS.md, "How to check a merged timeline"). Party names
 * are folded as the scorer folds them; the i-th round is the i-th labelled round.
 */
export function extractionFromLabels(label, article) {
  const names = (list) => [...new Set((list ?? []).map(party).filter(Boolean))].sort();
  return {
    rounds: (label?.rounds ?? []).map((g) => ({
      parties: names(g.track_parties),
      forum: null,
      ordinal: Number.isInteger(g.ordinal) && g.ordinal > 0 ? g.ordinal : null,
      status: STATUS[g.status] ?? 'announced',
      date: g.date_iso ? { text: g.date_text ?? g.date_iso, start: g.date_iso, end: null, precision: precisionOf(g.date_iso) } : null,
      venue: g.venue ?? null,
      // The labels list mediators among the parties (meetings.json marks them); they are kept as sides here.
      mediators: [],
      evidence: evidenceIn(article.body, g.evidence),
    })),
    demands: (label?.demands ?? []).map((d) => ({
      by: party(String(d.by).split(/\s*(?:,|\band\b)\s*/)[0]),
      addressedTo: names(d.of),
      text: d.text,
      category: null,
      evidence: evidenceIn(article.body, d.quote),
    })),
    responses: [],
  };
}

/**
 * Reads the articles: parse, extract, events. An article that cannot be parsed or turned into
 * events is counted, not fatal. `readText(file)` returns the raw file; `extract(file, article)`
 * the extraction (default: the real extractor).
 */
export function loadArticles(domain, files, readText, extract = (_file, article) => domain.extractArticle(article)) {
  const articles = [];
  const unparseable = [];
  const undated = [];
  for (const file of files) {
    try {
      const article = domain.parseArticleText(readText(file));
      const extraction = extract(file, article);
      const events = domain.eventsFromArticle({ articleId: file, article, observedAt: OBSERVED_AT, extraction });
      const publishedAt = typeof article.publishedAt === 'string' && article.publishedAt ? article.publishedAt : null;
      if (!publishedAt) undated.push(file);
      articles.push({ file, publishedAt, extraction, events });
    } catch (error) {
      unparseable.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { articles, unparseable, undated };
}

/** Events in publication order (undated articles last, then by file name). */
export function publicationOrder(articles) {
  return [...articles]
    .sort((a, b) => (a.publishedAt ?? '\uffff').localeCompare(b.publishedAt ?? '\uffff') || a.file.localeCompare(b.file))
    .flatMap((a) => a.events);
}

/** Folds events per track with the projector's evolve, in the order given. */
export function foldAll(domain, events) {
  const states = new Map();
  for (const event of events) states.set(event.data.trackId, domain.evolve(states.get(event.data.trackId), event).state);
  return states;
}

/** What a track shows, independent of how it is stored: to compare the states of two orders. */
export function fingerprint(state) {
  const sources = (list) => list.map((s) => `${s.articleId}@${s.start}`).sort();
  return JSON.stringify({
    status: state.status,
    forum: state.forum,
    rounds: state.rounds.map((r) => ({ id: r.id, status: r.status, date: r.date, venue: r.venue, ordinal: r.ordinal, sources: sources(r.sources) })).sort((a, b) => a.id.localeCompare(b.id)),
    demands: state.demands.map((d) => ({ id: d.id, by: d.by, text: d.text, status: d.status, sources: sources(d.sources) })).sort((a, b) => a.id.localeCompare(b.id)),
    responses: (state.responses ?? []).map((r) => ({ id: r.id, kind: r.kind, demandId: r.demandId })).sort((a, b) => a.id.localeCompare(b.id)),
  });
}

/**
 * Links every round report (by event id) to the labelled round and meeting it reports.
 * Returns Map eventId → { kind: 'meeting', track, meeting } | { kind: 'optional' } | { kind: 'unlabelled' }
 * and, per meeting, whether the extractor found any of its reports.
 */
export function linkReports(articles, labels, meetings, { fromLabels = false } = {}) {
  const labelOf = new Map(labels.map((l) => [l.file, l]));
  const meetingOf = new Map();
  for (const t of meetings.tracks) for (const m of t.meetings) for (const r of m.reported_by) meetingOf.set(`${r.file}#${r.round_index}`, { track: t.id, meeting: m.id });
  const links = new Map();
  const extractedMeetings = new Set();
  for (const article of articles) {
    const label = labelOf.get(article.file);
    const predicted = article.extraction.rounds;
    // From labels, the i-th round is the i-th labelled round; otherwise the scorer's matching decides.
    const s = label && !fromLabels ? scoreFile(label, { rounds: predicted, demands: [] }) : null;
    const byKey = new Map();
    predicted.forEach((r, i) => {
      const key = roundKey(article.file, r.status, r.date, r.ordinal, r.evidence.start, r.evidence.end);
      byKey.set(key, [...(byKey.get(key) ?? []), i]);
    });
    for (const event of article.events) {
      if (event.type !== 'RoundReported') continue;
      const d = event.data;
      const src = event.metadata.source;
      const candidates = byKey.get(roundKey(article.file, d.status, d.date, d.ordinal, src.start, src.end)) ?? [];
      const index = candidates.shift();
      const gi = index === undefined || !label ? undefined : fromLabels ? index : s?.roundOfPred.get(index);
      let link = { kind: 'unlabelled' };
      if (gi !== undefined) {
        const placed = meetingOf.get(`${article.file}#${gi}`);
        if (placed) {
          link = { kind: 'meeting', ...placed };
          extractedMeetings.add(`${placed.track}/${placed.meeting}`);
        } else link = { kind: 'optional' };
      }
      links.set(event.id, link);
    }
  }
  return { links, extractedMeetings };
}

const isDay = (iso) => /^\d{4}-\d{2}-\d{2}$/.test(iso ?? '');

/** How well a projector round fits a meeting by its facts (0: it does not). */
export function fit(round, meeting) {
  const d = round.date;
  let score = 0;
  if (meeting.start && d?.start) {
    const start = meeting.start;
    const end = meeting.end ?? meeting.start;
    if (isDay(d.start) && isDay(start)) score = d.start >= start && d.start <= end ? 3 : 0;
    else {
      // A month (or year) on either side covers its whole period.
      const n = Math.min(d.start.length, start.length);
      const from = start.slice(0, n);
      const to = end.slice(0, n);
      const mine = d.start.slice(0, n);
      score = mine >= from && mine <= to ? (n >= 7 ? 1.5 : 0.5) : 0;
    }
    if (score === 0) return 0;
  } else if (round.ordinal !== null && round.ordinal !== undefined && round.ordinal === meeting.ordinal) score = 2;
  else if (!meeting.start && round.sources.some((s) => meeting.reported_by.some((r) => r.file === s.articleId))) score = 1;
  if (score > 0 && round.venue && meeting.venue) {
    const a = round.venue.toLowerCase();
    const b = meeting.venue.toLowerCase();
    if (a.includes(b) || b.includes(a)) score += 0.25;
  }
  return score;
}

/** The meeting's date is what the round shows: the same day or month. */
function dateRight(round, meeting) {
  if (!meeting.start) return null;
  const d = round.date?.start;
  if (!d) return false;
  if (isDay(meeting.start)) return isDay(d) && d >= meeting.start && d <= (meeting.end ?? meeting.start);
  return d.slice(0, meeting.start.length) === meeting.start && d.length <= meeting.start.length;
}

const normaliseText = (text) => String(text).toLowerCase().replace(/\s+/g, ' ').replace(/[\s.,;:!?]+$/, '').trim();

/**
 * Compares folded tracks with meetings.json.
 * @param states Map trackId → TrackState
 * @param links linkReports(...).links
 * @param index negotiationIndex(...) (for the demands' negotiation)
 */
export function compareTimeline(states, meetings, links, extractedMeetings, labels, index) {
  const tracks = meetings.tracks.map((t) => ({ ...t, sets: [partySet(t.parties), ...(t.label_party_sets ?? []).map(partySet)] }));
  const meetingById = new Map(tracks.flatMap((t) => t.meetings.map((m) => [`${t.id}/${m.id}`, { ...m, track: t.id }])));

  /** Meetings tracks whose party sets fit a projector track's parties, best first. */
  function candidatesOf(parties) {
    const set = partySet(parties);
    const scored = [];
    for (const t of tracks) {
      let best = 0;
      for (const s of t.sets) {
        let shared = 0;
        for (const x of set) if (s.has(x)) shared++;
        if (shared === s.size && shared === set.size) best = Math.max(best, 2);
        else if (shared >= Math.min(2, set.size)) best = Math.max(best, shared / (s.size + set.size - shared));
      }
      if (best > 0) scored.push({ track: t, score: best });
    }
    return scored.sort((a, b) => b.score - a.score);
  }

  const describe = (x) => {
    const r = x.round;
    const date = r.date ? `${r.date.start}${r.date.end ? `..${r.date.end}` : ''}` : 'undated';
    return `${x.state.id} ${r.status} ${date}${r.ordinal ? ` n${r.ordinal}` : ''}${r.venue ? ` @${r.venue}` : ''} [${[...new Set(r.sources.map((s) => s.articleId.slice(0, 3)))].join(',')}]`;
  };
  const sessionOf = (m) => m.part_of ?? `${m.track}/${m.id}`;
  // Sorted by id: the comparison must not depend on the order the tracks were folded in.
  const byId = (a, b) => a.id.localeCompare(b.id);
  const sortedStates = [...states.values()].sort(byId);

  // Every projector round, with the meetings its reports come from and its meetings.json track.
  // A round with reports of several meetings shows the one it fits best (its date, then the most
  // reports, its status); the others are merged away, except sessions of the same round (part_of).
  const rounds = [];
  for (const state of sortedStates) {
    const candidates = candidatesOf(state.parties);
    for (const r of [...state.rounds].sort(byId)) {
      const reportLinks = r.reports.map((rep) => links.get(rep.eventId) ?? { kind: 'unlabelled' });
      const reportsOf = new Map();
      for (const l of reportLinks) if (l.kind === 'meeting') reportsOf.set(`${l.track}/${l.meeting}`, (reportsOf.get(`${l.track}/${l.meeting}`) ?? 0) + 1);
      const linked = [...reportsOf.keys()].sort();
      let own = null;
      let track = OTHER;
      if (linked.length) {
        const rank = (key) => {
          const m = meetingById.get(key);
          return [fit(r, m), reportsOf.get(key), STATUS[r.status] === STATUS[m.final_status] ? 1 : 0];
        };
        own = linked.reduce((best, key) => {
          const [a, b] = [rank(key), rank(best)];
          const better = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
          return better > 0 ? key : best;
        });
        track = meetingById.get(own).track;
      } else if (candidates.length) {
        const fits = candidates.map((c) => ({ c, best: Math.max(0, ...c.track.meetings.map((m) => fit(r, m))) }));
        const fitting = fits.filter((f) => f.best > 0).sort((a, b) => b.best - a.best || b.c.score - a.c.score);
        if (fitting.length) track = fitting[0].c.track.id;
        else {
          const day = dayNumber(r.date?.start) ?? dayNumber(r.sources[0]?.publishedAt);
          const top = candidates.filter((c) => c.score === candidates[0].score);
          const distance = (t) => Math.min(Infinity, ...t.meetings.map((m) => dayNumber(m.start)).filter((x) => x !== null).map((x) => Math.abs(x - (day ?? x))));
          track = top.reduce((best, c) => (distance(c.track) < distance(best.track) ? c : best)).track.id;
        }
      }
      const session = own ? sessionOf(meetingById.get(own)) : null;
      const sameSession = linked.filter((k) => k !== own && sessionOf(meetingById.get(k)) === session);
      const mergedAway = linked.filter((k) => k !== own && !sameSession.includes(k));
      rounds.push({ state, round: r, track, linked, own, sameSession, mergedAway, reportLinks });
    }
  }
  const mergedInto = new Map();
  for (const x of rounds) for (const k of x.mergedAway) mergedInto.set(k, [...(mergedInto.get(k) ?? []), describe(x)]);

  const results = [];
  for (const t of [...tracks, { id: OTHER, name: 'rounds on no meetings.json track', meetings: [] }]) {
    const mine = rounds.filter((x) => x.track === t.id);
    const meetingsHere = t.meetings.map((m) => ({ ...m, key: `${t.id}/${m.id}` }));
    // One to one: the meeting a round shows by its reports first, then the facts.
    const pairs = [];
    mine.forEach((x, ri) =>
      meetingsHere.forEach((m, mi) => {
        if (x.own && x.own !== m.key && !x.sameSession.includes(m.key)) return;
        const score = (x.own === m.key ? 4 : 0) + fit(x.round, m);
        if (score > 0) pairs.push([score, ri, mi]);
      }),
    );
    pairs.sort((a, b) => b[0] - a[0]);
    const partnerOfRound = new Map();
    const partnerOfMeeting = new Map();
    for (const [, ri, mi] of pairs) {
      if (partnerOfRound.has(ri) || partnerOfMeeting.has(mi)) continue;
      partnerOfRound.set(ri, mi);
      partnerOfMeeting.set(mi, ri);
    }
    // A round with labelled reports shows its own meeting (and the other sessions of its round); one
    // without shows the meeting it is paired with, or any meeting on its day (a duplicate).
    const shows = (x, ri, m, mi) => (x.own ? x.own === m.key || x.sameSession.includes(m.key) : partnerOfRound.get(ri) === mi || (isDay(m.start) && fit(x.round, m) >= 3));

    const meetingRows = meetingsHere.map((m, mi) => {
      const showing = mine.map((x, ri) => [x, ri]).filter(([x, ri]) => shows(x, ri, m, mi));
      const partner = partnerOfMeeting.has(mi) ? mine[partnerOfMeeting.get(mi)] : showing.length === 1 ? showing[0][0] : null;
      let verdict;
      if (showing.length === 1) verdict = 'once';
      else if (showing.length > 1) verdict = 'split';
      else if (mergedInto.has(m.key)) verdict = 'missing (merged)';
      else if (extractedMeetings.has(m.key)) verdict = 'missing';
      else verdict = 'missing (not extracted)';
      const files = new Set(partner ? partner.round.sources.map((s) => s.articleId) : []);
      return {
        id: m.id,
        optional: m.optional === true,
        start: m.start,
        finalStatus: m.final_status,
        verdict,
        rounds: showing.map(([x]) => describe(x)),
        mergedInto: mergedInto.get(m.key) ?? [],
        status: partner ? partner.round.status : null,
        statusRight: partner ? STATUS[partner.round.status] === STATUS[m.final_status] : false,
        dateRight: partner ? dateRight(partner.round, m) : m.start ? false : null,
        sourcesComplete: partner ? m.reported_by.every((r) => files.has(r.file)) : false,
      };
    });
    const roundRows = mine.map((x, ri) => {
      const showsAny = meetingsHere.some((m, mi) => shows(x, ri, m, mi));
      const partner = partnerOfRound.has(ri) ? meetingsHere[partnerOfRound.get(ri)] : null;
      let role;
      if (x.mergedAway.length) role = 'wrong merge';
      else if (x.sameSession.length) role = 'part-of merge';
      else if (partner?.optional || (!showsAny && x.reportLinks.some((l) => l.kind === 'optional'))) role = 'neutral';
      else if (showsAny) role = 'shows a meeting';
      else role = 'extra';
      return { round: describe(x), meeting: partner?.id ?? null, linked: x.linked, role };
    });
    const real = meetingRows.filter((m) => !m.optional);
    const count = (rows, pred) => rows.filter(pred).length;
    results.push({
      id: t.id,
      name: t.name,
      meetings: real.length,
      once: count(real, (m) => m.verdict === 'once'),
      split: count(real, (m) => m.verdict === 'split'),
      missing: count(real, (m) => m.verdict.startsWith('missing')),
      missingNotExtracted: count(real, (m) => m.verdict === 'missing (not extracted)'),
      missingMerged: count(real, (m) => m.verdict === 'missing (merged)'),
      statusRight: count(real, (m) => m.statusRight),
      dateRight: count(real, (m) => m.dateRight === true),
      dated: count(real, (m) => m.start !== null),
      sourcesComplete: count(real, (m) => m.sourcesComplete),
      rounds: mine.length,
      wrongMerges: count(roundRows, (r) => r.role === 'wrong merge'),
      partOfMerges: count(roundRows, (r) => r.role === 'part-of merge'),
      extra: count(roundRows, (r) => r.role === 'extra'),
      neutral: count(roundRows, (r) => r.role === 'neutral'),
      meetingDetails: meetingRows,
      roundDetails: roundRows,
    });
  }

  // Demands: what the tracks show, per party and per negotiation.
  const labelled = new Map();
  for (const l of labels) for (const d of l.demands ?? []) if (!(d.optional === true || d.reciprocal === true)) for (const by of String(d.by).split(/\s*(?:,|\band\b)\s*/).filter(Boolean)) labelled.set(party(by), (labelled.get(party(by)) ?? 0) + 1);
  const perParty = new Map();
  const perNegotiation = new Map();
  let withinTrackDuplicates = 0;
  for (const state of sortedStates) {
    const seen = new Set();
    for (const d of [...state.demands].sort(byId)) {
      const by = party(d.by);
      const text = normaliseText(d.text);
      const p = perParty.get(by) ?? { by: d.by, shown: 0, texts: new Set() };
      p.shown++;
      p.texts.add(text);
      perParty.set(by, p);
      if (seen.has(`${by}|${text}`)) withinTrackDuplicates++;
      seen.add(`${by}|${text}`);
      const votes = new Map();
      for (const s of d.sources) {
        // The track's other parties are the addressees this copy of the demand is shown to.
        const id = index.predDemand(s.articleId, { by: d.by, addressedTo: state.parties.filter((p) => p !== d.by) });
        votes.set(id, (votes.get(id) ?? 0) + 1);
      }
      const negotiation = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? OTHER;
      const n = perNegotiation.get(negotiation) ?? { shown: 0, texts: new Set() };
      n.shown++;
      n.texts.add(`${by}|${text}`);
      perNegotiation.set(negotiation, n);
    }
  }
  const demandRow = (v) => ({ shown: v.shown, distinct: v.texts.size, verbatimDuplicates: v.shown - v.texts.size });
  const byParty = [...perParty.entries()].map(([key, v]) => ({ by: v.by, ...demandRow(v), labelled: labelled.get(key) ?? 0 })).sort((a, b) => b.shown - a.shown || a.by.localeCompare(b.by));
  for (const r of results) r.demands = demandRow(perNegotiation.get(r.id) ?? { shown: 0, texts: new Set() });
  const allTexts = new Set([...perParty.entries()].flatMap(([key, v]) => [...v.texts].map((t) => `${key}|${t}`)));
  const shown = byParty.reduce((a, p) => a + p.shown, 0);

  const sum = (k) => results.reduce((a, r) => a + r[k], 0);
  const totals = Object.fromEntries(['meetings', 'once', 'split', 'missing', 'missingNotExtracted', 'missingMerged', 'statusRight', 'dateRight', 'dated', 'sourcesComplete', 'rounds', 'wrongMerges', 'partOfMerges', 'extra', 'neutral'].map((k) => [k, sum(k)]));
  totals.demands = { shown, distinct: allTexts.size, verbatimDuplicates: shown - allTexts.size, withinTrackDuplicates };
  return { totals, tracks: results.filter((r) => r.id !== OTHER || r.rounds > 0 || r.demands.shown > 0), demandsByParty: byParty };
}

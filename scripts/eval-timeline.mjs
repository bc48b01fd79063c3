// The merged timeline of the dev corpus against its answer key: folds every article through the
// real extractor and projector (libs/domain's dist), in publication order and in K shuffled orders,
// and compares the final tracks with meetings.json (scripts/lib/timeline-core.mjs says how).
// Usage: node scripts/eval-timeline.mjs [CORPUS_DIR] [--json] [--verbose] [--orders K] [--seed S] [--track ID[,ID]] [--from-labels]
//   CORPUS_DIR  default ../shared/corpus/dev; it needs labels.json and meetings.json
//   --from-labels  fold the labelled rounds and demands instead of the extractor's: the projector alone
//   --orders K  shuffled orders besides the publication order (default 5); --seed S their seed (default 1)
//   --track ID  with --verbose: details of these meetings.json tracks only
// Build first (`npm run eval:timeline` does). Exit codes: 0 ok (unparseable articles are listed, not
// fatal); 1 the final state depends on the order; 2 usage or setup error.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as domain from '@talkwatch/domain';
import { loadCorpus, negotiationIndex } from './lib/negotiations.mjs';
import { OptionError, parseOptions } from './lib/options.mjs';
import { compareTimeline, extractionFromLabels, fingerprint, foldAll, linkReports, loadArticles, publicationOrder, shuffled } from './lib/timeline-core.mjs';
import { formatTable } from './lib/text-table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`eval:timeline: ${message}`);
  process.exit(2);
}

let options;
try {
  options = parseOptions(process.argv.slice(2), { flags: ['json', 'verbose', 'from-labels'], values: ['orders', 'seed', 'track'] });
} catch (error) {
  if (error instanceof OptionError) fail(error.message);
  throw error;
}
const integer = (name, fallback, min) => {
  const raw = options.value(name);
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) fail(`--${name} needs an integer >= ${min}`);
  return n;
};
const K = integer('orders', 5, 0);
const SEED = integer('seed', 1, 0);
const corpus = path.resolve(options.positional[0] ?? path.resolve(root, '../shared/corpus/dev'));
for (const name of ['labels.json', 'meetings.json']) if (!existsSync(path.join(corpus, name))) fail(`${name} not found in ${corpus}`);

const { labels, meetings, published } = loadCorpus(corpus);
const index = negotiationIndex(labels, meetings, published);
const files = readdirSync(corpus)
  .filter((name) => /\.(?:md|markdown|txt)$/i.test(name))
  .sort();
const fromLabels = options.flags.has('from-labels');
const labelOf = new Map(labels.map((l) => [l.file, l]));
const { articles, unparseable, undated } = loadArticles(
  domain,
  files,
  (file) => readFileSync(path.join(corpus, file), 'utf8'),
  fromLabels ? (file, article) => extractionFromLabels(labelOf.get(file), article) : undefined,
);
const { links, extractedMeetings } = linkReports(articles, labels, meetings, { fromLabels });

// Publication order, then K shuffles of all the events.
const inOrder = publicationOrder(articles);
const orders = [{ name: 'publication', events: inOrder }, ...Array.from({ length: K }, (_, k) => ({ name: `shuffle ${SEED + k}`, events: shuffled(inOrder, SEED + k) }))];
const folded = orders.map((o) => ({ name: o.name, states: foldAll(domain, o.events) }));
const reference = folded[0].states;
const fingerprints = new Map([...reference].map(([id, s]) => [id, fingerprint(s)]));
const dependent = new Map();
const evaluations = folded.map((f) => {
  for (const id of new Set([...reference.keys(), ...f.states.keys()])) {
    const state = f.states.get(id);
    if (!state || fingerprints.get(id) !== fingerprint(state)) dependent.set(id, [...(dependent.get(id) ?? []), f.name]);
  }
  return compareTimeline(f.states, meetings, links, extractedMeetings, labels, index);
});
const result = evaluations[0];
const withoutDetails = ({ meetingDetails: _meetings, roundDetails: _rounds, ...rest }) => rest;
const strip = (e) => JSON.stringify({ totals: e.totals, tracks: e.tracks.map(withoutDetails), demandsByParty: e.demandsByParty });
const differentEvaluations = folded.filter((_, i) => strip(evaluations[i]) !== strip(result)).map((f) => f.name);

const wanted = options.value('track') ? new Set(options.values.get('track').flatMap((t) => t.split(','))) : null;
const summary = {
  corpus,
  source: fromLabels ? 'labels' : 'extractor',
  articles: files.length,
  folded: articles.length,
  events: inOrder.length,
  unparseable,
  undated,
  orders: { publication: 1, shuffled: K, seed: SEED, orderDependentTracks: [...dependent].map(([track, names]) => ({ track, orders: names })), differentEvaluations },
  totals: result.totals,
  tracks: result.tracks.map((t) => (options.flags.has('verbose') && (!wanted || wanted.has(t.id)) ? t : withoutDetails(t))),
  demandsByParty: result.demandsByParty,
};

if (options.flags.has('json')) console.log(JSON.stringify(summary));
else {
  console.log(`eval:timeline: ${articles.length} of ${files.length} articles folded (${inOrder.length} events${fromLabels ? ', made from the labels' : ''}) from ${corpus}`);
  for (const u of unparseable) console.log(`  not folded: ${u.file} (${u.reason})`);
  if (undated.length) console.log(`  folded without a publication date: ${undated.join(', ')}`);
  console.log('');
  const row = (id, t) => [id, t.meetings, t.once, t.split, t.missing, t.missingNotExtracted, t.missingMerged, t.wrongMerges, t.partOfMerges, t.extra, t.neutral, t.rounds, `${t.statusRight}/${t.meetings}`, `${t.dateRight}/${t.dated}`, `${t.sourcesComplete}/${t.meetings}`, `${t.demands.shown}/${t.demands.distinct}/${t.demands.verbatimDuplicates}`];
  process.stdout.write(
    formatTable(
      ['track', 'meet', 'once', 'split', 'miss', 'not extr', 'merged', 'wrong merge', 'part-of', 'extra', 'neutral', 'rounds', 'status ok', 'date ok', 'all src', 'demands'],
      [...result.tracks.map((t) => row(t.id, t)), row('total', result.totals)],
      { totalRow: true },
    ),
  );
  console.log('meet: non-optional meetings; once/split/miss: meetings shown by one round, two or more, none (of the missing: not extr = the extractor');
  console.log('found no report of it, merged = its reports sit in a round showing another meeting); wrong merge: rounds holding reports of two meetings');
  console.log('(part-of: sessions of one round); extra: rounds showing no meeting (neutral: an optional one); status ok, date ok, all src: the meeting\'s');
  console.log('round has its final status, its date, every reporting article; demands: shown/distinct texts/verbatim duplicates (on the tracks)');
  console.log('');
  process.stdout.write(formatTable(['demands by', 'shown', 'distinct', 'verbatim dup', 'labelled'], result.demandsByParty.map((p) => [p.by, p.shown, p.distinct, p.verbatimDuplicates, p.labelled])));
  const d = result.totals.demands;
  console.log(`demands: ${d.shown} shown, ${d.distinct} distinct texts, ${d.verbatimDuplicates} verbatim duplicates (${d.withinTrackDuplicates} within one track)`);
  console.log('');
  if (dependent.size === 0 && differentEvaluations.length === 0) console.log(`orders: publication and ${K} shuffled (seeds ${SEED}..${SEED + K - 1}): the same final tracks for every order`);
  else {
    console.log(`orders: the final state DEPENDS ON THE ORDER (publication and ${K} shuffled, seeds ${SEED}..${SEED + K - 1}):`);
    for (const [track, names] of dependent) console.log(`  ${track}: differs in ${names.join(', ')}`);
    if (differentEvaluations.length) console.log(`  evaluation differs in: ${differentEvaluations.join(', ')}`);
  }
  if (options.flags.has('verbose')) {
    for (const t of result.tracks) {
      if (wanted && !wanted.has(t.id)) continue;
      console.log(`\n${t.id} (${t.name})`);
      for (const m of t.meetingDetails) console.log(`  meeting ${m.id}${m.optional ? ' (optional)' : ''} ${m.start ?? 'undated'} ${m.finalStatus}: ${m.verdict}${m.rounds.length ? ` by ${m.rounds.join(' | ')}` : ''}${m.mergedInto.length ? ` into ${m.mergedInto.join(' | ')}` : ''}${m.status && m.status !== m.finalStatus ? ` (status ${m.status})` : ''}`);
      for (const r of t.roundDetails) if (r.role !== 'shows a meeting') console.log(`  round ${r.round}: ${r.role}${r.linked.length ? ` (reports of ${r.linked.join(', ')})` : ''}`);
    }
  }
}
if (dependent.size > 0 || differentEvaluations.length > 0) process.exit(1);

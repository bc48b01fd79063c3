// Scores the extractor on a labelled corpus, overall and per negotiation: runs the compiled CLI
// (`talkwatch extract --json`) over the corpus's articles, scores the predictions with the shared
// scorer's rules (scripts/lib/score-core.mjs) split by negotiation (scripts/lib/negotiations.mjs),
// and cross-checks the overall figures with the shared scorer itself.
// Usage: node scripts/eval.mjs [CORPUS_DIR] [--json] [--verbose] [--files LIST] [--track ID[,ID]]
//          [--baseline FILE] [--save FILE] [--predictions FILE] [--scorer FILE] [--keep]
//   CORPUS_DIR    default ../shared/corpus/dev (relative to the repository root)
//   --files LIST  only these articles: names, number prefixes ("100,101") or globs ("15*"); repeatable
//   --track ID    only the articles of these negotiations (meetings.json track ids)
//   --baseline F  compare with figures saved by --save or --json, printing the deltas per negotiation
//   --save FILE   write the figures (the --json output) to FILE
//   --predictions F  score saved predictions (JSON Lines) instead of running the CLI
//   --scorer FILE the shared scorer to cross-check with (default ../shared/eval/score.mjs; skipped,
//                 with a note, when the default is absent)
//   --keep        keep the temporary predictions file
// Exit codes: 0 ok; 1 some article could not be extracted; 2 usage or setup error; 3 the figures
// differ from the shared scorer's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baselineDeltas, evaluate, scorerFigures } from './lib/eval-core.mjs';
import { loadCorpus, negotiationIndex } from './lib/negotiations.mjs';
import { OptionError, parseOptions, selectFiles } from './lib/options.mjs';
import { parsePredictions } from './lib/score-core.mjs';
import { delta, fixed, formatTable } from './lib/text-table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`eval: ${message}`);
  process.exit(2);
}

let options;
try {
  options = parseOptions(process.argv.slice(2), {
    flags: ['json', 'verbose', 'keep'],
    values: ['scorer', 'files', 'track', 'baseline', 'save', 'predictions'],
  });
} catch (error) {
  if (error instanceof OptionError) fail(error.message);
  throw error;
}
const json = options.flags.has('json');
const verbose = options.flags.has('verbose');
// In --json mode stdout carries the JSON only.
const info = (line) => (json ? console.error(line) : console.log(line));

const corpus = path.resolve(options.positional[0] ?? path.resolve(root, '../shared/corpus/dev'));
const defaultScorer = path.resolve(root, '../shared/eval/score.mjs');
const scorer = options.value('scorer') ? path.resolve(options.value('scorer')) : defaultScorer;
const cli = path.join(root, 'tools/cli/dist/main.js');
const predictionsFile = options.value('predictions') ? path.resolve(options.value('predictions')) : null;

for (const [what, file] of [['corpus', corpus], ['labels', path.join(corpus, 'labels.json')]]) if (!existsSync(file)) fail(`${what} not found: ${file}`);
if (options.value('scorer') && !existsSync(scorer)) fail(`scorer not found: ${scorer}`);
if (predictionsFile && !existsSync(predictionsFile)) fail(`predictions not found: ${predictionsFile}`);
if (!predictionsFile && !existsSync(cli)) fail(`CLI not found (run \`npx tsc -b tools/cli\`): ${cli}`);

const { labels, meetings, published } = loadCorpus(corpus);
const index = negotiationIndex(labels, meetings, published);

// Which articles: all of the corpus, or the --files / --track subset.
const articleFiles = readdirSync(corpus)
  .filter((name) => /\.(?:md|markdown|txt)$/i.test(name))
  .sort();
let wanted = null;
if (options.values.has('files')) {
  const { selected, unmatched } = selectFiles(articleFiles, options.values.get('files'));
  if (unmatched.length) fail(`--files: no article matches ${unmatched.join(', ')}`);
  wanted = new Set(selected);
}
if (options.values.has('track')) {
  const ids = options.values.get('track').flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !index.ids.includes(id));
  if (unknown.length) fail(`--track: unknown negotiation ${unknown.join(', ')}; known: ${index.ids.join(', ')}`);
  const ofTracks = new Set(labels.filter((l) => index.negotiationsOfFile(l.file).some((id) => ids.includes(id)) || (ids.includes('other') && index.negotiationsOfFile(l.file).length === 0)).map((l) => l.file));
  wanted = new Set([...(wanted ?? ofTracks)].filter((f) => ofTracks.has(f)));
}
if (wanted && wanted.size === 0) fail('the selection holds no article');
const selectedLabels = wanted ? labels.filter((l) => wanted.has(l.file)) : labels;
const articles = (wanted ? articleFiles.filter((f) => wanted.has(f)) : articleFiles).map((name) => path.join(corpus, name));
if (articles.length === 0) fail(`no .md or .txt articles in ${corpus}`);

// Predictions: from the CLI, or a saved file.
let predictionsText;
let refused = [];
let cliStatus = 0;
if (predictionsFile) {
  predictionsText = readFileSync(predictionsFile, 'utf8');
} else {
  const extraction = spawnSync(process.execPath, [cli, 'extract', '--json', ...articles], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (extraction.error) fail(`could not run the CLI: ${extraction.error.message}`);
  if (extraction.stderr) process.stderr.write(extraction.stderr);
  cliStatus = extraction.status ?? 1;
  refused = [...extraction.stderr.matchAll(/^talkwatch: cannot (?:parse|read) (.+?): (.*)$/gm)].map((m) => ({ file: path.basename(m[1]), reason: m[2] }));
  predictionsText = extraction.stdout;
}
let preds;
try {
  preds = parsePredictions(predictionsText);
} catch (error) {
  fail(`predictions: ${error.message}`);
}

const result = evaluate(selectedLabels, preds, index);

// Cross-check with the shared scorer, on the same labels and predictions.
let crossCheck = { scorer, status: 'skipped (scorer not found)' };
const dir = mkdtempSync(path.join(tmpdir(), 'talkwatch-eval-'));
const savedPredictions = path.join(dir, 'predictions.jsonl');
writeFileSync(savedPredictions, predictionsText);
if (existsSync(scorer)) {
  const labelsFile = wanted ? path.join(dir, 'labels.json') : path.join(corpus, 'labels.json');
  if (wanted) writeFileSync(labelsFile, JSON.stringify(selectedLabels));
  const scoring = spawnSync(process.execPath, [scorer, labelsFile, savedPredictions, '--json'], { encoding: 'utf8' });
  if (scoring.error || scoring.status !== 0) fail(`the shared scorer failed (${scoring.error?.message ?? `exit ${scoring.status ?? scoring.signal}`}): ${scoring.stderr}`);
  const theirs = JSON.parse(scoring.stdout.trim().split('\n').at(-1));
  const ours = scorerFigures(result);
  crossCheck = { scorer, status: JSON.stringify(ours) === JSON.stringify(theirs) ? 'same figures' : 'DIFFERENT figures', theirs };
}
if (options.flags.has('keep')) info(`eval: predictions kept in ${savedPredictions}`);
else rmSync(dir, { recursive: true, force: true });

let baseline = null;
if (options.value('baseline')) {
  const file = path.resolve(options.value('baseline'));
  if (!existsSync(file)) fail(`baseline not found: ${file}`);
  const text = readFileSync(file, 'utf8');
  try {
    // Tolerates the npm banner of `npm run eval -- --json > file`.
    baseline = JSON.parse(text.slice(Math.max(0, text.search(/^\{/m))));
  } catch (error) {
    fail(`baseline ${file} is not the JSON of \`eval --json\`: ${error.message}`);
  }
}
const deltas = baseline ? baselineDeltas(result, baseline) : null;

const figures = {
  corpus,
  selection: wanted ? [...wanted].sort() : null,
  predictions: preds.size,
  refused,
  crossCheck: { scorer: crossCheck.scorer, status: crossCheck.status },
  ...(({ details, ...rest }) => (verbose ? { ...rest, details } : rest))(result),
  unmappedFileTracks: index.unmappedFileTracks,
  ...(deltas ? { baseline: options.value('baseline'), deltas } : {}),
};
if (options.value('save')) writeFileSync(path.resolve(options.value('save')), `${JSON.stringify(figures, null, 1)}\n`);

if (json) console.log(JSON.stringify(figures));
else {
  const s = result;
  console.log(`eval: ${selectedLabels.length} labelled articles in ${corpus}${wanted ? ' (selection)' : ''}, ${preds.size} predictions`);
  for (const r of refused) console.log(`eval: refused by the CLI: ${r.file} (${r.reason})`);
  console.log(`articles ${s.articles} (missing predictions for ${s.missingFiles})`);
  console.log(`rounds  P=${s.rounds.precision} R=${s.rounds.recall} F1=${s.rounds.f1} (tp ${s.rounds.tp}, fp ${s.rounds.fp}, fn ${s.rounds.fn}); status accuracy ${s.roundStatusAccuracy}, date accuracy ${s.roundDateAccuracy} (on matched rounds)`);
  console.log(`demands P=${s.demands.precision} R=${s.demands.recall} F1=${s.demands.f1} (tp ${s.demands.tp}, fp ${s.demands.fp}, fn ${s.demands.fn})`);
  console.log(`cross-check with ${path.relative(process.cwd(), crossCheck.scorer) || crossCheck.scorer}: ${crossCheck.status}`);
  console.log('');
  const acc = (a, c) => (c.n ? `${fixed(a)} (${c.ok}/${c.n})` : '-');
  const row = (id, n) => [id, n.articles, n.rounds.tp, n.rounds.fp, n.rounds.fn, fixed(n.rounds.precision), fixed(n.rounds.recall), fixed(n.rounds.f1), n.demands.tp, n.demands.fp, n.demands.fn, fixed(n.demands.precision), fixed(n.demands.recall), fixed(n.demands.f1), acc(n.roundStatusAccuracy, n.status), acc(n.roundDateAccuracy, n.date)];
  const headers = ['negotiation', 'art', 'r.tp', 'r.fp', 'r.fn', 'r.P', 'r.R', 'r.F1', 'd.tp', 'd.fp', 'd.fn', 'd.P', 'd.R', 'd.F1', 'status', 'date'];
  process.stdout.write(formatTable(headers, [...s.negotiations.map((n) => row(n.id, n)), row('total', { ...s, articles: s.articles })], { totalRow: true }));
  console.log('(r. rounds, d. demands; status and date accuracy on matched rounds, as the scorer counts them)');
  if (index.unmappedFileTracks.length) console.log(`labelled tracks in no negotiation: ${index.unmappedFileTracks.map((t) => `${t.file} "${t.track}"`).join('; ')}`);
  if (verbose) {
    console.log('');
    const cut = (text) => (text.length > 110 ? `${text.slice(0, 109)}…` : text);
    const lines = result.details.flatMap((d) => d.items.map((item) => [item.negotiation, d.file, item.kind, cut(item.text)]));
    lines.sort((a, b) => index.ids.indexOf(a[0]) - index.ids.indexOf(b[0]) || a[1].localeCompare(b[1]));
    process.stdout.write(lines.length ? formatTable(['negotiation', 'file', 'what', 'item'], lines) : 'no misses or extras\n');
  }
  if (deltas) {
    console.log('');
    console.log(`compared with ${options.value('baseline')}:`);
    const changed = deltas.filter((d) => d.verdict !== 'same');
    if (changed.length === 0) console.log('no change in any negotiation');
    else {
      process.stdout.write(
        formatTable(
          ['negotiation', 'rounds F1', 'Δ', 'tp/fp/fn', 'demands F1', 'Δ', 'tp/fp/fn', 'status Δ', 'date Δ', 'verdict'],
          changed.map((d) => [d.id, fixed(d.now.roundsF1), delta(d.now.roundsF1, d.before.roundsF1), d.roundCounts, fixed(d.now.demandsF1), delta(d.now.demandsF1, d.before.demandsF1), d.demandCounts, delta(d.now.status, d.before.status), delta(d.now.date, d.before.date), d.verdict]),
        ),
      );
    }
  }
}

if (crossCheck.status.startsWith('DIFFERENT')) {
  console.error(`eval: these figures differ from the shared scorer's ${JSON.stringify(crossCheck.theirs)}; scripts/lib/score-core.mjs no longer follows ${scorer}`);
  process.exit(3);
}
if (cliStatus !== 0) {
  console.error(`eval: the CLI exited with ${cliStatus}; some articles have no predictions`);
  process.exit(1);
}

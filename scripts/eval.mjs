// Scores the extractor on a labelled corpus: runs the compiled CLI (`talkwatch extract --json`)
// over every article of the corpus, writes the predictions to a temporary JSON Lines file and
// hands them with the corpus's labels.json to the shared scorer.
// Usage: node scripts/eval.mjs [CORPUS_DIR] [--verbose] [--json] [--scorer FILE] [--keep]
//   CORPUS_DIR defaults to ../shared/corpus/dev (relative to the repository root); the scorer to
//   ../shared/eval/score.mjs. Build first (`npm run eval` does). --keep leaves the predictions file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--') && a !== '--scorer'));
const scorerAt = args.indexOf('--scorer');
const scorer = path.resolve(scorerAt >= 0 && args[scorerAt + 1] ? args[scorerAt + 1] : path.resolve(root, '../shared/eval/score.mjs'));
const positional = args.filter((a, i) => !a.startsWith('--') && !(scorerAt >= 0 && i === scorerAt + 1));
const corpus = path.resolve(positional[0] ?? path.resolve(root, '../shared/corpus/dev'));
const cli = path.join(root, 'tools/cli/dist/main.js');

function fail(message) {
  console.error(`eval: ${message}`);
  process.exit(2);
}

for (const [what, file] of [['corpus', corpus], ['labels', path.join(corpus, 'labels.json')], ['scorer', scorer], ['CLI (run `npx tsc -b tools/cli`)', cli]]) {
  if (!existsSync(file)) fail(`${what} not found: ${file}`);
}
const articles = readdirSync(corpus)
  .filter((name) => /\.(?:md|markdown|txt)$/i.test(name))
  .sort()
  .map((name) => path.join(corpus, name));
if (articles.length === 0) fail(`no .md or .txt articles in ${corpus}`);

const extraction = spawnSync(process.execPath, [cli, 'extract', '--json', ...articles], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
if (extraction.error) fail(`could not run the CLI: ${extraction.error.message}`);
if (extraction.stderr) process.stderr.write(extraction.stderr);
const predictionCount = extraction.stdout.split('\n').filter((l) => l.trim()).length;

const dir = mkdtempSync(path.join(tmpdir(), 'talkwatch-eval-'));
const predictions = path.join(dir, 'predictions.jsonl');
writeFileSync(predictions, extraction.stdout);

console.log(`eval: ${articles.length} articles in ${corpus}, ${predictionCount} predictions`);
const scoring = spawnSync(
  process.execPath,
  [scorer, path.join(corpus, 'labels.json'), predictions, ...['--verbose', '--json'].filter((f) => flags.has(f))],
  { stdio: 'inherit' },
);
if (flags.has('--keep')) console.log(`eval: predictions kept in ${predictions}`);
else rmSync(dir, { recursive: true, force: true });

if (scoring.error) fail(`could not run the scorer: ${scoring.error.message}`);
if (scoring.status !== 0) {
  console.error(`eval: the scorer exited with ${scoring.status ?? scoring.signal}`);
  process.exit(scoring.status || 1);
}
if (extraction.status !== 0) {
  console.error(`eval: the CLI exited with ${extraction.status ?? extraction.signal}; some articles have no predictions`);
  process.exit(1);
}

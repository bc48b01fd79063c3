// The learned recall booster in the real extractor, measured round by round with
// leave-one-negotiation-out models: for each fold, the round-sentence model is fitted on the
// articles that share no negotiation with it (scripts/lib/sentence-cv.mjs fitRoundModel), and the
// fold's articles are extracted with that model and without the booster. Both prediction sets are
// scored by scripts/eval.mjs (`--predictions`), the booster's against the rules' (`--baseline`).
// Usage: npm run -s cv:round-recall [-- CORPUS_DIR] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSentenceDataset } from './lib/sentence-dataset.mjs';
import { fitRoundModel, split } from './lib/sentence-cv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const corpus = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, '../shared/corpus/dev'));
if (!existsSync(path.join(corpus, 'labels.json'))) {
  console.error(`cv-round-recall: no labels.json in ${corpus}`);
  process.exit(2);
}
const { parseArticleText, extractArticle } = await import(path.join(root, 'libs/domain/dist/index.js'));
const { toArticleRecord } = await import(path.join(root, 'tools/cli/dist/contract.js'));

const { sentences, articles } = await buildSentenceDataset(corpus);
const lines = { rules: [], boosted: [] };
const flagged = [];
for (const fold of [...new Set(articles.map((a) => a.fold))]) {
  const { train } = split(sentences, fold);
  const model = fitRoundModel(train);
  for (const { file } of articles.filter((a) => a.fold === fold)) {
    const article = parseArticleText(readFileSync(path.join(corpus, file), 'utf8'));
    const rules = extractArticle(article, undefined, { learnedRoundRecall: false });
    const boosted = extractArticle(article, undefined, { learnedRoundRecall: true, roundSentenceModel: model });
    lines.rules.push(JSON.stringify(toArticleRecord(file, article, rules)));
    lines.boosted.push(JSON.stringify(toArticleRecord(file, article, boosted)));
    const added = boosted.rounds.length - rules.rounds.length;
    const changed = JSON.stringify(boosted.rounds) !== JSON.stringify(rules.rounds);
    if (changed) flagged.push(`${fold}: ${file} (${added >= 0 ? '+' : ''}${added} rounds, threshold ${model.threshold})`);
  }
}
const dir = mkdtempSync(path.join(tmpdir(), 'talkwatch-cv-recall-'));
const files = Object.fromEntries(Object.keys(lines).map((name) => [name, path.join(dir, `${name}.jsonl`)]));
for (const [name, l] of Object.entries(lines)) writeFileSync(files[name], `${l.join('\n')}\n`);
const evalScript = path.join(root, 'scripts/eval.mjs');
const saved = path.join(dir, 'rules.json');
const first = spawnSync(process.execPath, [evalScript, corpus, '--predictions', files.rules, '--save', saved], { encoding: 'utf8' });
if (first.status !== 0) {
  process.stderr.write(first.stderr);
  process.exit(first.status ?? 2);
}
const second = spawnSync(process.execPath, [evalScript, corpus, '--predictions', files.boosted, '--baseline', saved], { encoding: 'utf8' });
process.stdout.write('rules alone (no booster), every article:\n');
process.stdout.write(first.stdout.split('\n').filter((l) => /^(rounds|demands) /.test(l)).join('\n') + '\n');
process.stdout.write('\nwith the booster, each fold extracted with a model that never saw its negotiation:\n');
process.stdout.write(second.stdout);
process.stdout.write(`\narticles whose rounds the booster changed (${flagged.length}):\n${flagged.map((f) => `  ${f}`).join('\n')}\n`);
if (args.includes('--keep')) console.log(`predictions kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(second.status ?? 0);

// Leave-one-negotiation-out cross-validation of the learned sentence classifiers ("reports a round",
// "states a demand") against the rules and two combinations (scripts/lib/sentence-cv.mjs), at the
// sentence level, per fold and overall. The datasets are built in memory from the labelled corpus.
// Usage: npm run -s cv:sentences [-- CORPUS_DIR] [--task round|demand] [--json]
// The rules' figures are in-sample: they were written against this same corpus. The model's are not.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSentenceDataset } from './lib/sentence-dataset.mjs';
import { add, bootstrap, crossValidate, prf } from './lib/sentence-cv.mjs';
import { fixed, formatTable } from './lib/text-table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const taskArg = args.includes('--task') ? args[args.indexOf('--task') + 1] : null;
const corpus = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--task') ?? path.join(root, '../shared/corpus/dev'));
if (!existsSync(path.join(corpus, 'labels.json'))) {
  console.error(`cv-sentence-model: no labels.json in ${corpus}`);
  process.exit(2);
}
const tasks = taskArg ? [taskArg] : ['round', 'demand'];
const { sentences, unplaced } = await buildSentenceDataset(corpus);
const out = { corpus, sentences: sentences.length, unplaced, tasks: {} };
const names = ['rules', 'model', 'veto', 'boost'];
for (const task of tasks) {
  const result = crossValidate(sentences, task);
  const total = Object.fromEntries(names.map((n) => [n, result.reduce((c, f) => add(c, f.systems[n]), { tp: 0, fp: 0, fn: 0 })]));
  const vsRules = Object.fromEntries(names.filter((n) => n !== 'rules').map((n) => [n, bootstrap(result, n, 'rules')]));
  out.tasks[task] = { folds: result, total, vsRules };
  if (json) continue;
  console.log(`\n${task} sentences: leave-one-negotiation-out, ${result.length} folds (F1 per system; tp/fp/fn)`);
  const cell = (c) => `${fixed(prf(c).f1)} ${c.tp}/${c.fp}/${c.fn}`;
  const rows = result.map((f) => [f.fold, String(f.articles), ...names.map((n) => cell(f.systems[n])), ...names.slice(1).map((n) => String(f.systems[n].fp + f.systems[n].fn - f.systems.rules.fp - f.systems.rules.fn))]);
  rows.push(['total', String(result.reduce((n, f) => n + f.articles, 0)), ...names.map((n) => cell(total[n])), ...names.slice(1).map((n) => String(total[n].fp + total[n].fn - total.rules.fp - total.rules.fn))]);
  console.log(formatTable(['fold', 'art', ...names, ...names.slice(1).map((n) => `Δerr ${n}`)], rows));
  for (const n of names) {
    const { p, r, f1 } = prf(total[n]);
    console.log(`${n.padEnd(6)} P ${fixed(p)}  R ${fixed(r)}  F1 ${fixed(f1)}${vsRules[n] ? `   vs rules: ΔF1 95% [${fixed(vsRules[n].low)}, ${fixed(vsRules[n].high)}], better in ${(vsRules[n].wins * 100).toFixed(0)}% of fold resamples` : ''}`);
  }
  const worst = (n) => Math.max(...result.map((f) => f.systems[n].fp + f.systems[n].fn - f.systems.rules.fp - f.systems.rules.fn));
  console.log(`largest per-fold loss against the rules (extra errors): ${names.slice(1).map((n) => `${n} ${worst(n)}`).join(', ')}`);
  const params = (n) => [...new Set(result.map((f) => JSON.stringify(f.systems[n].params)))].join(' ');
  console.log(`parameters chosen inside the training folds: ${names.slice(1).map((n) => `${n} ${params(n)}`).join('; ')}`);
  if (task === 'round') {
    const s = result.reduce((a, f) => ({ n: a.n + f.status.n, model: a.model + f.status.model, bothN: a.bothN + f.status.bothN, rulesRight: a.rulesRight + f.status.rulesRight, modelRightOnRules: a.modelRightOnRules + f.status.modelRightOnRules }), { n: 0, model: 0, bothN: 0, rulesRight: 0, modelRightOnRules: 0 });
    console.log(`status of labelled round sentences: softmax ${s.model}/${s.n} (${fixed(s.model / s.n)}); on the ${s.bothN} the rules also took: rules ${s.rulesRight} (${fixed(s.rulesRight / s.bothN)}), softmax ${s.modelRightOnRules} (${fixed(s.modelRightOnRules / s.bothN)})`);
  }
}
if (json) console.log(JSON.stringify(out));

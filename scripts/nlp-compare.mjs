// Measures the NLP libraries the extractor could use, on the dev corpus (../shared/corpus/dev):
// wink-nlp with wink-eng-lite-web-model (chosen; a dependency of libs/domain) and compromise (a
// devDependency, for this comparison only), beside the project's own sentence splitter.
// Usage: npm run -s nlp:compare [-- CORPUS_DIR]   (build libs/domain first: the script does)
// Figures: throughput over every article body; how many labelled evidence sentences fall inside
// one sentence of each splitter; and how often each library's tense reading (future vs past) of a
// labelled round's evidence sentence agrees with the label's status.
import { Buffer } from 'node:buffer';
import { readFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import nlp from 'compromise';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(process.argv[2] ?? path.join(root, '../shared/corpus/dev'));
if (!existsSync(path.join(corpus, 'labels.json'))) {
  console.error(`nlp-compare: no labels.json in ${corpus}`);
  process.exit(2);
}
const { splitSentences, parseArticleText } = await import(path.join(root, 'libs/domain/dist/index.js'));
const { sentenceSyntax } = await import(path.join(root, 'libs/domain/dist/extraction/syntax.js'));
const labels = JSON.parse(readFileSync(path.join(corpus, 'labels.json'), 'utf8'));
const bodies = labels.map((l) => parseArticleText(readFileSync(path.join(corpus, l.file), 'utf8')).body);
const bytes = bodies.reduce((n, b) => n + Buffer.byteLength(b), 0);
const wink = winkNLP(model);
const norm = (s) => s.replace(/\s+/g, ' ').trim();

function time(fn) {
  fn(); // warm up
  const t = performance.now();
  for (let i = 0; i < 3; i++) fn();
  return (performance.now() - t) / 3;
}
const kbps = (ms) => `${Math.round(bytes / 1024 / (ms / 1000))} KB/s`;
const winkMs = time(() => bodies.forEach((b) => { const d = wink.readDoc(b); d.tokens().out(wink.its.pos); d.sentences().out(); }));
const compromiseMs = time(() => bodies.forEach((b) => { const d = nlp(b); d.sentences().out('array'); d.terms().out('tags'); }));
const ownMs = time(() => bodies.forEach((b) => splitSentences(b)));

const splitters = {
  'wink-nlp': (b) => wink.readDoc(b).sentences().out(),
  compromise: (b) => nlp(b).sentences().out('array'),
  'sentences.ts': (b) => splitSentences(b).map((s) => s.text),
};
const evidence = labels.flatMap((l, i) => [...l.rounds.map((r) => r.evidence), ...l.demands.map((d) => d.quote)].filter(Boolean).map((e) => [i, norm(e)]));
const inside = Object.fromEntries(Object.entries(splitters).map(([name, split]) => {
  const cache = new Map();
  const ok = evidence.filter(([i, e]) => {
    if (!cache.has(i)) cache.set(i, split(bodies[i]).map(norm));
    return cache.get(i).some((s) => s.includes(e));
  }).length;
  return [name, ok];
}));

const FUTURE = new Set(['announced', 'scheduled']);
const PAST = new Set(['held', 'concluded']);
const rounds = labels.flatMap((l) => l.rounds).filter((r) => FUTURE.has(r.status) || PAST.has(r.status));
const winkTense = (s) => (sentenceSyntax(s).groups.some((g) => g.tense === 'future' || g.modal === 'to' || ['expect', 'schedule', 'plan', 'be due'].includes(g.lemma)) ? 'future' : 'past');
const compromiseTense = (s) => { const d = nlp(s); return d.has('#FutureTense') || d.match('(will|shall) #Verb').found || d.match('to #Infinitive').found || d.match('(expected|scheduled|planned|due) to').found ? 'future' : 'past'; };
const agree = (reader) => rounds.filter((r) => reader(r.evidence) === (FUTURE.has(r.status) ? 'future' : 'past')).length;

console.log(`nlp-compare: ${labels.length} articles, ${Math.round(bytes / 1024)} KB of body text, ${evidence.length} labelled evidence sentences, ${rounds.length} rounds with a tense`);
console.log(`  throughput (tokens, POS, sentences): wink-nlp ${kbps(winkMs)}, compromise ${kbps(compromiseMs)}; sentences.ts (split only) ${kbps(ownMs)}`);
console.log(`  evidence inside one sentence: ${Object.entries(inside).map(([n, ok]) => `${n} ${ok}/${evidence.length}`).join(', ')}`);
console.log(`  future/past agreeing with the label: wink-nlp verb groups ${agree(winkTense)}/${rounds.length}, compromise tags ${agree(compromiseTense)}/${rounds.length}`);

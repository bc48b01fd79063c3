// Sentence-level datasets from a labelled corpus (../shared/corpus/dev), built in memory at train
// time and never written to the repository (they would hold article text):
// - every sentence of every labelled article, split by the project's own splitter and analysed as
//   the extractor analyses it, with the learned classifiers' features (libs/domain
//   extraction/learned/features.ts);
// - round label: the sentence is the evidence of a labelled round (its status kept), optional when
//   only optional labels point at it; demand label: the sentence holds a labelled demand's quote;
// - what the rules did with it: whether the current extractor's rounds / demands take it as their
//   evidence (by offsets), with their confidence and status;
// - the negotiations of its article (scripts/lib/negotiations.mjs, the grouping of `npm run eval`):
//   `fold` is the first of them (`other` for articles of none), `negotiations` all of them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OTHER, loadCorpus, negotiationIndex } from './negotiations.mjs';
import { jaccard, STATUS } from './score-core.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const domain = (file) => import(path.join(root, 'libs/domain/dist', file));

const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
/** How well a labelled evidence or quote fits one of our sentences (0: not at all). */
function fit(sentence, quote) {
  const a = norm(sentence);
  const b = norm(quote).replace(/^["“”'‘’\s]+|["“”'‘’\s]+$/g, '');
  if (!a || !b) return 0;
  if (a.includes(b)) return 2;
  if (b.includes(a)) return 1 + a.length / b.length;
  return jaccard(a, b);
}

/** The index of the sentence a labelled quote belongs to, or -1 (nothing fits well enough). */
function sentenceOf(sentences, quote) {
  let best = -1;
  let bestFit = 0.5;
  sentences.forEach((s, i) => {
    const f = fit(s.analysis.text, quote);
    if (f > bestFit) [best, bestFit] = [i, f];
  });
  return best;
}

/** The index of the sentence holding a body offset (evidence.start), or -1. */
const sentenceAt = (sentences, start) => sentences.findIndex((s) => start >= s.analysis.sentence.start && start < Math.max(s.analysis.sentence.end, s.analysis.sentence.start + 1));

/**
 * Builds the datasets. Returns { sentences, articles, unplaced }: `unplaced` lists labels whose
 * quote fits no sentence (reported, not fatal).
 */
export async function buildSentenceDataset(corpusDir) {
  const { parseArticleText, extractArticle } = await domain('index.js');
  const { featuredSentences } = await domain('extraction/learned/article-sentences.js');
  const { labels, meetings, published } = loadCorpus(corpusDir);
  const index = negotiationIndex(labels, meetings, published);
  const sentences = [];
  const articles = [];
  const unplaced = [];
  for (const label of labels) {
    const article = parseArticleText(readFileSync(path.join(corpusDir, label.file), 'utf8'));
    const featured = featuredSentences(article);
    const extraction = extractArticle(article);
    const negotiations = index.negotiationsOfFile(label.file);
    const fold = negotiations[0] ?? OTHER;
    const rows = featured.map((s, i) => ({
      file: label.file,
      index: i,
      fold,
      negotiations,
      text: s.analysis.text,
      features: s.features,
      partyCount: new Set(s.analysis.mentions.filter((m) => m.party !== null && !m.locative && !m.inDateline).map((m) => m.party)).size,
      round: { positive: false, optional: false, statuses: [] },
      demand: { positive: false, optional: false },
      rules: { round: false, roundConfidence: 0, roundStatus: null, demand: false, demandConfidence: 0 },
    }));
    const mark = (target, optional) => {
      if (optional) target.optional ||= !target.positive;
      else {
        target.positive = true;
        target.optional = false;
      }
    };
    label.rounds.forEach((r, ri) => {
      const i = sentenceOf(featured, r.evidence);
      if (i < 0) return unplaced.push({ file: label.file, kind: 'round', index: ri });
      const row = rows[i];
      mark(row.round, r.optional === true || r.reciprocal === true);
      row.round.statuses.push(STATUS[r.status] ?? r.status);
    });
    label.demands.forEach((d, di) => {
      const i = sentenceOf(featured, d.quote);
      if (i < 0) return unplaced.push({ file: label.file, kind: 'demand', index: di });
      mark(rows[i].demand, d.optional === true || d.reciprocal === true);
    });
    for (const r of extraction.rounds) {
      const i = sentenceAt(featured, r.evidence.start);
      if (i < 0) continue;
      const rules = rows[i].rules;
      rules.round = true;
      if (r.confidence > rules.roundConfidence) [rules.roundConfidence, rules.roundStatus] = [r.confidence, r.status];
    }
    for (const d of extraction.demands) {
      const i = sentenceAt(featured, d.evidence.start);
      if (i < 0) continue;
      rows[i].rules.demand = true;
      rows[i].rules.demandConfidence = Math.max(rows[i].rules.demandConfidence, d.confidence);
    }
    sentences.push(...rows);
    articles.push({ file: label.file, fold, negotiations, sentences: rows.length });
  }
  return { sentences, articles, unplaced, index };
}

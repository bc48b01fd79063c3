// Features of one sentence for the learned sentence classifiers ("reports a round", "states a
// demand"): lemmas and verb-group tense from wink-nlp (extraction/syntax.ts), the cue classes of the
// project's word lists (round-verbs.json, outcome-verbs.json, the demand categories), the
// gazetteer's party mentions and whether the text holds a date. Pure: same sentence, same features.
import roundVerbsJson from '../round-verbs.json' with { type: 'json' };
import outcomeVerbsJson from '../outcome-verbs.json' with { type: 'json' };
import demandCategoriesJson from '../gazetteer/data/demand-categories.json' with { type: 'json' };
import type { SentenceAnalysis } from '../analysis.js';
import { DENIAL, NEGATION, NOT_A_ROUND, ONE_SIDED, REPORTING_VERB, mentionsTalks } from '../lexicon.js';
import { sentenceSyntax } from '../syntax.js';
import type { DateFinder } from '../../text/dates.js';

type WordClasses = ReadonlyMap<string, readonly string[]>;

/** Lemma (or phrase) → the classes of a word list file that hold it. */
function classesOf(lists: Record<string, unknown>, prefix: string): WordClasses {
  const out = new Map<string, string[]>();
  for (const [name, words] of Object.entries(lists)) {
    if (!Array.isArray(words)) continue;
    for (const word of words) {
      if (typeof word !== 'string') continue;
      const key = word.toLowerCase();
      out.set(key, [...(out.get(key) ?? []), `${prefix}:${name}`]);
    }
  }
  return out;
}

const ROUND_VERB_CLASSES = classesOf(roundVerbsJson, 'rv');
const OUTCOME_CLASSES = classesOf(outcomeVerbsJson, 'ov');

interface CategoryPattern {
  id: string;
  pattern: RegExp;
}
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The demand categories' keywords as whole-word patterns ("prisoner*" → any ending, plurals allowed). */
const CATEGORY_PATTERNS: readonly CategoryPattern[] = demandCategoriesJson.categories.map((c) => ({
  id: c.id,
  pattern: new RegExp(
    `\\b(?:${c.keywords.map((k) => (k.endsWith('*') ? `${escape(k.slice(0, -1))}\\w*` : `${escape(k)}(?:s|es)?`)).join('|')})\\b`,
    'i',
  ),
}));

const testReset = (pattern: RegExp, text: string): boolean => {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
};

/** What a sentence's features are read from besides its analysis. */
export interface FeatureContext {
  /** Finds date expressions (text/dates.ts), resolved against the article's publication date. */
  findDates: DateFinder;
  /** Number of sentences in the article (for the sentence's relative position). */
  sentenceCount: number;
}

/**
 * The sentence's features as names (a binary bag): `w:<lemma>` per word, `vg:<tense>` and
 * `<class>:<tense>` per verb group, `lex:<cue>` for the lexicon's cue patterns, `dc:<category>`,
 * `parties:<n>`, `date:<precision>` and a few layout flags. Sorted, without duplicates.
 */
export function sentenceFeatures(a: SentenceAnalysis, context: FeatureContext): string[] {
  const f = new Set<string>(['bias']);
  const text = a.text;
  const { tokens, groups } = sentenceSyntax(text);
  for (const t of tokens) {
    if (t.pos === 'PUNCT' || t.pos === 'SYM' || t.pos === 'SPACE') continue;
    if (t.pos === 'NUM') {
      f.add('w:<num>');
      continue;
    }
    if (t.pos === 'PROPN') {
      f.add('pos:propn');
      continue;
    }
    f.add(`w:${t.lemma.toLowerCase()}`);
    for (const cls of OUTCOME_CLASSES.get(t.normal) ?? OUTCOME_CLASSES.get(t.lemma) ?? []) f.add(cls);
  }
  for (const g of groups) {
    const tense = g.tense;
    f.add(`vg:${tense}`);
    if (g.modal) f.add(`vg:modal:${g.modal}`);
    if (g.negated) f.add('vg:negated');
    if (g.perfect) f.add('vg:perfect');
    if (g.passive) f.add('vg:passive');
    const lemma = g.lemma.toLowerCase();
    for (const cls of [...(ROUND_VERB_CLASSES.get(lemma) ?? []), ...(OUTCOME_CLASSES.get(lemma) ?? [])]) {
      f.add(cls);
      f.add(`${cls}:${tense}`);
      if (g.negated) f.add(`${cls}:negated`);
    }
  }
  if (mentionsTalks(text)) f.add('lex:talks');
  if (NOT_A_ROUND.test(text)) f.add('lex:not-a-round');
  if (ONE_SIDED.test(text)) f.add('lex:one-sided');
  if (NEGATION.test(text)) f.add('lex:negation');
  if (DENIAL.test(text)) f.add('lex:denial');
  if (testReset(REPORTING_VERB, text)) f.add('lex:reporting');
  for (const c of CATEGORY_PATTERNS) if (c.pattern.test(text)) f.add(`dc:${c.id}`);

  const sides = new Set(a.mentions.filter((m) => m.party !== null && !m.locative && !m.inDateline).map((m) => m.party));
  f.add(`parties:${Math.min(sides.size, 3)}`);
  if (sides.size >= 2) f.add('parties:2+');
  if (a.speaker) f.add('speaker');
  if (a.subject) f.add('subject');
  if (a.mentions.some((m) => m.locative)) f.add('place');
  if (a.mentions.some((m) => m.via === 'official')) f.add('official');

  const dates = context.findDates(text, 'unknown').filter((d) => !(a.dateline && d.start < a.dateline.end));
  if (dates.length > 0) f.add('date');
  for (const d of dates) f.add(`date:${d.date.precision}`);

  if (a.sentence.heading || !a.sentence.terminated) f.add('fragment');
  if (a.sentence.index === 0) f.add('first');
  else if (a.sentence.index <= 2) f.add('lead');
  if (context.sentenceCount > 0 && a.sentence.index / context.sentenceCount > 0.6) f.add('late');
  if (/^\s*["“]/.test(text)) f.add('quote-open');
  const words = tokens.filter((t) => t.pos !== 'PUNCT').length;
  f.add(words < 12 ? 'len:short' : words < 30 ? 'len:mid' : 'len:long');
  return [...f].sort();
}

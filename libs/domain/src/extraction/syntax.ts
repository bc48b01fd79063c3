// Tokens, parts of speech, lemmas and negation from a maintained NLP library (wink-nlp with its
// English lite model, shipped in the npm package: nothing is downloaded), and the verb groups built
// from them: "had broken off" is one group with lemma "break", particle "off", past, perfect.
// Rules ask the verb group for tense, modality and negation instead of matching word lists.
// The model is read once when the module loads; readDoc is deterministic and pure.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model, ['sbd', 'negation', 'pos']);
const its = nlp.its;

export type PartOfSpeech = ReturnType<typeof its.pos>;

export interface SyntaxToken {
  start: number;
  end: number;
  text: string;
  /** Lower case. */
  normal: string;
  lemma: string;
  pos: PartOfSpeech;
  negated: boolean;
}

export type VerbTense = 'past' | 'present' | 'future' | 'nonfinite';

export interface VerbGroup {
  start: number;
  end: number;
  /** The lexical verb's lemma with its particle, if any: "break off", "take place", "hold". */
  lemma: string;
  head: SyntaxToken;
  tense: VerbTense;
  /** "will", "would", "should", "could", "may", "might", "must", "to" (an infinitive), or null. */
  modal: string | null;
  perfect: boolean;
  progressive: boolean;
  passive: boolean;
  negated: boolean;
}

/** Tokens of one sentence with offsets into `text`. */
export function tokenise(text: string): SyntaxToken[] {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  // wink's `its` helpers are plain functions made to be passed (its own docs pass them so); its
  // typings declare them as methods, hence the rule's warning.
  /* eslint-disable @typescript-eslint/unbound-method */
  const values = tokens.out(its.value);
  const normals = tokens.out(its.normal);
  const lemmas = tokens.out(its.lemma as unknown as typeof its.normal);
  const pos = tokens.out(its.pos) as PartOfSpeech[];
  const negated = tokens.out(its.negationFlag) as unknown as boolean[];
  /* eslint-enable @typescript-eslint/unbound-method */
  const out: SyntaxToken[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? '';
    const found = text.indexOf(value, at);
    const start = found >= 0 ? found : at;
    const end = found >= 0 ? start + value.length : at;
    at = end;
    out.push({ start, end, text: value, normal: normals[i] ?? value.toLowerCase(), lemma: lemmas[i] ?? value.toLowerCase(), pos: pos[i] ?? 'X', negated: negated[i] === true });
  }
  return out;
}

const MODALS = new Set(['will', 'would', 'shall', 'should', 'could', 'can', 'may', 'might', 'must', "'ll", 'wo', 'ca']);
const HAVE = new Set(['have', 'has', 'had', "'ve", 'having']);
const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', 'am', "'s", "'re"]);
const PAST_AUX = new Set(['was', 'were', 'had', 'did']);
/** Nouns and particles that complete a phrasal verb: "take place", "break off", "sit down". */
const PARTICLES = new Set(['off', 'up', 'down', 'out', 'back', 'over', 'place', 'away']);

/** Adverbs that may stand inside a verb group: "will also meet", "had finally broken off". */
const INNER = new Set(['ADV', 'PART']);

function looksPast(t: SyntaxToken): boolean {
  if (BE.has(t.normal)) return t.normal === 'was' || t.normal === 'were' || t.normal === 'been';
  if (HAVE.has(t.normal)) return t.normal === 'had';
  // A form unlike its lemma that is not a third person or a gerund: "met", "broke", "ended", "held".
  return t.normal !== t.lemma && !t.normal.endsWith('ing') && !(t.normal === `${t.lemma}s` || t.normal === `${t.lemma}es` || (t.lemma.endsWith('y') && t.normal === `${t.lemma.slice(0, -1)}ies`));
}

/**
 * Verb groups: auxiliaries, adverbs and the lexical verb ("will not take place", "had broken off",
 * "is being held", "to resume"). Copulas with an adjective ("is ongoing", "is under way") are
 * groups of the lemma "be" whose particle is the adjective ("be ongoing").
 */
export function verbGroups(tokens: readonly SyntaxToken[]): VerbGroup[] {
  const groups: VerbGroup[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || (t.pos !== 'VERB' && t.pos !== 'AUX')) continue;
    // Part of a compound ("closed-door", "long-awaited"): an adjective, not a verb.
    if (tokens[i + 1]?.text === '-' && tokens[i + 1]?.start === t.end) continue;
    if (tokens[i - 1]?.text === '-' && tokens[i - 1]?.end === t.start) continue;
    // Collect the auxiliaries (and the infinitive marker) before the lexical verb.
    const auxiliaries: SyntaxToken[] = [];
    let j = i;
    let start = t.start;
    // ("agreed to \"maintain dialogue\"": a quotation mark may open between the marker and the verb.)
    const before = tokens[i - 1] && /^["“‘']$/.test(tokens[i - 1]?.text ?? '') ? tokens[i - 2] : tokens[i - 1];
    let modal: string | null = null;
    if (before && before.normal === 'to' && (before.pos === 'PART' || before.pos === 'ADP')) {
      modal = 'to';
      start = before.start;
    }
    while (j < tokens.length) {
      const cur = tokens[j];
      if (!cur) break;
      if (cur.pos === 'AUX') {
        const next = tokens.slice(j + 1).find((x) => !INNER.has(x.pos));
        if (!next || (next.pos !== 'VERB' && next.pos !== 'AUX')) break;
        auxiliaries.push(cur);
        j++;
        continue;
      }
      if (INNER.has(cur.pos) && auxiliaries.length > 0) {
        j++;
        continue;
      }
      break;
    }
    const head = tokens[j];
    if (!head) break;
    let end = head.end;
    let lemma = head.lemma;
    let k = j + 1;
    while (head.pos === 'AUX' && tokens[k]?.pos === 'ADV' && k < j + 3) k++;
    const after = head.pos === 'AUX' && BE.has(head.normal) && /^(?:ongoing|under|underway|over|due|off)$/.test(tokens[k]?.normal ?? '') ? tokens[k] : tokens[j + 1];
    if (head.pos === 'AUX' && BE.has(head.normal) && after && (after.pos === 'ADJ' || after.pos === 'ADP') && /^(?:ongoing|under|underway|over|due|off|on)$/.test(after.normal)) {
      lemma = `be ${after.normal}`;
      end = after.end;
    } else if (after && PARTICLES.has(after.normal) && (after.pos === 'ADP' || after.pos === 'ADV' || after.pos === 'PART' || after.pos === 'NOUN')) {
      lemma = `${head.lemma} ${after.normal}`;
      end = after.end;
    }
    const auxWords = auxiliaries.map((a) => a.normal);
    const firstAux = auxWords[0];
    if (firstAux && MODALS.has(firstAux)) modal = firstAux === "'ll" || firstAux === 'wo' ? 'will' : firstAux === 'ca' ? 'can' : firstAux;
    const perfect = auxWords.some((w) => HAVE.has(w));
    const progressive = head.normal.endsWith('ing') && auxWords.some((w) => BE.has(w));
    const passive = auxWords.some((w) => BE.has(w)) && !head.normal.endsWith('ing') && looksPast(head);
    let tense: VerbTense;
    if (modal === 'will' || modal === 'shall' || (auxWords.some((w) => w === 'going') && modal === 'to')) tense = 'future';
    else if (modal) tense = 'nonfinite';
    else if (firstAux) tense = PAST_AUX.has(firstAux) ? 'past' : 'present';
    else if (head.normal.endsWith('ing')) tense = 'nonfinite';
    else tense = looksPast(head) ? 'past' : 'present';
    const negated = [...auxiliaries, head].some((x) => x.negated) || tokens.slice(i, j + 1).some((x) => x.normal === 'not' || x.normal === "n't" || x.normal === 'never');
    groups.push({ start, end, lemma, head, tense, modal, perfect, progressive, passive, negated });
    i = j;
  }
  return groups;
}

export interface SentenceSyntax {
  tokens: SyntaxToken[];
  groups: VerbGroup[];
}

// The rules ask for the same sentence's analysis many times; one analysis per text, kept while
// the text is the latest asked for (an article's sentences come one after another).
const recent = new Map<string, SentenceSyntax>();
const RECENT = 64;

/** Tokens and verb groups of one sentence, analysed once. */
export function sentenceSyntax(text: string): SentenceSyntax {
  const known = recent.get(text);
  if (known) return known;
  const tokens = tokenise(text);
  const result = { tokens, groups: verbGroups(tokens) };
  if (recent.size >= RECENT) {
    const oldest = recent.keys().next().value;
    if (oldest !== undefined) recent.delete(oldest);
  }
  recent.set(text, result);
  return result;
}

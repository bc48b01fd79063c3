// Meaning-level identity of demands: outlets reword the same demand ("NATO stop expanding", "no
// further NATO expansion"), so the projector groups a party's wordings into one demand when they
// say the same thing, instead of keying a demand by its exact (normalised) words.
//
// Decisions:
// - Two wordings are the same demand when they are by the same party, carry the same category (the
//   extractor's subject class: enlargement, deployments, guarantees…; a missing category is
//   unknown, see below) and share enough content words: the share of the shorter wording's content
//   words found in the other (containment) reaches SAME_CATEGORY, the category counting as one
//   shared word (so "NATO stop expanding" and "close NATO's door to new members", both about
//   enlargement, are one demand). Wordings without a category must share SAME_DEMAND of their words.
// - Content words: lower case, the common rewordings of a demand's verb or noun mapped to one word
//   first (lexicon.ts DEMAND_SYNONYMS: "roll back"/"pull back" → withdraw, "frontier" → border,
//   "advance" → expand), split on anything but letters and digits, stop-words, prepositions and the
//   names of the parties involved dropped (every demand by Russia to NATO names them), then stemmed:
//   a plural "s", an "ing" or an "ed" ending stripped when three letters remain ("halting" →
//   "halt", "forces" → "force"), then truncated to five letters ("expanding"/"expansion" →
//   "expan", "members"/"membership" → "membe").
// - Clusters are the connected components of that relation, computed from the whole set of
//   wordings: they do not depend on the order in which the wordings arrived. Wordings without a
//   category are clustered among themselves first, then each such cluster joins the categorised
//   cluster it resembles most (if any reaches the threshold), so an uncategorised wording can never
//   bridge two demands of different categories.
// - A cluster's key is the lexicographically smallest normalised wording in it: a function of the
//   set of wordings, never of their arrival order.
import { normaliseForComparison } from '../events/ids.js';
import { DEMAND_SYNONYMS, PREPOSITIONS } from '../extraction/lexicon.js';

/** Share of the shorter wording's content words two uncategorised wordings must share. */
export const SAME_DEMAND = 0.5;
/** The same, for two wordings of the same category (the category counts as a shared word). */
export const SAME_CATEGORY = 1 / 3;

const STOP_WORDS = new Set(
  (
    'a an the of to and or in on at for from by with as into onto over under about than then that this these those ' +
    'its it their them they his her he she we our us you your be been being is are was were will would shall should must can could may might ' +
    'do does did done have has had not no nor any all each every some such own so too very just also only ' +
    'who whom which what when where why how there here s t'
  ).split(' '),
);

/** A word's stem: a plural "s", an "ing" or an "ed" ending stripped (three letters must remain), then five letters. */
export function stem(word: string): string {
  let w = word;
  if (/^[a-z]{3,}ing$/.test(w)) w = w.slice(0, -3);
  else if (/^[a-z]{3,}ed$/.test(w)) w = w.slice(0, -2);
  else if (/^[a-z]{3,}[^s]s$/.test(w)) w = w.slice(0, -1);
  return w.slice(0, 5);
}

/** The content words of a wording, stemmed; the names of `parties` are not content. */
export function contentTokens(text: string, parties: readonly string[] = []): Set<string> {
  const party = new Set(parties.flatMap((p) => normaliseForComparison(p).split(' ')));
  let normalised = normaliseForComparison(text);
  for (const [pattern, word] of DEMAND_SYNONYMS) normalised = normalised.replace(pattern, word);
  const out = new Set<string>();
  for (const word of normalised.split(' ')) {
    if (!word || STOP_WORDS.has(word) || PREPOSITIONS.has(word) || party.has(word)) continue;
    out.add(stem(word));
  }
  return out;
}

/** Content words already computed, by parties and text: the projector asks for the same wordings at every event. */
const tokenCache = new Map<string, ReadonlySet<string>>();
const tokenCacheLimit = 50_000;

/** contentTokens, remembered (a pure function of its arguments); the set returned is shared, never to be changed. */
export function cachedContentTokens(text: string, parties: readonly string[]): ReadonlySet<string> {
  const key = `${parties.join('\u0001')}\u0000${text}`;
  let tokens = tokenCache.get(key);
  if (!tokens) {
    if (tokenCache.size >= tokenCacheLimit) tokenCache.clear();
    tokens = contentTokens(text, parties);
    tokenCache.set(key, tokens);
  }
  return tokens;
}

/** |A ∩ B| / min(|A|, |B|); 0 when either is empty. */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** A wording as the clustering sees it: its normalised text, its category and its content words. */
export interface WordingNode {
  key: string;
  category: string | null;
  tokens: ReadonlySet<string>;
}

/**
 * Groups one party's wordings (distinct keys) into demands. Returns the clusters as sorted lists of
 * keys, sorted by their first key; the same set of nodes always gives the same clusters.
 */
export function clusterWordings(input: readonly WordingNode[], threshold = SAME_DEMAND, categoryThreshold = SAME_CATEGORY): string[][] {
  const sorted = [...input].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const withCategory = sorted.map((n) => (n.category === null ? n.tokens : new Set([...n.tokens, `#${n.category}`])));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  const union = (i: number, j: number): void => {
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  const similar = (i: number, j: number): boolean =>
    (sorted[i] as WordingNode).category === null
      ? containment((sorted[i] as WordingNode).tokens, (sorted[j] as WordingNode).tokens) >= threshold
      : containment(withCategory[i] as Set<string>, withCategory[j] as Set<string>) >= categoryThreshold;
  // Same category (both categorised, or both not): connected components. A pair already in one
  // component cannot change the components, so it is not compared.
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      if ((sorted[i] as WordingNode).category === (sorted[j] as WordingNode).category && find(i) !== find(j) && similar(i, j)) union(i, j);
    }
  }
  // Uncategorised clusters join the categorised cluster they resemble most.
  const memberLists = new Map<number, number[]>();
  sorted.forEach((_, i) => {
    const root = find(i);
    const list = memberLists.get(root);
    if (list) list.push(i);
    else memberLists.set(root, [i]);
  });
  const roots = [...memberLists.keys()];
  const members = (root: number): readonly number[] => memberLists.get(root) ?? [];
  const categorised = roots.filter((r) => (sorted[r] as WordingNode).category !== null);
  const moves: [number, number][] = [];
  for (const root of roots.filter((r) => (sorted[r] as WordingNode).category === null)) {
    let best: { root: number; score: number } | null = null;
    for (const target of categorised) {
      let score = 0;
      for (const i of members(root)) for (const j of members(target)) score = Math.max(score, containment((sorted[i] as WordingNode).tokens, (sorted[j] as WordingNode).tokens));
      // Roots are in key order: on a tie the cluster with the smaller key wins.
      if (score >= threshold && (!best || score > best.score)) best = { root: target, score };
    }
    if (best) moves.push([root, best.root]);
  }
  for (const [from, to] of moves) union(from, to);
  const clusters = new Map<number, string[]>();
  sorted.forEach((node, i) => {
    const root = find(i);
    const list = clusters.get(root);
    if (list) list.push(node.key);
    else clusters.set(root, [node.key]);
  });
  return [...clusters.values()].sort((x, y) => ((x[0] ?? '') < (y[0] ?? '') ? -1 : 1));
}

/** |A ∩ B| / min(|A|, |B|) with one more word shared by both (their category): containment of the sets with it. */
function containmentWithCategory(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 1;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (Math.min(a.size, b.size) + 1);
}

/**
 * How clusterWordings can relate two nodes of one party: 'same' when it joins them into one
 * component (same category, similar enough), 'score' when an uncategorised node counts the other,
 * categorised one, as a cluster to join (containment at the threshold), null when it never
 * compares them. The projector folds a new wording incrementally from these relations.
 */
export function wordingRelation(a: WordingNode, b: WordingNode, threshold = SAME_DEMAND, categoryThreshold = SAME_CATEGORY): 'same' | 'score' | null {
  if (a.category === b.category) {
    const score = a.category === null ? containment(a.tokens, b.tokens) : containmentWithCategory(a.tokens, b.tokens);
    return score >= (a.category === null ? threshold : categoryThreshold) ? 'same' : null;
  }
  if (a.category !== null && b.category !== null) return null;
  return containment(a.tokens, b.tokens) >= threshold ? 'score' : null;
}

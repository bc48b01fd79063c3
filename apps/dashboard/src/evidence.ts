// Which words of a source sentence carry the fact: the date as the article wrote it, the venue,
// the parties, a demand's wording. They are marked in the sentence so a reader sees why it counts.

export interface Segment {
  text: string;
  evidence: boolean;
}

/** The sentence cut into plain and evidence segments (case-insensitive, longest term first). */
export function highlight(sentence: string, terms: readonly (string | null | undefined)[]): Segment[] {
  const wanted = [...new Set(terms.filter((t): t is string => typeof t === 'string' && t.trim().length > 1).map((t) => t.trim()))];
  if (wanted.length === 0) return [{ text: sentence, evidence: false }];
  const lower = sentence.toLowerCase();
  const marked = new Array<boolean>(sentence.length).fill(false);
  for (const term of wanted.sort((a, b) => b.length - a.length)) {
    const needle = term.toLowerCase();
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
      marked.fill(true, at, at + needle.length);
    }
  }
  const segments: Segment[] = [];
  for (let i = 0; i < sentence.length; i += 1) {
    const evidence = marked[i] === true;
    const last = segments.at(-1);
    if (last?.evidence === evidence) last.text += sentence.charAt(i);
    else segments.push({ text: sentence.charAt(i), evidence });
  }
  return segments;
}

// The status a relaxed reading gives a round when the clause holds no status cue (a sentence the
// learned model flagged, RoundContext.relaxed): the tense of the clause's verbs outside
// attributions, a future or a "would" looking ahead, a past reporting what happened.
import type { Span } from '../analysis.js';
import { inSpan } from '../analysis.js';
import { sentenceSyntax } from '../syntax.js';

/** 'future', 'held' or null (no finite verb outside the attributions) for a clause of `text`. */
export function tenseStatus(text: string, clause: Span, attributions: readonly Span[]): 'future' | 'held' | null {
  const groups = sentenceSyntax(text).groups.filter((g) => g.start >= clause.start && g.end <= clause.end && !inSpan(attributions, g.start));
  if (groups.some((g) => g.tense === 'future' || g.modal === 'would')) return 'future';
  if (groups.some((g) => g.tense === 'past' && !g.negated)) return 'held';
  return null;
}

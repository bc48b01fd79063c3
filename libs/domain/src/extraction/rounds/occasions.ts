// Round rules, family 4: occasions. A round named as the occasion of another verb ("during talks between X
// and Y", "at a meeting in June, Trump agreed …") takes its status from that verb.
import { type SentenceAnalysis, type Span, inSpan } from '../analysis.js';
import { sentenceSyntax } from '../syntax.js';

/** A talks noun as the occasion of something else: "during the talks", "at a meeting", "after talks". */
export const OCCASION_BEFORE = /(?<![\p{L}-])(?:during|at|after|following|amid|on\s+the\s+(?:sidelines|margins)\s+of)\s+(?:(?:the|a|an|their|his|her|its|[\p{L}'’-]+['’]s)\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d{1,2})\s+(?:hours?|days?|weeks?|months?)\s+of\s+)?(?:[\p{L}-]+\s+){0,3}$/iu;

/**
 * The tense of the verb an occasion phrase belongs to: the first verb after it when the phrase
 * opens its clause ("At a meeting in June, Trump agreed …"), else the nearest verb before it
 * ("… said after talks in Istanbul"). "has decided" is past; a modal ("should be found") is ahead.
 */
export function occasionTense(a: SentenceAnalysis, span: Span, phraseStart: number, triggerEnd: number): { tense: 'past' | 'future' | null; speaker: Span | null } {
  const groups = sentenceSyntax(a.text).groups.filter((g) => g.start >= span.start && g.end <= span.end && !inSpan(a.attributions, g.start) && g.modal !== 'to' && (g.tense !== 'nonfinite' || g.modal !== null));
  const comma = a.text.slice(triggerEnd, span.end).search(/[,;]/);
  const opensClause = /^\s*$|[,;:]\s*$|\bthat\s*$/.test(a.text.slice(span.start, phraseStart));
  // The speaker's verb, when the occasion is where they spoke ("said on Friday after talks in Osaka").
  const spoken = sentenceSyntax(a.text).groups.filter((g) => g.start >= span.start && g.end <= phraseStart && inSpan(a.attributions, g.start) && g.tense !== 'nonfinite');
  const verb =
    opensClause && comma >= 0 ? groups.find((g) => g.start > triggerEnd + comma) : ([...groups].reverse().find((g) => g.end <= phraseStart) ?? spoken.at(-1));
  if (!verb) return { tense: null, speaker: null };
  const speaker = a.attributions.find((s) => verb.start >= s.start && verb.start < s.end) ?? null;
  if (verb.tense === 'future' || (verb.modal !== null && verb.modal !== 'would')) return { tense: 'future', speaker };
  if (verb.tense === 'past' || (verb.tense === 'present' && verb.perfect)) return { tense: 'past', speaker };
  return { tense: null, speaker };
}

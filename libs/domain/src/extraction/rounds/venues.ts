// Round rules, family 3: venues. "in/at <Place>" near the trigger, not inside the topic phrase.
import { type SentenceAnalysis, type Span, inSpan } from '../analysis.js';

export const VENUE = /\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\p{L}'’-]+)(?:\s+[A-Z][\p{L}'’-]+){0,3}(?:\s+(?:region|province|oblast|district|area|capital))?(?:(?:,\s+|\s+of\s+)[A-Z][\p{L}'’-]+)?)/gu;
export const NOT_VENUE_WORD = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|This|That|Today|Tomorrow|Yesterday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|His|Her|Their|Its|Our)$/;
export const AFTER_VENUE_OK = /^(?:$|[,.;:!?)"”’–—-]|\s+(?:(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+days?|the\s+(?:following|next|previous|same)\s+day|on|in|at|for|early|late|next|this|last|from|to|and|with|after|before|between|during|where|which|that|who|as|later|soon|today|tomorrow|amid|over|about|until|when|while|by|under|was|were|is|are|will|would|has|have|had|could|should|may|might|ended|began|collapsed|broke|resumed|continued|lasted|took|opened|closed|adjourned|paused|recessed)\b)/;

/** A conflict noun right before "in": what follows is the conflict's place, not the talks'. */
const CONFLICT_BEFORE = /\b(?:war|wars|fighting|conflict|violence|hostilities|offensive|insurgency|bloodshed|clashes|occupation)\s+(?:in|at)\s+(?:the\s+)?$/i;

const INSTITUTION_BEFORE = /\b(?:mission|office|embassy|embassies|ambassador|consulate|bureau|representative|envoy|coordinator|commander|forces|troops|contingent|branch|headquarters)\s+(?:in|at)\s+(?:the\s+)?$/i;

export interface Venue {
  name: string;
  span: Span;
}

export function findVenues(a: SentenceAnalysis, span: Span): Venue[] {
  const text = a.text;
  const out: Venue[] = [];
  const clause = text.slice(span.start, span.end);
  VENUE.lastIndex = 0;
  for (const m of clause.matchAll(VENUE)) {
    const name = m[1] ?? '';
    const start = span.start + m.index + m[0].length - name.length;
    const end = start + name.length;
    if (inSpan(a.attributions, start) || (a.dateline && start < a.dateline.end)) continue;
    const firstWord = name.split(/\s+/)[0] ?? '';
    if (NOT_VENUE_WORD.test(firstWord)) continue;
    if (!AFTER_VENUE_OK.test(text.slice(end))) continue; // "in the Ukraine conflict": a modifier, not a place
    // "the war in Gaza", "fighting in the east": where the conflict is, which the talks are about.
    if (CONFLICT_BEFORE.test(text.slice(Math.max(0, start - 40), start))) continue;
    // "the UN Support Mission in Libya", "its embassy in Mexico": the place of an institution, not of the talks.
    if (INSTITUTION_BEFORE.test(text.slice(Math.max(0, start - 40), start))) continue;
    const mentions = a.mentions.filter((x) => x.start >= start && x.end <= end);
    // A party's own name is a venue only as a country ("talks in Belarus"), never an organisation or an adjective.
    if (mentions.some((x) => x.via === 'demonym' || x.via === 'official' || x.via === 'forum')) continue;
    if (mentions.length === 1 && mentions[0]?.start === start && mentions[0].end === end && mentions[0].via === 'alias') continue;
    out.push({ name, span: { start, end } });
  }
  for (const m of a.mentions) {
    if (m.start < span.start || m.end > span.end || !m.locative || m.inAttribution || m.prep !== 'to') continue;
    if (!out.some((v) => m.start >= v.span.start && m.end <= v.span.end)) out.push({ name: m.text, span: { start: m.start, end: m.end } });
  }
  return out;
}

// What a verb says about a round: held, under way, ended, postponed, cancelled or still ahead.
// The verbs are data (round-verbs.json); the reading of tense, modality and negation is the verb
// group's (syntax.ts), so "had broken off", "will wrap up", "is still ongoing" and "will not take
// place as planned" need no phrase of their own.
import { z } from 'zod';
import roundVerbsJson from './round-verbs.json' with { type: 'json' };
import type { VerbGroup } from './syntax.js';

export type VerbCueKind = 'held' | 'concluded' | 'postponed' | 'cancelled' | 'future';

export interface VerbCue {
  start: number;
  end: number;
  kind: VerbCueKind;
  /** Happening at publication ("is under way", "began today"). */
  inProgress: boolean;
  /** A planned round said not to happen as planned ("will not take place as scheduled"). */
  offSchedule: boolean;
}

const roundVerbsSchema = z.object({
  held: z.array(z.string()),
  inProgress: z.array(z.string()),
  concluded: z.array(z.string()),
  postponed: z.array(z.string()),
  cancelled: z.array(z.string()),
  future: z.array(z.string()),
});

type VerbClass = 'held' | 'inProgress' | 'concluded' | 'postponed' | 'cancelled' | 'future';

const VERB_CLASS: ReadonlyMap<string, VerbClass> = (() => {
  const data = roundVerbsSchema.parse(roundVerbsJson);
  const map = new Map<string, VerbClass>();
  for (const cls of ['held', 'inProgress', 'concluded', 'postponed', 'cancelled', 'future'] as const) for (const lemma of data[cls]) map.set(lemma, cls);
  return map;
})();

const HYPOTHETICAL = new Set(['could', 'may', 'might', 'would', 'can']);

/** The class of a verb group's lemma ("break off"), else of its bare verb ("break" is none). */
function classOf(g: VerbGroup): VerbClass | undefined {
  return VERB_CLASS.get(g.lemma) ?? VERB_CLASS.get(g.head.lemma);
}

/**
 * The status cue a verb group gives, or null. `after` is the text following the group (to see
 * "as planned"); a verb in a hypothetical mood ("could collapse") says nothing.
 */
export function verbCue(g: VerbGroup, after: string): VerbCue | null {
  const cls = classOf(g);
  if (!cls) return null;
  const base = { start: g.start, end: g.end, inProgress: false, offSchedule: false };
  if (g.modal && HYPOTHETICAL.has(g.modal) && g.tense !== 'future') return null;
  // A gerund ("ending hostilities", "capping off the summit") names an activity, not the round's state.
  if (g.tense === 'nonfinite' && g.modal === null) return null;
  // "continue to engage", "failed to agree": the verb's state belongs to the verb after it.
  if (cls !== 'future' && /^\s+to\s+\p{L}/u.test(after)) return null;
  // "The week began with A, continued with B": the verb orders a sequence; each meeting in it is
  // read on its own.
  if (cls !== 'future' && /^\s+with\b/i.test(after)) return null;
  if (cls === 'future') return g.negated ? null : { ...base, kind: 'future' };
  if (cls === 'postponed' || cls === 'cancelled') {
    if (g.negated) return null;
    // "will be postponed" reports the decision; "to postpone" (a proposal) does not.
    if (g.modal === 'to' && !g.passive) return null;
    return { ...base, kind: cls };
  }
  const ahead = g.tense === 'future' || g.modal !== null;
  if (g.negated) {
    // "will not take place as planned", "… until next month": the round was planned and is off its schedule.
    if (ahead && /^\s*(?:as\s+(?:planned|scheduled|expected|announced|foreseen)|this\s+week(?:end)?|on\s+schedule|until|before)\b/i.test(after)) return { ...base, kind: 'postponed', offSchedule: true };
    // "the sixth round will not take place": a round that was to happen is off (the caller checks it is a known one).
    if (g.tense === 'future' && cls === 'held') return { ...base, kind: 'cancelled', offSchedule: true };
    return null;
  }
  if (ahead) return { ...base, kind: 'future' };
  // A bare present ("before talks resume", "X meets Y" under a photo) is too often a clause of
  // time or a caption; the copula with a state ("are under way", "is ongoing") is not.
  if (g.tense === 'present' && !g.progressive && !g.perfect && !g.passive && g.head.pos !== 'AUX') return null;
  if (cls === 'concluded') return { ...base, kind: 'concluded' };
  return { ...base, kind: 'held', inProgress: cls === 'inProgress' || g.progressive || (g.tense === 'present' && !g.perfect) };
}

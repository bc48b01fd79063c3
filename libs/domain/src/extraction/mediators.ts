// Mediators are not parties: Qatar mediating between the United States and the Taliban, the AU
// sponsoring talks between Ethiopia and the TPLF, the EU facilitating the Belgrade–Pristina
// dialogue. A party named with a mediator's cue keeps a `mediators` role on the round, and the
// track's identity is its principal sides. Only the text's own cues count ("mediated by X",
// "X-brokered", "X's mediation", "mediators X and Y", "with X as host"): who usually mediates is
// not the extractor's guess.
import type { AnalysedMention } from './analysis.js';

/** Words right before the mention: "mediated by", "under the auspices of", "mediators", "hosted by". */
const BEFORE =
  /\b(?:(?:mediated|brokered|facilitated|sponsored|hosted|convened|chaired|moderated)\s+by|(?:mediation|auspices|facilitation|sponsorship|good\s+offices)\s+of|(?:mediators?|facilitators?|co-?mediators?|co-?facilitators?|guarantors?|hosts?)(?:\s+(?:from|including))?)\s+(?:the\s+)?$/i;
/** Words right after the mention: "-mediated", "’s mediation", ", which mediates", "as mediator". */
const AFTER =
  /^(?:(?:['’]s?)?[-–\s](?:mediated|brokered|sponsored|facilitated|hosted|led|convened)\b|(?:['’]s?)?\s+(?:mediation|mediators?|facilitators?|facilitation)\b|,?\s+(?:which|who)\s+(?:(?:is|are|was|were|has|have|had)\s+(?:been\s+)?)?(?:mediat|facilitat|broker|host)\w*|\s+(?:acting\s+)?as\s+(?:a\s+|the\s+)?(?:mediators?|facilitators?|hosts?|go-betweens?|guarantors?)\b|\s+(?:mediating|facilitating|brokering)\b)/i;

/**
 * The mention is the subject of a host's verb: "Kazakhstan hosts the talks", "the EU's foreign
 * policy chief, Jane Roe, is hosting a meeting", "Egypt will convene the session". (A host that
 * meets only one other side stays a side: see the principals in rounds.ts.)
 */
const HOSTS =
  /^(?:['’]s?)?(?:\s+[\p{L}-]+){0,4}?(?:\s*,[^,;]{1,60},|\s*,)?\s+(?:(?:is|was|will\s+be|has\s+been)\s+)?(?:(?:will|would|is\s+to|is\s+due\s+to|agreed\s+to|offered\s+to)\s+)?(?:host(?:s|ed|ing)?|convene(?:s|d)?|convening|chair(?:s|ed|ing)?)\s+(?:the\s+|a\s+|an\s+|another\s+|this\s+|next\s+)?(?:[\p{L}-]+\s+){0,3}?(?:talks|meetings?|round|rounds|dialogue|negotiations|sessions?|discussions|consultations|summit)\b/iu;
/** "the EU special envoy for the Belgrade–Pristina dialogue": the envoy of a third party to two others' talks. */
const ENVOY_FOR_PAIR =
  /^(?:['’]s)?\s+(?:[\p{L}-]+\s+){0,3}?(?:envoy|representative|coordinator|mediator|facilitator)s?\s+(?:for|to)\s+(?:the\s+)?([\p{L}.]+(?:\s+[\p{L}.]+)?)\s*[-–]\s*([\p{L}.]+(?:\s+[\p{L}.]+)?)\s+(?:dialogue|talks|negotiations|process)\b/iu;
/** An organisation that "will hold talks with" others: it convenes them ("the UN chief will hold talks with the two leaders"). */
const CONVENES_WITH = /^(?:['’]s?\s+(?:[\p{L}-]+\s+){0,4}?)?(?:,[^,;]{1,60},)?\s+(?:(?:will|would|is\s+to)\s+)?(?:hold|holds|held|host|hosts|hosted)\s+(?:[\p{L}-]+\s+){0,2}?(?:talks|meetings?|consultations|discussions)\s+with\s/iu;

function hostCue(text: string, m: AnalysedMention, mentions: readonly AnalysedMention[]): boolean {
  const after = text.slice(m.end, m.end + 140);
  if (HOSTS.test(after)) return true;
  if (m.kind === 'organisation' && CONVENES_WITH.test(after)) return true;
  const envoy = ENVOY_FOR_PAIR.exec(after);
  if (envoy) {
    // The pair it serves are two other parties, named in the title ("Belgrade–Pristina").
    const from = m.end + envoy.index + envoy[0].indexOf(envoy[1] ?? '');
    const to = m.end + envoy.index + envoy[0].length;
    const pair = new Set(mentions.filter((x) => x.start >= from - 1 && x.start < to).flatMap((x) => (x.parties.length > 0 ? x.parties : x.party !== null ? [x.party] : [])));
    if (m.party !== null) pair.delete(m.party);
    return pair.size >= 2;
  }
  return false;
}

/**
 * The parties the clause names as mediators. A mention joined to a mediator by "and" ("mediators
 * Qatar and Egypt", "Egypt and Qatar-brokered talks") shares the role.
 */
export function mediatorParties(text: string, mentions: readonly AnalysedMention[]): Set<string> {
  const out = new Set<string>();
  const flagged = mentions.map((m) => m.party !== null && (BEFORE.test(text.slice(Math.max(0, m.start - 50), m.start)) || AFTER.test(text.slice(m.end, m.end + 50)) || hostCue(text, m, mentions)));
  // Coordination spreads the role both ways: to the mentions after a flagged one ("mediators Qatar
  // and Egypt") and before it ("Qatar and Egypt, which mediate").
  for (let i = 1; i < mentions.length; i++) if (flagged[i - 1] && mentions[i]?.coordinated && BEFORE.test(text.slice(Math.max(0, (mentions[i - 1]?.start ?? 0) - 50), mentions[i - 1]?.start ?? 0))) flagged[i] = true;
  for (let i = mentions.length - 2; i >= 0; i--) if (flagged[i + 1] && mentions[i + 1]?.coordinated && AFTER.test(text.slice(mentions[i + 1]?.end ?? 0, (mentions[i + 1]?.end ?? 0) + 50))) flagged[i] = true;
  mentions.forEach((m, i) => {
    if (flagged[i] && m.party !== null) out.add(m.party);
  });
  return out;
}

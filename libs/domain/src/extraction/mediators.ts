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
 * The parties the clause names as mediators. A mention joined to a mediator by "and" ("mediators
 * Qatar and Egypt", "Egypt and Qatar-brokered talks") shares the role.
 */
export function mediatorParties(text: string, mentions: readonly AnalysedMention[]): Set<string> {
  const out = new Set<string>();
  const flagged = mentions.map((m) => m.party !== null && (BEFORE.test(text.slice(Math.max(0, m.start - 50), m.start)) || AFTER.test(text.slice(m.end, m.end + 50))));
  // Coordination spreads the role both ways: to the mentions after a flagged one ("mediators Qatar
  // and Egypt") and before it ("Qatar and Egypt, which mediate").
  for (let i = 1; i < mentions.length; i++) if (flagged[i - 1] && mentions[i]?.coordinated && BEFORE.test(text.slice(Math.max(0, (mentions[i - 1]?.start ?? 0) - 50), mentions[i - 1]?.start ?? 0))) flagged[i] = true;
  for (let i = mentions.length - 2; i >= 0; i--) if (flagged[i + 1] && mentions[i + 1]?.coordinated && AFTER.test(text.slice(mentions[i + 1]?.end ?? 0, (mentions[i + 1]?.end ?? 0) + 50))) flagged[i] = true;
  mentions.forEach((m, i) => {
    if (flagged[i] && m.party !== null) out.add(m.party);
  });
  return out;
}

// General English cue words the extraction rules use. Nothing here names a conflict or a party:
// those live in the gazetteer data.

/** Words after which a party is governed by a preposition (not a subject). */
export const PREPOSITIONS = new Set([
  'of', 'to', 'from', 'with', 'by', 'on', 'over', 'about', 'around', 'against', 'in', 'at', 'into', 'for', 'between', 'among', 'amongst',
  'toward', 'towards', 'near', 'under', 'after', 'before', 'since', 'during', 'without', 'through', 'across', 'per', 'via', 'like', 'than',
  'including', 'inside', 'outside', 'within', 'beyond', 'regarding', 'concerning', 'upon', 'onto', 'throughout', 'despite',
]);

/** Prepositions after which a party is a topic or a place, not a participant in talks. */
export const TOPIC_PREPOSITIONS = new Set([
  'over', 'about', 'around', 'on', 'against', 'regarding', 'concerning', 'into', 'in', 'near', 'across', 'inside', 'within',
  'toward', 'towards', 'at', 'under', 'beyond', 'throughout', 'outside', 'despite', 'than', 'like',
]);

/** Prepositions after which a seat of government or a city is a place ("talks in Moscow"). */
export const LOCATIVE_PREPOSITIONS = new Set(['in', 'at', 'to', 'from', 'near', 'inside', 'outside', 'into', 'toward', 'towards']);

/** Verbs that report speech; they mark attribution ("…, Lavrov said"). */
export const REPORTING_VERB = /\b(?:said|says|say|told|tells|added|adds|reported|reports|wrote|writes|noted|notes|stated|announced|announces|explained|stressed|quoted|according to)\b/gi;

const WEEKDAY_OR_RELATIVE = '(?:on\\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|earlier|late\\w*)';
/** What may follow a leading reporting verb and still belong to the attribution. */
export const LEADING_ATTRIBUTION_TAIL = new RegExp(
  `^(?:\\s+(?:reporters|journalists|the\\s+(?:press|media|[\\w-]+\\s+(?:agency|newspaper|channel|network|television|broadcaster))))?(?:\\s+(?:in|at|during)\\s+(?:a|an|the|his|her|their|its)\\s+(?:[\\w-]+\\s+){0,3}?(?:conference|briefing|interview|statement|speech|address|post|message|news\\s+conference))?(?:\\s+(?:(?:late|early)\\s+(?:on\\s+)?)?${WEEKDAY_OR_RELATIVE}(?:\\s+(?:morning|afternoon|evening|night))?)?(?:\\s+that\\b)?`,
  'i',
);

/** Nouns that name a session of negotiations. */
export const TRIGGER = /\b(?:(?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|next|new|final|last|latest|another|two|three|four|five|six|several|many|multiple|numerous)\s+)?rounds?\s+of\s+(?:[\w-]+\s+){0,4}?(?:talks|negotiations|consultations|dialogue)|(?:talks|negotiations|consultations|meetings?|sessions?|dialogue|dialog|discussions|rounds?|summit))\b/gi;

/** Whether text names a session of negotiations (TRIGGER is global: its state is reset here). */
export function mentionsTalks(text: string): boolean {
  TRIGGER.lastIndex = 0;
  const found = TRIGGER.test(text);
  TRIGGER.lastIndex = 0;
  return found;
}

/** Ordinal words, 1-based. */
export const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];

export function ordinalValue(word: string): number | null {
  const w = word.toLowerCase();
  const numeric = /^(\d+)(?:st|nd|rd|th)$/.exec(w);
  if (numeric) return Number(numeric[1]);
  const i = ORDINAL_WORDS.indexOf(w);
  return i >= 0 ? i + 1 : null;
}

export const ORDINAL_PATTERN = '(?:\\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)';

/** Counts before "rounds": a summary of several rounds, not one round. */
export const CARDINALS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'many', 'multiple', 'numerous', 'few', 'some', 'all', 'both']);

/** Base verbs common in demands; used to split "must not admit X or establish Y". */
export const BASE_VERBS = new Set([
  'admit', 'accept', 'abandon', 'allow', 'agree', 'avoid', 'build', 'cease', 'commit', 'conduct', 'create', 'deploy', 'dismantle', 'disarm',
  'end', 'ensure', 'establish', 'expand', 'extend', 'free', 'give', 'guarantee', 'halt', 'hand', 'hold', 'host', 'implement', 'include', 'join',
  'keep', 'lift', 'limit', 'open', 'place', 'provide', 'pull', 'recognise', 'recognize', 'reduce', 'refrain', 'release', 'remove', 'renounce',
  'respect', 'restore', 'return', 'revoke', 'roll', 'send', 'set', 'sign', 'station', 'stop', 'supply', 'suspend', 'take', 'transfer', 'withdraw',
  'arm', 'base', 'close', 'drop', 'exclude', 'freeze', 'grant', 'hold', 'move', 'permit', 'pledge', 'put', 'reverse', 'scrap', 'share',
]);

/**
 * Noun phrases about how talks are arranged (their tracks, format, venue, timing): insisting on
 * one of them is a position on the process, not a demand one party makes of another.
 */
export const TALKS_ARRANGEMENT = /^(?:(?:the|a|an|its|their|separate|parallel|different|distinct|single|joint|new|quick|early|swift|speedy|fixed|firm|clear)\s+){0,3}(?:tracks?|formats?|venues?|agendas?|timetables?|schedules?|start|timing|pace|sequencing|modalities)\b/i;

/**
 * Common rewordings of the same demand, mapped to one word before demands are compared (on
 * normalised text: lower case, words separated by single spaces). General English, no party.
 */
export const DEMAND_SYNONYMS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:roll(?:s|ed|ing)?|pull(?:s|ed|ing)?|draw(?:s|ing|n)?|drew|move(?:s|d)?|moving)\s+back\b|\bpull(?:s|ed|ing)?\s+out\b|\brollback\b|\bpull-?back\b|\bretreat\w*\b|\bremov(?:e|es|ed|ing|al)\b/g, 'withdraw'],
  [/\bset(?:s|ting)?\s+up\b|\bstation(?:s|ed|ing)?\b|\bemplace\w*\b/g, 'deploy'],
  [/\b(?:frontiers?|boundar(?:y|ies))\b/g, 'border'],
  [/\b(?:troops|soldiers)\b/g, 'forces'],
  [/\b(?:advance|advances|advancing|enlarg\w*|eastward|expansion\w*)\b/g, 'expand'],
  [/\b(?:halt\w*|ceas(?:e|es|ed|ing)|freez(?:e|es|ing)|froze)\b/g, 'stop'],
  [/\b(?:assurances?|pledges?)\b/g, 'guarantee'],
];

/** Heads of one-sided offers or requests for talks: not a round. */
export const ONE_SIDED = /\b(?:ready|readiness|willing|willingness|open|prepared|offer(?:s|ed|ing)?|propos(?:e|es|ed|ing|al|als)|suggest(?:s|ed|ing)?|ask(?:s|ed|ing)?\s+for|call(?:s|ed|ing)?\s+for|urg(?:e|es|ed|ing)|seek(?:s|ing)?|sought|want(?:s|ed)?|push(?:es|ed|ing)?\s+for|hop(?:e|es|ed|ing)\s+for)\b/i;

/**
 * Contacts that are not a round of talks (calls, letters, a press/news/media conference or briefing:
 * officials facing reporters, not each other), and meetings of one side ("to coordinate their position").
 */
export const NOT_A_ROUND = /\b(?:phone|telephone|phoned|call\s+with|video\s+call|video\s*conferences?|videoconferences?|letter|letters|written\s+(?:response|responses|reply|replies|answer|answers)|reply|replies|message|messages|(?:press|news|media)[\s-]+(?:conferences?|briefings?|availabilit(?:y|ies))|pressers?|briefing|briefings|briefed|to\s+brief|to\s+coordinate|to\s+co-ordinate)\b/i;

export const NEGATION = /\b(?:not|no|never|neither|nor|refused|refuses|refuse|declined|declines|decline|ruled\s+out|rules\s+out|rejected|rejects)\b|n['’]t\b/i;
export const DENIAL = /\b(?:denied|denies|deny|dismissed|dismisses|dismiss|rejected|rejects|refuted|refutes)\b[^.]*\b(?:claims?|reports?|allegations?|suggestions?)\b/i;

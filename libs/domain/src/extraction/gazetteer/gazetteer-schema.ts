// The shapes of gazetteer data, validated with zod: the data the extractor matches (GazetteerData,
// which users extend with a JSON file) and the files under gazetteer/ that the default data is
// assembled from (gazetteer-default.ts). Kept apart from gazetteer.ts, which imports the default
// data: the default data is validated with these schemas when it loads.
import { z } from 'zod';

export const partyKindSchema = z.enum([
  /** An independent (or partly recognised) state. */
  'state',
  /** A dependent territory, or one whose status is disputed (Greenland, Western Sahara, Transnistria). */
  'territory',
  /** An international organisation or bloc (NATO, the African Union). Its verbs can put it in session ("the OSCE discussed …"). */
  'organisation',
  /** A group of states acting together (P5+1, G7); `members` lists them. */
  'group',
  /** A political or political-military movement (Hamas, Hezbollah, the Taliban). */
  'movement',
  /** An armed group fighting a state (M23, the ELN, the Rapid Support Forces). */
  'armed-group',
  /** The government or the armed forces of a state as one side of a conflict inside it (Afghan government, Sudanese Armed Forces). */
  'government',
  /** An opposition negotiating with its government (the Venezuelan opposition, the Syrian opposition). */
  'opposition',
]);
export type PartyKind = z.infer<typeof partyKindSchema>;

const name = z.string().trim().min(1);
const year = z.number().int().min(1900).max(2100);
const about = z.union([z.string(), z.array(z.string())]).optional();

export const partyDataSchema = z.object({
  /** Canonical plain-English name, used in tracks, events and alerts. */
  name,
  kind: partyKindSchema,
  /** Other names of the party itself ("U.S.", "the alliance", "Kremlin"). */
  aliases: z.array(name).optional(),
  /** Adjectives ("Russian"); plural forms ("Russians") match too. */
  demonyms: z.array(name).optional(),
  /** Seats of government used for the party ("Moscow"); after "in/at/to" they are read as a venue. */
  metonyms: z.array(name).optional(),
  /** For groups of states (P4+1): the members. */
  members: z.array(name).optional(),
  /** ISO 3166-1 alpha-3 code of a state or territory (Kosovo has the user-assigned "UNK"). */
  code: z.string().regex(/^[A-Z]{3}$/, 'three capital letters').optional(),
  /** For a side that is not a state: the canonical name of the state or territory it fights in, governs or opposes. */
  country: name.optional(),
});
export type PartyData = z.infer<typeof partyDataSchema>;

const yearsInOrder = (o: { from?: number | undefined; to?: number | null | undefined }): boolean => o.from === undefined || o.to === undefined || o.to === null || o.from <= o.to;
const yearsMessage = { error: '"from" is after "to"', path: ['to'] };

export const officialRoleSchema = z
  .object({
    role: z.string().min(1),
    /** The party the official spoke for in that role, when not the official's party. */
    party: name.optional(),
    from: year.optional(),
    /** null: still held. */
    to: year.nullable().optional(),
  })
  .refine(yearsInOrder, yearsMessage);
export type OfficialRole = z.infer<typeof officialRoleSchema>;

export const officialDataSchema = z
  .object({
    name,
    /** Canonical name of the party the official speaks for. */
    party: name,
    role: z.string(),
    aliases: z.array(name).optional(),
    /** Whether the last word of the name alone identifies the official (default true). */
    surnameAlias: z.boolean().optional(),
    /** First year in the role. */
    from: year.optional(),
    /** Last year in the role; null: still held. */
    to: year.nullable().optional(),
    /** Other roles, earlier or at the same time ("prime minister" before "president"). */
    otherRoles: z.array(officialRoleSchema).optional(),
  })
  .refine(yearsInOrder, yearsMessage);
export type OfficialData = z.infer<typeof officialDataSchema>;

export const forumDataSchema = z.object({
  /** A standing negotiation format ("NATO-Russia Council") and the parties it binds. */
  name,
  parties: z.array(name).min(2),
  aliases: z.array(name).optional(),
});
export type ForumData = z.infer<typeof forumDataSchema>;

export const demandCategoryDataSchema = z.object({
  id: name,
  /** Whole words or phrases; a trailing "*" matches any ending ("sanction*"). The keyword found first in a text wins; on a tie, the earlier category. */
  keywords: z.array(name),
});
export type DemandCategoryData = z.infer<typeof demandCategoryDataSchema>;

export const gazetteerDataSchema = z.object({
  parties: z.array(partyDataSchema),
  officials: z.array(officialDataSchema),
  forums: z.array(forumDataSchema),
  /** Venues that are not parties (Geneva, Vienna), and regions whose names contain a party's ("Latin America"). */
  places: z.array(name),
  demandCategories: z.array(demandCategoryDataSchema),
});
export type GazetteerData = z.infer<typeof gazetteerDataSchema>;

export const gazetteerExtensionSchema = gazetteerDataSchema.partial();
export type GazetteerExtension = z.infer<typeof gazetteerExtensionSchema>;

// The files of the default data (libs/domain/src/extraction/gazetteer/data/*.json). Each may say what it holds and
// by which rules in `about`.

const partiesOf = (kinds: readonly PartyKind[]) =>
  z.array(partyDataSchema.refine((p) => kinds.includes(p.kind), { error: `kind must be one of: ${kinds.join(', ')}`, path: ['kind'] }));

/** countries.json, generated by scripts/build-gazetteer.mjs. */
export const countriesFileSchema = z.object({
  about,
  source: z.object({ package: name, version: name, license: name }),
  parties: partiesOf(['state', 'territory']),
});

/** organisations.json: international organisations, blocs and groups of states. */
export const organisationsFileSchema = z.object({ about, parties: partiesOf(['organisation', 'group']) });

/** formats.json: groups of states that negotiate as one (P5+1) and standing formats binding parties (forums). */
export const formatsFileSchema = z.object({ about, groups: partiesOf(['group']), forums: z.array(forumDataSchema) });

/** nonstate.json: sides that are not states, each with the country it belongs to. */
export const nonstateFileSchema = z.object({
  about,
  parties: z.array(
    partyDataSchema
      .extend({ country: name })
      .refine((p) => p.kind !== 'state' && p.kind !== 'organisation' && p.kind !== 'group', { error: 'a non-state side', path: ['kind'] }),
  ),
});

/** officials.json: every official with the years of the role. */
export const officialsFileSchema = z.object({
  about,
  officials: z.array(officialDataSchema.and(z.object({ from: year, to: year.nullable() }))),
});

/** places.json: venues, and regions whose names contain a party's name or demonym. */
export const placesFileSchema = z.object({ about, venues: z.array(name), regions: z.array(name) });

/** demand-categories.json. */
export const demandCategoriesFileSchema = z.object({ about, categories: z.array(demandCategoryDataSchema) });

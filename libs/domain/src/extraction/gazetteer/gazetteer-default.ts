// The default gazetteer: who negotiates, by which names the press calls them, and which formats
// ("forums") bind parties together. Everything conflict-specific lives in the data files under
// gazetteer/ (JSON, each saying in its `about` what it holds and by which rules); users extend it
// with a JSON file of the same shape as GazetteerData (see createGazetteer).
//   countries.json          states and territories, generated from the world-countries dataset by
//                           scripts/build-gazetteer.mjs with reviewed overrides
//   organisations.json      international organisations, blocs and clubs of states
//   formats.json            groups that negotiate as one (P5+1) and standing formats (forums)
//   nonstate.json           movements, armed groups, oppositions, governments as sides
//   officials.json          officials, their roles and the years they held them
//   places.json             venues, and regions or titles that contain a party's name
//   demand-categories.json  keywords of the demand categories
// Names are plain English; aliases are matched as written (single capitalised words
// case-sensitively, multi-word phrases case-insensitively).
import countries from './data/countries.json' with { type: 'json' };
import demandCategories from './data/demand-categories.json' with { type: 'json' };
import formats from './data/formats.json' with { type: 'json' };
import nonstate from './data/nonstate.json' with { type: 'json' };
import officials from './data/officials.json' with { type: 'json' };
import organisations from './data/organisations.json' with { type: 'json' };
import places from './data/places.json' with { type: 'json' };
import {
  type GazetteerData,
  countriesFileSchema,
  demandCategoriesFileSchema,
  formatsFileSchema,
  nonstateFileSchema,
  officialsFileSchema,
  organisationsFileSchema,
  placesFileSchema,
} from './gazetteer-schema.js';

/** Validates one data file (a broken file fails at load, naming the file and the problem). */
function load<T>(file: string, schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new Error(`gazetteer/${file} is invalid: ${issues.join('; ')}`);
  }
  return result.data;
}

const countriesFile = load('countries.json', countriesFileSchema, countries);
const organisationsFile = load('organisations.json', organisationsFileSchema, organisations);
const formatsFile = load('formats.json', formatsFileSchema, formats);
const nonstateFile = load('nonstate.json', nonstateFileSchema, nonstate);
const officialsFile = load('officials.json', officialsFileSchema, officials);
const placesFile = load('places.json', placesFileSchema, places);
const categoriesFile = load('demand-categories.json', demandCategoriesFileSchema, demandCategories);

export const DEFAULT_GAZETTEER_DATA: GazetteerData = {
  parties: [...countriesFile.parties, ...organisationsFile.parties, ...formatsFile.groups, ...nonstateFile.parties],
  officials: officialsFile.officials,
  forums: formatsFile.forums,
  places: [...placesFile.venues, ...placesFile.regions],
  demandCategories: categoriesFile.categories,
};

// Builds libs/domain/src/extraction/gazetteer/data/countries.json, the states and territories of the default
// gazetteer, from the pinned `world-countries` package (a devDependency) and the reviewed overrides
// in scripts/gazetteer/overrides.json. The output is data and is committed; this script only
// regenerates it. Deterministic: the same inputs give the same bytes (entries and lists sorted).
// Usage: node scripts/build-gazetteer.mjs [--check]   (npm run gazetteer:build)
//   --check: write nothing; exit 1 if the committed file differs from what would be generated.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = path.join(root, 'libs/domain/src/extraction/gazetteer/data/countries.json');
const OVERRIDES = path.join(root, 'scripts/gazetteer/overrides.json');

const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (items) => [...new Set(items)].sort(byCodeUnit);
/** "Bogotá" → "Bogota", "Türkiye" → "Turkiye": the form the press writes without diacritics. */
const ascii = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
const isAscii = (s) => /^[\x20-\x7e]*$/.test(s);

function loadSource() {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('world-countries/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const countries = JSON.parse(readFileSync(path.join(path.dirname(pkgFile), 'countries.json'), 'utf8'));
  const license = pkg.license ?? pkg.licenses?.map((l) => l.type).join(' OR ') ?? 'unknown';
  return { version: pkg.version, license, countries };
}

function fail(problems) {
  throw new Error(`build-gazetteer: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

/** Splits the dataset's demonym strings ("Antiguan, Barbudan", "Kittitian or Nevisian"). */
const splitDemonym = (d) => (d ? d.split(/\s*,\s*|\s+or\s+/).filter(Boolean) : []);

/**
 * The official name and the alternative spellings the press can use: the dataset's altSpellings mix ISO codes, native
 * names and inverted index forms ("Iran, Islamic Republic of"). Kept: English-looking forms, that
 * is neither the two-letter code, nor a native name, nor a form with a comma or parentheses, nor a
 * form with letters outside ASCII unless it only adds accents to a name already kept ("Côte
 * d'Ivoire"); the overrides drop the remaining native names written in ASCII.
 */
function pressSpellings(c, droppedEverywhere) {
  const native = new Set(Object.entries(c.name.native ?? {}).flatMap(([language, n]) => (language === 'eng' ? [] : [n.common, n.official])));
  const base = new Set([c.name.common, c.name.official, ...(c.altSpellings ?? [])].filter((s) => isAscii(s) && !droppedEverywhere.has(s)).map((s) => s.toLowerCase()));
  return [c.name.official, ...(c.altSpellings ?? [])].filter(
    (a) =>
      a !== c.cca2 &&
      !native.has(a) &&
      !/[,()]/.test(a) &&
      !droppedEverywhere.has(a) &&
      (isAscii(a) || a === c.name.common || base.has(ascii(a).toLowerCase())),
  );
}

export function buildCountries(source = loadSource(), overrides = JSON.parse(readFileSync(OVERRIDES, 'utf8'))) {
  const problems = [];
  const known = new Set(source.countries.map((c) => c.cca3));
  for (const code of [...Object.keys(overrides.countries), ...Object.keys(overrides.exclude)]) {
    if (!known.has(code)) problems.push(`overrides name an unknown code ${code}`);
  }
  const droppedEverywhere = new Set(overrides.dropAltSpellings.flatMap((g) => g.spellings));
  const entries = [];
  for (const c of source.countries) {
    if (overrides.exclude[c.cca3]) continue;
    const o = overrides.countries[c.cca3] ?? {};
    const name = o.name ?? c.name.common;
    const kind = o.kind ?? (c.independent === true ? 'state' : 'territory');
    const drop = (list, dropped = []) => {
      for (const d of dropped) if (!list.includes(d) && !list.includes(ascii(d))) problems.push(`${c.cca3}: drops "${d}", which it does not have`);
      return list.filter((x) => !dropped.includes(x));
    };
    const withAscii = (list) => list.flatMap((s) => (ascii(s) !== s ? [s, ascii(s)] : [s]));
    let aliases = withAscii([c.name.common, ...pressSpellings(c, droppedEverywhere), ...(o.addAliases ?? [])]);
    let demonyms = withAscii([...splitDemonym(c.demonyms?.eng?.m), ...splitDemonym(c.demonyms?.eng?.f), ...(o.addDemonyms ?? [])]);
    // Capitals speak for states only: a territory's capital is a town, not a side.
    let metonyms = withAscii(o.metonyms ?? (kind === 'state' ? [...(c.capital ?? []), ...(o.addMetonyms ?? [])] : (o.addMetonyms ?? [])));
    aliases = drop(aliases, o.dropAliases);
    demonyms = drop(demonyms, o.dropDemonyms);
    metonyms = drop(metonyms, o.dropMetonyms);
    const surfacesOf = new Set([name]);
    demonyms = sorted(demonyms.filter((d) => !surfacesOf.has(d)));
    for (const d of demonyms) surfacesOf.add(d);
    aliases = sorted(aliases.filter((a) => !surfacesOf.has(a)));
    for (const a of aliases) surfacesOf.add(a);
    metonyms = sorted(metonyms.filter((m) => !surfacesOf.has(m)));
    entries.push({ code: c.cca3, name, kind, aliases, demonyms, metonyms });
  }

  // A surface two entries share names neither, unless one is a state and the others territories
  // ("American": the United States, not the Northern Mariana Islands): the state keeps it.
  const owners = new Map();
  for (const e of entries) for (const s of [e.name, ...e.aliases, ...e.demonyms, ...e.metonyms]) owners.set(s, [...(owners.get(s) ?? []), e]);
  for (const [surface, list] of owners) {
    if (list.length < 2) continue;
    const states = list.filter((e) => e.kind === 'state');
    if (states.length > 1 || list.some((e) => e.name === surface)) {
      problems.push(`"${surface}" names ${list.map((e) => e.code).join(', ')}: resolve it in the overrides`);
      continue;
    }
    for (const e of list) {
      if (e === states[0]) continue;
      e.aliases = e.aliases.filter((x) => x !== surface);
      e.demonyms = e.demonyms.filter((x) => x !== surface);
      e.metonyms = e.metonyms.filter((x) => x !== surface);
    }
  }
  if (problems.length) fail(problems);

  const parties = entries
    .sort((a, b) => byCodeUnit(a.name, b.name))
    .map((e) => ({ name: e.name, kind: e.kind, code: e.code, aliases: e.aliases, demonyms: e.demonyms, metonyms: e.metonyms }));
  return {
    about: `Generated by scripts/build-gazetteer.mjs (npm run gazetteer:build) from world-countries ${source.version} and scripts/gazetteer/overrides.json. Do not edit: change the overrides and regenerate.`,
    source: { package: 'world-countries', version: source.version, license: source.license },
    parties,
  };
}

export const serialise = (data) => `${JSON.stringify(data, null, 2)}\n`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const text = serialise(buildCountries());
    if (process.argv.includes('--check')) {
      let current = '';
      try {
        current = readFileSync(OUTPUT, 'utf8');
      } catch {
        // missing: differs
      }
      if (current !== text) {
        console.error(`build-gazetteer: ${path.relative(root, OUTPUT)} is not what the generator produces: run npm run gazetteer:build`);
        process.exit(1);
      }
      console.log(`build-gazetteer: ${path.relative(root, OUTPUT)} is up to date`);
    } else {
      writeFileSync(OUTPUT, text);
      console.log(`build-gazetteer: wrote ${path.relative(root, OUTPUT)} (${JSON.parse(text).parties.length} states and territories)`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

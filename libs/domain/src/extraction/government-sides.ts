// A state negotiating with an armed group, an opposition or a territory of its own negotiates as
// its government: "Ethiopia" beside the TPLF is the Ethiopian government, "Kabul" beside the
// Taliban is the Afghan government. The gazetteer says which non-state sides belong to which
// country and what the government side is called (nonstate.json, kind "government"); nothing here
// names a country. Where the data has no government side for a country (the DRC beside M23), the
// state keeps its name.
import type { ExtractedDemand, ExtractedResponse, ExtractedRound } from './types.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import { sortParties } from '../events/ids.js';

const NON_STATE = new Set(['movement', 'armed-group', 'opposition', 'territory', 'group']);

/** The government side of each state, for the countries the gazetteer gives one. */
function governmentsByCountry(gazetteer: Gazetteer): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of gazetteer.data.parties) {
    const country = (p as { country?: string }).country;
    if (p.kind === 'government' && country && !out.has(country)) out.set(country, p.name);
  }
  return out;
}

const cache = new WeakMap<Gazetteer, Map<string, string>>();

/**
 * How each of one fact's parties is named as a side: a state that faces a non-state side of its
 * own country becomes that country's government side; every other party keeps its name.
 */
function sideNames(parties: readonly string[], gazetteer: Gazetteer): (name: string) => string {
  let governments = cache.get(gazetteer);
  if (!governments) {
    governments = governmentsByCountry(gazetteer);
    cache.set(gazetteer, governments);
  }
  const known = governments;
  const insurgentCountries = new Set(
    parties.map((name) => gazetteer.party(name)).filter((p) => p !== undefined && NON_STATE.has(p.kind)).map((p) => (p as { country?: string }).country).filter((c): c is string => c !== undefined),
  );
  // ("Colombia" beside "the Colombian government" is that same side, named twice.)
  const named = new Set(parties);
  return (name) => {
    if (gazetteer.party(name)?.kind !== 'state') return name;
    const government = known.get(name);
    return government !== undefined && (insurgentCountries.has(name) || named.has(government)) ? government : name;
  };
}

/** One fact's parties named as sides (the state dropped where its government is already named). */
export function governmentSides(parties: readonly string[], gazetteer: Gazetteer): string[] {
  const side = sideNames(parties, gazetteer);
  return sortParties([...new Set(parties.map(side))]);
}

export function withGovernmentSides(
  extraction: { rounds: ExtractedRound[]; demands: ExtractedDemand[]; responses: ExtractedResponse[] },
  gazetteer: Gazetteer,
): { rounds: ExtractedRound[]; demands: ExtractedDemand[]; responses: ExtractedResponse[] } {
  const rounds = extraction.rounds
    .map((r) => {
      const parties = governmentSides(r.parties, gazetteer);
      // A state whose government is a side does not also mediate ("Afghanistan" beside the Afghan government).
      const sideCountries = new Set(parties.map((p) => gazetteer.party(p)).filter((p) => p?.kind === 'government').map((p) => (p as { country?: string } | undefined)?.country));
      return { ...r, parties, mediators: r.mediators.filter((m) => !parties.includes(m) && !sideCountries.has(m)) };
    })
    // "Colombia and the Colombian government": one side is no round.
    .filter((r) => r.parties.length >= 2);
  // A demand's parties are its author and addressees: "Ethiopia demands that the TPLF …".
  const demandParties = (by: string, to: readonly string[]): { by: string; to: string[] } => {
    const side = sideNames([by, ...to], gazetteer);
    return { by: side(by), to: sortParties([...new Set(to.map(side))]) };
  };
  const demands = extraction.demands.map((d) => {
    const { by, to } = demandParties(d.by, d.addressedTo);
    return { ...d, by, addressedTo: to.filter((p) => p !== by) };
  });
  const responses = extraction.responses.map((r) => {
    const { by, to } = demandParties(r.by, r.to);
    const demand = r.demand ? { ...r.demand, by: demandParties(r.demand.by, [by, ...to]).by } : null;
    return { ...r, by, to: to.filter((p) => p !== by), demand };
  });
  return { rounds, demands, responses };
}

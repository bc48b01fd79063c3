// A group of states that negotiates as one side is named as the group wherever an article lists all
// its members: "Iran and Britain, China, France, Germany and Russia" are Iran and the P4+1, the
// same sides as an article that writes "the P4+1". Which groups exist and who belongs to them is
// data (formats.json, kind "group"); the largest group whose members are all listed wins.
import type { ExtractedRound } from './types.js';
import type { Gazetteer } from './gazetteer/gazetteer.js';
import { sortParties } from '../events/ids.js';

/** Groups of three or more members, largest first (ties by name, for a stable choice). */
function groupsOf(gazetteer: Gazetteer): { name: string; members: string[] }[] {
  return gazetteer.data.parties
    .filter((p) => p.kind === 'group' && (p.members?.length ?? 0) >= 3)
    .map((p) => ({ name: p.name, members: [...(p.members ?? [])] }))
    .sort((a, b) => b.members.length - a.members.length || a.name.localeCompare(b.name));
}

const cache = new WeakMap<Gazetteer, { name: string; members: string[] }[]>();

/** The sides with every fully listed group folded into its name (one group per member). */
export function groupSides(parties: readonly string[], gazetteer: Gazetteer): string[] {
  let groups = cache.get(gazetteer);
  if (!groups) {
    groups = groupsOf(gazetteer);
    cache.set(gazetteer, groups);
  }
  let out = [...parties];
  for (const g of groups) {
    if (out.includes(g.name) || !g.members.every((m) => out.includes(m))) continue;
    // A group meeting one of its own members is not the group as a side.
    const rest = out.filter((p) => !g.members.includes(p));
    if (rest.length === 0) continue;
    out = [...rest, g.name];
  }
  return sortParties(out);
}

export function withGroupSides(rounds: readonly ExtractedRound[], gazetteer: Gazetteer): ExtractedRound[] {
  return rounds.map((r) => {
    const parties = groupSides(r.parties, gazetteer);
    return parties.length === r.parties.length && parties.every((p, i) => p === r.parties[i]) ? r : { ...r, parties };
  });
}

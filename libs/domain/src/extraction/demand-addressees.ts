// A demand whose sentence names no one it is made of ("The rebels demand the payment of salaries")
// is made of the other side of the negotiation the article reports: the sides its rounds give
// the demanding party. Without such a round, or with several counterparts to choose from, it stays
// unaddressed (and so on no track).
import type { ExtractedDemand, ExtractedRound } from './types.js';

export function withRoundCounterparts(demands: readonly ExtractedDemand[], rounds: readonly ExtractedRound[]): ExtractedDemand[] {
  return demands.map((d) => {
    if (d.addressedTo.length > 0) return d;
    const counterparts = new Set(rounds.filter((r) => r.parties.includes(d.by)).flatMap((r) => r.parties.filter((p) => p !== d.by)));
    return counterparts.size === 1 ? { ...d, addressedTo: [...counterparts] } : d;
  });
}

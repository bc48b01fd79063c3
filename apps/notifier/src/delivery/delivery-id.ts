import { createHash } from 'node:crypto';

/** One delivery per subscription and change, with an id stable across replays and retries. */
export function deliveryIdOf(subscriptionId: string, changeId: string): string {
  return 'msg_' + createHash('sha256').update(`${subscriptionId}\u0000${changeId}`).digest('hex').slice(0, 32);
}

// Live changes: one Server-Sent Events stream (GET /events/stream) for the whole page. Each change
// is kept as "new" until the page is left, and pages reload their data when one arrives.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Change } from './api/client.ts';

// Every change type, checked against the API's list: a type added there must be added here.
const changeTypes = [
  'round.added',
  'round.status-changed',
  'round.rescheduled',
  'round.withdrawn',
  'demand.added',
  'demand.responded',
  'demand.withdrawn',
  'response.withdrawn',
  'track.status-changed',
] as const satisfies readonly Change['type'][];
// Fails to compile when the API has a change type missing above (it would never be received).
type Unlisted = Exclude<Change['type'], (typeof changeTypes)[number]>;
export const everyChangeTypeListed: [Unlisted] extends [never] ? true : never = true;

export type LiveState = 'connecting' | 'open' | 'closed' | 'off';

interface Live {
  /** Changes received since the page opened, newest first. */
  changes: Change[];
  state: LiveState;
  /** Increases with every change: pages reload when it moves. */
  version: number;
}

const LiveContext = createContext<Live>({ changes: [], state: 'off', version: 0 });

function isChange(value: unknown): value is Change {
  return typeof value === 'object' && value !== null && 'id' in value && 'trackId' in value && 'type' in value && 'summary' in value;
}

export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [changes, setChanges] = useState<Change[]>([]);
  const [state, setState] = useState<LiveState>(enabled ? 'connecting' : 'off');
  useEffect(() => {
    if (!enabled) {
      setState('off');
      return undefined;
    }
    const source = new EventSource('/events/stream');
    setState('connecting');
    source.onopen = () => {
      setState('open');
    };
    // EventSource reconnects by itself; CLOSED means it gave up (e.g. the stream answered an error).
    source.onerror = () => {
      setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    };
    const receive = (event: MessageEvent<string>) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!isChange(parsed)) return;
      const change = parsed;
      setChanges((known) => (known.some((c) => c.id === change.id) ? known : [change, ...known].slice(0, 200)));
    };
    for (const type of changeTypes) source.addEventListener(type, receive);
    return () => {
      source.close();
    };
  }, [enabled]);
  const value = useMemo(() => ({ changes, state, version: changes.length }), [changes, state]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  return useContext(LiveContext);
}

/** Ids of rounds, demands and responses (and tracks) that changed live: they are shown as new. */
export function changedIds(changes: readonly Change[]): Set<string> {
  const ids = new Set<string>();
  for (const change of changes) {
    ids.add(change.trackId);
    for (const key of ['roundId', 'demandId', 'responseId'] as const) {
      const value = (change as Record<string, unknown>)[key];
      if (typeof value === 'string') ids.add(value);
    }
  }
  return ids;
}

// Loading data for a page: the latest answer wins (a slow earlier answer never replaces a newer one).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type Problem } from './api/client.ts';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; problem: Problem } | { state: 'ready'; data: T };

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { result: Loaded<T>; reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    const ticket = ++latest.current;
    stableLoad().then(
      (data) => {
        if (ticket === latest.current) setResult({ state: 'ready', data });
      },
      (error: unknown) => {
        if (ticket !== latest.current) return;
        const problem = error instanceof ApiError ? error.problem : { status: 0, code: 'client-error', title: 'Something went wrong', detail: String(error) };
        setResult({ state: 'error', problem });
      },
    );
  }, [stableLoad, round]);
  const reload = useCallback(() => {
    setRound((n) => n + 1);
  }, []);
  return { result, reload };
}

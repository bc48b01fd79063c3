// The as-of day lives in the URL (?asOf=YYYY-MM-DD), so it survives reloads and can be shared.
import { useSearchParams } from 'react-router';
import { todayIso } from './format.ts';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export function useAsOf(): { asOf: string | undefined; today: string; link: (path: string) => string } {
  const [params] = useSearchParams();
  const value = params.get('asOf') ?? '';
  const asOf = dayPattern.test(value) ? value : undefined;
  return {
    asOf,
    // Countdowns and "days ago" read as they did on the as-of day.
    today: asOf ?? todayIso(),
    link: (path: string) => (asOf ? `${path}?asOf=${asOf}` : path),
  };
}

// What changed between two days: the tracks as known on each day (GET /talks?asOf=), and for each
// track reported on in between, the changes its timeline records in that window.
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Change, type TrackSummary } from '../api/client.ts';
import { useAsOf } from '../as-of.ts';
import { ProblemView } from '../components/ProblemView.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { dayToTime, formatInstant, plural } from '../format.ts';
import { useLoad } from '../load.ts';
import { trackStatusLook } from '../status.ts';

interface TrackDelta {
  track: TrackSummary;
  before: TrackSummary | undefined;
  changes: Change[];
}

/** The deltas with the days they were computed for (shown until a newer comparison arrives). */
interface Comparison {
  from: string;
  to: string;
  deltas: TrackDelta[];
}

async function changesBetween(from: string, to: string, latest: boolean): Promise<Comparison> {
  const [before, after] = await Promise.all([
    unwrap(api.GET('/talks', { params: { query: { asOf: from } } })),
    unwrap(api.GET('/talks', { params: { query: latest ? {} : { asOf: to } } })),
  ]);
  const since = dayToTime(from) + 86_400_000;
  const touched = after.filter((t) => Date.parse(t.updatedAt) >= since);
  const deltas = await Promise.all(
    touched.map(async (track) => {
      const timeline = await unwrap(api.GET('/talks/{id}/timeline', { params: { path: { id: track.id }, query: latest ? {} : { asOf: to } } }));
      return { track, before: before.find((b) => b.id === track.id), changes: timeline.filter((c) => Date.parse(c.occurredAt) >= since) };
    }),
  );
  return { from, to, deltas };
}

const isoDaysBefore = (day: string, days: number) => new Date(dayToTime(day) - days * 86_400_000).toISOString().slice(0, 10);

export function Changes() {
  const { asOf, today, link } = useAsOf();
  const [span, setSpan] = useState({ from: isoDaysBefore(today, 30), to: today });
  const { result } = useLoad(() => changesBetween(span.from, span.to, asOf === undefined && span.to === today), [span.from, span.to]);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = form.get('from');
    const to = form.get('to');
    if (typeof from === 'string' && typeof to === 'string' && from && to) setSpan(from <= to ? { from, to } : { from: to, to: from });
  };
  return (
    <>
      <h1 tabIndex={-1}>What changed</h1>
      <form className="filters" onSubmit={submit} aria-label="Choose the days to compare">
        <div className="field">
          <label htmlFor="changes-from">Since (after the end of)</label>
          <input id="changes-from" name="from" type="date" defaultValue={span.from} required />
        </div>
        <div className="field">
          <label htmlFor="changes-to">Up to</label>
          <input id="changes-to" name="to" type="date" defaultValue={span.to} required />
        </div>
        <div className="field">
          <button type="submit">Compare</button>
        </div>
      </form>
      {result.state === 'loading' ? <p aria-busy="true">Comparing…</p> : null}
      {result.state === 'error' ? <ProblemView problem={result.problem} /> : null}
      {result.state === 'ready' ? (
        <>
          <p aria-live="polite">
            {plural(result.data.deltas.length, 'negotiation')} reported on after {result.data.from} up to {result.data.to}.
          </p>
          <ul className="deltas">
            {result.data.deltas.map(({ track, before, changes }) => (
              <li key={track.id}>
                <h2>
                  <Link to={link(`/tracks/${encodeURIComponent(track.id)}`)}>{track.name}</Link>
                  {before ? null : <span className="new-badge">New track</span>}
                </h2>
                <p className="facts">
                  {before && before.status !== track.status ? (
                    <>
                      <StatusBadge look={trackStatusLook[before.status]} /> <span aria-label="became">→</span> <StatusBadge look={trackStatusLook[track.status]} />
                    </>
                  ) : (
                    <StatusBadge look={trackStatusLook[track.status]} />
                  )}
                  <span className="muted">
                    {' '}
                    · rounds {before?.roundCount ?? 0} → {track.roundCount} · open demands {before?.openDemandCount ?? 0} → {track.openDemandCount}
                  </span>
                </p>
                <ul className="changes">
                  {changes.map((c) => (
                    <li key={c.id}>
                      <time dateTime={c.occurredAt}>{formatInstant(c.occurredAt)}</time> {c.summary}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

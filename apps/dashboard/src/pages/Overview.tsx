// Every track at a glance: parties, status, last and next round with countdown, open demands and
// how fresh the reports are; searchable and filterable, in the URL.
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type TrackSummary } from '../api/client.ts';
import { useAsOf } from '../as-of.ts';
import { NewBadge, StatusBadge } from '../components/StatusBadge.tsx';
import { ProblemView } from '../components/ProblemView.tsx';
import { filterFromParams, matches, partiesOf, soonDays, type TrackFilter } from '../filters.ts';
import { ago, countdown, daysUntil, formatDate, plural } from '../format.ts';
import { changedIds, useLive } from '../live.tsx';
import { useLoad } from '../load.ts';
import { trackStatusLook, trackStatuses } from '../status.ts';

function RoundCell({ round, today, none, ahead }: { round: TrackSummary['lastRound']; today: string; none: string; ahead: boolean }) {
  if (!round) return <span className="muted">{none}</span>;
  const until = countdown(round.date, today);
  const days = daysUntil(round.date, today);
  // A round still ahead whose day has gone by: nothing reported since says whether it met.
  const overdue = ahead && days !== undefined && days < 0;
  return (
    <>
      <span className="round-date">{formatDate(round.date)}</span>
      {until ? <span className="countdown"> ({until})</span> : null}
      {overdue ? <span className="overdue">day passed, no report since</span> : null}
      {round.venue ? <span className="venue">{round.venue}</span> : null}
    </>
  );
}

function EmptyStore() {
  const origin = window.location.origin;
  return (
    <section className="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">No negotiations yet</h2>
      <p>Talkwatch shows a negotiation once an article about it has been read. Post your first article with the API key:</p>
      <pre>
        <code>{`curl -X POST ${origin}/articles \\
  -H "Authorization: Bearer $(cat data/api-key)" \\
  -H "Content-Type: application/json" \\
  -d '{"url": "https://example.org/talks", "title": "Talks resume",
       "publishedAt": "2026-03-02",
       "body": "Delegations of Norway and Iceland will meet in Oslo on 12 March."}'`}</code>
      </pre>
      <p>
        <code>npm start</code> loads the example articles on its first start unless told not to; the notifier run on its own reads
        what the ingestor (port 3001) publishes. The API is described at <a href="/docs">/docs</a>.
      </p>
    </section>
  );
}

function Filters({ filter, parties, onChange }: { filter: TrackFilter; parties: string[]; onChange: (next: TrackFilter) => void }) {
  return (
    <form className="filters" role="search" aria-label="Search and filter negotiations" onSubmit={(e) => {
      e.preventDefault();
    }}>
      <div className="field">
        <label htmlFor="filter-text">Search</label>
        <input
          id="filter-text"
          type="search"
          value={filter.text}
          placeholder="party, venue, forum…"
          onChange={(e) => {
            onChange({ ...filter, text: e.target.value });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-party">Party</label>
        <select
          id="filter-party"
          value={filter.party}
          onChange={(e) => {
            onChange({ ...filter, party: e.target.value });
          }}
        >
          <option value="">Any party</option>
          {parties.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select
          id="filter-status"
          value={filter.status}
          onChange={(e) => {
            onChange({ ...filter, status: e.target.value as TrackFilter['status'] });
          }}
        >
          <option value="">Any status</option>
          {trackStatuses.map((s) => (
            <option key={s} value={s}>
              {trackStatusLook[s].label}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-check">
        <input
          id="filter-soon"
          type="checkbox"
          checked={filter.soon}
          onChange={(e) => {
            onChange({ ...filter, soon: e.target.checked });
          }}
        />
        <label htmlFor="filter-soon">Round in the next {soonDays} days</label>
      </div>
    </form>
  );
}

export function Overview() {
  const { asOf, today, link } = useAsOf();
  const [params, setParams] = useSearchParams();
  const live = useLive();
  const { result, reload } = useLoad(() => unwrap(api.GET('/talks', { params: { query: asOf ? { asOf } : {} } })), [asOf]);
  useEffect(() => {
    if (live.version > 0) reload();
  }, [live.version, reload]);
  const filter = filterFromParams(params);
  const setFilter = (next: TrackFilter) => {
    const query = new URLSearchParams(params);
    const set = (key: string, value: string) => {
      if (value) query.set(key, value);
      else query.delete(key);
    };
    set('q', next.text);
    set('party', next.party);
    set('status', next.status);
    set('soon', next.soon ? '1' : '');
    setParams(query, { replace: true });
  };
  const fresh = useMemo(() => changedIds(live.changes), [live.changes]);
  const tracks = result.state === 'ready' ? result.data : [];
  const shown = tracks.filter((t) => matches(t, filter, today));
  return (
    <>
      <h1 tabIndex={-1}>Negotiations</h1>
      {result.state === 'loading' ? <p aria-busy="true">Loading the negotiations…</p> : null}
      {result.state === 'error' ? <ProblemView problem={result.problem} /> : null}
      {result.state === 'ready' && tracks.length === 0 ? (
        asOf ? (
          <p>Nothing had been reported by {asOf}.</p>
        ) : (
          <EmptyStore />
        )
      ) : null}
      {tracks.length > 0 ? (
        <>
          <Filters filter={filter} parties={partiesOf(tracks)} onChange={setFilter} />
          <p className="count" aria-live="polite">
            Showing {shown.length} of {plural(tracks.length, 'negotiation')}
          </p>
          {shown.length === 0 ? <p>No negotiation matches these filters.</p> : null}
          <table className="tracks">
            <caption className="visually-hidden">Negotiation tracks, most recently reported first</caption>
            <thead>
              <tr>
                <th scope="col">Negotiation</th>
                <th scope="col">Status</th>
                <th scope="col">Last round</th>
                <th scope="col">Next round</th>
                <th scope="col">Open demands</th>
                <th scope="col">Reports</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((track) => (
                <tr key={track.id} className={fresh.has(track.id) ? 'is-new' : undefined} data-track-id={track.id}>
                  <th scope="row">
                    <Link to={link(`/tracks/${encodeURIComponent(track.id)}`)}>{track.name}</Link>
                    {fresh.has(track.id) ? <NewBadge /> : null}
                    <span className="parties">{track.parties.join(', ')}</span>
                    {track.mediators.length > 0 ? <span className="mediators">Mediated by {track.mediators.join(', ')}</span> : null}
                    {track.forum ? <span className="forum">{track.forum}</span> : null}
                  </th>
                  <td data-label="Status">
                    <StatusBadge look={trackStatusLook[track.status]} />
                  </td>
                  <td data-label="Last round">
                    <RoundCell round={track.lastRound} today={today} none="none met yet" ahead={false} />
                  </td>
                  <td data-label="Next round">
                    <RoundCell round={track.nextRound} today={today} none="none announced" ahead />
                  </td>
                  <td data-label="Open demands">{track.openDemandCount}</td>
                  <td data-label="Reports">
                    <span>last {ago(track.updatedAt, today)}</span>
                    <span className="muted"> · {plural(track.sourceCount, 'source')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}

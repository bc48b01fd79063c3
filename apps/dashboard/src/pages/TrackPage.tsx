// One track: its rounds on a time line and in a list, its demands by party with their answers;
// every fact opens the articles it came from, and where reports disagree the page says so.
import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Demand, type DemandResponse, type Round, type TrackDetail } from '../api/client.ts';
import { useAsOf } from '../as-of.ts';
import { ProblemView } from '../components/ProblemView.tsx';
import { Sources } from '../components/Sources.tsx';
import { NewBadge, StatusBadge } from '../components/StatusBadge.tsx';
import { statusPath, Timeline } from '../components/Timeline.tsx';
import { countdown, formatDate, formatInstant, plural } from '../format.ts';
import { changedIds, useLive } from '../live.tsx';
import { useLoad } from '../load.ts';
import { demandStatusLook, roundStatusLook, trackStatusLook } from '../status.ts';

/** What the reports of a round disagree on: more than one date, or more than one venue. */
export function disagreements(round: Round): string[] {
  const notes: string[] = [];
  const dates = new Map<string, number>();
  const venues = new Map<string, number>();
  for (const report of round.reports) {
    if (report.date?.start) dates.set(formatDate(report.date), (dates.get(formatDate(report.date)) ?? 0) + 1);
    if (report.venue) venues.set(report.venue, (venues.get(report.venue) ?? 0) + 1);
  }
  const describe = (counts: Map<string, number>) => [...counts].map(([value, n]) => `${value} (${plural(n, 'report')})`).join(', ');
  if (dates.size > 1) notes.push(`Reports give ${String(dates.size)} dates: ${describe(dates)}.`);
  if (venues.size > 1) notes.push(`Reports name ${String(venues.size)} venues: ${describe(venues)}.`);
  return notes;
}

function RoundItem({ round, index, today, fresh }: { round: Round; index: number; today: string; fresh: Set<string> }) {
  const look = roundStatusLook[round.status];
  const notes = disagreements(round);
  const until = countdown(round.date, today);
  return (
    <li className={`round${fresh.has(round.id) ? ' is-new' : ''}`} data-round-id={round.id}>
      <h3>
        {round.ordinal ? `Round ${String(round.ordinal)}` : `Meeting ${String(index + 1)}`}: {formatDate(round.date)}
        {round.venue ? `, ${round.venue}` : ''}
        {fresh.has(round.id) ? <NewBadge /> : null}
      </h3>
      <p className="facts">
        <StatusBadge look={look} prefix="Status:" />
        {until ? <span> · {until}</span> : null}
        <span className="muted"> · reported {statusPath(round)}</span>
        {round.mediators.length > 0 ? <span> · mediated by {round.mediators.join(', ')}</span> : null}
        {round.outcome ? <span> · outcome: {round.outcome}</span> : null}
        {round.confidence !== null ? <span className="muted"> · confidence {round.confidence.toFixed(2)}</span> : null}
      </p>
      {notes.length > 0 ? (
        <div className="disagreement" role="note">
          <strong>
            <span aria-hidden="true">⚠ </span>Sources disagree.
          </strong>{' '}
          {notes.join(' ')} Shown: the reading of the most recent and most precise reports.
        </div>
      ) : null}
      <Sources sources={round.sources} reports={round.reports} terms={[round.date?.text, round.venue, ...round.reports.map((r) => r.date?.text), ...round.reports.map((r) => r.venue)]} />
    </li>
  );
}

function ResponseItem({ response }: { response: DemandResponse }) {
  return (
    <li className="response">
      <p>
        <strong>{response.by}</strong> {response.kind === 'counter-proposal' ? 'countered' : response.kind}: “{response.text}”
      </p>
      <Sources sources={response.sources} terms={[response.text, response.by]} />
    </li>
  );
}

function DemandItem({ demand, responses, fresh }: { demand: Demand; responses: DemandResponse[]; fresh: Set<string> }) {
  return (
    <li className={`demand${fresh.has(demand.id) ? ' is-new' : ''}`}>
      <p className="demand-text">
        “{demand.text}”{demand.addressedTo.length > 0 ? <span className="muted"> (of {demand.addressedTo.join(', ')})</span> : null}
        {fresh.has(demand.id) ? <NewBadge /> : null}
      </p>
      <p className="facts">
        <StatusBadge look={demandStatusLook[demand.status]} prefix="Status:" />
        {demand.category ? <span> · {demand.category}</span> : null}
        <span className="muted"> · first reported {formatInstant(demand.firstReportedAt)}</span>
      </p>
      {demand.wordings.length > 1 ? (
        <details className="wordings">
          <summary>{plural(demand.wordings.length, 'wording')} across outlets</summary>
          <ul>
            {demand.wordings.map((w) => (
              <li key={w}>“{w}”</li>
            ))}
          </ul>
        </details>
      ) : null}
      <Sources sources={demand.sources} terms={[...demand.wordings, demand.by]} />
      {responses.length > 0 ? (
        <>
          <h4>Responses</h4>
          <ul className="responses">
            {responses.map((r) => (
              <ResponseItem key={r.id} response={r} />
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No response reported.</p>
      )}
    </li>
  );
}

function Demands({ track, fresh }: { track: TrackDetail; fresh: Set<string> }) {
  const byParty = new Map<string, Demand[]>();
  for (const demand of track.demands) byParty.set(demand.by, [...(byParty.get(demand.by) ?? []), demand]);
  const linked = new Set(track.demands.map((d) => d.id));
  const unlinked = track.responses.filter((r) => r.demandId === null || !linked.has(r.demandId));
  return (
    <section aria-labelledby="demands-title">
      <h2 id="demands-title">Demands</h2>
      {track.demands.length === 0 ? <p className="muted">No demand reported.</p> : null}
      {[...byParty].map(([party, demands]) => (
        <section key={party} className="party" aria-label={`Demands by ${party}`}>
          <h3>
            {party} <span className="muted">({plural(demands.length, 'demand')})</span>
          </h3>
          <ul className="demands">
            {demands.map((d) => (
              <DemandItem key={d.id} demand={d} responses={track.responses.filter((r) => r.demandId === d.id)} fresh={fresh} />
            ))}
          </ul>
        </section>
      ))}
      {unlinked.length > 0 ? (
        <section aria-labelledby="other-responses">
          <h3 id="other-responses">Other responses</h3>
          <ul className="responses">
            {unlinked.map((r) => (
              <ResponseItem key={r.id} response={r} />
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

export function TrackPage() {
  const { id = '' } = useParams();
  const { asOf, today, link } = useAsOf();
  const live = useLive();
  const { result, reload } = useLoad(() => unwrap(api.GET('/talks/{id}', { params: { path: { id }, query: asOf ? { asOf } : {} } })), [id, asOf]);
  const own = useMemo(() => live.changes.filter((c) => c.trackId === id), [live.changes, id]);
  useEffect(() => {
    if (own.length > 0) reload();
  }, [own.length, reload]);
  const fresh = useMemo(() => changedIds(own), [own]);
  useEffect(() => {
    if (result.state === 'ready') document.title = `${result.data.name} · Talkwatch`;
    return () => {
      document.title = 'Talkwatch';
    };
  }, [result]);
  if (result.state === 'loading') return <p aria-busy="true">Loading the negotiation…</p>;
  if (result.state === 'error') {
    return (
      <>
        <h1 tabIndex={-1}>Negotiation not available</h1>
        <ProblemView problem={result.problem} />
        <p>
          <Link to={link('/')}>Back to every negotiation</Link>
        </p>
      </>
    );
  }
  const track = result.data;
  const rounds = [...track.rounds].sort((a, b) => (a.date?.start ?? '9999').localeCompare(b.date?.start ?? '9999'));
  return (
    <article className="track">
      <p className="breadcrumb">
        <Link to={link('/')}>Negotiations</Link> <span aria-hidden="true">›</span>
      </p>
      <h1 tabIndex={-1}>{track.name}</h1>
      <p className="facts">
        <StatusBadge look={trackStatusLook[track.status]} prefix="Status:" />
        <span> · sides: {track.parties.join(', ')}</span>
        {track.mediators.length > 0 ? <span> · mediators: {track.mediators.join(', ')}</span> : null}
        {track.forum ? <span> · forum: {track.forum}</span> : null}
        <span className="muted"> · last report {formatInstant(track.updatedAt)}</span>
      </p>
      <section aria-labelledby="rounds-title">
        <h2 id="rounds-title">Rounds</h2>
        <Timeline rounds={rounds} today={today} trackName={track.name} />
        {rounds.length === 0 ? <p className="muted">No round reported.</p> : null}
        <ol className="rounds">
          {rounds.map((round, index) => (
            <RoundItem key={round.id} round={round} index={index} today={today} fresh={fresh} />
          ))}
        </ol>
      </section>
      <Demands track={track} fresh={fresh} />
    </article>
  );
}

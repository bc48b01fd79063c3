// A picture of a track's rounds over time: one lane per round, its resolved date as a large mark
// shaped by status, each report's date as a small one, and an arrow where a later report moved the
// date (a postponement reads as a move to the right). The round list below says the same in text.
import type { Round } from '../api/client.ts';
import { dayKey, dayToTime, formatDate } from '../format.ts';
import { roundStatusLook } from '../status.ts';

const width = 760;
const left = 12;
const right = 12;
const laneHeight = 46;
const top = 8;
const axisHeight = 28;

function roundLabel(round: Round, index: number): string {
  return round.ordinal ? `Round ${round.ordinal}` : `Meeting ${index + 1}`;
}

/** The statuses the reports gave, in the order they were reported, repeats dropped. */
export function statusPath(round: Round): string {
  const path: string[] = [];
  for (const report of round.reports) if (path.at(-1) !== report.status) path.push(report.status);
  if (path.at(-1) !== round.status) path.push(round.status);
  return path.join(' → ');
}

function Mark({ x, y, round }: { x: number; y: number; round: Round }) {
  const status = round.status;
  switch (status) {
    case 'held':
    case 'concluded':
      return <circle cx={x} cy={y} r={7} className="mark mark-met" />;
    case 'scheduled':
      return <rect x={x - 6} y={y - 6} width={12} height={12} transform={`rotate(45 ${x} ${y})`} className="mark mark-planned" />;
    case 'announced':
      return <rect x={x - 6} y={y - 6} width={12} height={12} transform={`rotate(45 ${x} ${y})`} className="mark mark-announced" />;
    case 'postponed':
    case 'cancelled':
      return <path d={`M${x - 6} ${y - 6} L${x + 6} ${y + 6} M${x + 6} ${y - 6} L${x - 6} ${y + 6}`} className="mark mark-off" />;
    default: {
      const never: never = status;
      return <title>{String(never)}</title>;
    }
  }
}

export function Timeline({ rounds, today, trackName }: { rounds: readonly Round[]; today: string; trackName: string }) {
  const placed = rounds
    .map((round) => ({ round, day: dayKey(round.date) }))
    .sort((a, b) => (a.day ?? '9999').localeCompare(b.day ?? '9999'));
  const days = placed.flatMap(({ round, day }) => [day, ...round.reports.map((r) => dayKey(r.date))]).filter((d): d is string => d !== undefined);
  if (days.length === 0) return <p className="muted">No round of this track has a date yet, so there is nothing to place on a time line.</p>;
  const times = [...days, today].map(dayToTime);
  const pad = 10 * 86_400_000;
  const min = Math.min(...times) - pad;
  const max = Math.max(...times) + pad;
  const x = (day: string) => left + ((dayToTime(day) - min) / (max - min)) * (width - left - right);
  const height = top + placed.length * laneHeight + axisHeight;
  const ticks: string[] = [];
  const first = new Date(min);
  for (let t = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1); t <= max; ) {
    ticks.push(new Date(t).toISOString().slice(0, 10));
    const d = new Date(t);
    t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  const every = Math.max(1, Math.ceil(ticks.length / 8));
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return (
    <figure className="timeline">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="timeline-title timeline-desc">
        <title id="timeline-title">{`Rounds of ${trackName} over time`}</title>
        <desc id="timeline-desc">
          {placed.map(({ round }, i) => `${roundLabel(round, i)}: ${statusPath(round)}, ${formatDate(round.date)}.`).join(' ')}
        </desc>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0 L10 5 L0 10 z" className="arrow-head" />
          </marker>
        </defs>
        {ticks.map((tick, i) =>
          i % every === 0 ? (
            <g key={tick}>
              <line x1={x(tick)} x2={x(tick)} y1={top} y2={height - axisHeight + 4} className="tick" />
              <text x={x(tick)} y={height - 8} textAnchor="middle" className="tick-label">
                {monthName.format(dayToTime(tick))}
              </text>
            </g>
          ) : null,
        )}
        <line x1={x(today)} x2={x(today)} y1={top} y2={height - axisHeight + 4} className="today" />
        <text x={x(today) + 4} y={top + 10} className="today-label">
          today
        </text>
        {placed.map(({ round, day }, i) => {
          const y = top + i * laneHeight + 30;
          const reported = round.reports.map((r) => dayKey(r.date)).filter((d): d is string => d !== undefined);
          const moves = reported.flatMap((d, j) => (j > 0 && reported[j - 1] !== d ? [[reported[j - 1] ?? d, d] as const] : []));
          const look = roundStatusLook[round.status];
          return (
            <g key={round.id} className="lane">
              <line x1={left} x2={width - right} y1={y} y2={y} className="lane-line" />
              <text x={left} y={y - 13} className="lane-label">
                {`${roundLabel(round, i)} · ${look.label} · ${formatDate(round.date)}${round.venue ? ` · ${round.venue}` : ''}`}
              </text>
              {[...new Set(reported)].map((d) => (
                <circle key={d} cx={x(d)} cy={y} r={3.5} className="report-mark" />
              ))}
              {moves.map(([from, to]) => (
                <path key={`${from}-${to}`} d={`M${x(from)} ${y} Q${(x(from) + x(to)) / 2} ${y - 16} ${x(to)} ${y}`} className="move" markerEnd="url(#arrow)" />
              ))}
              {day ? <Mark x={x(day)} y={y} round={round} /> : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        Large marks: where each round stands (● met, ◆ scheduled, ◇ announced, ✕ postponed or cancelled); small dots: the dates
        reports gave; arrows: a later report moving the date.
      </figcaption>
    </figure>
  );
}

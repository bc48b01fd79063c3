// The read side: track status as the projector left it in the database, or, with asOf, as it
// stood on a past date: a fold of the events reported up to then (kept in applied_events).
import { Inject, Injectable } from '@nestjs/common';
import { foldTrack, parseTalkEvent, type TalkEvent, type TrackChange, type TrackState } from '@talkwatch/domain';
import { calendarDateProblem, defaultYearRange, ProblemError, type PrismaClient, type YearRange } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';
import { type TrackDetail, type TrackSummary, detail, summarize } from './talk-views.js';

export type { TrackDetail, TrackSummary } from './talk-views.js';

/**
 * `YYYY-MM-DD` → the first instant after that day (UTC): facts reported that day count. A day of
 * the calendar in `years` (400 invalid-as-of otherwise); a repeated parameter is invalid too.
 */
export function parseAsOf(asOf: unknown, years: YearRange = defaultYearRange): Date | undefined {
  if (asOf === undefined || asOf === '') return undefined;
  const text = typeof asOf === 'string' ? asOf : undefined;
  const problem = text === undefined ? 'must be given once' : /^\d{4}-\d{2}-\d{2}$/.test(text) ? calendarDateProblem(text, years) : 'must be YYYY-MM-DD';
  if (text === undefined || problem !== undefined) {
    const shown = JSON.stringify(text ?? asOf).slice(0, 40);
    throw new ProblemError(400, 'invalid-as-of', 'asOf must be a date', `asOf ${problem ?? ''}; got ${shown}.`);
  }
  return new Date(new Date(`${text}T00:00:00Z`).getTime() + 86_400_000);
}

/** A track all of whose facts were retracted is not listed (it stays readable by id, empty). */
const hasFacts = (state: TrackState): boolean => state.rounds.length + state.demands.length + state.responses.length > 0;

@Injectable()
export class TalksQuery {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async list(asOf?: Date): Promise<TrackSummary[]> {
    if (asOf) {
      const byTrack = await this.eventsUntil(asOf);
      return [...byTrack.values()]
        .map((events) => foldTrack(events).state)
        .filter(hasFacts)
        .map(summarize)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
    }
    const rows = await this.prisma.track.findMany({ orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }] });
    return rows.map((row) => row.state as unknown as TrackState).filter(hasFacts).map(summarize);
  }

  async get(id: string, asOf?: Date): Promise<TrackDetail> {
    if (asOf) {
      const events = (await this.eventsUntil(asOf, id)).get(id);
      if (!events) throw notFound(id, asOf);
      return detail(foldTrack(events).state);
    }
    const row = await this.prisma.track.findUnique({ where: { id } });
    if (!row) throw notFound(id);
    // The state column holds exactly what evolve returned.
    return detail(row.state as unknown as TrackState);
  }

  async timeline(id: string, asOf?: Date): Promise<TrackChange[]> {
    if (asOf) {
      const events = (await this.eventsUntil(asOf, id)).get(id);
      if (!events) throw notFound(id, asOf);
      return foldTrack(events).changes.reverse();
    }
    await this.get(id);
    const changes = await this.prisma.change.findMany({ where: { trackId: id }, orderBy: [{ occurredAt: 'desc' }, { recordedAt: 'desc' }] });
    return changes.map((c) => c.payload as unknown as TrackChange);
  }

  /** Events reported before `until`, per track, in the order they were projected. */
  private async eventsUntil(until: Date, trackId?: string): Promise<Map<string, TalkEvent[]>> {
    const rows = await this.prisma.appliedEvent.findMany({
      where: { occurredAt: { lt: until }, ...(trackId ? { trackId } : {}) },
      orderBy: [{ appliedAt: 'asc' }, { eventId: 'asc' }],
    });
    const byTrack = new Map<string, TalkEvent[]>();
    for (const row of rows) {
      const events = byTrack.get(row.trackId) ?? [];
      events.push(parseTalkEvent(row.event));
      byTrack.set(row.trackId, events);
    }
    return byTrack;
  }
}

function notFound(id: string, asOf?: Date): ProblemError {
  const when = asOf ? ` as of ${new Date(asOf.getTime() - 86_400_000).toISOString().slice(0, 10)}` : '';
  return new ProblemError(404, 'track-not-found', 'No such negotiation track', `No track with id ${id}${when}; GET /talks lists them.`);
}

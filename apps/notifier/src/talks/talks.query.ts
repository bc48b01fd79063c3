// The read side: track status as the projector left it in the database, or, with asOf, as it
// stood on a past date: a fold of the events reported up to then (kept in applied_events).
// An as-of fold runs in slices that yield to the event loop, so a long track does not stall
// every other request, and only a few run at once (503 as-of-busy beyond).
import { Buffer } from 'node:buffer';
import { Inject, Injectable } from '@nestjs/common';
import { foldTrack, parseTalkEvent, type Evolution, type TalkEvent, type TrackChange, type TrackState } from '@talkwatch/domain';
import { calendarDateProblem, defaultYearRange, ProblemError, type PrismaClient, type YearRange } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';
import { SyndicationsRepository } from './syndications.repository.js';
import { type TrackDetail, type TrackSummary, detail, sourceArticleIds, summarize } from './talk-views.js';

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

/** How many tracks one page of GET /talks holds by default, and at most. */
export const defaultPageSize = 100;
export const maxPageSize = 500;

export interface PageRequest {
  readonly limit: number;
  /** Where the previous page ended (opaque to clients); undefined: the first page. */
  readonly after: { readonly updatedAt: Date; readonly id: string } | undefined;
  readonly party: string | undefined;
  readonly status: string | undefined;
}

export interface Page<T> {
  readonly items: T[];
  /** The cursor of the next page; undefined on the last one. */
  readonly nextCursor: string | undefined;
}

const trackStatuses = ['proposed', 'active', 'paused', 'concluded', 'collapsed'];

function badQuery(code: string, title: string, detail: string): ProblemError {
  return new ProblemError(400, code, title, detail);
}

const once = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badQuery(`invalid-${name}`, `${name} must be given once`, `${name} must be given once.`);
  return value;
};

export function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt.toISOString(), id])).toString('base64url');
}

/** limit (1..maxPageSize), cursor (from a previous page's Link), party, status → a page request; 400 with a code otherwise. */
export function parsePage(query: { limit?: unknown; cursor?: unknown; party?: unknown; status?: unknown }): PageRequest {
  const limitText = once(query.limit, 'limit');
  const limit = limitText === undefined ? defaultPageSize : /^\d{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!(limit >= 1 && limit <= maxPageSize)) throw badQuery('invalid-limit', 'limit must be a number of tracks', `limit must be a whole number from 1 to ${maxPageSize}.`);
  const cursorText = once(query.cursor, 'cursor');
  let after: PageRequest['after'];
  if (cursorText !== undefined) {
    const invalid = badQuery('invalid-cursor', 'The cursor is not one this API gave', 'Pass the cursor of the previous page\'s Link rel="next" as it is.');
    if (cursorText.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursorText)) throw invalid;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(cursorText, 'base64url').toString('utf8'));
    } catch {
      throw invalid;
    }
    const [at, id] = Array.isArray(decoded) ? (decoded as unknown[]) : [];
    const updatedAt = typeof at === 'string' ? new Date(at) : undefined;
    if (!updatedAt || Number.isNaN(updatedAt.getTime()) || typeof id !== 'string' || id.length === 0 || id.length > 200 || id.includes('\u0000')) throw invalid;
    after = { updatedAt, id };
  }
  const party = once(query.party, 'party');
  if (party !== undefined && (party.length > 200 || party.includes('\u0000'))) throw badQuery('invalid-party', 'party is not a party name', 'party must be a party name of at most 200 characters.');
  const status = once(query.status, 'status');
  if (status !== undefined && !trackStatuses.includes(status)) throw badQuery('invalid-status', 'status is not a track status', `status must be one of ${trackStatuses.join(', ')}.`);
  return { limit, after, party, status };
}

/** As-of answers folding at once; events folded between two yields to the event loop. */
const maxConcurrentAsOf = 2;
const foldSlice = 100;

/** Folds one track's events like foldTrack, yielding to the event loop between slices. */
export async function foldYielding(events: readonly TalkEvent[]): Promise<Evolution> {
  let state: TrackState | undefined;
  const changes: TrackChange[] = [];
  for (let i = 0; i < events.length; i += foldSlice) {
    const evolution = foldTrack(events.slice(i, i + foldSlice), state);
    state = evolution.state;
    changes.push(...evolution.changes);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!state) throw new Error('foldYielding needs at least one event');
  return { state, changes };
}

/** A track all of whose facts were retracted is not listed (it stays readable by id, empty). */
const hasFacts = (state: TrackState): boolean => state.rounds.length + state.demands.length + state.responses.length > 0;

@Injectable()
export class TalksQuery {
  private asOfRunning = 0;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly syndications: SyndicationsRepository,
  ) {}

  /** Runs an as-of answer if a slot is free; 503 as-of-busy otherwise. */
  private async asOfSlot<T>(answer: () => Promise<T>): Promise<T> {
    if (this.asOfRunning >= maxConcurrentAsOf) {
      throw new ProblemError(503, 'as-of-busy', 'Too many as-of answers are being worked out', 'Try again in a moment, or ask without asOf.', undefined, { 'Retry-After': '1' });
    }
    this.asOfRunning += 1;
    try {
      return await answer();
    } finally {
      this.asOfRunning -= 1;
    }
  }

  /** A page of tracks, most recently updated first (live), or every track as of a date. */
  async list(page: PageRequest, asOf?: Date): Promise<Page<TrackSummary>> {
    if (asOf) {
      const states = await this.asOfSlot(async () => {
        const out: TrackState[] = [];
        for (const events of (await this.eventsUntil(asOf)).values()) out.push((await foldYielding(events)).state);
        return out;
      });
      const listed = states.filter(hasFacts);
      const copiesOf = await this.syndications.copiesOf(sourceArticleIds(listed, 'last-and-next'));
      const items = listed
        .map((state) => summarize(state, copiesOf))
        .filter((t) => (page.party === undefined || t.parties.includes(page.party)) && (page.status === undefined || t.status === page.status))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
      return { items, nextCursor: undefined };
    }
    // Keyset paging: the cursor is the (updatedAt, id) of the last row of the previous page.
    const rows = await this.prisma.track.findMany({
      where: {
        ...(page.party !== undefined ? { parties: { has: page.party } } : {}),
        ...(page.status !== undefined ? { status: page.status } : {}),
        ...(page.after ? { OR: [{ updatedAt: { lt: page.after.updatedAt } }, { updatedAt: page.after.updatedAt, id: { gt: page.after.id } }] } : {}),
      },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      take: page.limit + 1,
    });
    const shown = rows.slice(0, page.limit);
    const last = shown.at(-1);
    const states = shown.map((row) => row.state as unknown as TrackState).filter(hasFacts);
    const copiesOf = await this.syndications.copiesOf(sourceArticleIds(states, 'last-and-next'));
    return {
      items: states.map((state) => summarize(state, copiesOf)),
      nextCursor: rows.length > page.limit && last ? encodeCursor(last.updatedAt, last.id) : undefined,
    };
  }

  async get(id: string, asOf?: Date): Promise<TrackDetail> {
    if (asOf) {
      const events = (await this.eventsUntil(asOf, id)).get(id);
      if (!events) throw notFound(id, asOf);
      const { state } = await this.asOfSlot(() => foldYielding(events));
      return detail(state, await this.syndications.copiesOf(sourceArticleIds([state], 'all')));
    }
    const row = await this.prisma.track.findUnique({ where: { id } });
    if (!row) throw notFound(id);
    // The state column holds exactly what evolve returned.
    const state = row.state as unknown as TrackState;
    return detail(state, await this.syndications.copiesOf(sourceArticleIds([state], 'all')));
  }

  async timeline(id: string, asOf?: Date): Promise<TrackChange[]> {
    if (asOf) {
      const events = (await this.eventsUntil(asOf, id)).get(id);
      if (!events) throw notFound(id, asOf);
      return (await this.asOfSlot(() => foldYielding(events))).changes.reverse();
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

// The read side: track status as the projector left it in Postgres.
import { Inject, Injectable } from '@nestjs/common';
import type { RoundState, TrackState } from '@talkwatch/domain';
import { ProblemError, type PrismaClient } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';

export interface TrackSummary {
  id: string;
  name: string;
  parties: string[];
  forum: string | null;
  status: string;
  lastRound: RoundState | null;
  nextRound: RoundState | null;
  roundCount: number;
  openDemandCount: number;
  updatedAt: string;
}

const upcoming = new Set(['announced', 'scheduled', 'postponed']);
const past = new Set(['held', 'concluded']);

@Injectable()
export class TalksQuery {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async list(): Promise<TrackSummary[]> {
    const rows = await this.prisma.track.findMany({ orderBy: { updatedAt: 'desc' } });
    return rows.map((row) => summarize(row.state as unknown as TrackState));
  }

  async get(id: string): Promise<TrackState & { responses: unknown[] }> {
    const row = await this.prisma.track.findUnique({ where: { id } });
    if (!row) throw new ProblemError(404, 'track-not-found', 'No such negotiation track', `No track with id ${id}; GET /talks lists them.`);
    return { ...(row.state as unknown as TrackState), responses: [] };
  }

  async timeline(id: string): Promise<unknown[]> {
    await this.get(id);
    const changes = await this.prisma.change.findMany({ where: { trackId: id }, orderBy: [{ occurredAt: 'desc' }, { recordedAt: 'desc' }] });
    return changes.map((c) => c.payload);
  }
}

function dateKey(round: RoundState): string {
  return round.date?.start ?? '9999';
}

export function summarize(state: TrackState): TrackSummary {
  const byDate = [...state.rounds].sort((a, b) => dateKey(a).localeCompare(dateKey(b)));
  const lastRound = byDate.filter((r) => past.has(r.status)).at(-1) ?? null;
  const nextRound = byDate.find((r) => upcoming.has(r.status)) ?? null;
  return {
    id: state.id,
    name: state.name,
    parties: [...state.parties],
    forum: state.forum,
    status: state.status,
    lastRound,
    nextRound,
    roundCount: state.rounds.length,
    // Every demand is open until responses are tracked.
    openDemandCount: state.demands.length,
    updatedAt: state.updatedAt,
  };
}

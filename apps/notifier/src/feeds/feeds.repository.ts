// Every Prisma call of the public feeds: the projected tracks and the changes recorded for them.
import { Inject, Injectable } from '@nestjs/common';
import type { TrackChange, TrackState } from '@talkwatch/domain';
import type { PrismaClient } from '@talkwatch/infra';
import { PRISMA } from '../tokens.js';

/** A change as the feed shows it: what the projector reported, and when Talkwatch recorded it. */
export interface RecordedChange {
  readonly change: TrackChange;
  readonly recordedAt: Date;
}

@Injectable()
export class FeedsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The newest changes first (by when they were recorded), of one track or of all. */
  async latestChanges(limit: number, trackId?: string): Promise<RecordedChange[]> {
    const rows = await this.prisma.change.findMany({
      where: trackId ? { trackId } : {},
      orderBy: [{ recordedAt: 'desc' }, { id: 'asc' }],
      take: limit,
    });
    // The payload column holds exactly the change the projector reported.
    return rows.map((row) => ({ change: row.payload as unknown as TrackChange, recordedAt: row.recordedAt }));
  }

  /** Every track's projected state, or one track's (empty when there is no such track). */
  async trackStates(trackId?: string): Promise<TrackState[]> {
    const rows = await this.prisma.track.findMany({ where: trackId ? { id: trackId } : {}, orderBy: { id: 'asc' } });
    return rows.map((row) => row.state as unknown as TrackState);
  }

  async trackName(trackId: string): Promise<string | undefined> {
    const row = await this.prisma.track.findUnique({ where: { id: trackId }, select: { name: true } });
    return row?.name;
  }
}

// Folds logged events into the read model, a batch of records per transaction: the tracks' new
// states, the changes they caused, the alerts decided from them, and the consumer positions, all
// committed together. A redelivered record (offset below the stored position) or a re-published
// event (same id) changes nothing, so replays and retries never alert twice; a batch that fails
// leaves nothing behind and is read again from its first record.
//
// A record that is no event this notifier can fold (not JSON, an unknown type, a schema violation,
// text or a date PostgreSQL cannot store, an event the projector refuses) is not applied and is
// answered as rejected, so the log adapter dead-letters it and the partition goes on. It is
// rejected again whenever it is read again, even below the stored position: a crash between this
// transaction and the dead-letter append must not lose it.
//
// Per batch, not per event: one read of the positions, of the applied-event ids, of the touched
// tracks and of the subscriptions; one write per touched track; one insert each of applied events,
// changes and deliveries.
//
// Snapshots for as-of answers (track_snapshots): every SNAPSHOT_EVERY versions a track's state is
// kept as of just after its latest event, so that "what was known on a day" folds only the events
// after the snapshot before that day. The state depends on the set of events, not their order, so
// an event that arrives after a snapshot but occurred before it is folded into that snapshot too
// (a read that the track row's snapshot_until spares while news arrives in order).
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  evolve,
  foldTrack,
  parseTalkEvent,
  type TalkEvent,
  type TrackChange,
  type TrackState,
} from '@talkwatch/domain';
import type { LoggedRecord, Prisma, PrismaClient, RejectedRecord } from '@talkwatch/infra';
import { deliveryIdOf } from '../delivery/delivery-id.js';
import { subscriptionsMatching } from '../subscriptions/alert-matching.js';
import { nextDigestAt, type DigestTime } from '../subscriptions/digest-schedule.js';
import { alertSubscribers, digestChangeIdOf } from '../subscriptions/subscriptions.repository.js';
import { DIGEST_TIME, PRISMA } from '../tokens.js';

export type ApplyOutcome =
  | {
      readonly kind: 'applied';
      readonly trackId: string;
      readonly changes: readonly TrackChange[];
      /** The event and the article it came from, and when that article was accepted (observedAt). */
      readonly eventId: string;
      readonly articleId: string;
      readonly observedAt: string;
    }
  | { readonly kind: 'already-applied' }
  | { readonly kind: 'duplicate-event'; readonly eventId: string }
  | { readonly kind: 'invalid-event'; readonly reason: string };

export interface BatchOutcome {
  /** One per record, in the order given. */
  readonly outcomes: readonly ApplyOutcome[];
  /** Every change the batch caused, in record order. */
  readonly changes: readonly TrackChange[];
  /** Deliveries newly queued. */
  readonly deliveries: number;
  /** Records that are no event to fold, with the reason: for the dead-letter topic. */
  readonly rejected: readonly RejectedRecord[];
}

export interface ApplyOptions {
  /** false folds without alerting (a rebuild of facts already alerted on). */
  readonly decideAlerts: boolean;
}

type Tx = Prisma.TransactionClient;

/** The longest a batch's transaction may take before Prisma gives up on it (and it is retried). */
const batchTransactionTimeoutMs = 120_000;

const positionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/** A track's state is kept as a snapshot every this many versions (events that changed it). */
export const SNAPSHOT_EVERY = 100;

@Injectable()
export class ProjectionStore {
  private readonly logger = new Logger(ProjectionStore.name);

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    /** When digests go out (DIGEST_HOUR…); tools that fold without alerting need not say. */
    @Optional() @Inject(DIGEST_TIME) private readonly digestTime: DigestTime = { hour: 8, timeZone: 'UTC', weekday: 1 },
  ) {}

  /** One record in its own transaction (see applyBatch). */
  async apply(groupId: string, record: LoggedRecord, options: ApplyOptions = { decideAlerts: true }): Promise<ApplyOutcome> {
    const { outcomes } = await this.applyBatch(groupId, [record], options);
    const [outcome] = outcomes;
    if (!outcome) throw new Error('applyBatch gave no outcome for a record');
    return outcome;
  }

  /** Records in log order (any partitions); each partition's position moves past its last record. */
  async applyBatch(groupId: string, records: readonly LoggedRecord[], options: ApplyOptions = { decideAlerts: true }): Promise<BatchOutcome> {
    if (records.length === 0) return { outcomes: [], changes: [], deliveries: 0, rejected: [] };
    return this.prisma.$transaction((tx) => this.fold(tx, groupId, records, options), { timeout: batchTransactionTimeoutMs, maxWait: batchTransactionTimeoutMs });
  }

  private async fold(tx: Tx, groupId: string, records: readonly LoggedRecord[], options: ApplyOptions): Promise<BatchOutcome> {
    const partitions = [...new Map(records.map((r) => [positionKey(r.topic, r.partition), { topic: r.topic, partition: r.partition }])).values()];
    const stored = await tx.consumerOffset.findMany({ where: { groupId, OR: partitions } });
    const nextOffset = new Map(stored.map((p) => [positionKey(p.topic, p.partition), p.nextOffset]));

    // Read every record first, so the duplicate check is one query. A record that cannot be read
    // is rejected even below the position (see the top of the file).
    const rejected: RejectedRecord[] = [];
    const read = records.map((record): { record: LoggedRecord; event: TalkEvent } | ApplyOutcome => {
      const parsed = this.parse(record);
      if ('reason' in parsed) rejected.push({ record, reason: parsed.reason });
      const position = nextOffset.get(positionKey(record.topic, record.partition));
      if (position !== undefined && record.offset < position) return { kind: 'already-applied' };
      return parsed;
    });
    const candidates = read.filter((r): r is { record: LoggedRecord; event: TalkEvent } => 'event' in r);
    const applied = await tx.appliedEvent.findMany({ where: { eventId: { in: candidates.map((c) => c.event.id) } }, select: { eventId: true } });
    const seen = new Set(applied.map((a) => a.eventId));
    const trackIds = [...new Set(candidates.map((c) => c.event.data.trackId))];
    const rows = await tx.track.findMany({ where: { id: { in: trackIds } }, select: { id: true, state: true, snapshotVersion: true, snapshotUntil: true } });
    // The state column holds exactly what evolve returned last time.
    const states = new Map(rows.map((row) => [row.id, row.state as unknown as TrackState]));
    const snapshots = new Map(rows.map((row) => [row.id, { version: row.snapshotVersion, until: row.snapshotUntil }]));
    const touched = new Set<string>();
    const foldedEvents = new Map<string, TalkEvent[]>();

    const outcomes: ApplyOutcome[] = [];
    const changes: TrackChange[] = [];
    const appliedEvents: Prisma.AppliedEventCreateManyInput[] = [];
    const alerts: AlertInput[] = [];
    for (const item of read) {
      if (!('event' in item)) {
        outcomes.push(item);
        continue;
      }
      const { event } = item;
      if (seen.has(event.id)) {
        outcomes.push({ kind: 'duplicate-event', eventId: event.id });
        continue;
      }
      const trackId = event.data.trackId;
      let evolution: ReturnType<typeof evolve>;
      try {
        evolution = evolve(states.get(trackId), event);
      } catch (error) {
        // The projector is pure: a throw is about this event alone and would recur at every read.
        const reason = `the projector refused it: ${error instanceof Error ? error.message : String(error)}`;
        rejected.push({ record: item.record, reason });
        outcomes.push({ kind: 'invalid-event', reason });
        continue;
      }
      seen.add(event.id);
      states.set(trackId, evolution.state);
      touched.add(trackId);
      foldedEvents.set(trackId, [...(foldedEvents.get(trackId) ?? []), event]);
      appliedEvents.push({ eventId: event.id, trackId, event: toJson(event), occurredAt: new Date(event.metadata.occurredAt) });
      changes.push(...evolution.changes);
      // The filters see the track's parties after the event and the confidence of its report.
      for (const change of evolution.changes) alerts.push({ change, trackParties: evolution.state.parties, confidence: confidenceOf(event) });
      outcomes.push({ kind: 'applied', trackId, changes: evolution.changes, eventId: event.id, articleId: event.metadata.articleId, observedAt: event.metadata.observedAt });
    }

    await this.foldIntoSnapshots(tx, foldedEvents, snapshots);
    for (const trackId of touched) {
      const state = states.get(trackId);
      if (!state) continue;
      const { version: snapshotVersion, until: snapshotUntil } = await this.snapshotIfDue(tx, state, snapshots.get(trackId) ?? { version: 0, until: null }, foldedEvents.get(trackId) ?? []);
      const trackData = {
        name: state.name,
        parties: [...state.parties],
        forum: state.forum,
        status: state.status,
        state: toJson(state),
        version: state.version,
        updatedAt: new Date(state.updatedAt),
        snapshotVersion,
        snapshotUntil,
      };
      await tx.track.upsert({ where: { id: trackId }, create: { id: trackId, ...trackData }, update: trackData });
    }
    if (appliedEvents.length > 0) await tx.appliedEvent.createMany({ data: appliedEvents });
    if (changes.length > 0) {
      await tx.change.createMany({
        data: changes.map((c) => ({ id: c.id, trackId: c.trackId, type: c.type, payload: toJson(c), occurredAt: new Date(c.occurredAt) })),
        skipDuplicates: true,
      });
    }
    const deliveries = options.decideAlerts ? await this.decideAlerts(tx, alerts) : 0;

    const last = new Map<string, { topic: string; partition: number; offset: bigint }>();
    for (const r of records) last.set(positionKey(r.topic, r.partition), { topic: r.topic, partition: r.partition, offset: r.offset });
    for (const { topic, partition, offset } of last.values()) {
      const position = { groupId, topic, partition };
      const next = offset + 1n;
      const current = nextOffset.get(positionKey(topic, partition));
      if (current !== undefined && next <= current) continue;
      await tx.consumerOffset.upsert({ where: { groupId_topic_partition: position }, create: { ...position, nextOffset: next }, update: { nextOffset: next } });
    }
    return { outcomes, changes, deliveries, rejected };
  }

  /** Events that occurred before a snapshot's moment but are folded only now belong in it too. */
  private async foldIntoSnapshots(tx: Tx, foldedEvents: ReadonlyMap<string, readonly TalkEvent[]>, latest: ReadonlyMap<string, Snapshotted>): Promise<void> {
    const earliest = [...foldedEvents]
      .map(([trackId, events]) => ({ trackId, until: { gt: new Date(Math.min(...events.map(occurredAtMs))) } }))
      // No snapshot of the track is later than its latest.
      .filter(({ trackId, until }) => {
        const last = latest.get(trackId)?.until;
        return last !== null && last !== undefined && last > until.gt;
      });
    if (earliest.length === 0) return;
    const stale = await tx.trackSnapshot.findMany({ where: { OR: earliest } });
    for (const snapshot of stale) {
      const before = (foldedEvents.get(snapshot.trackId) ?? []).filter((e) => occurredAtMs(e) < snapshot.until.getTime());
      if (before.length === 0) continue;
      const { state } = foldTrack(before, snapshot.state as unknown as TrackState);
      await tx.trackSnapshot.update({ where: { trackId_until: { trackId: snapshot.trackId, until: snapshot.until } }, data: { state: toJson(state) } });
    }
  }

  /** Keeps the state as a snapshot when SNAPSHOT_EVERY versions passed since the last; returns the latest snapshot's version and moment. */
  private async snapshotIfDue(tx: Tx, state: TrackState, last: Snapshotted, events: readonly TalkEvent[]): Promise<Snapshotted> {
    if (state.version - last.version < SNAPSHOT_EVERY) return last;
    // Just after the latest event folded: every event that occurred before it is in the state.
    const until = new Date(Math.max(Date.parse(state.updatedAt), ...events.map(occurredAtMs)) + 1);
    const data = { state: toJson(state) };
    await tx.trackSnapshot.upsert({ where: { trackId_until: { trackId: state.id, until } }, create: { trackId: state.id, until, ...data }, update: data });
    // A late event may have made an older snapshot the latest by moment: keep the later one.
    return { version: state.version, until: last.until && last.until > until ? last.until : until };
  }

  /** The positions `groupId` stored per partition of `topic` (next offset to read). */
  async positions(groupId: string, topic: string): Promise<Map<number, bigint>> {
    const rows = await this.prisma.consumerOffset.findMany({ where: { groupId, topic }, select: { partition: true, nextOffset: true } });
    return new Map(rows.map((r) => [r.partition, r.nextOffset]));
  }

  private parse(record: LoggedRecord): { record: LoggedRecord; event: TalkEvent } | { kind: 'invalid-event'; reason: string } {
    let event: TalkEvent;
    try {
      event = parseTalkEvent(JSON.parse(record.value));
    } catch (error) {
      return this.unreadable(record, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    const unstorable = unstorableIn(event);
    return unstorable ? this.unreadable(record, unstorable) : { record, event };
  }

  /** Never retried forever: passed over, and rejected so that the log keeps it apart. */
  private unreadable(record: LoggedRecord, reason: string): { kind: 'invalid-event'; reason: string } {
    this.logger.warn(`rejecting unreadable record ${record.topic}/${record.partition}@${record.offset}: ${reason}`);
    return { kind: 'invalid-event', reason };
  }

  /**
   * Deciding to alert is separate from delivering: here we only record who must hear of what. The
   * filters see each change's track parties after its event and the confidence of the report that
   * brought it. Once per batch: the same subscriptions decide every change of it.
   */
  private async decideAlerts(tx: Tx, alerts: readonly AlertInput[]): Promise<number> {
    if (alerts.length === 0) return 0;
    const subscriptions = await alertSubscribers(tx);
    const now = new Date();
    const data = alerts.flatMap(({ change, trackParties, confidence }) =>
      subscriptionsMatching({ change, trackParties, confidence }, subscriptions).flatMap((s) => {
        const alert = { id: deliveryIdOf(s.id, change.id), subscriptionId: s.id, changeId: change.id, payload: toJson(change) };
        if (s.digest === null) return [{ ...alert, status: 'pending', nextAttemptAt: now }];
        // A digest subscriber's alert waits (held) for the next digest, which is a delivery of its own.
        const at = nextDigestAt(now, s.digest, this.digestTime);
        const digestId = digestChangeIdOf(at);
        return [
          { ...alert, status: 'held', nextAttemptAt: at },
          { id: deliveryIdOf(s.id, digestId), subscriptionId: s.id, changeId: digestId, payload: { type: 'digest', at: at.toISOString() }, status: 'pending', nextAttemptAt: at },
        ];
      }),
    );
    if (data.length === 0) return 0;
    const { count } = await tx.delivery.createMany({ data, skipDuplicates: true });
    return count;
  }
}

/** A track's latest snapshot: the version it was taken at and its moment (null: none yet). */
interface Snapshotted {
  readonly version: number;
  readonly until: Date | null;
}

interface AlertInput {
  readonly change: TrackChange;
  readonly trackParties: readonly string[];
  readonly confidence: number | null;
}

/** The confidence the event's report carries (a retraction carries none). */
function confidenceOf(event: TalkEvent): number | null {
  return 'confidence' in event.data ? (event.data.confidence ?? null) : null;
}

/** When the event occurred, to the millisecond as stored (applied_events.occurredAt). */
function occurredAtMs(event: TalkEvent): number {
  return new Date(event.metadata.occurredAt).getTime();
}

/**
 * Why PostgreSQL would refuse a valid event (which would fail its whole batch at every read):
 * a NUL character in any text (text and jsonb cannot hold one), or a time that is no date.
 */
export function unstorableIn(event: TalkEvent): string | undefined {
  for (const [name, value] of [['metadata.occurredAt', event.metadata.occurredAt], ['metadata.observedAt', event.metadata.observedAt]] as const) {
    if (Number.isNaN(Date.parse(value))) return `${name} is not a date: ${JSON.stringify(value.slice(0, 40))}`;
  }
  const path = nulPathIn(event, '');
  return path === undefined ? undefined : `a NUL character in ${path || '(root)'}, which PostgreSQL cannot store`;
}

function nulPathIn(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = nulPathIn(child, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

function toJson(value: object): Prisma.InputJsonValue {
  // Domain states and changes are plain JSON data by construction.
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

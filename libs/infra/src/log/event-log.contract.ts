// One contract for every EventLog adapter (Kafka now, the embedded log next): run it unchanged
// against each. Each test uses fresh keys / groups so adapters can share one log.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { deadLetterHeaders, type EventLog, type LoggedRecord, type Subscription } from './event-log.js';

export interface EventLogFixture {
  /** A connected log over a fresh, empty topic/store. */
  create(): Promise<EventLog>;
  /** Every record in the dead-letter topic of a log made by create(), in order. */
  deadLetters(log: EventLog): Promise<LoggedRecord[]>;
}

async function until(what: string, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const tag = () => randomBytes(3).toString('hex');

export function eventLogContract(name: string, fixture: EventLogFixture): void {
  describe(`EventLog contract: ${name}`, () => {
    const logs: EventLog[] = [];
    const subscriptions: Subscription[] = [];
    const open = async () => {
      const log = await fixture.create();
      logs.push(log);
      return log;
    };
    const collect = async (log: EventLog, groupId: string, seen: LoggedRecord[], onRecord?: (r: LoggedRecord) => void) => {
      const sub = await log.subscribe({
        groupId,
        handle: (record) => {
          onRecord?.(record);
          seen.push(record);
          return Promise.resolve();
        },
      });
      subscriptions.push(sub);
      return sub;
    };

    after(async () => {
      for (const s of subscriptions) await s.stop().catch(() => undefined);
      for (const l of logs) await l.close().catch(() => undefined);
    });

    it('delivers every appended record, in append order per key', async () => {
      const log = await open();
      const keys = ['track-a', 'track-b', 'track-c'];
      const records = Array.from({ length: 60 }, (_, i) => ({ key: keys[i % 3] ?? 'x', value: JSON.stringify({ i }) }));
      await log.append(records.slice(0, 30));
      await log.append(records.slice(30));
      const seen: LoggedRecord[] = [];
      await collect(log, `order-${tag()}`, seen);
      await until('60 records', () => seen.length >= 60);
      for (const key of keys) {
        const got = seen.filter((r) => r.key === key).map((r) => (JSON.parse(r.value) as { i: number }).i);
        const want = records.filter((r) => r.key === key).map((r) => (JSON.parse(r.value) as { i: number }).i);
        assert.deepEqual(got, want, `order of ${key}`);
      }
      // Offsets grow within a partition.
      const byPartition = new Map<number, bigint[]>();
      for (const r of seen) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r.offset]);
      for (const offsets of byPartition.values()) assert.deepEqual(offsets, [...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('keeps headers and values byte for byte', async () => {
      const log = await open();
      const value = JSON.stringify({ text: 'Lavrov: «переговоры» — 谈判', n: 1 });
      await log.append([{ key: 'k', value, headers: { 'event-id': 'e-1', 'event-type': 'RoundReported' } }]);
      const seen: LoggedRecord[] = [];
      await collect(log, `bytes-${tag()}`, seen);
      await until('1 record', () => seen.length >= 1);
      assert.equal(seen[0]?.value, value);
      const first = seen[0];
      assert.ok(first);
      assert.deepEqual({ ...first.headers }, { 'event-id': 'e-1', 'event-type': 'RoundReported' });
    });

    it('a restarted consumer resumes after what it handled; a new group replays from zero', async () => {
      const log = await open();
      const group = `resume-${tag()}`;
      await log.append(Array.from({ length: 10 }, (_, i) => ({ key: `k${i % 2}`, value: `first-${i}` })));
      const firstRun: LoggedRecord[] = [];
      const sub = await collect(log, group, firstRun);
      await until('first 10', () => firstRun.length >= 10);
      await sub.stop();
      await log.append(Array.from({ length: 5 }, (_, i) => ({ key: `k${i % 2}`, value: `second-${i}` })));
      const secondRun: LoggedRecord[] = [];
      await collect(log, group, secondRun);
      await until('second 5', () => secondRun.length >= 5);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(secondRun.map((r) => r.value).sort(), ['second-0', 'second-1', 'second-2', 'second-3', 'second-4']);

      const replay: LoggedRecord[] = [];
      await collect(log, `replay-${tag()}`, replay);
      await until('all 15 again', () => replay.length >= 15);
      assert.equal(replay.length, 15);
    });

    it('redelivers a record whose handler failed (at-least-once), keeping key order', async () => {
      const log = await open();
      await log.append(Array.from({ length: 6 }, (_, i) => ({ key: 'same-key', value: `r${i}` })));
      const applied: string[] = [];
      let failures = 0;
      const sub = await log.subscribe({
        groupId: `retry-${tag()}`,
        handle: (record) => {
          if (record.value === 'r2' && failures === 0) {
            failures += 1;
            return Promise.reject(new Error('simulated crash before commit'));
          }
          applied.push(record.value);
          return Promise.resolve();
        },
      });
      subscriptions.push(sub);
      await until('all 6 applied', () => applied.length >= 6);
      assert.equal(failures, 1);
      assert.deepEqual(applied, ['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    });

    it('hands a batch consumer the records of one partition in order, at most maxBatch at a time, and redelivers a failed batch whole', async () => {
      const log = await open();
      await log.append(Array.from({ length: 30 }, (_, i) => ({ key: 'one-key', value: `b${i}` })));
      const batches: string[][] = [];
      let failed = false;
      const sub = await log.subscribe({
        groupId: `batch-${tag()}`,
        maxBatch: 7,
        handleBatch: (records) => {
          const values = records.map((r) => r.value);
          if (!failed && values.includes('b10')) {
            failed = true;
            return Promise.reject(new Error('simulated crash before commit'));
          }
          assert.equal(new Set(records.map((r) => r.partition)).size, 1);
          batches.push(values);
          return Promise.resolve(undefined);
        },
      });
      subscriptions.push(sub);
      await until('all 30 in batches', () => batches.flat().length >= 30);
      assert.ok(failed);
      assert.ok(batches.every((b) => b.length <= 7), `batch sizes ${batches.map((b) => b.length).join(',')}`);
      assert.deepEqual(batches.flat(), Array.from({ length: 30 }, (_, i) => `b${i}`), 'each record once, in order: the failed batch was not half-committed');
    });

    it('replays in batches of at most maxBatch, in key order', async () => {
      const log = await open();
      await log.append(Array.from({ length: 25 }, (_, i) => ({ key: `k${i % 2}`, value: `${i}` })));
      const batches: LoggedRecord[][] = [];
      assert.equal(await log.replayBatches((records) => Promise.resolve(void batches.push([...records])), undefined, 4), 25);
      assert.ok(batches.every((b) => b.length <= 4 && new Set(b.map((r) => r.partition)).size === 1));
      for (const key of ['k0', 'k1']) {
        const values = batches.flat().filter((r) => r.key === key).map((r) => Number(r.value));
        assert.deepEqual(values, [...values].sort((a, b) => a - b));
      }
    });

    it('replays every record from zero to the end as of the call, in key order, outside any group', async () => {
      const log = await open();
      await log.append(Array.from({ length: 12 }, (_, i) => ({ key: `k${i % 3}`, value: `v${i}` })));
      const seen: LoggedRecord[] = [];
      const reports: number[] = [];
      const count = await log.replay(
        (record) => {
          seen.push(record);
          return Promise.resolve();
        },
        (done, total) => {
          assert.equal(total, 12);
          reports.push(done);
        },
      );
      assert.equal(count, 12);
      assert.deepEqual(reports.at(-1), 12);
      for (const key of ['k0', 'k1', 'k2']) {
        const values = seen.filter((r) => r.key === key).map((r) => Number(r.value.slice(1)));
        assert.deepEqual(values, [...values].sort((a, b) => a - b));
      }
      // Replay does not move a group: a new subscriber still starts from zero.
      const live: LoggedRecord[] = [];
      await collect(log, `after-replay-${tag()}`, live);
      await until('12 live records', () => live.length >= 12);
      assert.equal(await log.replay(() => Promise.resolve()), 12);
    });

    it('reports each partition\'s extent: empty at first, then ending just past the last record appended to it', async () => {
      const log = await open();
      for (const p of await log.partitionEnds()) assert.equal(p.end, p.start, `partition ${p.partition} of an empty log`);
      const records = Array.from({ length: 12 }, (_, i) => ({ key: `extent-${i % 4}`, value: String(i) }));
      await log.append(records);
      const seen: LoggedRecord[] = [];
      await collect(log, `extent-${tag()}`, seen);
      await until('12 records', () => seen.length >= 12);
      const ends = await log.partitionEnds();
      const lastOffset = new Map<number, bigint>();
      for (const r of seen) if ((lastOffset.get(r.partition) ?? -1n) < r.offset) lastOffset.set(r.partition, r.offset);
      for (const [partition, last] of lastOffset) {
        const extent = ends.find((p) => p.partition === partition);
        assert.ok(extent, `partition ${partition} is reported`);
        assert.equal(extent.end, last + 1n, `partition ${partition} ends after its last record`);
        assert.ok(extent.start <= last, `partition ${partition} starts at or before its records`);
      }
    });

    it('accepts concurrent appends without losing any', async () => {
      const log = await open();
      await Promise.all(
        Array.from({ length: 8 }, (_, writer) =>
          log.append(Array.from({ length: 25 }, (_, i) => ({ key: `w${writer}`, value: `${writer}:${i}` }))),
        ),
      );
      const seen: LoggedRecord[] = [];
      await collect(log, `concurrent-${tag()}`, seen);
      await until('200 records', () => seen.length >= 200);
      assert.equal(new Set(seen.map((r) => r.value)).size, 200);
      for (let writer = 0; writer < 8; writer++) {
        const got = seen.filter((r) => r.key === `w${writer}`).map((r) => Number(r.value.split(':')[1]));
        assert.deepEqual(got, Array.from({ length: 25 }, (_, i) => i));
      }
    });

    it('moves the records a batch handler rejects to the dead-letter topic, with their bytes and the reason, and goes on', async () => {
      const log = await open();
      const poison = '{"id": "broken", "type": "RoundReported", "data": {';
      await log.append([
        { key: 'one-track', value: 'good-0' },
        { key: 'one-track', value: poison, headers: { 'event-type': 'RoundReported' } },
        { key: 'one-track', value: 'good-2' },
      ]);
      const groupId = `poison-${tag()}`;
      const applied: string[] = [];
      let rejectedOffset: bigint | undefined;
      const sub = await log.subscribe({
        groupId,
        handleBatch: (records) => {
          const rejected = records.filter((r) => r.value === poison).map((record) => ({ record, reason: 'not JSON:\nunexpected end' }));
          rejectedOffset ??= rejected[0]?.record.offset;
          applied.push(...records.filter((r) => r.value !== poison).map((r) => r.value));
          return Promise.resolve({ rejected });
        },
      });
      subscriptions.push(sub);
      await until('the records around the poison', () => applied.length >= 2);
      assert.deepEqual(applied, ['good-0', 'good-2'], 'the partition went on past the poison');
      await until('the dead-letter count', () => sub.deadLettered() >= 1);
      assert.equal(sub.deadLettered(), 1);
      const letters = await fixture.deadLetters(log);
      assert.equal(letters.length, 1);
      const [letter] = letters;
      assert.ok(letter && rejectedOffset !== undefined);
      assert.equal(letter.value, poison, 'the value byte for byte');
      const headers = letter.headers ?? {};
      assert.equal(letter.key, 'one-track');
      assert.equal(headers['event-type'], 'RoundReported', 'the original headers kept');
      assert.equal(headers[deadLetterHeaders.reason], 'not JSON: unexpected end', 'the reason on one line');
      assert.equal(headers[deadLetterHeaders.offset], rejectedOffset.toString());
      assert.equal(headers[deadLetterHeaders.group], groupId);

      // Its position moved past the poison: a restarted member of the group reads only what is new.
      await sub.stop();
      await log.append([{ key: 'one-track', value: 'good-3' }]);
      const after: string[] = [];
      subscriptions.push(await log.subscribe({ groupId, handleBatch: (records) => Promise.resolve(void after.push(...records.map((r) => r.value))) }));
      await until('the record after the restart', () => after.length >= 1);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(after, ['good-3']);
      assert.equal((await fixture.deadLetters(log)).length, 1, 'dead-lettered once');
    });
  });
}

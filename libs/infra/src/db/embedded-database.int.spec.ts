// The embedded database through its worker thread, as the apps use it: Prisma queries and
// transactions, the errors PostgreSQL raises as Prisma's own, data kept across a reopen, and the
// checkpoint and vacuum the single-user PostgreSQL needs from us.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openEmbeddedDatabase } from './embedded-database.js';

const position = { groupId: 'g', topic: 't', partition: 0 };

async function sizeOf(directory: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    bytes += entry.isDirectory() ? await sizeOf(full) : (await stat(full)).size;
  }
  return bytes;
}

describe('embedded database (PGlite in a worker thread)', () => {
  it('answers queries and transactions, and raises constraint errors as Prisma errors', async () => {
    const db = await openEmbeddedDatabase(undefined);
    try {
      await db.prisma.consumerOffset.create({ data: { ...position, nextOffset: 5n } });
      await assert.rejects(db.prisma.consumerOffset.create({ data: { ...position, nextOffset: 6n } }), { code: 'P2002' });
      await assert.rejects(
        db.prisma.$transaction(async (tx) => {
          await tx.consumerOffset.update({ where: { groupId_topic_partition: position }, data: { nextOffset: 7n } });
          throw new Error('changed my mind');
        }),
        /changed my mind/,
      );
      const row = await db.prisma.consumerOffset.findUniqueOrThrow({ where: { groupId_topic_partition: position } });
      assert.equal(row.nextOffset, 5n, 'the rolled-back update left nothing');
      await db.maintain(true);
    } finally {
      await db.close();
    }
  });

  it('keeps what was written across a close and a reopen of its folder', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'tw-embedded-'));
    try {
      const first = await openEmbeddedDatabase(directory, { checkpointEveryMs: 50, vacuumEveryCheckpoints: 2 });
      await first.prisma.consumerOffset.create({ data: { ...position, nextOffset: 42n } });
      // Let the timer checkpoint and vacuum under load, then close.
      for (let i = 0; i < 20; i++) await first.prisma.consumerOffset.update({ where: { groupId_topic_partition: position }, data: { nextOffset: BigInt(42 + i) } });
      await new Promise((r) => setTimeout(r, 200));
      await first.close();
      const second = await openEmbeddedDatabase(directory);
      try {
        const row = await second.prisma.consumerOffset.findUniqueOrThrow({ where: { groupId_topic_partition: position } });
        assert.equal(row.nextOffset, 61n);
        assert.deepEqual(second.appliedMigrations, [], 'migrated once');
      } finally {
        await second.close();
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('stops growing when a state is rewritten over and over, once checkpointed and vacuumed', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'tw-embedded-'));
    // No timer during the test: maintain() is called by hand.
    const db = await openEmbeddedDatabase(directory, { checkpointEveryMs: 3_600_000 });
    try {
      // A track state of about 80 KB that does not compress, rewritten like the projection does.
      const rewrite = async (times: number): Promise<void> => {
        for (let i = 0; i < times; i++) {
          const state = { filler: randomBytes(60_000).toString('base64') };
          await db.prisma.track.upsert({ where: { id: 't' }, create: { id: 't', name: 't', parties: [], status: 'active', state, version: i, updatedAt: new Date() }, update: { state, version: i } });
        }
        await db.maintain(true);
      };
      await rewrite(150);
      const settled = await sizeOf(directory);
      await rewrite(150);
      await rewrite(150);
      // Without the checkpoint and vacuum each 150 rewrites added about 25 MB (WAL and dead rows).
      assert.ok((await sizeOf(directory)) - settled < 4_000_000, `grew from ${settled} to ${await sizeOf(directory)} bytes`);
    } finally {
      await db.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

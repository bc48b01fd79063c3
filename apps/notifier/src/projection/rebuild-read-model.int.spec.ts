// Replay equals live: rebuilding the read model from the log yields the same state, and facts
// already alerted on are not alerted again (records the projection had not reached still are).
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventKey, eventsFromArticle, parseArticleText, type TalkEvent } from '@talkwatch/domain';
import { DatabaseEventLog, repositoryRoot } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { ProjectionStore } from './projection.store.js';
import { RebuildReadModel } from './rebuild-read-model.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const group = 'talkwatch-notifier';

async function exampleEvents(): Promise<TalkEvent[]> {
  const dir = path.join(repositoryRoot, 'examples');
  const events: TalkEvent[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()) {
    const article = parseArticleText(await readFile(path.join(dir, file), 'utf8'));
    events.push(...eventsFromArticle({ articleId: file, article, observedAt: '2026-01-01T00:00:00Z' }));
  }
  return events;
}

describe('RebuildReadModel (PostgreSQL, embedded log)', () => {
  let db: TestDatabase;
  let log: DatabaseEventLog;
  let events: TalkEvent[];

  before(async () => {
    db = await createTestDatabase('tw_replay');
    log = new DatabaseEventLog(db.prisma, { topic: 'talkwatch.events', pollMs: 20 }, quiet);
    events = await exampleEvents();
    await db.prisma.subscription.create({ data: { id: 'sub_desk', kind: 'email', email: { create: { email: 'desk@example.org', confirmedAt: new Date() } }, trackIds: [] } });
  });
  after(async () => {
    await log.close();
    await db.drop();
  });

  const snapshot = async () => ({
    tracks: (await db.prisma.track.findMany({ orderBy: { id: 'asc' } })).map(({ id, state, status, version }) => ({ id, state, status, version })),
    changes: (await db.prisma.change.findMany({ orderBy: { id: 'asc' } })).map(({ id, payload }) => ({ id, payload })),
    deliveries: (await db.prisma.delivery.findMany({ orderBy: { id: 'asc' } })).map(({ id }) => id),
  });

  it('rebuilds exactly the live read model and decides no alert twice', async () => {
    await log.append(events.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })));
    const store = new ProjectionStore(db.prisma);
    let applied = 0;
    const live = await log.subscribe({
      groupId: group,
      handle: async (record) => {
        await store.apply(group, record);
        applied += 1;
      },
    });
    while (applied < events.length) await new Promise((r) => setTimeout(r, 20));
    await live.stop();
    const before = await snapshot();
    assert.ok(before.deliveries.length > 0, 'the live projection decided alerts');

    const result = await new RebuildReadModel(db.prisma, log, group).execute();
    assert.deepEqual(result, { events: events.length, tracks: before.tracks.length, alertsQueued: 0 });
    assert.deepEqual(await snapshot(), before);
  });

  it('still alerts on records the projection had not reached before the rebuild', async () => {
    const unseen = eventsFromArticle({
      articleId: 'later',
      article: {
        title: 'Envoys to meet in Brussels',
        url: null,
        publishedAt: '2023-03-01',
        body: 'Serbia and Kosovo will hold a new round of talks in Brussels on March 18, the European Union said.',
      },
      observedAt: '2026-01-02T00:00:00Z',
    });
    assert.ok(unseen.length > 0);
    await log.append(unseen.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })));
    const result = await new RebuildReadModel(db.prisma, log, group).execute();
    assert.equal(result.events, events.length + unseen.length);
    assert.ok(result.alertsQueued > 0);
  });
});

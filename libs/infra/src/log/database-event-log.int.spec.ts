// The same event-log contract the Kafka adapter passes, against the embedded log on both databases
// it runs on: PGlite (the single-process default) and a real PostgreSQL.
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded-database.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { DatabaseEventLog } from './database-event-log.js';
import { deadLetterTopicOf, type EventLog, type LoggedRecord } from './event-log.js';
import { eventLogContract } from './event-log.contract.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const topic = () => `contract.${randomBytes(4).toString('hex')}`;
const topicOf = new Map<EventLog, string>();

/** The dead-letter topic is a topic of the same table: read it with a log of its own. */
async function deadLettersOf(prisma: EmbeddedDatabase['prisma'], log: EventLog): Promise<LoggedRecord[]> {
  const name = topicOf.get(log);
  if (!name) throw new Error('not a log of this fixture');
  const seen: LoggedRecord[] = [];
  await new DatabaseEventLog(prisma, { topic: deadLetterTopicOf(name) }, quiet).replay((r) => Promise.resolve(void seen.push(r)));
  return seen;
}

let embedded: EmbeddedDatabase;
let postgres: TestDatabase;
before(async () => {
  [embedded, postgres] = await Promise.all([openEmbeddedDatabase(undefined), createTestDatabase('tw_log')]);
});
after(async () => {
  await embedded.close();
  await postgres.drop();
});

eventLogContract('embedded log on PGlite', {
  create: async () => {
    const name = topic();
    const log = new DatabaseEventLog(embedded.prisma, { topic: name, pollMs: 50, retryMs: 20 }, quiet);
    await log.connect();
    topicOf.set(log, name);
    return log;
  },
  deadLetters: (log) => deadLettersOf(embedded.prisma, log),
});

eventLogContract('embedded log on PostgreSQL', {
  create: async () => {
    const name = topic();
    const log = new DatabaseEventLog(postgres.prisma, { topic: name, pollMs: 50, retryMs: 20 }, quiet);
    await log.connect();
    topicOf.set(log, name);
    return log;
  },
  deadLetters: (log) => deadLettersOf(postgres.prisma, log),
});

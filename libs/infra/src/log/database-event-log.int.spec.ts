// The same event-log contract the Kafka adapter passes, against the embedded log on both databases
// it runs on: PGlite (the single-process default) and a real PostgreSQL.
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded-database.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { DatabaseEventLog } from './database-event-log.js';
import { eventLogContract } from './event-log.contract.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const topic = () => `contract.${randomBytes(4).toString('hex')}`;

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
    const log = new DatabaseEventLog(embedded.prisma, { topic: topic(), pollMs: 50, retryMs: 20 }, quiet);
    await log.connect();
    return log;
  },
});

eventLogContract('embedded log on PostgreSQL', {
  create: async () => {
    const log = new DatabaseEventLog(postgres.prisma, { topic: topic(), pollMs: 50, retryMs: 20 }, quiet);
    await log.connect();
    return log;
  },
});

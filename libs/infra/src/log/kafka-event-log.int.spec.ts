// The event-log contract against the real Kafka broker started by scripts/kafka.sh.
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { eventLogContract } from './event-log.contract.js';
import { KafkaEventLog } from './kafka-event-log.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const topics: string[] = [];
const quiet = { log: () => undefined, warn: () => undefined, error: (m: string) => { console.error(m); }, debug: () => undefined };

eventLogContract('Kafka', {
  create: async () => {
    const topic = `talkwatch.contract.${randomBytes(4).toString('hex')}`;
    topics.push(topic);
    const log = new KafkaEventLog({ brokers, clientId: 'contract-test', topic, partitions: 3 }, quiet);
    await log.connect();
    return log;
  },
});

after(async () => {
  const admin = new Kafka({ clientId: 'contract-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
});

// The event-log contract against the real Kafka broker started by scripts/kafka.sh.
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { eventLogContract } from './event-log.contract.js';
import { deadLetterTopicOf, type EventLog, type LoggedRecord } from './event-log.js';
import { KafkaEventLog } from './kafka-event-log.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const topics: string[] = [];
const topicOf = new Map<EventLog, string>();
const quiet = { log: () => undefined, warn: () => undefined, error: (m: string) => { console.error(m); }, debug: () => undefined };

eventLogContract('Kafka', {
  create: async () => {
    const topic = `talkwatch.contract.${randomBytes(4).toString('hex')}`;
    topics.push(topic, deadLetterTopicOf(topic));
    const log = new KafkaEventLog({ brokers, clientId: 'contract-test', topic, partitions: 3 }, quiet);
    await log.connect();
    topicOf.set(log, topic);
    return log;
  },
  deadLetters: async (log) => {
    const topic = topicOf.get(log);
    if (!topic) throw new Error('not a log of this fixture');
    // The dead-letter topic is a topic like any: read it with a log of its own.
    const letters = new KafkaEventLog({ brokers, clientId: 'contract-test', topic: deadLetterTopicOf(topic), partitions: 1 }, quiet);
    const seen: LoggedRecord[] = [];
    try {
      await letters.replay((r) => Promise.resolve(void seen.push(r)));
    } finally {
      await letters.close();
    }
    return seen;
  },
});

after(async () => {
  const admin = new Kafka({ clientId: 'contract-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
});

describe('KafkaEventLog dead letters', () => {
  it('keeps a rejected value byte for byte, even when it is not UTF-8', async () => {
    const topic = `talkwatch.contract.${randomBytes(4).toString('hex')}`;
    topics.push(topic, deadLetterTopicOf(topic));
    const log = new KafkaEventLog({ brokers, clientId: 'contract-test', topic, partitions: 1 }, quiet);
    await log.connect();
    const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const kafka = new Kafka({ clientId: 'contract-raw', brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: bytes }] });
    await producer.disconnect();
    const sub = await log.subscribe({
      groupId: `raw-${randomBytes(3).toString('hex')}`,
      handleBatch: (records) => Promise.resolve({ rejected: records.map((record) => ({ record, reason: 'not UTF-8' })) }),
    });
    const consumer = kafka.consumer({ groupId: `raw-read-${randomBytes(3).toString('hex')}` });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: deadLetterTopicOf(topic), fromBeginning: true });
      const letter = await new Promise<Buffer | null>((resolve) => {
        void consumer.run({
          eachMessage: ({ message }) => {
            resolve(message.value);
            return Promise.resolve();
          },
        });
      });
      assert.ok(letter?.equals(bytes), `dead letter ${letter?.toString('hex') ?? 'none'}`);
      // The letter can be read before the adapter, once the append is acknowledged, counts it.
      for (const until = Date.now() + 10_000; sub.deadLettered() < 1 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
      assert.equal(sub.deadLettered(), 1);
    } finally {
      await consumer.disconnect();
      await sub.stop();
      await log.close();
    }
  });
});

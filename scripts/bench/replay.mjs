// Replay: rebuilding the read model from a Kafka topic of `events` events (RebuildReadModel, what
// `talkwatch replay` runs) beside a raw kafkajs consumer reading the same topic from the start.
// Both join a consumer group of their own, so both include that wait.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { eventKey, eventsFromArticle } from '@talkwatch/domain';
import { KafkaEventLog } from '@talkwatch/infra';
import { createTestDatabase } from '@talkwatch/infra/testing';
import { RebuildReadModel } from '@talkwatch/notifier';
import { benchArticle } from './articles.mjs';
import { brokers, deleteTopic } from './stack.mjs';

const quiet = { log: () => undefined, warn: () => undefined, error: (m) => process.stderr.write(`${m}\n`) };

async function rawRead(topic, expected) {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 200 });
  const started = performance.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let bytes = 0;
  await new Promise((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            // Decode as the projection must, so the comparison is of the same work before folding.
            bytes += JSON.parse(message.value.toString('utf8')).id.length;
            seen += 1;
          }
          if (seen >= expected) resolve();
        },
      })
      .catch(reject);
  });
  const seconds = (performance.now() - started) / 1000;
  await consumer.disconnect();
  return { events: seen, seconds: Number(seconds.toFixed(2)), eventsPerSecond: Math.round(seen / seconds), checksum: bytes };
}

/** @param {{ events: number }} options */
export async function benchReplay({ events }) {
  const topic = `talkwatch.bench.replay.${randomBytes(4).toString('hex')}`;
  const log = new KafkaEventLog({ brokers: brokers.split(','), clientId: 'talkwatch-bench', topic, partitions: 6 }, quiet);
  const db = await createTestDatabase('tw_bench_replay');
  try {
    await log.connect();
    const records = [];
    for (let n = 0; records.length < events; n++) {
      for (const event of eventsFromArticle({ articleId: `bench-${n}`, article: benchArticle(n), observedAt: '2026-01-01T00:00:00Z' })) {
        records.push({ key: eventKey(event), value: JSON.stringify(event) });
      }
    }
    records.length = Math.min(records.length, events);
    for (let i = 0; i < records.length; i += 500) await log.append(records.slice(i, i + 500));
    const raw = await rawRead(topic, records.length);
    const started = performance.now();
    const result = await new RebuildReadModel(db.prisma, log, 'talkwatch-bench').execute();
    const seconds = (performance.now() - started) / 1000;
    const rebuild = { events: result.events, tracks: result.tracks, seconds: Number(seconds.toFixed(2)), eventsPerSecond: Math.round(result.events / seconds) };
    return { events: records.length, raw, rebuild, ratio: Number((rebuild.eventsPerSecond / raw.eventsPerSecond).toFixed(3)) };
  } finally {
    await log.close();
    await db.drop();
    await deleteTopic(topic);
  }
}

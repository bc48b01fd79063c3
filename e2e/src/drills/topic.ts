// Reading and writing a topic with plain kafkajs, apart from the apps: what a drill counts in the
// log is what the broker holds, not what the apps say they wrote.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';

export interface TopicRecord {
  readonly partition: number;
  readonly offset: bigint;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

const kafkaOf = (brokers: string) => new Kafka({ clientId: 'drill', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 8 } });

/** Every record of `topic` from its start to its end as of the call, per partition in order. */
export async function readTopic(brokers: string, topic: string, timeoutMs = 120_000): Promise<TopicRecord[]> {
  const kafka = kafkaOf(brokers);
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  if (ends.size === 0) return [];
  const records: TopicRecord[] = [];
  const consumer = kafka.consumer({ groupId: `drill-read-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`reading ${topic}: not at its end after ${timeoutMs} ms`)); }, timeoutMs);
      const pending = new Map(ends);
      consumer
        .run({
          autoCommit: false,
          eachMessage: ({ partition, message }) => {
            const end = pending.get(partition);
            const offset = BigInt(message.offset);
            if (end === undefined || offset >= end) return Promise.resolve();
            records.push({ partition, offset, key: message.key?.toString() ?? '', value: message.value ?? Buffer.alloc(0), headers: headersOf(message.headers) });
            if (offset + 1n >= end) pending.delete(partition);
            if (pending.size === 0) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}

/** Appends raw bytes as they are, keyed (a producer other than Talkwatch, or a faulty one). */
export async function produceRaw(brokers: string, topic: string, messages: readonly { key: string; value: string | Buffer; headers?: Record<string, string> }[]): Promise<void> {
  const producer = kafkaOf(brokers).producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value, ...(m.headers ? { headers: m.headers } : {}) })) });
  } finally {
    await producer.disconnect();
  }
}

export async function deleteTopics(brokers: string, topics: readonly string[]): Promise<void> {
  const admin = kafkaOf(brokers).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [...topics] }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

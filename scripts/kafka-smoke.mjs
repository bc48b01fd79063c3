// Smoke test: kafkajs 2.2.4 against the local broker of scripts/kafka.sh (see docs/kafka.md).
// Covers what Talkwatch relies on: admin createTopics (3 partitions, retention.ms=-1), idempotent producer
// with keyed messages, a classic consumer group with manual commits, leave + rejoin resuming from the
// committed offsets, admin fetchOffsets, deleteTopics.
// Usage: node scripts/kafka-smoke.mjs        (KAFKA_PORT=19092 or KAFKA_BROKERS=host:port,… to point elsewhere)
// Exit 0 when every step passes; 1 otherwise. Prints a PASS/FAIL report with timings and kafkajs warnings.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { Kafka, Partitioners, logLevel } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? '19092'}`).split(',');
const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const topic = `talkwatch.smoke.${suffix}`;
const groupId = `talkwatch-smoke-${suffix}`;
const PARTITIONS = 3;
const KEYS = ['round-geneva', 'round-doha', 'round-vienna', 'demand-ceasefire', 'demand-sanctions', 'demand-prisoners'];
const FIRST_BATCH = 12;
const SECOND_BATCH = 9;
const MAX_WAIT_MS = Number(process.env.KAFKA_SMOKE_MAX_WAIT_MS ?? 500);
const TOTAL_TIMEOUT_MS = Number(process.env.KAFKA_SMOKE_TIMEOUT_MS ?? 90_000);

// Collect kafkajs log entries at WARN and above so quirks show up in the report instead of scrolling by.
const kafkajsLog = [];
const logCreator = () => ({ namespace, level, label, log }) => {
  if (level <= logLevel.WARN) {
    const { message, ...extra } = log;
    delete extra.timestamp;
    delete extra.logger;
    kafkajsLog.push(`${label} [${namespace}] ${message}${Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : ''}`);
  }
};

const kafka = new Kafka({
  clientId: 'talkwatch-smoke',
  brokers,
  logLevel: logLevel.WARN,
  logCreator,
});

const results = [];
const startedAt = performance.now();

async function step(name, fn) {
  const t0 = performance.now();
  try {
    const detail = await fn();
    results.push({ ok: true, name, ms: performance.now() - t0, detail: detail ?? '' });
  } catch (err) {
    results.push({ ok: false, name, ms: performance.now() - t0, detail: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function waitFor(predicate, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (performance.now() - t0 > timeoutMs) return reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function messages(batch, count) {
  return Array.from({ length: count }, (_, i) => ({
    key: KEYS[i % KEYS.length],
    value: JSON.stringify({ batch, seq: i, at: new Date().toISOString() }),
    headers: { 'event-type': 'smoke.v1' },
  }));
}

// A consumer in `groupId` that never auto-commits; records every message it sees.
async function startConsumer(name, seen) {
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    // disconnect() waits for the in-flight fetch; kafkajs' default long poll of 5 s makes every leave take ~5 s
    maxWaitTimeInMs: MAX_WAIT_MS,
  });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      const value = JSON.parse(message.value.toString());
      seen.push({ consumer: name, partition, offset: Number(message.offset), key: message.key.toString(), batch: value.batch, seq: value.seq });
    },
  });
  await waitFor(() => joined, 30_000, `${name} to join group ${groupId}`);
  return consumer;
}

// offset + 1 of the last message seen per partition, in commitOffsets / fetchOffsets shape
function nextOffsets(seen) {
  const byPartition = new Map();
  for (const m of seen) byPartition.set(m.partition, Math.max(byPartition.get(m.partition) ?? -1, m.offset));
  return [...byPartition].map(([partition, last]) => ({ topic, partition, offset: String(last + 1) }));
}

const admin = kafka.admin();
const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  // kafkajs 2.x warns about its v2 partitioner change unless one is chosen explicitly; this is the
  // Java-compatible murmur2 partitioner (same key -> same partition as Java clients).
  createPartitioner: Partitioners.DefaultPartitioner,
  // kafka.producer() always passes a retry object, so kafkajs' own "unlimited retries when idempotent"
  // default never applies (it silently gets 5) and any explicit finite number logs
  // "Limiting retries for the idempotent producer may invalidate EoS guarantees". Ask for what it wants;
  // the overall timeout above bounds the test if the broker goes away.
  retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 2_000 },
});
const consumers = [];
let topicCreated = false;
const keyPartition = new Map();

async function run() {
  await step('admin connect + describeCluster', async () => {
    await admin.connect();
    const { clusterId, brokers: nodes, controller } = await admin.describeCluster();
    assert(nodes.length >= 1, 'no brokers in metadata');
    return `cluster ${clusterId}, ${nodes.length} broker(s), controller ${controller}`;
  });

  await step(`createTopics ${topic} (3 partitions, retention.ms=-1)`, async () => {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '-1' }] }],
    });
    assert(created, 'createTopics returned false (topic already exists?)');
    topicCreated = true;
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = meta.topics[0].partitions;
    assert(partitions.length === PARTITIONS, `expected ${PARTITIONS} partitions, got ${partitions.length}`);
    assert(partitions.every((p) => p.leader >= 0), 'a partition has no leader');
    const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ['retention.ms'] }] });
    const retention = configs.resources[0].configEntries.find((e) => e.configName === 'retention.ms');
    assert(retention?.configValue === '-1', `retention.ms is ${retention?.configValue}`);
    return `${partitions.length} partitions with leaders, retention.ms=${retention.configValue}`;
  });

  await step(`idempotent producer: send ${FIRST_BATCH} keyed messages (acks -1)`, async () => {
    await producer.connect();
    const meta = await producer.send({ topic, acks: -1, messages: messages(1, FIRST_BATCH) });
    const used = new Set(meta.map((m) => m.partition));
    return `${meta.length} partition batch(es) acked, partitions used: ${[...used].sort().join(',')}`;
  });

  const seenA = [];
  await step('consumer A joins group, consumes batch 1', async () => {
    consumers.push(await startConsumer('A', seenA));
    await waitFor(() => seenA.length >= FIRST_BATCH, 30_000, `consumer A to receive ${FIRST_BATCH} messages (has ${seenA.length})`);
    assert(seenA.every((m) => m.batch === 1), 'consumer A saw a message that is not from batch 1');
    for (const m of seenA) {
      const p = keyPartition.get(m.key);
      assert(p === undefined || p === m.partition, `key ${m.key} landed on partitions ${p} and ${m.partition}`);
      keyPartition.set(m.key, m.partition);
    }
    return `${seenA.length} messages, keys stick to partitions (${[...keyPartition].map(([k, p]) => `${k}->${p}`).join(' ')})`;
  });

  let committed;
  await step('consumer A commits offsets manually, disconnects (leaves group)', async () => {
    committed = nextOffsets(seenA);
    await consumers[0].commitOffsets(committed);
    await consumers[0].disconnect();
    consumers.shift();
    return committed.map((c) => `p${c.partition}=${c.offset}`).join(' ');
  });

  await step('admin fetchOffsets after commit', async () => {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const sum = entry.partitions.reduce((acc, p) => acc + Math.max(Number(p.offset), 0), 0);
    assert(sum === FIRST_BATCH, `committed offsets sum to ${sum}, expected ${FIRST_BATCH}`);
    for (const c of committed) {
      const p = entry.partitions.find((x) => x.partition === c.partition);
      assert(p?.offset === c.offset, `partition ${c.partition}: broker has ${p?.offset}, committed ${c.offset}`);
    }
    return entry.partitions.map((p) => `p${p.partition}=${p.offset}`).join(' ');
  });

  await step(`producer sends batch 2 (${SECOND_BATCH} messages) while the group is empty`, async () => {
    const meta = await producer.send({ topic, acks: -1, messages: messages(2, SECOND_BATCH) });
    return `${meta.length} partition batch(es) acked`;
  });

  const seenB = [];
  await step('consumer B rejoins the group, resumes from the committed offsets', async () => {
    consumers.push(await startConsumer('B', seenB));
    await waitFor(() => seenB.length >= SECOND_BATCH, 30_000, `consumer B to receive ${SECOND_BATCH} messages (has ${seenB.length})`);
    await sleep(1_000); // give duplicates from batch 1 a chance to show up
    const old = seenB.filter((m) => m.batch !== 2);
    assert(old.length === 0, `consumer B re-received ${old.length} message(s) from before the commit`);
    assert(seenB.length === SECOND_BATCH, `consumer B received ${seenB.length} messages, expected ${SECOND_BATCH}`);
    for (const m of seenB) {
      assert(keyPartition.get(m.key) === undefined || keyPartition.get(m.key) === m.partition, `key ${m.key} moved partition`);
    }
    await consumers[0].commitOffsets(nextOffsets([...seenA, ...seenB]));
    await consumers[0].disconnect();
    consumers.shift();
    return `${seenB.length} messages, all from batch 2, none re-delivered`;
  });

  await step('admin fetchOffsets == high watermarks', async () => {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    for (const end of ends) {
      const c = entry.partitions.find((p) => p.partition === end.partition);
      assert(c?.offset === end.high, `partition ${end.partition}: committed ${c?.offset}, high watermark ${end.high}`);
    }
    const total = ends.reduce((acc, e) => acc + Number(e.high), 0);
    assert(total === FIRST_BATCH + SECOND_BATCH, `topic holds ${total} messages, expected ${FIRST_BATCH + SECOND_BATCH}`);
    return ends.map((e) => `p${e.partition}=${e.high}`).join(' ');
  });

  await step('deleteTopics + deleteGroups', async () => {
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
    topicCreated = false;
    const topics = await admin.listTopics();
    assert(!topics.includes(topic), 'topic still listed after deleteTopics');
    await admin.deleteGroups([groupId]);
    return 'topic and group gone';
  });
}

async function cleanup() {
  for (const c of consumers) await c.disconnect().catch(() => undefined);
  await producer.disconnect().catch(() => undefined);
  if (topicCreated) await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect().catch(() => undefined);
}

let failed = false;
const guard = setTimeout(() => {
  console.error(`FAIL: smoke test did not finish within ${TOTAL_TIMEOUT_MS} ms`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

try {
  await run();
} catch {
  failed = true;
} finally {
  await cleanup();
  clearTimeout(guard);
}

const pad = Math.max(...results.map((r) => r.name.length));
console.log(`kafkajs smoke test against ${brokers.join(',')} (topic ${topic}, group ${groupId})`);
for (const r of results) {
  console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(pad)}  ${r.ms.toFixed(0).padStart(6)} ms  ${r.detail}`);
}
if (kafkajsLog.length) {
  console.log(`kafkajs warnings/errors (${kafkajsLog.length}):`);
  for (const line of kafkajsLog) console.log(`  ${line}`);
} else {
  console.log('kafkajs warnings/errors: none');
}
console.log(`${failed ? 'FAIL' : 'PASS'}: ${results.filter((r) => r.ok).length}/${results.length} steps in ${(performance.now() - startedAt).toFixed(0)} ms`);
process.exit(failed ? 1 : 0);

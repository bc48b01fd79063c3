// Readiness probe used by scripts/kafka.sh.
//   node scripts/kafka/probe.mjs <port> [timeoutMs]           does 127.0.0.1:<port> answer a metadata request
//                                                             (kafkajs admin describeCluster) with an active
//                                                             controller? exit 0 + one summary line, else 1.
//   node scripts/kafka/probe.mjs <port> [timeoutMs] --warmup  additionally wake the group coordinator
//                                                             (creates __consumer_offsets) and the producer-id /
//                                                             transaction coordinator, so the first test on a
//                                                             fresh broker does not meet "coordinator is loading"
//                                                             retries. Exit 2 if only the warm-up failed.
import process from 'node:process';
import { Kafka, Partitioners, logLevel } from 'kafkajs';

const args = process.argv.slice(2);
const warmup = args.includes('--warmup');
const [portArg, timeoutArg] = args.filter((a) => !a.startsWith('--'));
const port = Number(portArg ?? process.env.KAFKA_PORT ?? 19092);
const timeoutMs = Number(timeoutArg ?? 3000);
const WARMUP_TIMEOUT_MS = 30_000;

const kafka = new Kafka({
  clientId: 'talkwatch-kafka-probe',
  brokers: [`127.0.0.1:${port}`],
  connectionTimeout: Math.min(timeoutMs, 2000),
  requestTimeout: timeoutMs,
  retry: { retries: 0 },
  logLevel: logLevel.NOTHING,
});

function fail(code, message) {
  console.error(`probe: ${message}`);
  process.exit(code);
}

const guard = setTimeout(() => fail(1, `no answer from 127.0.0.1:${port} within ${timeoutMs} ms`), timeoutMs + 1000);
const admin = kafka.admin();
let summary;
try {
  await admin.connect();
  const { clusterId, brokers, controller } = await admin.describeCluster();
  if (brokers.length === 0 || controller === null || controller < 0) {
    throw new Error(`metadata not ready (brokers=${brokers.length}, controller=${String(controller)})`);
  }
  summary = `clusterId=${clusterId} brokers=${brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(',')} controller=${controller}`;
} catch (err) {
  await admin.disconnect().catch(() => undefined);
  fail(1, err instanceof Error ? err.message : String(err));
}
clearTimeout(guard);

if (warmup) {
  const warmGuard = setTimeout(() => fail(2, `warm-up did not finish within ${WARMUP_TIMEOUT_MS} ms`), WARMUP_TIMEOUT_MS);
  const warm = new Kafka({
    clientId: 'talkwatch-kafka-warmup',
    brokers: [`127.0.0.1:${port}`],
    retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 30 },
    logLevel: logLevel.NOTHING,
  });
  const wAdmin = warm.admin();
  const producer = warm.producer({
    transactionalId: 'talkwatch-kafka-warmup',
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  try {
    await wAdmin.connect();
    await wAdmin.describeGroups(['talkwatch-kafka-warmup']); // FindCoordinator(GROUP) until the coordinator has loaded
    await producer.connect(); // InitProducerId: first producer-id block, FindCoordinator(TRANSACTION)
    const tx = await producer.transaction();
    await tx.abort(); // nothing was added: kafkajs sends no EndTxn
    summary += ' warmed=groups,producer-ids,transactions';
  } catch (err) {
    fail(2, `warm-up failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await producer.disconnect().catch(() => undefined);
    await wAdmin.disconnect().catch(() => undefined);
  }
  clearTimeout(warmGuard);
}

await admin.disconnect().catch(() => undefined);
console.log(summary);

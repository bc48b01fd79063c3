// Runs all of Talkwatch (apps/talkwatch) as a child process the way a user does, on the embedded
// stack (PGlite + the embedded log in a temporary DATA_DIR) or on Kafka + PostgreSQL (a fresh
// database and a topic and group of its own, removed afterwards).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { createTestDatabase } from '@talkwatch/infra/testing';

const { fetch } = globalThis;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092';
export const apiKey = `bench-${randomBytes(24).toString('hex')}`;

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function deleteTopic(topic) {
  const admin = new Kafka({ clientId: 'bench-cleanup', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

/**
 * @param {'embedded' | 'kafka'} kind
 * @returns {Promise<{ baseUrl: string, kind: string, output: () => string, pid: number, stop: () => Promise<void> }>}
 */
export async function startStack(kind, extraEnv = {}) {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tw-bench-'));
  const cleanups = [() => rm(dataDir, { recursive: true, force: true })];
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'KAFKA_BROKERS', 'SMTP_URL', 'API_KEYS'].includes(k))),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    API_KEYS: apiKey,
    LOAD_EXAMPLES: 'false',
    LOG_FORMAT: 'json',
    // The receiver listens on loopback, which the SSRF guard refuses unless allowed.
    OUTBOUND_ALLOWLIST: '127.0.0.1',
    ...extraEnv,
  };
  if (kind === 'kafka') {
    const db = await createTestDatabase('tw_bench_stack');
    const suffix = randomBytes(4).toString('hex');
    const topic = `talkwatch.bench.${suffix}`;
    Object.assign(env, { DATABASE_URL: db.url, KAFKA_BROKERS: brokers, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `talkwatch-bench-${suffix}` });
    await db.prisma.$disconnect();
    cleanups.push(() => db.drop(), () => deleteTopic(topic));
  }
  const child = spawn(process.execPath, ['--experimental-wasm-modules', path.join(root, 'apps/talkwatch/dist/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`talkwatch (${kind}) exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    }
    const ready = await fetch(`${baseUrl}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`talkwatch (${kind}) not ready after 90 s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, kind, dataDir, pid: child.pid, output: () => output, stop };
}

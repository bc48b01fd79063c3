// The README's run command on a bare machine: `npm start` with nothing configured embeds its
// database and event log, writes emails to DATA_DIR/outbox, and survives SIGKILL with its state
// and without sending any alert twice.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { GiveUp, freePort, waitFor } from './harness/ports.js';
import { repoRoot } from './harness/repo.js';
import { startWebhookReceiver, type WebhookReceiver } from './harness/webhook-receiver.js';

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | string>;
}

const serviceVariables = ['DATABASE_URL', 'KAFKA_BROKERS', 'SMTP_URL', 'PORT', 'HOST', 'DATA_DIR', 'LOAD_EXAMPLES', 'API_KEYS', 'PUBLIC_READ', 'OUTBOUND_ALLOWLIST'];

async function npmStart(dataDir: string, port: number): Promise<Running> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !serviceVariables.includes(name)));
  // Its own process group, so SIGKILL reaches npm's child node process too.
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    // The webhook receiver listens on loopback, which the SSRF guard refuses otherwise.
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), LOG_FORMAT: 'json', DELIVERY_POLL_MS: '200', OUTBOUND_ALLOWLIST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  // 'close' waits for every holder of the output pipes, npm's child node process included.
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => { resolve(code ?? signal ?? 'unknown'); }));
  await waitFor(
    'npm start to serve /health/ready',
    async () => {
      if (child.exitCode !== null) throw new GiveUp(`npm start exited with ${child.exitCode}`);
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      return res.ok ? true : undefined;
    },
    90_000,
    250,
  ).catch((error: unknown) => {
    killGroup(child, 'SIGKILL');
    throw new Error(`${String(error)}\n--- output ---\n${output}`);
  });
  return { child, output: () => output, exited };
}

/** Signals npm and the app it started (one process group); a group already gone is fine. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function emlFiles(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dataDir, 'outbox'))).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
}

const article = {
  title: 'Armenia and Azerbaijan to resume peace talks in Washington',
  url: 'https://example.org/2023/04/28/armenia-azerbaijan-washington-talks',
  publishedAt: '2023-04-28',
  body: [
    'Armenia and Azerbaijan will hold a new round of peace talks in Washington on May 1, the State Department said on Friday.',
    'The foreign ministers of both countries are expected to attend the meeting, which follows months of deadlock.',
    'A spokesman said the sides had not yet agreed on the text of a treaty.',
  ].join('\n\n'),
};

describe('npm start on a bare machine (embedded database, log and outbox)', () => {
  let dataDir: string;
  let port: number;
  let receiver: WebhookReceiver;
  let running: Running | undefined;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'talkwatch-embedded-'));
    port = await freePort();
    receiver = await startWebhookReceiver();
  });

  after(async () => {
    if (running) killGroup(running.child, 'SIGKILL');
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ingests, alerts to the outbox, survives SIGKILL without duplicates, and stops cleanly', async () => {
    const base = `http://127.0.0.1:${port}`;
    running = await npmStart(dataDir, port);
    const first = running;
    await waitFor('the startup banner', () => Promise.resolve(first.output().includes('Talkwatch is running') ? true : undefined));
    assert.match(running.output(), /embedded PostgreSQL \(PGlite\)/);

    // First start with an empty store loads the examples.
    const initial = await waitFor('example tracks', async () => {
      const list = (await (await fetch(`${base}/talks`)).json()) as { id: string }[];
      return list.length >= 2 ? list : undefined;
    });
    assert.ok(initial.every((t) => !t.id.includes('armenia')));

    // Not open by default: the first start generated a key, kept it for its owner only, printed it once.
    const keyFile = path.join(dataDir, 'api-key');
    const key = (await readFile(keyFile, 'utf8')).trim();
    assert.ok(key.length >= 32);
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
    assert.equal(running.output().split(key).length - 1, 1, 'the new key is printed exactly once');
    const json = { 'content-type': 'application/json' };
    const withKey = { ...json, authorization: `Bearer ${key}` };
    const anonymous = await fetch(`${base}/articles`, { method: 'POST', headers: json, body: JSON.stringify(article) });
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { code: string }).code, 'unauthorized');
    assert.equal((await fetch(`${base}/subscriptions`)).status, 401);

    for (const body of [{ kind: 'email', email: 'desk@example.org' }, { kind: 'webhook', url: receiver.url }]) {
      const res = await fetch(`${base}/subscriptions`, { method: 'POST', headers: withKey, body: JSON.stringify(body) });
      assert.equal(res.status, 201);
      const created = (await res.json()) as { secret?: string };
      if (created.secret) receiver.secret = created.secret;
    }
    // The email address confirms first (double opt-in): the outbox holds the confirmation, whose
    // link, signed with the secret this start generated, points at this very process.
    const [confirmationFile] = await waitFor('the confirmation email', async () => {
      const found = await emlFiles(dataDir);
      return found.length === 1 ? found : undefined;
    });
    assert.ok(confirmationFile);
    const confirmation = await simpleParser(await readFile(path.join(dataDir, 'outbox', confirmationFile)));
    const confirmUrl = /http:\/\/\S+\/email\/confirm\?token=\S+/.exec(confirmation.text ?? '')?.[0] ?? assert.fail('no confirmation link');
    assert.ok(confirmUrl.startsWith(`${base}/email/confirm?token=`), confirmation.text);
    assert.equal((await fetch(confirmUrl, { method: 'POST' })).status, 200);
    assert.equal((await stat(path.join(dataDir, 'link-secret'))).mode & 0o777, 0o600);

    const post = () => fetch(`${base}/articles`, { method: 'POST', headers: withKey, body: JSON.stringify(article) });
    assert.equal((await post()).status, 202);

    const track = await waitFor('the Armenia–Azerbaijan round', async () => {
      const res = await fetch(`${base}/talks/armenia--azerbaijan`);
      if (res.status !== 200) return undefined;
      const state = (await res.json()) as { rounds: { status: string; venue: string | null; date: { start: string } | null }[] };
      return state.rounds.length > 0 ? state : undefined;
    });
    const [round] = track.rounds;
    assert.ok(round);
    assert.equal(round.date?.start, '2023-05-01');
    assert.equal(round.status, 'scheduled');

    const timeline = (await (await fetch(`${base}/talks/armenia--azerbaijan/timeline`)).json()) as { type: string }[];
    const alerts = timeline.filter((c) => ['round.added', 'round.status-changed', 'round.rescheduled', 'demand.added'].includes(c.type)).length;
    assert.ok(alerts >= 1);
    const files = await waitFor('one .eml per new fact', async () => {
      const found = await emlFiles(dataDir);
      return found.length >= alerts + 1 && receiver.received.length >= alerts ? found : undefined;
    });
    assert.equal(files.length, alerts + 1, 'the confirmation, then one per new fact');
    assert.equal(receiver.received.length, alerts);
    assert.ok(receiver.received.every((w) => w.verified));
    assert.match(running.output(), /written to .*\.eml/, 'the outbox path is logged');

    const before = { list: await (await fetch(`${base}/talks`)).text(), track: await (await fetch(`${base}/talks/armenia--azerbaijan`)).text() };

    // Crash: no shutdown hook runs.
    killGroup(running.child, 'SIGKILL');
    assert.equal(await running.exited, 'SIGKILL');

    running = await npmStart(dataDir, port);
    const second = running;
    await waitFor('the startup banner', () => Promise.resolve(second.output().includes('Talkwatch is running') ? true : undefined));
    assert.doesNotMatch(running.output(), /loaded \d+ example article/, 'examples load only into an empty store');
    assert.equal(running.output().includes(key), false, 'a later start names the key file, not the key');
    assert.equal((await readFile(keyFile, 'utf8')).trim(), key, 'and keeps the same key');
    const afterRestart = { list: await (await fetch(`${base}/talks`)).text(), track: await (await fetch(`${base}/talks/armenia--azerbaijan`)).text() };
    assert.deepEqual(JSON.parse(afterRestart.track), JSON.parse(before.track));
    assert.deepEqual(JSON.parse(afterRestart.list), JSON.parse(before.list));

    // Re-posting after the restart is recognised; nothing is sent again.
    const again = await post();
    assert.equal(again.status, 200);
    await new Promise((r) => setTimeout(r, 2000));
    assert.deepEqual(await emlFiles(dataDir), files);
    assert.equal(receiver.received.length, alerts);

    // SIGTERM reaches npm and the app alike; npm's own exit reports the signal, so the app's
    // graceful path is read from its log.
    killGroup(running.child, 'SIGTERM');
    await running.exited;
    assert.match(running.output(), /SIGTERM received, shutting down/);
    assert.match(running.output(), /shutdown complete/);
  });
});

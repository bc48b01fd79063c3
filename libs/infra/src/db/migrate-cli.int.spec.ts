// The migrate CLI as `npm run db:migrate` / `db:migration` / `db:check` run it, against the real PostgreSQL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { databaseExists, dropDatabase, withDatabase } from './pg-database.js';

const CLI = fileURLToPath(new URL('./migrate-cli.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ADMIN_URL = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-wasm-modules', CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

async function migrationNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

describe('migrate-cli', () => {
  it('apply creates a missing database, applies the migrations, then finds it up to date', async () => {
    const name = `tw_cli_test_${randomBytes(5).toString('hex')}`;
    const url = withDatabase(ADMIN_URL, name);
    const expected = await migrationNames(path.join(ROOT, 'prisma', 'migrations'));
    try {
      const first = await runCli(['apply'], url);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, new RegExp(`Created database "${name}" on 127\\.0\\.0\\.1:5432: it did not exist\\.`));
      assert.match(first.stdout, new RegExp(`Applied ${expected.length} migrations? to database "${name}"`));
      for (const migration of expected) assert.ok(first.stdout.includes(`  ${migration}\n`), `${migration} is listed`);
      assert.ok(await databaseExists(ADMIN_URL, name));

      const second = await runCli(['apply'], url);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /is up to date: no migration to apply/);
      assert.equal(second.stderr, '');
    } finally {
      await dropDatabase(ADMIN_URL, name);
    }
  });

  it('check exits 0 when schema.prisma and the migrations agree', async () => {
    const run = await runCli(['check'], withDatabase(ADMIN_URL, 'talkwatch_not_needed'));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /prisma\/schema\.prisma and prisma\/migrations agree/);
  });

  it('create writes nothing when there is nothing to migrate', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tw-migrate-cli-'));
    try {
      await cp(path.join(ROOT, 'prisma', 'migrations'), dir, { recursive: true });
      const before = await migrationNames(dir);
      const run = await runCli(['create', 'nothing', '--migrations', dir], ADMIN_URL);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /No migration created/);
      assert.deepEqual(await migrationNames(dir), before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says which server it cannot reach, without a stack trace', async () => {
    const run = await runCli(['apply'], 'postgresql://postgres@127.0.0.1:1/talkwatch');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^migrate: Cannot reach PostgreSQL at 127\.0\.0\.1:1: connection refused\. Check that PostgreSQL is running/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('explains its usage when a command or name is missing', async () => {
    const missingName = await runCli(['create'], ADMIN_URL);
    assert.equal(missingName.code, 2);
    assert.match(missingName.stderr, /create needs a migration name/);
    const unknown = await runCli(['migrate'], ADMIN_URL);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "migrate"/);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { apiKeyFileOf, loadOrCreateApiKey } from './api-key-file.js';
import { authEnvShape, generateApiKey, parseApiKeys, scopesOfKey } from './api-keys.js';
import { ConfigError, parseEnv } from './env.js';

const ingestKey = 'i'.repeat(40);
const adminKey = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6-._~+/==';
const bothKey = generateApiKey();

describe('API_KEYS', () => {
  it('gives a key without a scope both scopes, and merges a key listed twice', () => {
    const { keys, problems } = parseApiKeys(` ${ingestKey}:ingest , ${adminKey}:admin,${bothKey}, ${ingestKey}:admin`);
    assert.deepEqual(problems, []);
    assert.equal(keys.length, 3);
    assert.deepEqual(scopesOfKey(keys, ingestKey), ['ingest', 'admin']);
    assert.deepEqual(scopesOfKey(keys, adminKey), ['admin']);
    assert.deepEqual(scopesOfKey(keys, bothKey), ['ingest', 'admin']);
    assert.equal(scopesOfKey(keys, 'x'.repeat(40)), undefined);
    assert.equal(scopesOfKey(keys, ingestKey.slice(1)), undefined);
    assert.equal(scopesOfKey([], ingestKey), undefined);
  });

  it('keeps digests only: the parsed config does not contain a key', () => {
    const { keys } = parseApiKeys(`${adminKey}:admin`);
    assert.equal(JSON.stringify(keys).includes(adminKey), false);
  });

  it('lists every bad entry by position, without printing any key', () => {
    const short = 'short-key-1234';
    const spaced = 'has space'.padEnd(40, 'x');
    const env = { API_KEYS: `${short},${bothKey}:read,${spaced},,${adminKey}:admin` };
    assert.throws(
      () => parseEnv(z.object(authEnvShape), env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 4, error.message);
        assert.ok(error.problems.every((p) => p.startsWith('API_KEYS: entry ')), error.message);
        assert.match(error.message, /entry 1 of 5 is 14 characters long; a key needs at least 32/);
        assert.match(error.message, /entry 2 of 5 has an unknown scope/);
        assert.match(error.message, /entry 3 of 5 has characters a key cannot have/);
        assert.match(error.message, /entry 4 of 5 is empty/);
        for (const secret of [short, bothKey, spaced, adminKey, 'read']) assert.equal(error.message.includes(secret), false, secret);
        return true;
      },
    );
  });

  it('is optional, and PUBLIC_READ defaults to true', () => {
    const parsed = parseEnv(z.object(authEnvShape), { API_KEYS: '  ' });
    assert.deepEqual(parsed.API_KEYS, []);
    assert.equal(parsed.PUBLIC_READ, true);
    assert.equal(parseEnv(z.object(authEnvShape), { PUBLIC_READ: 'false' }).PUBLIC_READ, false);
  });
});

describe('the embedded key file', () => {
  it('is generated once, readable by its owner only, and read back on later starts', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-key-'));
    try {
      const first = loadOrCreateApiKey(path.join(dir, 'data'));
      assert.equal(first.created, true);
      assert.equal(first.file, apiKeyFileOf(path.join(dir, 'data')));
      assert.equal(parseApiKeys(first.key).problems.length, 0);
      assert.equal((await stat(first.file)).mode & 0o777, 0o600);
      const second = loadOrCreateApiKey(path.join(dir, 'data'));
      assert.deepEqual(second, { ...first, created: false });

      await writeFile(first.file, 'too-short\n');
      assert.throws(() => loadOrCreateApiKey(path.join(dir, 'data')), (error: unknown) => error instanceof ConfigError && !error.message.includes('too-short'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

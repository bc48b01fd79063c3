// The embedded default's own API key: with no API_KEYS configured, `npm start` generates one on its
// first start and keeps it in DATA_DIR/api-key (readable by its owner only), so even the
// out-of-the-box install does not take articles or subscriptions from anyone who reaches the port.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateApiKey, isValidApiKey } from './api-keys.js';
import { ConfigError } from './env.js';

export interface StoredApiKey {
  readonly file: string;
  readonly key: string;
  /** true on the start that generated it: the only time it is printed. */
  readonly created: boolean;
}

export function apiKeyFileOf(dataDir: string): string {
  return path.resolve(dataDir, 'api-key');
}

export function loadOrCreateApiKey(dataDir: string): StoredApiKey {
  const file = apiKeyFileOf(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const key = generateApiKey();
  try {
    // wx: two first starts at once cannot both write; the loser reads the winner's key.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { file, key, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = readFileSync(file, 'utf8').trim();
  if (!isValidApiKey(stored)) {
    throw new ConfigError([`${file}: not a valid API key (at least 32 characters); delete the file to have a new one generated, or set API_KEYS`]);
  }
  // Whoever copied the data directory around may have loosened it.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return { file, key: stored, created: false };
}

// API keys: parsed once at boot from API_KEYS, kept only as SHA-256 digests so neither a log line
// nor a dump of the config can show one, and compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** `ingest`: POST /articles. `admin`: subscriptions and deliveries. */
export const apiScopes = ['ingest', 'admin'] as const;
export type ApiScope = (typeof apiScopes)[number];

export interface ApiKey {
  /** SHA-256 of the key: equal length for every key, so comparing leaks no length either. */
  readonly digest: Buffer;
  readonly scopes: readonly ApiScope[];
}

export interface AuthConfig {
  readonly keys: readonly ApiKey[];
  /** true: the status API, the event stream and /docs answer without a key. */
  readonly publicRead: boolean;
}

export const minApiKeyLength = 32;
/** RFC 6750 b64token: what can follow `Bearer ` without quoting. */
const keyCharacters = /^[A-Za-z0-9\-._~+/]+=*$/;

export function apiKeyOf(key: string, scopes: readonly ApiScope[] = apiScopes): ApiKey {
  return { digest: digestOf(key), scopes };
}

/**
 * Parses `key[:scope],...`. A key without a scope has every scope; a key listed twice has the
 * scopes of both entries. Problems name entries by position and never repeat a key.
 */
export function parseApiKeys(text: string): { keys: ApiKey[]; problems: string[] } {
  const problems: string[] = [];
  const byKey = new Map<string, Set<ApiScope>>();
  const entries = text.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1} of ${entries.length}`;
    if (entry === '') {
      if (entries.length > 1) problems.push(`${where} is empty`);
      return;
    }
    const colon = entry.indexOf(':');
    const key = colon < 0 ? entry : entry.slice(0, colon);
    const scope = colon < 0 ? undefined : entry.slice(colon + 1);
    let ok = true;
    if (key.length < minApiKeyLength) {
      problems.push(`${where} is ${key.length} characters long; a key needs at least ${minApiKeyLength}`);
      ok = false;
    } else if (!keyCharacters.test(key)) {
      problems.push(`${where} has characters a key cannot have (letters, digits and - . _ ~ + / only, = at the end)`);
      ok = false;
    }
    if (scope !== undefined && !isScope(scope)) {
      problems.push(`${where} has an unknown scope after the colon (use ${apiScopes.join(' or ')}, or none for both)`);
      ok = false;
    }
    if (!ok) return;
    const scopes = byKey.get(key) ?? new Set<ApiScope>();
    for (const s of scope === undefined ? apiScopes : [scope as ApiScope]) scopes.add(s);
    byKey.set(key, scopes);
  });
  const keys = [...byKey].map(([key, scopes]) => apiKeyOf(key, apiScopes.filter((s) => scopes.has(s))));
  return { keys, problems };
}

function isScope(value: string): value is ApiScope {
  return (apiScopes as readonly string[]).includes(value);
}

/** The scopes of the key presented, or undefined when it is no configured key. Constant time. */
export function scopesOfKey(keys: readonly ApiKey[], presented: string): readonly ApiScope[] | undefined {
  const digest = digestOf(presented);
  let found: ApiKey | undefined;
  // Every configured key is compared, so the time taken says nothing about which one matched.
  for (const key of keys) {
    if (timingSafeEqual(key.digest, digest) && found === undefined) found = key;
  }
  return found?.scopes;
}

function digestOf(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** A new key for the embedded default: 256 random bits, base64url (a valid b64token). */
export function generateApiKey(): string {
  return `tw_${randomBytes(32).toString('base64url')}`;
}

export function isValidApiKey(key: string): boolean {
  return key.length >= minApiKeyLength && keyCharacters.test(key);
}

export const authEnvShape = {
  /** Comma-separated `key` or `key:scope` (ingest, admin). Unset: none (npm start then generates one). */
  API_KEYS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return [];
      const { keys, problems } = parseApiKeys(text);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return keys;
    }),
  /** false: reading the status API needs a key too (any scope). */
  PUBLIC_READ: z.stringbool().default(true),
};

export function authConfigOf(env: { API_KEYS: ApiKey[]; PUBLIC_READ: boolean }): AuthConfig {
  return { keys: env.API_KEYS, publicRead: env.PUBLIC_READ };
}

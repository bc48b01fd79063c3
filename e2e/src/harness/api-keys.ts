// API keys for the apps under test: one per scope, so the tests also show a key cannot do more.
import { randomBytes } from 'node:crypto';

export const ingestKey = `e2e-ingest-${randomBytes(24).toString('base64url')}`;
export const adminKey = `e2e-admin-${randomBytes(24).toString('base64url')}`;
export const apiKeysEnv = `${ingestKey}:ingest,${adminKey}:admin`;

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export const jsonWith = (key: string): Record<string, string> => ({ 'content-type': 'application/json', ...bearer(key) });

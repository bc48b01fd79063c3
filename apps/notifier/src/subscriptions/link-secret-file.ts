// The embedded default's own link secret: with no EMAIL_LINK_SECRET configured, `npm start`
// generates one on its first start and keeps it in DATA_DIR/link-secret (readable by its owner
// only), so the links in emails already sent keep working after a restart.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@talkwatch/infra';

export function loadOrCreateLinkSecret(dataDir: string): string {
  const file = path.resolve(dataDir, 'link-secret');
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    const secret = randomBytes(32).toString('base64url');
    // wx: two first starts at once cannot both write; the loser reads the winner's secret.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = readFileSync(file, 'utf8').trim();
  if (stored.length < 32) throw new ConfigError([`${file}: not a valid link secret (at least 32 characters); delete it to have one generated, or set EMAIL_LINK_SECRET`]);
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return stored;
}

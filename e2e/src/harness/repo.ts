import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** e2e/dist/harness/repo.js → the repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

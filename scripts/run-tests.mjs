// Runs the compiled test files of every workspace with Node's test runner.
// Tiers by name: *.spec.js (pure), *.int.spec.js (real Postgres/Kafka), *.e2e.spec.js (over HTTP/SMTP).
// Usage: node scripts/run-tests.mjs [unit|int|e2e ...]   (default: all tiers)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = ['libs/domain', 'libs/infra', 'apps/ingestor', 'apps/notifier', 'apps/talkwatch', 'apps/dashboard', 'e2e', 'tools/cli'];
const wanted = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'int', 'e2e']);

function tierOf(file) {
  if (file.endsWith('.e2e.spec.js')) return 'e2e';
  if (file.endsWith('.int.spec.js')) return 'int';
  return 'unit';
}

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.spec.js')) out.push(full);
  }
  return out;
}

const files = workspaces
  .flatMap((ws) => {
    try {
      return walk(path.join(root, ws, 'dist'), []);
    } catch {
      return [];
    }
  })
  .filter((f) => wanted.has(tierOf(f)))
  // pure tests first: they fail fastest
  .sort((a, b) => ['unit', 'int', 'e2e'].indexOf(tierOf(a)) - ['unit', 'int', 'e2e'].indexOf(tierOf(b)));

if (files.length === 0) {
  console.error('run-tests: no compiled test files found; run `npm run build` first');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--experimental-wasm-modules', '--enable-source-maps', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  // A leaked handle must fail the run, not hang CI.
  { stdio: 'inherit', cwd: root, timeout: 20 * 60 * 1000, killSignal: 'SIGKILL' },
);
if (result.error) console.error(`run-tests: ${result.error.message}`);
process.exit(result.status ?? 1);

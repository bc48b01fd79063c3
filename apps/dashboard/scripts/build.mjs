// The dashboard's build, skipped when nothing it is made from changed since the last one: `npm start`
// builds first, and a full rebuild (API types, type-check, vite, the specs) would slow every start.
// Inputs: the dashboard's own files, and the compiled notifier and libraries its API types come from.
// Usage: node scripts/build.mjs [--force]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(here, '..', '..');
const stamp = path.join(here, 'dist', '.build-stamp');
const inputs = [
  ...['src', 'scripts', 'index.html', 'vite.config.mjs', 'package.json', 'tsconfig.json', 'tsconfig.spec.json'].map((p) => path.join(here, p)),
  ...['apps/notifier/dist', 'libs/infra/dist', 'libs/domain/dist', 'package-lock.json'].map((p) => path.join(root, p)),
];

function newest(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((latest, name) => Math.max(latest, newest(path.join(file, name))), stat.mtimeMs);
}

function built() {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return 0;
  }
}

if (!process.argv.includes('--force') && Math.max(...inputs.map(newest)) < built()) {
  console.log('dashboard: up to date (node apps/dashboard/scripts/build.mjs --force rebuilds it)');
  process.exit(0);
}
for (const [command, ...args] of [
  ['node', 'scripts/openapi-types.mjs'],
  ['npx', 'tsc', '-p', 'tsconfig.json'],
  ['npx', 'vite', 'build', '--logLevel', 'warn'],
  ['npx', 'tsc', '-p', 'tsconfig.spec.json'],
]) {
  const result = spawnSync(command, args, { cwd: here, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.log('dashboard: built into apps/dashboard/dist');

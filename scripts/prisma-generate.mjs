// Runs `prisma generate` without any native engine. Prisma 7's client needs no engine
// (it talks to Postgres through @prisma/adapter-pg); the CLI only wants the schema-engine
// path to exist, so we point it at a stub that explains itself if ever executed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const prismaBin = path.join(root, 'node_modules', '.bin', 'prisma');
if (!existsSync(prismaBin)) {
  console.log('prisma-generate: prisma CLI not installed yet, skipping');
  process.exit(0);
}
const result = spawnSync(prismaBin, ['generate', '--schema', 'prisma/schema.prisma'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, 'prisma', 'schema-engine-stub.sh'),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);

// The services a drill may stop: a Kafka broker and a PostgreSQL cluster of its own, on ports of
// their own, never the project's shared ones (other runs use those meanwhile).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../harness/repo.js';
import { freePort } from '../harness/ports.js';

/** Runs a command to its end; throws with its output when it fails. */
function run(command: string, args: readonly string[], env: Record<string, string> = {}, timeoutMs = 180_000): string {
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeoutMs, cwd: repoRoot });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal ?? result.error?.message}):\n${result.stdout}\n${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

/** A single-node broker started with scripts/kafka.sh, with its own state and data under `dir`. */
export class KafkaBroker {
  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly dir: string,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(dir: string): Promise<KafkaBroker> {
    const port = await freePort();
    const controller = await freePort();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const env = {
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controller),
      KAFKA_DATA_DIR: path.join(dir, 'data'),
      KAFKA_STATE_DIR: path.join(dir, 'state'),
      KAFKA_HEAP_OPTS: '-Xms256m -Xmx384m',
    };
    const broker = new KafkaBroker(port, env, dir);
    broker.script('start');
    return broker;
  }

  /** SIGTERM (a clean broker shutdown), then SIGKILL if it lingers. */
  stop(): void {
    this.script('stop');
  }

  start(): void {
    this.script('start');
  }

  /** Stops the broker and removes its data. */
  destroy(): void {
    try {
      this.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private script(command: 'start' | 'stop'): string {
    return run('bash', [path.join(repoRoot, 'scripts/kafka.sh'), command], this.env);
  }
}

/** The PostgreSQL binaries of the newest version installed (Debian's layout). */
function postgresBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  const newest = versions[0];
  if (!newest) throw new Error('no PostgreSQL under /usr/lib/postgresql (initdb and pg_ctl are needed)');
  return path.join('/usr/lib/postgresql', newest, 'bin');
}

/**
 * A cluster of its own (initdb in `dir`), trust auth on 127.0.0.1:port. PostgreSQL refuses to run
 * as root: then it runs as the `postgres` user (runuser).
 */
export class PostgresCluster {
  private constructor(
    readonly port: number,
    private readonly dataDir: string,
    private readonly asUser: string | undefined,
  ) {}

  static async start(dir: string): Promise<PostgresCluster> {
    const port = await freePort();
    const asUser = userInfo().uid === 0 ? 'postgres' : undefined;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    if (asUser) run('chown', [asUser, dir]);
    const dataDir = path.join(dir, 'data');
    const cluster = new PostgresCluster(port, dataDir, asUser);
    cluster.pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    cluster.start();
    return cluster;
  }

  get adminUrl(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlOf(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    const log = path.join(path.dirname(this.dataDir), 'postgres.log');
    this.pg('pg_ctl', ['-D', this.dataDir, '-l', log, '-w', '-t', '60', '-o', `-p ${this.port} -k ${path.dirname(this.dataDir)} -h 127.0.0.1 -c fsync=off`, 'start']);
  }

  /** A fast shutdown: every client connection is cut. */
  stop(): void {
    this.pg('pg_ctl', ['-D', this.dataDir, '-w', '-t', '60', '-m', 'fast', 'stop']);
  }

  /** A database migrated with the project's own tool. */
  async createDatabase(name: string): Promise<string> {
    const admin = new pg.Client({ connectionString: this.adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const url = this.urlOf(name);
    run(process.execPath, ['--experimental-wasm-modules', path.join(repoRoot, 'libs/infra/dist/db/migrate-cli.js'), 'apply'], { DATABASE_URL: url });
    return url;
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(path.dirname(this.dataDir), { recursive: true, force: true });
  }

  private pg(tool: string, args: readonly string[]): string {
    const binary = path.join(postgresBin(), tool);
    if (!this.asUser) return run(binary, args);
    // runuser keeps no environment of ours: the tool needs none.
    return run('runuser', ['-u', this.asUser, '--', binary, ...args]);
  }
}

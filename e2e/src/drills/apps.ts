// The apps under a drill, as child processes started the way a user starts them. A drill kills
// them (SIGKILL: no shutdown hook runs) and starts them again on the same port and settings.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../harness/repo.js';
import { freePort } from '../harness/ports.js';

export type AppName = 'ingestor' | 'notifier' | 'talkwatch';

/** The notifier run apart needs a secret for the links in emails; every instance shares it. */
const linkSecret = `drill-link-secret-${'k'.repeat(32)}`;

export class DrillApp {
  private child: ChildProcess | undefined;
  private exited: Promise<number | string> | undefined;
  private log = '';
  /** How many times this app was started. */
  starts = 0;

  private constructor(
    readonly name: string,
    readonly app: AppName,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly drop: readonly string[],
  ) {}

  /** `drop`: variables of this process's environment the app must not inherit (KAFKA_BROKERS for an embedded log). */
  static async start(name: string, app: AppName, env: Record<string, string>, options: { readyTimeoutMs?: number; drop?: readonly string[] } = {}): Promise<DrillApp> {
    const instance = new DrillApp(name, app, await freePort(), env, options.drop ?? []);
    const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
    await instance.launch(readyTimeoutMs);
    return instance;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  output(): string {
    return this.log;
  }

  /** Starts the process (again) and waits until /health/ready answers 200. */
  async launch(readyTimeoutMs = 90_000): Promise<void> {
    const child = spawn(process.execPath, ['--experimental-wasm-modules', path.join(repoRoot, `apps/${this.app}/dist/main.js`)], {
      cwd: repoRoot,
      env: { EMAIL_LINK_SECRET: linkSecret, ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !this.drop.includes(k))), ...this.env, PORT: String(this.port), HOST: '127.0.0.1', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.starts += 1;
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log += chunk.toString();
      if (this.log.length > 400_000) this.log = this.log.slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => { resolve(code ?? signal ?? 'unknown'); }));
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.log.slice(-4000)}`);
      const ok = await fetch(`${this.baseUrl}/health/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${this.name} not ready after ${readyTimeoutMs} ms:\n${this.log.slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGKILL, as a crash; resolves once the process is gone. */
  async kill(): Promise<number | string> {
    const child = this.child;
    if (!child || !this.exited) return 'not running';
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM, then SIGKILL after 20 s; the exit code or signal. */
  async stop(): Promise<number | string> {
    const child = this.child;
    if (!child || !this.exited) return 'not running';
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }
}

export interface Readiness {
  readonly httpStatus: number;
  readonly status: string;
  readonly checks: Record<string, string>;
  readonly details?: Record<string, Record<string, number>>;
}

/** /health/ready as it answers now (its 503 body too); undefined when the app does not answer. */
export async function readinessOf(app: DrillApp): Promise<Readiness | undefined> {
  try {
    const res = await fetch(`${app.baseUrl}/health/ready`, { signal: AbortSignal.timeout(10_000) });
    const body = (await res.json()) as { status?: string; checks?: Record<string, string>; details?: Record<string, Record<string, number>> };
    return { httpStatus: res.status, status: body.status ?? 'unknown', checks: body.checks ?? {}, ...(body.details ? { details: body.details } : {}) };
  } catch {
    return undefined;
  }
}

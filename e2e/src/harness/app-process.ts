// Runs a built app as a child process, the way a user runs it, and waits until it is ready.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './repo.js';
import { waitFor } from './ports.js';

export interface AppProcess {
  readonly baseUrl: string;
  readonly output: () => string;
  /** SIGTERM, then the exit code (or the signal name) once it is gone. */
  stop(): Promise<number | string>;
  /** SIGKILL: the process dies where it is, as in a crash. */
  kill(): Promise<number | string>;
}

export async function startApp(app: 'ingestor' | 'notifier', port: number, env: Record<string, string>): Promise<AppProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, `apps/${app}/dist/main.js`)], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => { resolve(code ?? signal ?? 'unknown'); }));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${app} to be ready`, async () => {
      if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}:\n${output}`);
      const res = await fetch(`${baseUrl}/health/ready`);
      return res.ok ? true : undefined;
    }, 30_000, 200);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n--- ${app} output ---\n${output}`, { cause: error });
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

// One process at a time in a data directory: the embedded database is not safe to share.
// The lock file holds the owner's pid; a lock left by a dead process (a crash) is taken over.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export class DataDirInUseError extends Error {
  readonly code = 'data-dir-in-use';
  constructor(
    readonly directory: string,
    readonly pid: number,
  ) {
    super(`${directory} is in use by another Talkwatch process (pid ${pid}). Stop it first, or set DATA_DIR to another folder.`);
    this.name = 'DataDirInUseError';
  }
}

/** Whether `pid` is a live process; a zombie (killed, not yet reaped) counts as gone. */
async function alive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    // No /proc entry: on Linux the process is gone; elsewhere ask the kernel.
  }
  try {
    process.kill(pid, 0);
    return !(await readFile('/proc/self/stat', 'utf8').then(() => true, () => false));
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `directory`; resolves with its release. */
export async function lockDataDir(directory: string): Promise<() => Promise<void>> {
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, 'talkwatch.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && (await alive(owner))) throw new DataDirInUseError(directory, owner);
      await rm(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${directory}`);
}

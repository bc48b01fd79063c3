// Watches WATCH_DIR for article files. A file is read only once its size and modification time
// stayed the same for WATCH_STABLE_MS (a writer still at it changes them), and names that
// writers use while writing (hidden dot-files, *.tmp, *.part, ...) are left alone until renamed.
// A file is claimed by renaming it into .processing/ (atomic: two watchers never take one file),
// then moved to processed/, or to failed/ with a .reason file beside it saying why. A failure of
// Talkwatch itself (database, log) puts the file back to be tried again: nothing dropped is lost.
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Metrics, ProblemError } from '@talkwatch/infra';
import { countIntake } from '../articles/intake-metrics.js';
import { INGESTOR_CONFIG, type IngestorConfig } from '../config.js';
import { CLOCK, type Clock } from '../tokens.js';
import { IngestFile } from './ingest-file.js';

const inProgressName = /^\.|~$|\.(tmp|temp|part|partial|crdownload|download|swp)$/i;
const folders = { processing: '.processing', processed: 'processed', failed: 'failed' } as const;

interface Seen {
  readonly size: number;
  readonly mtimeMs: number;
  readonly since: number;
}

export type FileOutcome = { readonly file: string; readonly result: 'processed' | 'failed' | 'retry'; readonly detail: string };

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

@Injectable()
export class FolderWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Watch');
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(INGESTOR_CONFIG) private readonly config: IngestorConfig,
    private readonly ingestFile: IngestFile,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {}

  private get directory(): string | undefined {
    return this.config.watch.directory === undefined ? undefined : path.resolve(this.config.watch.directory);
  }

  async onApplicationBootstrap(): Promise<void> {
    const directory = this.directory;
    if (directory === undefined) return;
    for (const folder of Object.values(folders)) await mkdir(path.join(directory, folder), { recursive: true });
    // Files a stopped or crashed watcher had claimed go back to be read again.
    for (const name of await readdir(path.join(directory, folders.processing))) {
      await rename(path.join(directory, folders.processing, name), path.join(directory, name)).catch(() => undefined);
    }
    this.logger.log(`watching ${directory} for article files (.md, .txt, .html)`);
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.scan()
        .then(() => undefined)
        .catch((error: unknown) => {
          this.logger.error(`watching ${directory} failed: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => {
          this.running = undefined;
        });
    }, this.config.watch.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One look at the folder: reads the files that stopped changing. Exposed for tests. */
  async scan(): Promise<FileOutcome[]> {
    const directory = this.directory;
    if (directory === undefined) return [];
    const now = this.clock().getTime();
    const present = new Set<string>();
    const outcomes: FileOutcome[] = [];
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      if (this.stopped) break;
      if (!entry.isFile() || inProgressName.test(entry.name)) continue;
      present.add(entry.name);
      let info;
      try {
        info = await stat(path.join(directory, entry.name));
      } catch (error) {
        if (isMissing(error)) continue;
        throw error;
      }
      const before = this.seen.get(entry.name);
      if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
        this.seen.set(entry.name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
        continue;
      }
      if (now - before.since < this.config.watch.stableMs) continue;
      this.seen.delete(entry.name);
      const outcome = await this.process(directory, entry.name, info.size);
      if (outcome) outcomes.push(outcome);
    }
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    return outcomes;
  }

  private async process(directory: string, name: string, size: number): Promise<FileOutcome | undefined> {
    const claimed = path.join(directory, folders.processing, name);
    try {
      await rename(path.join(directory, name), claimed);
    } catch (error) {
      if (isMissing(error)) return undefined; // another watcher took it
      throw error;
    }
    try {
      const result = await countIntake(this.metrics, 'folder', async () => {
        if (size > this.config.fetch.maxBytes) {
          throw new ProblemError(413, 'file-too-large', 'The file is too large', `${size} bytes; at most ${this.config.fetch.maxBytes} (FETCH_MAX_BYTES) are read`);
        }
        return this.ingestFile.execute(name, await readFile(claimed));
      });
      await this.moveTo(directory, claimed, folders.processed, name);
      const detail = `${result.status} as article ${result.articleId} (${result.eventCount} fact(s))`;
      this.logger.log(`${name}: ${detail}`);
      return { file: name, result: 'processed', detail };
    } catch (error) {
      if (error instanceof ProblemError && error.status !== 503) {
        const target = await this.moveTo(directory, claimed, folders.failed, name);
        const reason = [`code: ${error.code}`, `status: ${error.status}`, `title: ${error.title}`, ...(error.detail ? [`detail: ${error.detail}`] : []), `at: ${this.clock().toISOString()}`, ''].join('\n');
        await writeFile(`${target}.reason`, reason);
        this.logger.warn(`${name}: failed (${error.code}): ${error.detail ?? error.title}`);
        return { file: name, result: 'failed', detail: error.code };
      }
      // Talkwatch's own trouble (database, log, a full extraction queue): the file waits for the next scan.
      await rename(claimed, path.join(directory, name));
      this.logger.warn(`${name}: will be tried again: ${error instanceof Error ? error.message : String(error)}`);
      return { file: name, result: 'retry', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Moves the claimed file into `folder`, under a new name if one of that name is there. */
  private async moveTo(directory: string, claimed: string, folder: string, name: string): Promise<string> {
    let target = path.join(directory, folder, name);
    if (await stat(target).then(() => true, () => false)) {
      const { name: stem, ext } = path.parse(name);
      target = path.join(directory, folder, `${stem}.${this.clock().toISOString().replace(/[:.]/g, '-')}${ext}`);
    }
    await rename(claimed, target);
    return target;
  }
}

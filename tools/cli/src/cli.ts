// `talkwatch`: reads files, runs the pure extractor, prints records or tables. All IO goes through
// CliIo so that the command runs in tests without a process or a file system.
import path from 'node:path';
import {
  ArticleParseError, EXTRACTOR_VERSION, GazetteerError, type Gazetteer, createGazetteer, extractArticle, getDefaultGazetteer, parseArticleText,
  parseGazetteerExtension,
} from '@talkwatch/domain';
import { type ExtractCommand, EXTRACT_HELP, MAIN_HELP, UsageError, parseArgs } from './args.js';
import { toArticleRecord } from './contract.js';
import { DEFAULT_WIDTH, formatArticle } from './table.js';

export const CLI_VERSION = '0.1.0';

export interface CliIo {
  /** The text of a file ("-": standard input). Throws a Node system error when it cannot be read. */
  readText(file: string): string;
  out(text: string): void;
  err(text: string): void;
  /** Terminal width, undefined when stdout is not a terminal. */
  columns: number | undefined;
  /** The current time (for --date-fallback received). */
  now(): Date;
}

/** Exit codes: 0 all files read, 1 some file could not be read or parsed, 2 usage or gazetteer error. */
export const EXIT = { ok: 0, fileError: 1, usage: 2 } as const;

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

function loadGazetteer(file: string, io: CliIo): Gazetteer {
  let raw: string;
  try {
    raw = io.readText(file);
  } catch (error) {
    throw new UsageError(`cannot read gazetteer ${file}: ${describeReadError(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new UsageError(`gazetteer ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return createGazetteer(parseGazetteerExtension(json));
  } catch (error) {
    if (error instanceof GazetteerError) throw new UsageError(`gazetteer ${file}: ${error.issues.join('; ')}`);
    throw error;
  }
}

function runExtract(command: ExtractCommand, io: CliIo): number {
  const gazetteer = command.gazetteer ? loadGazetteer(command.gazetteer, io) : getDefaultGazetteer();
  const width = io.columns && io.columns >= 40 ? io.columns : DEFAULT_WIDTH;
  let failed = 0;
  let printed = 0;
  for (const file of command.files) {
    let raw: string;
    try {
      raw = io.readText(file);
    } catch (error) {
      io.err(`talkwatch: cannot read ${file}: ${describeReadError(error)}\n`);
      failed++;
      continue;
    }
    let record;
    try {
      const options = command.dateFallback === 'received' ? { dateFallback: { receivedAt: io.now().toISOString() } } : {};
      const article = parseArticleText(raw, {}, options);
      record = toArticleRecord(path.basename(file), article, extractArticle(article, gazetteer));
    } catch (error) {
      if (!(error instanceof ArticleParseError)) throw error;
      io.err(`talkwatch: cannot parse ${file}: ${error.message}\n`);
      failed++;
      continue;
    }
    if (command.json) io.out(`${JSON.stringify(record)}\n`);
    else io.out(`${printed > 0 ? '\n' : ''}${formatArticle(record, width)}`);
    printed++;
  }
  return failed > 0 ? EXIT.fileError : EXIT.ok;
}

/** Runs the CLI; returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const command = parseArgs(argv);
    switch (command.command) {
      case 'help':
        io.out(command.topic === 'extract' ? EXTRACT_HELP : MAIN_HELP);
        return EXIT.ok;
      case 'version':
        io.out(`talkwatch ${CLI_VERSION} (extractor ${EXTRACTOR_VERSION})\n`);
        return EXIT.ok;
      case 'extract':
        return runExtract(command, io);
      default:
        return command satisfies never;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`talkwatch: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

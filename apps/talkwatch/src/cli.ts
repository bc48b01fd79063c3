#!/usr/bin/env node
// The `talkwatch` command: `talkwatch start` runs the service (what `npm start` does);
// `talkwatch extract` prints what the extractor finds; `talkwatch replay` rebuilds the read model;
// `talkwatch reextract` re-reads the stored articles with the current extractor; `talkwatch ingest`
// takes documents in; `talkwatch sources` adds and lists the feeds a running instance polls.
import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { runCli } from '@talkwatch/cli';
import { ConfigError, DataDirInUseError, ServiceUnreachableError, type LogSink } from '@talkwatch/infra';
import { loadTalkwatchConfig } from './config.js';
import { IngestUsageError, ingest, loadIngestCliEnv, parseIngestArgs, serverApiKey } from './cli/ingest.js';
import { ReextractUsageError, parseReextractArgs, reextract } from './cli/reextract.js';
import { ReplayRefused, replay } from './cli/replay.js';
import { SourcesUsageError, parseSourcesArgs, sources } from './cli/sources.js';

const usage = `Usage: talkwatch <command> [options]

Commands:
  start [--no-examples]   Run Talkwatch (the same as npm start)
  extract [--json] FILE...  Print what the extractor finds in article files (a table, or the
                          JSON Lines contract with --json); --gazetteer FILE adds parties
  replay                  Drop the read model and rebuild it from the event log (offset zero);
                          facts already alerted on are not alerted again. Stop Talkwatch first.
  reextract [--since YYYY-MM-DD] [--dry-run]
                          Run the current extractor over the stored articles (those published
                          since the day) and publish the difference: new facts as new events,
                          facts no longer found as retractions. --dry-run lists them only.
  ingest [--server URL] [--source LABEL] FILE|DIR|URL|- ...
                          Take article documents in (Markdown with front matter, text, HTML;
                          a directory's article files; a page by URL; - for standard input):
                          sent to a running Talkwatch with --server (API key from
                          TALKWATCH_API_KEY or DATA_DIR/api-key), else stored in this process on
                          the configured store. Prints accepted, duplicates and rejected with
                          their reasons; exits 1 if any was rejected. --source labels them (cli).
                          A URL is fetched as POST /articles {url} does (the SSRF guard,
                          FETCH_* limits), by the server or, in-process, here.
  sources add --server URL FEED_URL [--name NAME] [--interval 15m] [--disabled]
                          Add an RSS, Atom or JSON Feed for the running Talkwatch to poll
  sources list --server URL
                          Every feed with its status, last success, last error, items seen
                          and ingested, and next poll (API key as for ingest --server)
  help                    This text

Configuration comes from the environment (see README: DATABASE_URL, KAFKA_BROKERS, DATA_DIR, ...).
`;

const quiet: LogSink = {
  log: () => undefined,
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (m) => process.stderr.write(`error: ${m}\n`),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // The commands print their own report: the components' per-article info lines (accepted,
  // appended) are for the service's log, so only their warnings and errors show here.
  if (command !== 'start') Logger.overrideLogger(['fatal', 'error', 'warn']);
  switch (command) {
    case 'start':
      await import('./main.js');
      return -1; // keeps running
    case 'extract':
      return runCli(argv, {
        readText: (file) => readFileSync(file === '-' ? 0 : file, 'utf8'),
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
        columns: process.stdout.isTTY ? process.stdout.columns : undefined,
        now: () => new Date(),
      });
    case 'replay':
      await replay(loadTalkwatchConfig(process.env, rest), process.stdout, quiet);
      return 0;
    case 'reextract': {
      const args = parseReextractArgs(rest);
      await reextract(loadTalkwatchConfig(process.env, []), args, process.stdout, quiet);
      return 0;
    }
    case 'ingest': {
      const args = parseIngestArgs(rest);
      return ingest(args, loadIngestCliEnv(process.env), () => loadTalkwatchConfig(process.env, []), process.stdout, quiet);
    }
    case 'sources': {
      const args = parseSourcesArgs(rest);
      return sources(args, await serverApiKey(loadIngestCliEnv(process.env), args.server), process.stdout, process.stderr);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(usage);
      return 0;
    default:
      process.stderr.write(`talkwatch: unknown command ${command}\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2))
  .then((code) => {
    if (code >= 0) process.exit(code);
  })
  .catch((error: unknown) => {
    const expected = error instanceof ConfigError || error instanceof ServiceUnreachableError || error instanceof DataDirInUseError || error instanceof ReplayRefused || error instanceof ReextractUsageError || error instanceof IngestUsageError || error instanceof SourcesUsageError;
    process.stderr.write(`talkwatch: ${expected ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(error instanceof ReextractUsageError || error instanceof IngestUsageError || error instanceof SourcesUsageError ? 2 : 1);
  });

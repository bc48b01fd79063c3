#!/usr/bin/env node
// Entry point of the `talkwatch` command: binds the CLI to the process.
import { readFileSync } from 'node:fs';
import { runCli } from './cli.js';

// `talkwatch extract … | head`: a closed pipe is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = runCli(process.argv.slice(2), {
  readText: (file) => readFileSync(file === '-' ? 0 : file, 'utf8'),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  now: () => new Date(),
});

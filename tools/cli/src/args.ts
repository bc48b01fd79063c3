// Command-line arguments: parsed into a command without touching the file system, so that the
// parsing is testable on its own.

export interface ExtractCommand {
  command: 'extract';
  json: boolean;
  /** A JSON file extending the default gazetteer, or null. */
  gazetteer: string | null;
  /** `received`: an undated article is dated by the time the CLI read it (recorded as dateFallback). */
  dateFallback: 'received' | null;
  files: string[];
}

export type CliCommand = ExtractCommand | { command: 'help'; topic: 'main' | 'extract' } | { command: 'version' };

export class UsageError extends Error {
  readonly code = 'usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const MAIN_HELP = `Usage: talkwatch <command> [options]

Commands:
  extract [--json] [--gazetteer FILE] [--date-fallback received] FILE...
                  Extract rounds, demands and responses from article files

Options:
  -h, --help      Show help (also: talkwatch extract --help)
  -v, --version   Show the CLI and extractor versions
`;

export const EXTRACT_HELP = `Usage: talkwatch extract [--json] [--gazetteer FILE] [--date-fallback received] FILE...

Reads each article file (Markdown, plain text or HTML, optional YAML front matter with title, url
and published: YYYY-MM-DD) and prints what the extractor finds in it. An article without a
publication date is read undated: relative dates ("on Tuesday", "next month") stay unresolved.

Options:
  --json             One JSON object per file (JSON Lines): file, article, rounds, demands, responses
  --gazetteer FILE   Extend the built-in gazetteer with the parties, officials, forums, places and
                     demand categories of a JSON file
  --date-fallback received
                     Date an undated article by the time it is read (the record says so:
                     "dateFallback": "receivedAt")
  -h, --help         Show this help

A file that cannot be read or parsed is reported on stderr and skipped; the exit code is then 1.
Usage errors and an invalid gazetteer file exit with 2 before any file is read.
`;

/** Parses argv (without the node and script paths). Throws UsageError. */
export function parseArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { command: 'help', topic: 'main' };
  if (command === '-v' || command === '--version') return { command: 'version' };
  if (command !== 'extract') throw new UsageError(`unknown command "${command}" (try: talkwatch extract --help)`);

  const parsed: ExtractCommand = { command: 'extract', json: false, gazetteer: null, dateFallback: null, files: [] };
  let onlyFiles = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      parsed.files.push(arg);
      continue;
    }
    if (arg === '--') onlyFiles = true;
    else if (arg === '-h' || arg === '--help') return { command: 'help', topic: 'extract' };
    else if (arg === '--json') parsed.json = true;
    else if (arg === '--gazetteer' || arg.startsWith('--gazetteer=')) {
      const value = arg === '--gazetteer' ? rest[++i] : arg.slice('--gazetteer='.length);
      if (!value || value.startsWith('--')) throw new UsageError('--gazetteer needs a file name');
      if (parsed.gazetteer !== null) throw new UsageError('--gazetteer given twice');
      parsed.gazetteer = value;
    } else if (arg === '--date-fallback' || arg.startsWith('--date-fallback=')) {
      const value = arg === '--date-fallback' ? rest[++i] : arg.slice('--date-fallback='.length);
      if (value !== 'received') throw new UsageError('--date-fallback takes one value: received');
      parsed.dateFallback = value;
    } else throw new UsageError(`unknown option "${arg}" (try: talkwatch extract --help)`);
  }
  if (parsed.files.length === 0) throw new UsageError('no article files given (try: talkwatch extract --help)');
  return parsed;
}

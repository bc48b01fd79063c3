// `talkwatch sources add URL` and `talkwatch sources list`: manage the feeds a running Talkwatch
// polls, over its /sources API (--server URL, the API key as for `talkwatch ingest`). `list`
// prints each feed with how its polling goes: status, last success, last error, items seen and
// ingested (and how many of them are in a language the extractor does not read), next poll.
import { formatTable } from '@talkwatch/cli';
import type { SourceView } from '@talkwatch/ingestor';

export class SourcesUsageError extends Error {}

export type SourcesArgs =
  | { readonly action: 'list'; readonly server: string }
  | {
      readonly action: 'add';
      readonly server: string;
      readonly url: string;
      readonly name: string | undefined;
      readonly interval: string | undefined;
      readonly enabled: boolean;
    };

const SOURCES_USAGE = 'usage: talkwatch sources add --server URL FEED_URL [--name NAME] [--interval 15m] [--disabled] | sources list --server URL';

export function parseSourcesArgs(argv: readonly string[]): SourcesArgs {
  const [action, ...rest] = argv;
  if (action !== 'add' && action !== 'list') throw new SourcesUsageError(`sources: ${action === undefined ? 'name add or list' : `unknown action ${action}`}\n${SOURCES_USAGE}`);
  let server: string | undefined;
  let name: string | undefined;
  let interval: string | undefined;
  let enabled = true;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const value = (option: string): string => {
      const given = arg === option ? rest[++i] : arg.slice(option.length + 1);
      if (!given) throw new SourcesUsageError(`sources: ${option} needs a value\n${SOURCES_USAGE}`);
      return given;
    };
    const is = (option: string) => arg === option || arg.startsWith(`${option}=`);
    if (is('--server')) {
      const url = value('--server');
      if (!/^https?:\/\/[^/]/.test(url)) throw new SourcesUsageError(`--server expects an http(s) URL, got ${url}`);
      server = url.replace(/\/+$/, '');
    } else if (is('--name') && action === 'add') name = value('--name');
    else if (is('--interval') && action === 'add') interval = value('--interval');
    else if (arg === '--disabled' && action === 'add') enabled = false;
    else if (arg.startsWith('--')) throw new SourcesUsageError(`sources ${action}: unknown option ${arg}\n${SOURCES_USAGE}`);
    else positional.push(arg);
  }
  if (server === undefined) throw new SourcesUsageError(`sources ${action}: --server URL is required (the running Talkwatch, e.g. http://localhost:3000)\n${SOURCES_USAGE}`);
  if (action === 'list') {
    if (positional.length > 0) throw new SourcesUsageError(`sources list takes no arguments, got ${positional.join(' ')}\n${SOURCES_USAGE}`);
    return { action, server };
  }
  const [url, ...extra] = positional;
  if (url === undefined || extra.length > 0) throw new SourcesUsageError(`sources add: name exactly one feed URL\n${SOURCES_USAGE}`);
  return { action, server, url, name, interval, enabled };
}

/** A source as GET /sources shows it (the fields read here). */
export type SourceListing = Omit<SourceView, 'origin' | 'createdAt'>;

/** A refusal of the API: its status and problem+json code. */
export class SourcesApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The /sources API of a running Talkwatch. */
export class HttpSourcesClient {
  constructor(
    private readonly server: string,
    private readonly apiKey: string,
  ) {}

  async list(): Promise<SourceListing[]> {
    return (await this.request('GET', '/sources')) as SourceListing[];
  }

  async add(source: { url: string; name?: string; interval?: string; enabled: boolean }): Promise<SourceListing> {
    return (await this.request('POST', '/sources', source)) as SourceListing;
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.server}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new SourcesApiError(0, 'unreachable', `cannot reach ${this.server} (${error instanceof Error ? error.message : String(error)}): is Talkwatch running there?`);
    }
    const answer: unknown = await response.json().catch(() => null);
    if (response.ok) return answer;
    const problem = (answer ?? {}) as { code?: string; title?: string; detail?: string; id?: string };
    const detail = [problem.detail ?? problem.title ?? `answered ${response.status}`, problem.id === undefined ? '' : `(id ${problem.id})`].filter(Boolean).join(' ');
    throw new SourcesApiError(response.status, problem.code ?? `http-${response.status}`, detail);
  }
}

/** "2026-12-01 14:05Z", or "never". */
function shortTime(iso: string | null): string {
  if (iso === null) return 'never';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

function everyText(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

/** paused, new (never polled), failing (failures in a row), or ok. */
export function sourceStatusOf(source: SourceListing): string {
  if (!source.enabled) return 'paused';
  if (source.status.failures > 0) return `failing (${source.status.failures})`;
  return source.status.lastPolledAt === null ? 'new' : 'ok';
}

/** The readable table of `sources list`, fitted to `width`. */
export function formatSourcesTable(sources: readonly SourceListing[], width: number): string {
  if (sources.length === 0) return 'No sources. Add one with: talkwatch sources add --server URL FEED_URL\n';
  const rows = sources.map((s) => [
    s.id,
    s.name === null ? s.url : `${s.name} <${s.url}>`,
    sourceStatusOf(s),
    everyText(s.intervalSeconds),
    shortTime(s.status.lastSuccessAt),
    s.status.lastError === null ? '' : `${shortTime(s.status.lastError.at)} ${s.status.lastError.code}: ${s.status.lastError.message}`,
    `${s.status.itemsSeen}/${s.status.itemsIngested}${s.status.unsupportedLanguage > 0 ? ` (${s.status.unsupportedLanguage} unsupported language)` : ''}`,
    s.status.nextPollAt === null ? '-' : shortTime(s.status.nextPollAt),
  ]);
  return `${formatTable(['id', 'feed', 'status', 'every', 'last success', 'last error', 'seen/ingested', 'next poll'], rows, width).join('\n')}\n`;
}

/** The whole command; resolves with its exit code (1 when the API refused). */
export async function sources(args: SourcesArgs, apiKey: string, out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  const client = new HttpSourcesClient(args.server, apiKey);
  const width = out.isTTY ? out.columns : 200;
  try {
    if (args.action === 'list') {
      out.write(formatSourcesTable(await client.list(), width));
      return 0;
    }
    const added = await client.add({ url: args.url, ...(args.name === undefined ? {} : { name: args.name }), ...(args.interval === undefined ? {} : { interval: args.interval }), enabled: args.enabled });
    out.write(`Added ${added.id}: ${added.url}, polled every ${everyText(added.intervalSeconds)}${added.enabled ? '' : ' once enabled'}\n`);
    out.write(formatSourcesTable([added], width));
    return 0;
  } catch (error) {
    if (!(error instanceof SourcesApiError)) throw error;
    err.write(`talkwatch: sources ${args.action}: ${error.status === 0 ? '' : `${error.status} `}${error.code}: ${error.message}\n`);
    return 1;
  }
}

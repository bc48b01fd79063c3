// `talkwatch ingest FILE|DIR|URL|- ...`: send article documents to a running Talkwatch
// (--server URL) or store them in-process on the configured store, with a progress bar and a
// summary: accepted, duplicates, rejected with the reason's code. Each document is read as bytes
// and refused with a code when it cannot be an article (empty, binary, not UTF-8, too large)
// before anything is sent. A URL is not downloaded here: it is ingested as POST /articles {url}
// does, by the running instance or, in-process, through the same SSRF-guarded page fetcher.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { formatTable } from '@talkwatch/cli';
import { decodeDocument, parseArticleText } from '@talkwatch/domain';
import {
  ArticleExtractor,
  ArticleOutboxRepository,
  ArticlesRepository,
  IngestArticle,
  IngestUrl,
  LanguageDetector,
  OutboxRelay,
  PageFetcher,
  gazetteerOf,
  parseArticleBody,
  parseUrlRequest,
  readGazetteerExtension,
} from '@talkwatch/ingestor';
import { ConfigError, DocumentFetcher, OutboundGuard, ProblemError, apiKeyFileOf, openPlatform, optional, parseEnv, positiveInt, type Env, type LogSink } from '@talkwatch/infra';
import type { TalkwatchConfig } from '../config.js';
import { progressBar } from './progress.js';

export class IngestUsageError extends Error {}

export interface IngestArgs {
  /** A running Talkwatch's base URL; undefined: in-process on the configured store. */
  readonly server: string | undefined;
  readonly source: string;
  readonly inputs: readonly string[];
}

const ARTICLE_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.html', '.htm']);

export function parseIngestArgs(argv: readonly string[]): IngestArgs {
  let server: string | undefined;
  let source = 'cli';
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const option = (name: string): string | undefined => (arg === name ? argv[++i] : arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : undefined);
    if (arg === '--server' || arg.startsWith('--server=')) {
      const value = option('--server');
      if (!value || !/^https?:\/\/[^/]/.test(value)) throw new IngestUsageError(`--server expects an http(s) URL, got ${value ?? 'nothing'}`);
      server = value.replace(/\/+$/, '');
    } else if (arg === '--source' || arg.startsWith('--source=')) {
      const value = option('--source');
      if (!value || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(value)) throw new IngestUsageError(`--source expects a label of letters, digits, . _ : -, got ${value ?? 'nothing'}`);
      source = value;
    } else if (arg.startsWith('--')) throw new IngestUsageError(`ingest: unknown option ${arg} (options: --server URL, --source LABEL)`);
    else inputs.push(arg);
  }
  if (inputs.length === 0) throw new IngestUsageError('ingest: name at least one FILE, DIR, URL or - (standard input)');
  return { server, source, inputs };
}

/** What the command reads from the environment, once. */
export interface IngestCliEnv {
  readonly apiKey: string | undefined;
  readonly dataDir: string;
  readonly maxArticleBytes: number;
}

const ingestEnvSchema = z.object({
  TALKWATCH_API_KEY: optional(z.string().min(1)),
  DATA_DIR: z.string().min(1).default('./data'),
  MAX_ARTICLE_BYTES: positiveInt(1_048_576),
});

export function loadIngestCliEnv(env: Env): IngestCliEnv {
  const e = parseEnv(ingestEnvSchema, env);
  return { apiKey: e.TALKWATCH_API_KEY, dataDir: e.DATA_DIR, maxArticleBytes: e.MAX_ARTICLE_BYTES };
}

/** The key a command sends to a running instance: TALKWATCH_API_KEY, else the one in DATA_DIR/api-key. */
export async function serverApiKey(env: Pick<IngestCliEnv, 'apiKey' | 'dataDir'>, server: string): Promise<string> {
  const apiKey = env.apiKey ?? (await readFile(apiKeyFileOf(env.dataDir), 'utf8').then((k) => k.trim()).catch(() => undefined));
  if (!apiKey) throw new ConfigError([`TALKWATCH_API_KEY: required to send to ${server} (or a key in ${apiKeyFileOf(env.dataDir)})`]);
  return apiKey;
}

/** One document to take in: bytes to read (a file, standard input), or a page to fetch by its URL. */
export type DocumentInput =
  | { readonly kind: 'bytes'; readonly name: string; read(maxBytes: number): Promise<Uint8Array> }
  | { readonly kind: 'url'; readonly name: string; readonly url: string };

/** The documents the arguments name: files, the article files of a directory (sorted), `-`, URLs. */
export async function expandInputs(inputs: readonly string[], stdin: () => Promise<Uint8Array>): Promise<DocumentInput[]> {
  const documents: DocumentInput[] = [];
  for (const input of inputs) {
    if (input === '-') documents.push({ kind: 'bytes', name: '(standard input)', read: stdin });
    else if (/^https?:\/\//i.test(input)) documents.push({ kind: 'url', name: input, url: input });
    else {
      const info = await stat(input).catch(() => undefined);
      if (info?.isDirectory()) {
        const names = (await readdir(input)).filter((n) => ARTICLE_EXTENSIONS.has(path.extname(n).toLowerCase())).sort();
        for (const n of names) documents.push(fileInput(path.join(input, n)));
      } else documents.push(fileInput(input));
    }
  }
  return documents;
}

function fileInput(file: string): DocumentInput {
  return { kind: 'bytes', name: file, read: () => readFile(file) };
}

export type IngestOutcome =
  | { readonly name: string; readonly kind: 'accepted'; readonly articleId: string; readonly eventCount: number; readonly note: string }
  | { readonly name: string; readonly kind: 'duplicate'; readonly articleId: string; readonly note: string }
  | { readonly name: string; readonly kind: 'rejected'; readonly code: string; readonly detail: string };

/**
 * The JSON a document becomes: what POST /articles takes, the article itself or `{url, source}`
 * for a page to fetch.
 */
export type ArticleRequest = Readonly<Record<string, unknown>>;

/** Where articles go: a running instance over HTTP, or the ingest use case in this process. */
export interface ArticleSender {
  send(name: string, request: ArticleRequest): Promise<IngestOutcome>;
  sendUrl(name: string, request: { readonly url: string; readonly source: string }): Promise<IngestOutcome>;
  /** Called once at the end: e.g. publishes what the in-process store has in its outbox. */
  finish(): Promise<string | null>;
  close(): Promise<void>;
}

interface IngestAnswer {
  status: 'accepted' | 'duplicate';
  articleId: string;
  eventCount: number;
  match: string | null;
  language: string | null;
  skippedReason: string | null;
}

function outcomeOf(name: string, answer: IngestAnswer): IngestOutcome {
  if (answer.status === 'duplicate') return { name, kind: 'duplicate', articleId: answer.articleId, note: answer.match ?? 'duplicate' };
  const note = answer.skippedReason ? `${answer.skippedReason} (${answer.language ?? '?'})` : `${answer.eventCount} fact(s)`;
  return { name, kind: 'accepted', articleId: answer.articleId, eventCount: answer.eventCount, note };
}

export class HttpArticleSender implements ArticleSender {
  constructor(
    private readonly server: string,
    private readonly apiKey: string,
  ) {}

  async send(name: string, request: ArticleRequest): Promise<IngestOutcome> {
    const response = await fetch(`${this.server}/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(120_000),
    });
    const body = (await response.json().catch(() => ({}))) as Partial<IngestAnswer> & { code?: string; detail?: string; title?: string };
    if (response.status === 202 || response.status === 200) return outcomeOf(name, body as IngestAnswer);
    return { name, kind: 'rejected', code: body.code ?? `http-${response.status}`, detail: body.detail ?? body.title ?? `answered ${response.status}` };
  }

  /** The instance fetches the page itself, through its SSRF guard and limits. */
  sendUrl(name: string, request: { readonly url: string; readonly source: string }): Promise<IngestOutcome> {
    return this.send(name, request);
  }

  finish(): Promise<string | null> {
    return Promise.resolve(null);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The ingest use case on the configured store, with an outbox relay that publishes at the end. */
export async function openLocalSender(config: TalkwatchConfig, logger: LogSink): Promise<ArticleSender & { readonly where: string }> {
  const extension = readGazetteerExtension(config.ingestor.gazetteerFile);
  const gazetteer = gazetteerOf(extension, config.ingestor.gazetteerFile);
  const platform = await openPlatform(config, logger);
  const clock = () => new Date();
  const articles = new ArticlesRepository(platform.prisma);
  const relay = new OutboxRelay(new ArticleOutboxRepository(platform.prisma), platform.eventLog, clock, config.ingestor);
  const extractor = new ArticleExtractor(config.ingestor, gazetteer, extension);
  const ingest = new IngestArticle(articles, relay, clock, extractor, config.ingestor, new LanguageDetector());
  // The page fetcher of POST /articles {url}: the SSRF guard (OUTBOUND_ALLOWLIST), FETCH_* limits, at most 5 redirects.
  const pages = new PageFetcher(new DocumentFetcher(new OutboundGuard(config.ingestor.outbound.allowlist)), config.ingestor);
  const ingestUrl = new IngestUrl(pages, ingest, config.ingestor);
  const rejected = (name: string, error: unknown): IngestOutcome => {
    if (error instanceof ProblemError) return { name, kind: 'rejected', code: error.code, detail: error.detail ?? error.message };
    throw error;
  };
  return {
    where: `${platform.database}; ${platform.log}`,
    async send(name, request) {
      try {
        return outcomeOf(name, await ingest.execute(parseArticleBody(request, config.ingestor.dateYears)));
      } catch (error) {
        return rejected(name, error);
      }
    },
    async sendUrl(name, request) {
      try {
        return outcomeOf(name, await ingestUrl.execute(parseUrlRequest(request)));
      } catch (error) {
        return rejected(name, error);
      }
    },
    async finish() {
      const pass = await relay.runOnce();
      return pass.error === null ? null : `the event log refused the events (${pass.error}); they stay in the outbox and are published by the next start`;
    },
    async close() {
      await extractor.onModuleDestroy();
      await platform.close();
    },
  };
}

/** Reads, checks and sends each document, one at a time, reporting progress. */
export async function ingestDocuments(
  documents: readonly DocumentInput[],
  sender: ArticleSender,
  options: { readonly maxBytes: number; readonly source: string; readonly progress?: (done: number, total: number) => void },
): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  options.progress?.(0, documents.length);
  for (const document of documents) {
    outcomes.push(await ingestOne(document, sender, options));
    options.progress?.(outcomes.length, documents.length);
  }
  return outcomes;
}

async function ingestOne(document: DocumentInput, sender: ArticleSender, options: { readonly maxBytes: number; readonly source: string }): Promise<IngestOutcome> {
  const name = document.name;
  if (document.kind === 'url') return sender.sendUrl(name, { url: document.url, source: options.source });
  let bytes: Uint8Array;
  try {
    bytes = await document.read(options.maxBytes);
  } catch (error) {
    return { name, kind: 'rejected', code: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
  const decoded = decodeDocument(bytes, options.maxBytes);
  if (!decoded.ok) return { name, kind: 'rejected', code: decoded.code, detail: decoded.detail };
  let parsed;
  try {
    parsed = parseArticleText(decoded.text);
  } catch (error) {
    return { name, kind: 'rejected', code: 'article-unparseable', detail: error instanceof Error ? error.message : String(error) };
  }
  return sender.send(name, { title: parsed.title, url: parsed.url, publishedAt: parsed.publishedAt, body: parsed.body, source: options.source });
}

export function formatIngestSummary(outcomes: readonly IngestOutcome[], width: number, finishNote: string | null): string {
  const lines: string[] = [];
  const rows = outcomes.filter((o) => o.kind !== 'accepted').map((o) => (o.kind === 'rejected' ? [o.name, 'rejected', o.code, o.detail] : [o.name, 'duplicate', o.note, `of ${o.articleId}`]));
  if (rows.length > 0) lines.push(...formatTable(['document', 'result', 'code', 'detail'], rows, width), '');
  const count = (kind: IngestOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  const byCode = new Map<string, number>();
  for (const o of outcomes) if (o.kind === 'rejected') byCode.set(o.code, (byCode.get(o.code) ?? 0) + 1);
  const summary: [string, string][] = [
    ['documents', String(outcomes.length)],
    ['accepted', String(count('accepted'))],
    ['duplicates', String(count('duplicate'))],
    ['rejected', `${count('rejected')}${byCode.size > 0 ? ` (${[...byCode].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}`],
  ];
  const w = Math.max(...summary.map(([k]) => k.length));
  lines.push(...summary.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`));
  if (finishNote) lines.push('', `warning: ${finishNote}`);
  return `${lines.join('\n')}\n`;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The whole command; resolves with its exit code (1 when a document was rejected). */
export async function ingest(args: IngestArgs, env: IngestCliEnv, loadConfig: () => TalkwatchConfig, out: NodeJS.WriteStream, logger: LogSink): Promise<number> {
  const documents = await expandInputs(args.inputs, readStdin);
  let sender: ArticleSender;
  if (args.server) {
    sender = new HttpArticleSender(args.server, await serverApiKey(env, args.server));
    out.write(`Sending ${documents.length} document(s) to ${args.server}\n`);
  } else {
    const local = await openLocalSender(loadConfig(), logger);
    sender = local;
    out.write(`Ingesting ${documents.length} document(s) into ${local.where}\n`);
  }
  try {
    const bar = progressBar('ingest');
    const outcomes = await ingestDocuments(documents, sender, {
      maxBytes: env.maxArticleBytes,
      source: args.source,
      progress: (done, total) => {
        bar.update(done, total);
      },
    });
    bar.finish();
    const note = await sender.finish();
    out.write(formatIngestSummary(outcomes, out.isTTY ? out.columns : 200, note));
    return outcomes.some((o) => o.kind === 'rejected') ? 1 : 0;
  } finally {
    await sender.close();
  }
}

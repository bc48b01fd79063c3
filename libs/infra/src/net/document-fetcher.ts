// Fetches a document (a web page, a feed) on a user's behalf: every hop checked by the SSRF guard
// and connected only to the addresses it checked, redirects followed by hand (at most a few, each
// one checked again), the answer's bytes counted against a limit while they arrive (after
// decompression, so a small gzip bomb is as refused as a large page), and one time limit on the
// whole fetch, redirects included. A conditional request (ETag / Last-Modified) may answer 304.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { OutboundGuard, OutboundRefused, pinnedLookup } from './outbound-guard.js';

export interface DocumentRequest {
  readonly url: string;
  /** The Accept header: what kind of document is wanted. */
  readonly accept: string;
  /** The most bytes of body taken (decompressed); more: DocumentFetchError too-large. */
  readonly maxBytes: number;
  /** The whole fetch, every redirect and the body included. */
  readonly timeoutMs: number;
  /** Each TCP connection until it is up. */
  readonly connectTimeoutMs: number;
  readonly maxRedirects: number;
  /** Validators from an earlier answer: the server may answer 304 Not Modified. */
  readonly conditional?: { readonly etag: string | null; readonly lastModified: string | null };
}

export type FetchedDocument =
  | {
      readonly status: 'fetched';
      /** Where the document was found, after redirects. */
      readonly url: string;
      readonly contentType: string | null;
      readonly body: Buffer;
      readonly etag: string | null;
      readonly lastModified: string | null;
    }
  | { readonly status: 'not-modified'; readonly url: string };

export type DocumentFetchFailure =
  | 'refused'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'upstream-status'
  | 'network'
  | 'unsupported-encoding';

/**
 * Why a document could not be fetched. `message` is safe to show the caller (it names the URL it
 * was given, never the addresses behind it); `refusal` says why the guard refused, when it did.
 */
export class DocumentFetchError extends Error {
  constructor(
    readonly reason: DocumentFetchFailure,
    message: string,
    readonly details: { readonly upstreamStatus?: number; readonly refusal?: OutboundRefused['reason']; readonly logMessage?: string } = {},
  ) {
    super(message);
    this.name = 'DocumentFetchError';
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const userAgent = 'Talkwatch/0.1 (+https://talkwatch.dev; news monitor)';

function headerText(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? null : text;
}

function decoded(incoming: IncomingMessage): Readable {
  const encoding = headerText(incoming.headers['content-encoding'])?.trim().toLowerCase() ?? 'identity';
  switch (encoding) {
    case 'identity':
      return incoming;
    case 'gzip':
    case 'x-gzip':
      return incoming.pipe(createGunzip());
    case 'deflate':
      return incoming.pipe(createInflate());
    case 'br':
      return incoming.pipe(createBrotliDecompress());
    default:
      throw new DocumentFetchError('unsupported-encoding', `the server sent the document with content encoding ${encoding}`);
  }
}

export class DocumentFetcher {
  constructor(private readonly guard: OutboundGuard) {}

  async fetch(request: DocumentRequest): Promise<FetchedDocument> {
    const deadline = Date.now() + request.timeoutMs;
    let url = request.url;
    for (let hop = 0; ; hop += 1) {
      const answer = await this.once(url, request, deadline);
      if (answer.kind === 'document') return answer.document;
      if (hop >= request.maxRedirects) {
        throw new DocumentFetchError('too-many-redirects', `${request.url} redirects more than ${request.maxRedirects} times`);
      }
      url = answer.location;
    }
  }

  private async once(url: string, request: DocumentRequest, deadline: number): Promise<{ kind: 'document'; document: FetchedDocument } | { kind: 'redirect'; location: string }> {
    let destination;
    try {
      destination = await this.guard.check(url);
    } catch (error) {
      if (error instanceof OutboundRefused) {
        throw new DocumentFetchError('refused', `${url} may not be fetched (${error.reason})`, { refusal: error.reason, logMessage: error.message });
      }
      throw error;
    }
    const client = destination.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { accept: request.accept, 'accept-encoding': 'gzip, deflate, br', 'user-agent': userAgent };
    if (request.conditional?.etag) headers['if-none-match'] = request.conditional.etag;
    if (request.conditional?.lastModified) headers['if-modified-since'] = request.conditional.lastModified;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new DocumentFetchError('timeout', `${request.url} did not answer within ${request.timeoutMs} ms`);
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (outcome: { error: Error } | { value: { kind: 'document'; document: FetchedDocument } | { kind: 'redirect'; location: string } }) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        outgoing.destroy();
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.value);
      };
      const outgoing = client.request(destination.url, {
        method: 'GET',
        headers,
        lookup: pinnedLookup(destination.addresses),
        // A fresh connection per hop: a pooled one could have been opened to another address.
        agent: false,
      });
      const total = setTimeout(() => {
        finish({ error: new DocumentFetchError('timeout', `${request.url} did not answer within ${request.timeoutMs} ms`) });
      }, remaining);
      outgoing.once('socket', (socket) => {
        if (!socket.connecting) return;
        const connect = setTimeout(() => {
          finish({ error: new DocumentFetchError('timeout', `connecting to ${destination.url.host} took longer than ${request.connectTimeoutMs} ms`) });
        }, request.connectTimeoutMs);
        socket.once('connect', () => {
          clearTimeout(connect);
        });
        socket.once('close', () => {
          clearTimeout(connect);
        });
      });
      outgoing.on('error', (error) => {
        finish({ error: new DocumentFetchError('network', `${request.url} could not be fetched`, { logMessage: error.message }) });
      });
      outgoing.on('response', (incoming) => {
        const status = incoming.statusCode ?? 0;
        if (redirectStatuses.has(status)) {
          const location = headerText(incoming.headers.location);
          if (location === null) {
            finish({ error: new DocumentFetchError('upstream-status', `${url} answered ${status} without a Location`, { upstreamStatus: status }) });
            return;
          }
          let next: string;
          try {
            next = new URL(location, destination.url).toString();
          } catch {
            finish({ error: new DocumentFetchError('upstream-status', `${url} redirects to an invalid URL`, { upstreamStatus: status }) });
            return;
          }
          finish({ value: { kind: 'redirect', location: next } });
          return;
        }
        if (status === 304 && request.conditional) {
          finish({ value: { kind: 'document', document: { status: 'not-modified', url } } });
          return;
        }
        if (status < 200 || status > 299) {
          finish({ error: new DocumentFetchError('upstream-status', `${url} answered ${status}`, { upstreamStatus: status }) });
          return;
        }
        const declared = Number(headerText(incoming.headers['content-length']) ?? Number.NaN);
        const identity = (headerText(incoming.headers['content-encoding']) ?? 'identity').toLowerCase() === 'identity';
        if (identity && Number.isFinite(declared) && declared > request.maxBytes) {
          finish({ error: new DocumentFetchError('too-large', `${url} is ${declared} bytes; at most ${request.maxBytes} are taken`) });
          return;
        }
        let body: Readable;
        try {
          body = decoded(incoming);
        } catch (error) {
          finish({ error: error as Error });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBytes) {
            body.destroy();
            finish({ error: new DocumentFetchError('too-large', `${url} is larger than ${request.maxBytes} bytes, the most taken`) });
            return;
          }
          chunks.push(chunk);
        });
        body.on('end', () => {
          finish({
            value: {
              kind: 'document',
              document: {
                status: 'fetched',
                url,
                contentType: headerText(incoming.headers['content-type']),
                body: Buffer.concat(chunks),
                etag: headerText(incoming.headers.etag),
                lastModified: headerText(incoming.headers['last-modified']),
              },
            },
          });
        });
        body.on('error', (error) => {
          finish({ error: new DocumentFetchError('network', `${url} could not be read to its end`, { logMessage: error.message }) });
        });
      });
      outgoing.end();
    });
  }
}

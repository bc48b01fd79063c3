// The HTTP server's own limits: how long a client may take to send its headers and its whole
// request, how long an idle keep-alive connection stays open, and problem+json (not Node's bare
// status line) for what fails before any route sees the request: malformed HTTP, headers too
// large, a request not sent in time.
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface ServerLimits {
  /** Time to receive the request headers (Node's headersTimeout). */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request, body included (Node's requestTimeout). */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept (Node's keepAliveTimeout). */
  readonly keepAliveTimeoutMs: number;
}

export const defaultServerLimits: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };

/** Sets the limits on a server that does not listen yet, and answers client errors as problem+json. */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Node checks both timeouts every connectionsCheckingInterval (30 s by default, read when the
  // server starts listening): check often enough that a timeout is enforced close to its value.
  // (A public property of http.Server that @types/node only declares as a constructor option.)
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));
  server.on('clientError', answerClientError);
}

interface ClientProblem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
}

/** What Node's HTTP parser or its timeouts report, as the problem Node would have answered bare. */
const clientProblems = new Map<string | undefined, ClientProblem>([
  ['HPE_HEADER_OVERFLOW', { status: 431, code: 'headers-too-large', title: 'The request headers are too large' }],
  ['HPE_CHUNK_EXTENSIONS_OVERFLOW', { status: 413, code: 'payload-too-large', title: 'The chunk extensions are too large' }],
  ['ERR_HTTP_REQUEST_TIMEOUT', { status: 408, code: 'request-timeout', title: 'The request was not received in time' }],
]);
const malformedRequest: ClientProblem = { status: 400, code: 'malformed-request', title: 'The request is not valid HTTP' };

export function clientProblemOf(errorCode: string | undefined): ClientProblem {
  return clientProblems.get(errorCode) ?? malformedRequest;
}

/** The raw HTTP response for a client error: the connection is closed after it. */
export function clientErrorResponse(problem: ClientProblem): string {
  const body = JSON.stringify({ type: `https://talkwatch.dev/problems/${problem.code}`, title: problem.title, status: problem.status, code: problem.code });
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

// With a clientError listener Node writes nothing itself: this does what it would, in problem+json.
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A response of this request already started (Node's own check): nothing more may be written.
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || started) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(clientProblemOf(error.code)), () => socket.destroy());
  // A client that does not read its answer does not keep the socket either.
  setTimeout(() => socket.destroy(), 1000).unref();
}

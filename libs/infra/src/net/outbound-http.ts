// One HTTP request to a destination the SSRF guard checked, connecting only to the checked addresses
// (the connection's DNS lookup is answered from the check), with a bound on connecting and on the
// whole exchange, and no redirects followed (node:http never follows them).
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { OutboundGuard, pinnedLookup } from './outbound-guard.js';

export interface OutboundRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Until the TCP connection is up. */
  readonly connectTimeoutMs: number;
  /** The whole exchange, connecting included, until the answer's body ended. */
  readonly timeoutMs: number;
}

export interface OutboundResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

export class OutboundTimeout extends Error {
  constructor(readonly phase: 'connect' | 'response') {
    super(phase === 'connect' ? 'connecting timed out' : 'the answer timed out');
    this.name = 'OutboundTimeout';
  }
}

/** Bodies of answers are read and dropped, up to this much; past it the connection is closed. */
const maxAnswerBytes = 64 * 1024;

export class OutboundHttp {
  constructor(private readonly guard: OutboundGuard) {}

  /** Throws OutboundRefused (not sent), OutboundTimeout, or the network error. */
  async request(request: OutboundRequest): Promise<OutboundResponse> {
    const destination = await this.guard.check(request.url);
    const client = destination.url.protocol === 'https:' ? https : http;
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    return new Promise<OutboundResponse>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, response?: OutboundResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        if (error) reject(error);
        else if (response) resolve(response);
      };
      const outgoing = client.request(
        destination.url,
        {
          method: request.method,
          headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
          lookup: pinnedLookup(destination.addresses),
          // A fresh connection per request: a pooled one could have been opened to another address.
          agent: false,
        },
        (incoming) => {
          const response = { status: incoming.statusCode ?? 0, headers: incoming.headers };
          let read = 0;
          incoming.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > maxAnswerBytes) {
              incoming.destroy();
              finish(undefined, response);
            }
          });
          incoming.on('end', () => {
            finish(undefined, response);
          });
          incoming.on('error', (error) => {
            finish(error);
          });
        },
      );
      const total = setTimeout(() => {
        outgoing.destroy(new OutboundTimeout('response'));
      }, request.timeoutMs);
      outgoing.once('socket', (socket) => {
        if (!socket.connecting) return;
        const connect = setTimeout(() => {
          outgoing.destroy(new OutboundTimeout('connect'));
        }, request.connectTimeoutMs);
        socket.once('connect', () => {
          clearTimeout(connect);
        });
        socket.once('close', () => {
          clearTimeout(connect);
        });
      });
      outgoing.on('error', (error) => {
        finish(error);
      });
      outgoing.end(body);
    });
  }
}

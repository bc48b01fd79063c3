// For tests: a real HTTP server on loopback serving documents the test writes (pages, feeds), with
// the misbehaviours a real site may have: slow answers, redirects, lies about sizes, drips.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface SiteAnswer {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Wait this long before answering. */
  readonly delayMs?: number;
}

export type SiteRoute = SiteAnswer | ((request: IncomingMessage) => SiteAnswer | ((response: ServerResponse) => void));

export interface LocalSite {
  readonly origin: string;
  readonly port: number;
  /** Every request seen, in order: path and the conditional headers it carried. */
  readonly requests: { path: string; ifNoneMatch: string | undefined; ifModifiedSince: string | undefined }[];
  route(path: string, route: SiteRoute): void;
  close(): Promise<void>;
}

/**
 * `host`: the loopback address to listen on (127.0.0.1 unless told): sites on 127.0.0.2, 127.0.0.3, ...
 * are other outlets, since an article's outlet is its URL's host.
 */
export async function startLocalSite(routes: Record<string, SiteRoute> = {}, host = '127.0.0.1'): Promise<LocalSite> {
  const table = new Map<string, SiteRoute>(Object.entries(routes));
  const requests: LocalSite['requests'] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, ifNoneMatch: request.headers['if-none-match'], ifModifiedSince: request.headers['if-modified-since'] });
    const route = table.get(path);
    const answer = typeof route === 'function' ? route(request) : (route ?? { status: 404, body: 'not here' });
    if (typeof answer === 'function') {
      answer(response);
      return;
    }
    setTimeout(() => {
      if (response.destroyed) return;
      response.writeHead(answer.status ?? 200, answer.headers);
      response.end(answer.body);
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://${host}:${port}`,
    port,
    requests,
    route: (path, route) => table.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Text in windows-1251 (Cyrillic), which Node cannot encode by itself. */
export function windows1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (ch) => {
      const code = ch.codePointAt(0) ?? 0x3f;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (code === 0x401) return 0xa8;
      if (code === 0x451) return 0xb8;
      return 0x3f;
    }),
  );
}

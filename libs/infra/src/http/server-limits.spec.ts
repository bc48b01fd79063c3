import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { applyServerLimits } from './server-limits.js';

interface RawAnswer {
  readonly text: string;
  /** Milliseconds from the first byte sent until the server closed the connection. */
  readonly closedAfterMs: number;
}

/** Sends `chunks` on a raw socket and collects what comes back until the server closes it. */
function raw(port: number, chunks: readonly string[]): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    let text = '';
    socket.on('data', (data: Buffer) => (text += data.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      resolve({ text, closedAfterMs: Date.now() - started });
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open: ${JSON.stringify(text)}`));
    }, 5000).unref();
  });
}

function problemOf(answer: RawAnswer): { status: number; contentType: string; body: { code?: string; status?: number } } {
  const [head = '', body = ''] = answer.text.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const contentType = /^content-type: *(.*)$/im.exec(head)?.[1]?.trim() ?? '';
  return { status, contentType, body: JSON.parse(body) as { code?: string; status?: number } };
}

describe('HTTP server limits', () => {
  let server: Server;
  let port: number;

  before(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        response.end(`got ${Buffer.concat(chunks).length} bytes`);
      });
    });
    applyServerLimits(server, { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('cuts off a client that declares 100 KB and sends 9 bytes: 408 problem+json', async () => {
    const answer = await raw(port, ['POST /articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n', '{"title":']);
    const problem = problemOf(answer);
    assert.deepEqual([problem.status, problem.contentType, problem.body.code], [408, 'application/problem+json', 'request-timeout']);
    assert.ok(answer.closedAfterMs < 1500, `closed after ${answer.closedAfterMs} ms`);
  });

  it('cuts off a client that never finishes its headers', async () => {
    const answer = await raw(port, ['GET /talks HTTP/1.1\r\nHost: x\r\nX-Slow: 1']);
    assert.equal(problemOf(answer).body.code, 'request-timeout');
    assert.ok(answer.closedAfterMs < 1500, `closed after ${answer.closedAfterMs} ms`);
  });

  it('answers headers too large with 431 problem+json', async () => {
    const answer = await raw(port, [`GET /talks HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    const problem = problemOf(answer);
    assert.deepEqual([problem.status, problem.contentType, problem.body.code, problem.body.status], [431, 'application/problem+json', 'headers-too-large', 431]);
  });

  it('answers what is not HTTP with 400 problem+json', async () => {
    for (const request of ['GARBAGE\r\n\r\n', 'GET /talks HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab']) {
      const problem = problemOf(await raw(port, [request]));
      assert.deepEqual([problem.status, problem.contentType, problem.body.code], [400, 'application/problem+json', 'malformed-request'], request);
    }
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const answer = await raw(port, ['GET / HTTP/1.1\r\nHost: x\r\n\r\n']);
    assert.match(answer.text, /^HTTP\/1\.1 200/);
    assert.match(answer.text, /got 0 bytes$/);
    assert.ok(answer.closedAfterMs >= 250 && answer.closedAfterMs < 1500, `closed after ${answer.closedAfterMs} ms`);
  });
});

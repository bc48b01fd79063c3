// A local webhook receiver that verifies each Standard Webhooks signature itself and notes when
// the first alert about each article arrived.
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

function verified(secret, headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, mac] = entry.split(',');
    if (version !== 'v1' || !mac) return false;
    const given = Buffer.from(mac, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** @param {{ delayMs?: number }} options delayMs: how long the receiver takes to answer (a slow one) */
export async function startReceiver({ delayMs = 0 } = {}) {
  const firstByArticle = new Map();
  const state = { secret: undefined, received: 0, rejected: 0 };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const ok = state.secret !== undefined && verified(state.secret, req.headers, body);
      if (ok) {
        state.received += 1;
        const articleId = JSON.parse(body).data?.source?.articleId;
        if (articleId && !firstByArticle.has(articleId)) firstByArticle.set(articleId, at);
      } else state.rejected += 1;
      setTimeout(() => {
        res.statusCode = ok ? 204 : 401;
        res.end();
      }, delayMs);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${server.address().port}/hooks/bench`,
    firstByArticle,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  });
}

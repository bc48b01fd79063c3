// The embedded store's size as it fills: articles posted to the all-in-one app on the embedded
// stack (PGlite under DATA_DIR), a few at a time, and the size of DATA_DIR measured after each
// step of `step` articles once the app has caught up (its webhook subscriber got the last alert).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchArticle } from './articles.mjs';
import { apiKey } from './stack.mjs';

const { fetch } = globalThis;

async function sizeOf(directory) {
  let bytes = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) bytes += await sizeOf(full);
    else if (entry.isFile()) bytes += (await stat(full)).size;
  }
  return bytes;
}

/**
 * @param {{ baseUrl: string, dataDir: string }} stack
 * @param {{ firstByArticle: Map<string, number> }} receiver
 * @param {{ steps: number, step: number, concurrency: number }} options
 */
export async function benchStore(stack, receiver, { steps, step, concurrency }) {
  const sizes = [{ articles: 0, megabytes: Number(((await sizeOf(stack.dataDir)) / 1e6).toFixed(1)) }];
  let next = 0;
  for (let s = 0; s < steps; s++) {
    const started = performance.now();
    const ids = [];
    const end = next + step;
    const post = async () => {
      while (next < end) {
        const n = next++;
        // A request the app dropped (its request timeout) counts as not accepted.
        const res = await fetch(`${stack.baseUrl}/articles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: JSON.stringify(benchArticle(n, { salt: 's' })),
        }).catch(() => undefined);
        const body = res ? await res.json().catch(() => ({})) : {};
        if (res?.status === 202) ids.push(body.articleId);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, post));
    const deadline = performance.now() + 120_000;
    while (performance.now() < deadline && ids.some((id) => !receiver.firstByArticle.has(id))) await new Promise((r) => setTimeout(r, 200));
    const seconds = (performance.now() - started) / 1000;
    sizes.push({ articles: end, accepted: ids.length, seconds: Number(seconds.toFixed(1)), articlesPerSecond: Math.round(ids.length / seconds), megabytes: Number(((await sizeOf(stack.dataDir)) / 1e6).toFixed(1)) });
  }
  return { step, concurrency, sizes };
}

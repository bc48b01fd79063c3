// First start with an empty store: ingest the example articles so the status API shows something.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArticleText } from '@talkwatch/domain';
import type { IngestArticle } from '@talkwatch/ingestor';
import type { PrismaClient } from '@talkwatch/infra';

export async function loadExamplesIfEmpty(
  prisma: PrismaClient,
  ingest: IngestArticle,
  directory: string,
  log: (line: string) => void,
): Promise<number> {
  if ((await prisma.article.count()) > 0) return 0;
  const files = (await readdir(directory)).filter((f) => f.endsWith('.md')).sort();
  let n = 0;
  for (const file of files) {
    const article = parseArticleText(await readFile(path.join(directory, file), 'utf8'));
    const result = await ingest.execute({ title: article.title, url: article.url, publishedAt: article.publishedAt, dateFallback: null, body: article.body });
    n += 1;
    log(`example ${n}/${files.length}: ${file} → ${result.eventCount} event(s)`);
  }
  return n;
}

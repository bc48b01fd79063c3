// The folder watch on a real PostgreSQL and the embedded log, with real files: dropped files are
// ingested and moved to processed/, bad ones to failed/ with a .reason; a file written slowly is
// read only once complete, and a file written under a temporary name only once renamed.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startIngestStack, type IngestStack } from '../testing/ingest-stack.js';
import { FolderWatcher } from './folder-watcher.js';
import { IngestFile } from './ingest-file.js';

const markdown = (title: string, lead: string) => `---
title: ${title}
published: 2025-07-08
url: https://news.test/${title.toLowerCase().replace(/\W+/g, '-')}
---

${lead}

The mediators said the two delegations would report to their capitals before the next session, and that the text on prisoners was nearly agreed.
`;

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('FolderWatcher (PostgreSQL, embedded log, real files)', () => {
  let stack: IngestStack;
  let directory: string;
  let watcher: FolderWatcher;
  const processed = (name: string) => existsSync(path.join(directory, 'processed', name));
  const failed = (name: string) => existsSync(path.join(directory, 'failed', name));

  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'tw-watch-'));
    stack = await startIngestStack({ WATCH_DIR: directory, WATCH_POLL_MS: '50', WATCH_STABLE_MS: '500', FETCH_MAX_BYTES: '20000' });
    watcher = new FolderWatcher(stack.config, new IngestFile(stack.ingest, stack.config), () => new Date());
    await watcher.onApplicationBootstrap();
  });
  after(async () => {
    await watcher.onApplicationShutdown();
    await stack.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('ingests Markdown with front matter, plain text (windows-1252 too) and HTML, and moves each to processed/', async () => {
    await writeFile(path.join(directory, 'doha.md'), markdown('Doha talks resume', 'Negotiators from Israel and Hamas resumed indirect talks in Doha on Monday, Qatari mediators said.'));
    await writeFile(path.join(directory, 'cairo.txt'), Buffer.from('Cairo talks set for Thursday\n\nEgyptian mediators said the delegations would meet in Cairo on Thursday; the café by the ministry was closed.\n', 'latin1'));
    await writeFile(
      path.join(directory, 'vienna.html'),
      '<html><head><title>Vienna round ends</title><meta property="article:published_time" content="2025-07-09"></head><body><nav>Menu</nav><article><h1>Vienna round ends</h1><p>The Vienna round of nuclear talks between Iran and the European parties ended on Wednesday without agreement, diplomats said.</p></article></body></html>',
    );
    await until(() => processed('doha.md') && processed('cairo.txt') && processed('vienna.html'), 'the three files to be processed');
    const titles = (await stack.db.prisma.article.findMany({ orderBy: { title: 'asc' } })).map((a) => [a.title, a.url]);
    assert.deepEqual(titles, [
      ['Cairo talks set for Thursday', null],
      ['Doha talks resume', 'https://news.test/doha-talks-resume'],
      ['Vienna round ends', null],
    ]);
    const cairo = await stack.db.prisma.article.findFirst({ where: { title: 'Cairo talks set for Thursday' } });
    assert.match(cairo?.body ?? '', /the café by the ministry/);
    assert.deepEqual(await readdir(directory).then((names) => names.filter((n) => !n.startsWith('.') && n !== 'processed' && n !== 'failed')), []);
  });

  it('moves what is not an article to failed/ with a .reason file: an empty file, an image, broken front matter, a file too large', async () => {
    await writeFile(path.join(directory, 'empty.md'), '   \n');
    await writeFile(path.join(directory, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(path.join(directory, 'broken.md'), '---\ntitle: [unclosed\n---\nBody text here.\n');
    await writeFile(path.join(directory, 'huge.txt'), `Title\n\n${'word '.repeat(5000)}`);
    const expected = { 'empty.md': 'invalid-article', 'photo.png': 'unsupported-file-type', 'broken.md': 'invalid-article', 'huge.txt': 'file-too-large' };
    await until(() => Object.keys(expected).every(failed), 'the four files to fail');
    for (const [name, code] of Object.entries(expected)) {
      const reason = await readFile(path.join(directory, 'failed', `${name}.reason`), 'utf8');
      assert.match(reason, new RegExp(`^code: ${code}$`, 'm'), name);
    }
  });

  it('does not read a file while it is being written slowly, and reads all of it once it stops changing', async () => {
    const before = await stack.db.prisma.article.count();
    const text = markdown('Geneva talks adjourn', 'The Geneva talks on the Black Sea adjourned on Friday, the mediators said.') + '\nLAST PARAGRAPH: the sides will meet again in September.\n';
    const file = await open(path.join(directory, 'geneva.md'), 'w');
    // About 1.6 s of writing with pauses of 200 ms, each shorter than WATCH_STABLE_MS (500 ms).
    const chunks = text.match(/[\s\S]{1,60}/g) ?? [];
    const step = Math.ceil(chunks.length / 8);
    for (let i = 0; i < chunks.length; i += step) {
      await file.write(chunks.slice(i, i + step).join(''));
      await file.sync();
      assert.equal(processed('geneva.md') || failed('geneva.md'), false, 'not taken while being written');
      await sleep(200);
    }
    await file.close();
    await until(() => processed('geneva.md'), 'the slow file to be processed');
    assert.equal(await stack.db.prisma.article.count(), before + 1);
    const article = await stack.db.prisma.article.findFirst({ where: { title: 'Geneva talks adjourn' } });
    assert.match(article?.body ?? '', /LAST PARAGRAPH/);
  });

  it('leaves a file under a temporary name alone until it is renamed, and takes a file dropped twice once', async () => {
    const before = await stack.db.prisma.article.count();
    const temporary = path.join(directory, '.astana.md.tmp');
    await writeFile(temporary, markdown('Astana meeting called', 'Russia, Turkey and Iran called a new Astana meeting for August.'));
    await sleep(900);
    assert.equal(existsSync(temporary), true, 'a temporary name is never taken');
    await rename(temporary, path.join(directory, 'astana.md'));
    await until(() => processed('astana.md'), 'the renamed file');
    await writeFile(path.join(directory, 'astana.md'), markdown('Astana meeting called', 'Russia, Turkey and Iran called a new Astana meeting for August.'));
    await until(async () => (await readdir(path.join(directory, 'processed'))).filter((n) => n.startsWith('astana')).length === 2, 'the second copy');
    assert.equal(await stack.db.prisma.article.count(), before + 1, 'the second copy is a duplicate');
  });
});

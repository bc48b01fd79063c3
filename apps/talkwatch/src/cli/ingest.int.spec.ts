// `talkwatch ingest` in-process, on a real PostgreSQL with the embedded event log: a directory of
// documents, good and bad, each with its outcome and code; the accepted ones published by the
// outbox relay before the command ends; a URL fetched through the SSRF guard of POST /articles {url}.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DatabaseEventLog, repositoryRoot } from '@talkwatch/infra';
import { createTestDatabase, type TestDatabase } from '@talkwatch/infra/testing';
import { loadTalkwatchConfig } from '../config.js';
import { expandInputs, formatIngestSummary, ingestDocuments, openLocalSender, parseIngestArgs } from './ingest.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const MAX_BYTES = 20_000;

describe('talkwatch ingest, in-process (PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;

  before(async () => {
    db = await createTestDatabase('tw_cli_ingest');
    dir = await mkdtemp(path.join(tmpdir(), 'tw-ingest-'));
    const examples = path.join(repositoryRoot, 'examples');
    await copyFile(path.join(examples, '2021-12-22-russia-expects-security-talks.md'), path.join(dir, 'a-founding.md'));
    await copyFile(path.join(examples, '2021-12-28-geneva-talks-set-for-jan-10.md'), path.join(dir, 'b-geneva.md'));
    // The same article file again under another name: a duplicate.
    await copyFile(path.join(examples, '2021-12-22-russia-expects-security-talks.md'), path.join(dir, 'c-founding-again.md'));
    await writeFile(path.join(dir, 'd-empty.txt'), ' \n\n ');
    await writeFile(path.join(dir, 'e-binary.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    await writeFile(path.join(dir, 'f-cp1251.txt'), Buffer.from([0xcf, 0xe5, 0xf0, 0xe5, 0xe3, 0xee, 0xe2, 0xee, 0xf0, 0xfb, 0x20, 0xe2, 0x20, 0xc6, 0xe5, 0xed, 0xe5, 0xe2, 0xe5]));
    await writeFile(path.join(dir, 'g-huge.md'), `# Huge\n\n${'Talks went on. '.repeat(2000)}`);
    await writeFile(path.join(dir, 'h-photo.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('reads the arguments', () => {
    assert.deepEqual(parseIngestArgs(['--server', 'http://127.0.0.1:3000/', 'a.md', '-']), { server: 'http://127.0.0.1:3000', source: 'cli', inputs: ['a.md', '-'] });
    assert.deepEqual(parseIngestArgs(['--source=desk', 'dir']).source, 'desk');
    assert.throws(() => parseIngestArgs([]), /at least one/);
    assert.throws(() => parseIngestArgs(['--server', 'ftp://x', 'a.md']), /http\(s\) URL/);
    assert.throws(() => parseIngestArgs(['--force', 'a.md']), /unknown option/);
  });

  it('takes each document of a directory once, refusing the bad ones with their codes, and publishes what it accepted', async () => {
    const config = loadTalkwatchConfig({ DATABASE_URL: db.url, DATA_DIR: dir, MAX_ARTICLE_BYTES: String(MAX_BYTES) }, []);
    const documents = await expandInputs([dir], () => Promise.reject(new Error('no stdin')));
    assert.deepEqual(documents.map((d) => path.basename(d.name)), ['a-founding.md', 'b-geneva.md', 'c-founding-again.md', 'd-empty.txt', 'e-binary.html', 'f-cp1251.txt', 'g-huge.md']);
    const sender = await openLocalSender(config, quiet);
    const progress: string[] = [];
    let note: string | null;
    let outcomes;
    try {
      outcomes = await ingestDocuments(documents, sender, { maxBytes: MAX_BYTES, source: 'cli', progress: (done, total) => progress.push(`${done}/${total}`) });
      note = await sender.finish();
    } finally {
      await sender.close();
    }
    assert.equal(note, null);
    assert.deepEqual(progress.at(-1), '7/7');
    assert.deepEqual(
      outcomes.map((o) => [path.basename(o.name), o.kind, o.kind === 'rejected' ? o.code : o.kind === 'duplicate' ? o.note : '']),
      [
        ['a-founding.md', 'accepted', ''],
        ['b-geneva.md', 'accepted', ''],
        ['c-founding-again.md', 'duplicate', 'same-content'],
        ['d-empty.txt', 'rejected', 'empty-body'],
        ['e-binary.html', 'rejected', 'binary-content'],
        ['f-cp1251.txt', 'rejected', 'invalid-encoding'],
        ['g-huge.md', 'rejected', 'payload-too-large'],
      ],
    );
    const summary = formatIngestSummary(outcomes, 120, note);
    assert.match(summary, /accepted\s+2/);
    assert.match(summary, /duplicates\s+1/);
    assert.match(summary, /rejected\s+4 \(empty-body 1, binary-content 1, invalid-encoding 1, payload-too-large 1\)/);

    // Stored with their source and published to the log before the command ended.
    const rows = await db.prisma.article.findMany({ select: { source: true, loggedAt: true, eventCount: true } });
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.source === 'cli' && r.loggedAt !== null));
    const log = new DatabaseEventLog(db.prisma, { topic: config.kafka.topic }, quiet);
    const logged = await log.replay(() => Promise.resolve());
    assert.equal(logged, rows.reduce((n, r) => n + r.eventCount, 0));
  });

  describe('a URL, in-process: through the SSRF-guarded page fetcher', () => {
    let site: Server;
    let origin: string;
    const paragraph = '<p>The two delegations spent the morning on the maps of the demilitarised strip and agreed to send the question of the checkpoints to a working group of officers.</p>';
    before(async () => {
      site = createServer((request, response) => {
        if (request.url === '/moved') response.writeHead(301, { location: '/story' }).end();
        else if (request.url === '/story') {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
            `<html><head><title>Envoys of both Koreas to meet at Panmunjom</title><meta property="article:published_time" content="2031-02-03T06:00:00Z"></head><body><nav>Menu Sport Weather</nav><article><h1>Envoys of both Koreas to meet at Panmunjom</h1><p>Envoys of North Korea and South Korea will hold talks at Panmunjom on 10 February 2031, the unification ministry in Seoul said.</p>${paragraph.repeat(3)}</article></body></html>`,
          );
        } else response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      const address = site.address();
      origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
      await new Promise<void>((resolve) => {
        site.closeAllConnections();
        site.close(() => {
          resolve();
        });
      });
    });

    const run = async (env: Record<string, string>, url: string) => {
      const sender = await openLocalSender(loadTalkwatchConfig({ DATABASE_URL: db.url, DATA_DIR: dir, ...env }, []), quiet);
      try {
        const [outcome] = await ingestDocuments(await expandInputs([url], () => Promise.reject(new Error('no stdin'))), sender, { maxBytes: MAX_BYTES, source: 'cli' });
        assert.ok(outcome);
        return outcome;
      } finally {
        await sender.close();
      }
    };

    it('refuses a page behind a loopback address unless OUTBOUND_ALLOWLIST names it, as the API does', async () => {
      const refused = await run({}, `${origin}/moved`);
      assert.deepEqual([refused.kind, refused.kind === 'rejected' ? refused.code : ''], ['rejected', 'url-forbidden']);
    });

    it('fetches an allowed page, follows its redirect and reads the story in it (Readability), labelled as the command says', async () => {
      const accepted = await run({ OUTBOUND_ALLOWLIST: '127.0.0.1' }, `${origin}/moved`);
      assert.ok(accepted.kind === 'accepted', JSON.stringify(accepted));
      const stored = await db.prisma.article.findUniqueOrThrow({ where: { id: accepted.articleId } });
      assert.deepEqual([stored.url, stored.title, stored.source, stored.publishedAtText], [`${origin}/story`, 'Envoys of both Koreas to meet at Panmunjom', 'cli', '2031-02-03T06:00:00Z']);
      assert.doesNotMatch(stored.body, /Menu Sport Weather/);
    });
  });
});

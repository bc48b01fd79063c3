import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CliIo, runCli } from './cli.js';

const ARTICLE = `---
title: Envoys to meet in Geneva
url: https://example.org/geneva
published: 2023-05-03
---

Ruritanian and Russian envoys will hold talks in Geneva on Monday, officials said.

Ruritania demanded that Russia lift its grain embargo. Moscow rejected the demand as unacceptable.
`;

/** An article of our own with no publication date anywhere. */
const UNDATED = `---
title: Envoys to meet again
---

Ruritanian and Russian envoys will hold talks in Geneva on Monday, officials said.
`;

const NOW = new Date('2031-02-03T10:00:00Z');

function memoryIo(files: Record<string, string>, columns?: number): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    columns,
    now: () => NOW,
    readText(file: string): string {
      const text = files[file];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      return text;
    },
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}

const GAZETTEER = JSON.stringify({ parties: [{ name: 'Ruritania', kind: 'state', demonyms: ['Ruritanian'] }] });

describe('runCli extract', () => {
  it('--json prints one contract record per file, with the gazetteer extension applied', () => {
    const io = memoryIo({ 'dir/a.md': ARTICLE, 'g.json': GAZETTEER });
    assert.equal(runCli(['extract', '--json', '--gazetteer', 'g.json', 'dir/a.md'], io), 0);
    const lines = io.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1);
    const record = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    assert.deepEqual(Object.keys(record), ['file', 'article', 'rounds', 'demands', 'responses']);
    assert.equal(record.file, 'a.md');
    assert.deepEqual(record.article, { title: 'Envoys to meet in Geneva', url: 'https://example.org/geneva', publishedAt: '2023-05-03' });
    const [round] = record.rounds as Record<string, unknown>[];
    assert.deepEqual(Object.keys(round ?? {}), ['parties', 'mediators', 'ordinal', 'status', 'date', 'venue', 'evidence', 'outcome', 'confidence']);
    assert.deepEqual([round?.parties, round?.status, (round?.date as { start: string }).start, round?.venue], [['Ruritania', 'Russia'], 'scheduled', '2023-05-08', 'Geneva']);
    const [demand] = record.demands as Record<string, unknown>[];
    assert.deepEqual(Object.keys(demand ?? {}), ['by', 'addressedTo', 'text', 'category', 'evidence', 'confidence']);
    assert.deepEqual([demand?.by, demand?.addressedTo, demand?.text], ['Ruritania', ['Russia'], 'Russia lift its grain embargo']);
    const [response] = record.responses as Record<string, unknown>[];
    assert.deepEqual([response?.by, response?.kind, (response?.demand as { text: string }).text], ['Russia', 'rejected', 'Russia lift its grain embargo']);
    assert.equal(io.stderr, '');
  });

  it('without --json prints a table fitted to the terminal', () => {
    const io = memoryIo({ 'a.md': ARTICLE, 'g.json': GAZETTEER }, 72);
    assert.equal(runCli(['extract', '--gazetteer', 'g.json', 'a.md'], io), 0);
    assert.match(io.stdout, /^Envoys to meet in Geneva {2}\(2023-05-03, a\.md\)\n/);
    assert.match(io.stdout, /Rounds \(1\)\n {2}PARTIES/);
    assert.ok(io.stdout.split('\n').every((l) => l.length <= 72));
  });

  it('reports unreadable and unparseable files on stderr, goes on with the others, exits 1', () => {
    const io = memoryIo({ 'good.md': ARTICLE, 'bad.md': '---\ntitle: [unclosed\n---\nText.' });
    assert.equal(runCli(['extract', '--json', 'missing.md', 'bad.md', 'good.md'], io), 1);
    assert.equal(io.stdout.trimEnd().split('\n').length, 1);
    assert.match(io.stderr, /cannot read missing\.md: no such file/);
    assert.match(io.stderr, /cannot parse bad\.md: front matter is not valid YAML/);
  });

  it('extracts an undated article: publishedAt null, relative dates unresolved', () => {
    const io = memoryIo({ 'u.md': UNDATED, 'g.json': GAZETTEER });
    assert.equal(runCli(['extract', '--json', '--gazetteer', 'g.json', 'u.md'], io), 0);
    const record = JSON.parse(io.stdout) as { article: Record<string, unknown>; rounds: { status: string; date: unknown }[] };
    assert.deepEqual(record.article, { title: 'Envoys to meet again', url: null, publishedAt: null });
    assert.deepEqual(record.rounds.map((r) => [r.status, r.date]), [['announced', { text: 'on Monday', start: null, end: null, precision: 'unknown' }]]);
    const table = memoryIo({ 'u.md': UNDATED, 'g.json': GAZETTEER });
    assert.equal(runCli(['extract', '--gazetteer', 'g.json', 'u.md'], table), 0);
    assert.match(table.stdout, /\(undated, u\.md\)/);
    assert.match(table.stdout, /"on Monday" \(unresolved\)/);
  });

  it('--date-fallback received dates an undated article by the time it is read, and says so', () => {
    const io = memoryIo({ 'u.md': UNDATED, 'a.md': ARTICLE, 'g.json': GAZETTEER });
    assert.equal(runCli(['extract', '--json', '--date-fallback', 'received', '--gazetteer', 'g.json', 'u.md', 'a.md'], io), 0);
    const [undated, dated] = io.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { article: Record<string, unknown>; rounds: { status: string; date: { start: string } }[] });
    assert.deepEqual(undated?.article, { title: 'Envoys to meet again', url: null, publishedAt: NOW.toISOString(), dateFallback: 'receivedAt' });
    // 3 February 2031 is a Monday: "will hold talks on Monday" is that day.
    assert.deepEqual(undated.rounds.map((r) => [r.status, r.date.start]), [['scheduled', '2031-02-03']]);
    assert.deepEqual(dated?.article, { title: 'Envoys to meet in Geneva', url: 'https://example.org/geneva', publishedAt: '2023-05-03' });
  });

  it('reads an HTML file: text, title and date from the markup', () => {
    const html = '<!doctype html><html><head><title>Envoys meet</title><script>var x = "Russia and Ruritania met";</script></head>'
      + '<body><article><h1>Envoys meet</h1><p><time datetime="2023-05-03">3 May</time></p>'
      + '<p>Ruritanian and Russian envoys will hold talks in Geneva on Monday, officials said.</p></article></body></html>';
    const io = memoryIo({ 'page.html': html, 'g.json': GAZETTEER });
    assert.equal(runCli(['extract', '--json', '--gazetteer', 'g.json', 'page.html'], io), 0);
    const record = JSON.parse(io.stdout) as { article: Record<string, unknown>; rounds: { date: { start: string }; evidence: { sentence: string } }[] };
    assert.deepEqual(record.article, { title: 'Envoys meet', url: null, publishedAt: '2023-05-03' });
    assert.deepEqual(record.rounds.map((r) => [r.date.start, r.evidence.sentence]), [['2023-05-08', 'Ruritanian and Russian envoys will hold talks in Geneva on Monday, officials said.']]);
  });

  it('a bad gazetteer file or bad arguments stop before any article is read (exit 2)', () => {
    const bad = memoryIo({ 'a.md': ARTICLE, 'g.json': '{"officials":[{"name":"Nobody","party":"Atlantis","role":"envoy"}]}', 'broken.json': '{' });
    assert.equal(runCli(['extract', '--gazetteer', 'g.json', 'a.md'], bad), 2);
    assert.match(bad.stderr, /gazetteer g\.json: .*Atlantis/);
    assert.equal(runCli(['extract', '--gazetteer', 'broken.json', 'a.md'], bad), 2);
    assert.match(bad.stderr, /gazetteer broken\.json is not valid JSON/);
    assert.equal(runCli(['extract', '--gazetteer', 'nope.json', 'a.md'], bad), 2);
    assert.match(bad.stderr, /cannot read gazetteer nope\.json/);
    assert.equal(bad.stdout, '');
    const usage = memoryIo({});
    assert.equal(runCli(['frobnicate'], usage), 2);
    assert.match(usage.stderr, /unknown command/);
  });

  it('prints help and version', () => {
    const io = memoryIo({});
    assert.equal(runCli(['extract', '--help'], io), 0);
    assert.match(io.stdout, /^Usage: talkwatch extract \[--json\]/);
    assert.equal(runCli(['--version'], io), 0);
    assert.match(io.stdout, /extractor rules-\d+\.\d+\.\d+/);
  });
});

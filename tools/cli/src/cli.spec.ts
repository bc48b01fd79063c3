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

function memoryIo(files: Record<string, string>, columns?: number): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    columns,
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
    assert.deepEqual(Object.keys(round ?? {}), ['parties', 'ordinal', 'status', 'date', 'venue', 'evidence']);
    assert.deepEqual([round?.parties, round?.status, (round?.date as { start: string }).start, round?.venue], [['Ruritania', 'Russia'], 'scheduled', '2023-05-08', 'Geneva']);
    const [demand] = record.demands as Record<string, unknown>[];
    assert.deepEqual(Object.keys(demand ?? {}), ['by', 'addressedTo', 'text', 'category', 'evidence']);
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
    const io = memoryIo({ 'good.md': ARTICLE, 'undated.md': 'No date in here at all.' });
    assert.equal(runCli(['extract', '--json', 'missing.md', 'undated.md', 'good.md'], io), 1);
    assert.equal(io.stdout.trimEnd().split('\n').length, 1);
    assert.match(io.stderr, /cannot read missing\.md: no such file/);
    assert.match(io.stderr, /cannot parse undated\.md: no publication date/);
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

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '@talkwatch/infra';
import { loadIngestorConfig } from '../config.js';
import { readSourcesFile } from './sources-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tw-sources-file-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('SOURCES_FILE', () => {
  it('reads YAML, with intervals as durations or seconds', () => {
    const sources = readSourcesFile(file('a.yaml', 'sources:\n  - url: https://news.test/rss\n    name: Wire\n    interval: 15m\n  - url: https://other.test/feed.json\n    interval: 90\n    enabled: false\n'));
    assert.deepEqual(sources, [
      { url: 'https://news.test/rss', name: 'Wire', interval: 900, enabled: true },
      { url: 'https://other.test/feed.json', interval: 90, enabled: false },
    ]);
  });

  it('reads JSON, a bare list included', () => {
    assert.deepEqual(readSourcesFile(file('b.json', '[{"url": "https://news.test/atom"}]')), [{ url: 'https://news.test/atom', enabled: true }]);
  });

  it('stops the start listing every bad entry, and is read when the config is', () => {
    const bad = file('c.yaml', 'sources:\n  - url: ftp://news.test/rss\n  - url: https://news.test/a\n    interval: soon\n  - url: https://news.test/a\n');
    assert.throws(() => readSourcesFile(bad), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 2, error.message);
      assert.match(error.message, /sources\.0\.url/);
      assert.match(error.message, /sources\.1\.interval/);
      return true;
    });
    assert.throws(() => loadIngestorConfig({ SOURCES_FILE: path.join(dir, 'missing.yaml') }), /cannot read/);
    assert.throws(() => readSourcesFile(file('d.yaml', 'sources: [unclosed')), /neither valid YAML nor JSON/);
    assert.equal(loadIngestorConfig({ SOURCES_FILE: file('e.yaml', '[]') }).sources.file?.sources.length, 0);
  });
});

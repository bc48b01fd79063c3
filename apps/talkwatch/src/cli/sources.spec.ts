// `talkwatch sources`: its arguments, and the table `list` prints.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSourcesTable, parseSourcesArgs, sourceStatusOf, type SourceListing } from './sources.js';

const listing = (over: Partial<Omit<SourceListing, 'status'>> & { status?: Partial<SourceListing['status']> } = {}): SourceListing => ({
  id: 'src_0123456789abcdef0123',
  url: 'https://wire.example/world/rss.xml',
  name: null,
  intervalSeconds: 900,
  enabled: true,
  ...over,
  status: {
    lastPolledAt: '2031-01-02T10:00:00.000Z',
    lastSuccessAt: '2031-01-02T10:00:00.000Z',
    lastError: null,
    failures: 0,
    itemsSeen: 12,
    itemsIngested: 9,
    unsupportedLanguage: 0,
    nextPollAt: '2031-01-02T10:15:00.000Z',
    ...over.status,
  },
});

describe('talkwatch sources: arguments', () => {
  it('reads add with its options and list', () => {
    assert.deepEqual(parseSourcesArgs(['add', '--server', 'http://127.0.0.1:3000/', 'https://wire.example/rss', '--name=World desk', '--interval', '10m', '--disabled']), {
      action: 'add',
      server: 'http://127.0.0.1:3000',
      url: 'https://wire.example/rss',
      name: 'World desk',
      interval: '10m',
      enabled: false,
    });
    assert.deepEqual(parseSourcesArgs(['list', '--server=https://tw.example']), { action: 'list', server: 'https://tw.example' });
  });

  it('refuses what it cannot do, saying how it is used', () => {
    assert.throws(() => parseSourcesArgs([]), /name add or list/);
    assert.throws(() => parseSourcesArgs(['remove', '--server', 'http://x']), /unknown action remove/);
    assert.throws(() => parseSourcesArgs(['list']), /--server URL is required/);
    assert.throws(() => parseSourcesArgs(['list', '--server', 'ftp://x']), /http\(s\) URL/);
    assert.throws(() => parseSourcesArgs(['add', '--server', 'http://x']), /exactly one feed URL/);
    assert.throws(() => parseSourcesArgs(['add', '--server', 'http://x', 'a', 'b']), /exactly one feed URL/);
    assert.throws(() => parseSourcesArgs(['add', '--server', 'http://x', 'a', '--name']), /--name needs a value/);
    assert.throws(() => parseSourcesArgs(['list', '--server', 'http://x', '--name', 'n']), /unknown option --name/);
  });
});

describe('talkwatch sources list: the table', () => {
  it('shows each feed with its status, last success, last error, items seen/ingested and next poll', () => {
    const failing = listing({
      id: 'src_ffffffffffffffffffff',
      url: 'https://daily.example/feed.json',
      name: 'Daily',
      intervalSeconds: 3600,
      status: { failures: 2, lastError: { at: '2031-01-02T09:58:00.000Z', code: 'upstream-timeout', message: 'no answer within 20 s' }, itemsSeen: 3, itemsIngested: 3, unsupportedLanguage: 1, nextPollAt: '2031-01-02T14:00:00.000Z' },
    });
    const lines = formatSourcesTable([listing(), failing, listing({ id: 'src_paused', enabled: false, status: { nextPollAt: null } })], 220).trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0] ?? '', /^ {2}id\s+feed\s+status\s+every\s+last success\s+last error\s+seen\/ingested\s+next poll$/);
    assert.match(lines[1] ?? '', /src_0123456789abcdef0123\s+https:\/\/wire\.example\/world\/rss\.xml\s+ok\s+15m\s+2031-01-02 10:00Z\s+12\/9\s+2031-01-02 10:15Z/);
    assert.match(lines[2] ?? '', /Daily <https:\/\/daily\.example\/feed\.json>\s+failing \(2\)\s+1h\s+2031-01-02 10:00Z\s+2031-01-02 09:58Z upstream-timeout: no answer within 20 s\s+3\/3 \(1 unsupported language\)\s+2031-01-02 14:00Z/);
    assert.match(lines[3] ?? '', /src_paused .*paused .* -$/);
  });

  it('fits a narrow terminal, keeping every column', () => {
    const lines = formatSourcesTable([listing({ url: `https://wire.example/${'very-long-section/'.repeat(8)}rss.xml` })], 100).trimEnd().split('\n');
    assert.ok(lines.every((l) => l.length <= 100), lines.join('\n'));
    assert.match(lines[1] ?? '', /…/);
  });

  it('says how to add one when there is none, and tells a source never polled', () => {
    assert.match(formatSourcesTable([], 80), /No sources\. Add one with: talkwatch sources add/);
    assert.equal(sourceStatusOf(listing({ status: { lastPolledAt: null, lastSuccessAt: null } })), 'new');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXTRACTOR_VERSION, eventsFromArticle } from '@talkwatch/domain';
import { ReextractUsageError, describeFact, formatReextractResult, parseReextractArgs } from './reextract.js';

const article = {
  title: 'Envoys to meet in Vienna',
  url: null,
  publishedAt: '2024-03-01',
  body: 'Envoys of Russia and the United States will meet in Vienna on 12 March, officials said. Russia demands that NATO rule out new members.',
};

describe('talkwatch reextract: arguments', () => {
  it('reads --since (both spellings) and --dry-run', () => {
    assert.deepEqual(parseReextractArgs([]), { since: undefined, dryRun: false });
    assert.deepEqual(parseReextractArgs(['--since', '2022-01-05', '--dry-run']), { since: new Date('2022-01-05T00:00:00Z'), dryRun: true });
    assert.deepEqual(parseReextractArgs(['--since=2022-02-28']).since, new Date('2022-02-28T00:00:00Z'));
  });

  it('refuses what it cannot read, naming it', () => {
    assert.throws(() => parseReextractArgs(['--since', '2022-02-30']), (e: unknown) => e instanceof ReextractUsageError && /2022-02-30/.test(e.message));
    assert.throws(() => parseReextractArgs(['--since']), ReextractUsageError);
    assert.throws(() => parseReextractArgs(['--force']), /unknown option --force/);
  });
});

describe('talkwatch reextract: output', () => {
  const events = eventsFromArticle({ articleId: 'a1', article, observedAt: '2030-01-01T00:00:00Z' });
  const round = events.find((e) => e.type === 'RoundReported');
  const demand = events.find((e) => e.type === 'DemandReported');

  it('describes each fact in a line a person reads', () => {
    assert.ok(round && demand);
    assert.equal(describeFact(round), 'round scheduled 12 March 2024 in Vienna (Russia – United States)');
    assert.match(describeFact(demand), /^demand by Russia → NATO: /);
  });

  it('prints a table of the changed facts and a summary; a dry run says nothing was published', () => {
    assert.ok(round && demand);
    const text = formatReextractResult(
      {
        extractorVersion: EXTRACTOR_VERSION,
        examined: 3,
        unchanged: 2,
        changes: [{ articleId: 'a1', title: article.title, publishedAt: new Date('2024-03-01T00:00:00Z'), added: [round], retracted: [demand] }],
        published: 1,
        retractions: 1,
        recovered: 0,
        dryRun: true,
      },
      140,
    );
    const lines = text.split('\n');
    assert.match(lines[0] ?? '', /published\s+article\s+fact/);
    assert.ok(lines.some((l) => /2024-03-01\s+Envoys to meet in Vienna\s+\+\s+round scheduled/.test(l)), text);
    assert.ok(lines.some((l) => /−\s+demand by Russia/.test(l)), text);
    assert.match(text, /articles examined\s+3/);
    assert.match(text, /new facts would be published\s+1/);
    assert.match(text, /facts would be retracted\s+1/);
    assert.match(text, /Dry run: nothing was published or saved\./);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError, parseArgs } from './args.js';

describe('parseArgs', () => {
  it('reads extract with its options and files, in any order', () => {
    assert.deepEqual(parseArgs(['extract', 'a.md', '--json', '--gazetteer', 'extra.json', 'b.md']), {
      command: 'extract',
      json: true,
      gazetteer: 'extra.json',
      dateFallback: null,
      files: ['a.md', 'b.md'],
    });
    assert.deepEqual(parseArgs(['extract', '--gazetteer=g.json', 'a.md']), { command: 'extract', json: false, gazetteer: 'g.json', dateFallback: null, files: ['a.md'] });
    assert.deepEqual(parseArgs(['extract', '--date-fallback', 'received', 'a.md']), { command: 'extract', json: false, gazetteer: null, dateFallback: 'received', files: ['a.md'] });
    assert.equal((parseArgs(['extract', '--date-fallback=received', 'a.md']) as { dateFallback: unknown }).dateFallback, 'received');
    assert.throws(() => parseArgs(['extract', '--date-fallback', 'now', 'a.md']), /--date-fallback takes one value: received/);
  });

  it('takes everything after -- as files, and - as standard input', () => {
    assert.deepEqual(parseArgs(['extract', '--', '--json', '-']).command === 'extract' && parseArgs(['extract', '--', '--json', '-']), {
      command: 'extract',
      json: false,
      gazetteer: null,
      dateFallback: null,
      files: ['--json', '-'],
    });
  });

  it('answers help and version', () => {
    assert.deepEqual(parseArgs([]), { command: 'help', topic: 'main' });
    assert.deepEqual(parseArgs(['--help']), { command: 'help', topic: 'main' });
    assert.deepEqual(parseArgs(['extract', 'a.md', '-h']), { command: 'help', topic: 'extract' });
    assert.deepEqual(parseArgs(['--version']), { command: 'version' });
  });

  it('rejects unknown commands and options, a missing gazetteer file name, and no files', () => {
    const usage = (argv: string[], message: RegExp) => {
      assert.throws(() => parseArgs(argv), (e: unknown) => e instanceof UsageError && message.test(e.message), argv.join(' '));
    };
    usage(['extrakt', 'a.md'], /unknown command "extrakt"/);
    usage(['extract', '--jsonl', 'a.md'], /unknown option "--jsonl"/);
    usage(['extract', 'a.md', '--gazetteer'], /--gazetteer needs a file name/);
    usage(['extract', '--gazetteer', '--json', 'a.md'], /--gazetteer needs a file name/);
    usage(['extract', '--gazetteer', 'a.json', '--gazetteer', 'b.json', 'a.md'], /given twice/);
    usage(['extract', '--json'], /no article files/);
  });
});

// Runs the compiled command as a process on an article written to a temporary file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'talkwatch-cli-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('talkwatch (process)', () => {
  it('extract --json prints the JSON line of an article file', () => {
    const file = path.join(dir, 'talks-in-oslo.md');
    const body = 'Serbian and Kosovar negotiators will hold talks in Oslo on Monday, a mediator said.';
    writeFileSync(file, `---\ntitle: Talks in Oslo\npublished: 2023-03-08\n---\n\n${body}\n`);
    const result = spawnSync(process.execPath, [main, 'extract', '--json', file], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const start = 0;
    assert.deepEqual(JSON.parse(result.stdout), {
      file: 'talks-in-oslo.md',
      article: { title: 'Talks in Oslo', url: null, publishedAt: '2023-03-08' },
      rounds: [
        {
          parties: ['Kosovo', 'Serbia'],
          mediators: [],
          ordinal: null,
          status: 'scheduled',
          date: { text: 'on Monday', start: '2023-03-13', end: null, precision: 'day' },
          venue: 'Oslo',
          evidence: { sentence: body, start, end: start + body.length },
          outcome: null,
          // Both sides named, "will hold", a day and a venue; no ordinal.
          confidence: 0.95,
        },
      ],
      demands: [],
      responses: [],
    });
    assert.equal(result.stdout.split('\n').filter(Boolean).length, 1);
  });

  it('exits 1 with a message on stderr for a missing file', () => {
    const result = spawnSync(process.execPath, [main, 'extract', path.join(dir, 'absent.md')], { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot read .*absent\.md: no such file/);
  });
});

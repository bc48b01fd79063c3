import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { eventsFromArticle } from '@talkwatch/domain';
import { ConfigError } from '@talkwatch/infra';
import { loadGazetteer } from './gazetteer-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gazetteer-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const article = {
  title: 'Strelsau and Moscow to talk',
  url: null,
  publishedAt: '2030-05-02',
  body: 'Ruritania and Russia will hold a first round of talks in Zenda on May 20, the Ruritanian foreign ministry said on Thursday.',
};

describe('GAZETTEER_FILE', () => {
  it('adds the parties of a user file to what the extractor knows', () => {
    const file = path.join(dir, 'parties.json');
    writeFileSync(file, JSON.stringify({ parties: [{ name: 'Ruritania', kind: 'state', demonyms: ['Ruritanian'], metonyms: ['Strelsau'] }], places: ['Zenda'] }));
    const events = eventsFromArticle({ articleId: 'a', article, observedAt: '2030-05-02T00:00:00Z', gazetteer: loadGazetteer(file) });
    const round = events.find((e) => e.type === 'RoundReported');
    assert.ok(round, 'a round between Ruritania and Russia');
    assert.deepEqual(round.data.parties, ['Ruritania', 'Russia']);
    assert.equal(round.data.status, 'scheduled');
  });

  it('uses the built-in data when no file is set', () => {
    assert.ok(loadGazetteer(undefined));
  });

  it('fails at boot with the file named when it is not JSON or not a valid extension', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    assert.throws(() => loadGazetteer(bad), (e: unknown) => e instanceof ConfigError && e.message.includes(bad));
    const invalid = path.join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ officials: [{ name: 'Jane Doe', party: 'Nowhere', role: 'envoy' }] }));
    assert.throws(() => loadGazetteer(invalid), (e: unknown) => e instanceof ConfigError && e.message.includes('GAZETTEER_FILE'));
    assert.throws(() => loadGazetteer(path.join(dir, 'missing.json')), ConfigError);
  });
});

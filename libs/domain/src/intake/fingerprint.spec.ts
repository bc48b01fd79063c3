// The near-duplicate threshold, measured on copies made for the purpose (syndication-texts.ts):
// exact shingle Jaccard of the copies 0.84 and 0.69, of the other stories 0.03; the MinHash
// estimates follow within the signature's error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_FINGERPRINT_WORDS, NEAR_DUPLICATE_THRESHOLD, SIGNATURE_LENGTH, fingerprintOf, nearestDuplicate, similarity } from './fingerprint.js';
import { backgroundSameTalks, laterStorySameTalks, lightlyEditedCopy, trimmedCopy, wireStory } from './syndication-texts.js';

const fp = (text: string) => {
  const f = fingerprintOf(text);
  assert.ok(f, 'long enough to fingerprint');
  return f;
};

describe('fingerprintOf / similarity', () => {
  it('is deterministic and the same whatever the case, punctuation or spacing', () => {
    const a = fp(wireStory);
    assert.equal(a.signature.length, SIGNATURE_LENGTH);
    assert.deepEqual(fp(wireStory), a);
    assert.deepEqual(fp(wireStory.toUpperCase().replace(/[,.]/g, ' ').replace(/\n/g, '\n\n')).signature, a.signature);
    assert.ok(a.signature.every((v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31), 'signed 32-bit integers');
  });

  it('calls lightly edited copies of one story duplicates', () => {
    const original = fp(wireStory);
    for (const copy of [lightlyEditedCopy, trimmedCopy]) {
      const s = similarity(original.signature, fp(copy).signature);
      assert.ok(s >= 0.6, `a copy scored ${s}`);
      assert.ok(fp(copy).bands.some((b) => original.bands.includes(b)), 'a copy shares a band with the original, so the lookup finds it');
    }
  });

  it('keeps different stories about the same talks apart', () => {
    const original = fp(wireStory);
    for (const other of [laterStorySameTalks, backgroundSameTalks]) {
      const s = similarity(original.signature, fp(other).signature);
      assert.ok(s < 0.15, `another story scored ${s}`);
    }
    assert.ok(similarity(fp(laterStorySameTalks).signature, fp(backgroundSameTalks).signature) < 0.15);
  });

  it('leaves texts too short to judge without a fingerprint', () => {
    assert.equal(fingerprintOf('Talks resume in Geneva on Monday.'), null);
    assert.equal(fingerprintOf(wireStory.split(/\s+/).slice(0, MIN_FINGERPRINT_WORDS - 1).join(' ')), null);
  });

  it('picks the most similar candidate at or above the threshold', () => {
    const candidates = [
      { id: 'later', signature: fp(laterStorySameTalks).signature },
      { id: 'trimmed', signature: fp(trimmedCopy).signature },
      { id: 'edited', signature: fp(lightlyEditedCopy).signature },
    ];
    const nearest = nearestDuplicate(fp(wireStory), candidates);
    assert.ok(nearest);
    assert.equal(nearest.candidate.id, 'edited');
    assert.ok(nearest.similarity >= NEAR_DUPLICATE_THRESHOLD);
    assert.equal(nearestDuplicate(fp(backgroundSameTalks), candidates.slice(1)), null);
  });
});

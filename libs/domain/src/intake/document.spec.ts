import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeDocument } from './document.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeDocument', () => {
  it('reads UTF-8 text, a byte order mark dropped', () => {
    assert.deepEqual(decodeDocument(utf8('Talks in Genève — día 2'), 1000), { ok: true, text: 'Talks in Genève — día 2' });
    assert.deepEqual(decodeDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Hello')]), 1000), { ok: true, text: 'Hello' });
  });

  it('refuses empty and white-space-only documents', () => {
    assert.equal(codeOf(new Uint8Array()), 'empty-body');
    assert.equal(codeOf(utf8(' \n\t\r\n ')), 'empty-body');
  });

  it('refuses binary content: NUL bytes, or mostly control bytes', () => {
    // The opening bytes of a PNG file and of a gzip stream.
    assert.equal(codeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])), 'binary-content');
    assert.equal(codeOf(new Uint8Array([0x1f, 0x8b, 0x08, 0x08, 0x01, 0x02, 0x03, 0x04, 0x05])), 'binary-content');
  });

  it('refuses what is not UTF-8, such as windows-1251 or ISO-8859-1 bytes', () => {
    // "Переговоры" in windows-1251, "négociations" in ISO-8859-1.
    assert.equal(codeOf(new Uint8Array([0xcf, 0xe5, 0xf0, 0xe5, 0xe3, 0xee, 0xe2, 0xee, 0xf0, 0xfb])), 'invalid-encoding');
    assert.equal(codeOf(new Uint8Array([0x6e, 0xe9, 0x67, 0x6f, 0x63, 0x69, 0x61, 0x74, 0x69, 0x6f, 0x6e, 0x73])), 'invalid-encoding');
  });

  it('refuses a document larger than the limit before reading it', () => {
    assert.equal(codeOf(utf8('x'.repeat(1001))), 'payload-too-large');
    assert.equal(decodeDocument(utf8('x'.repeat(1000)), 1000).ok, true);
  });
});

function codeOf(bytes: Uint8Array): string {
  const result = decodeDocument(bytes, 1000);
  return result.ok ? 'ok' : result.code;
}

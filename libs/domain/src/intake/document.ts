// Raw documents (a file, a download, standard input) as text, or the coded reason they cannot
// be read: empty, binary, not UTF-8, or too large. Pure: bytes in, text or a refusal out.

export type DocumentRefusalCode = 'empty-body' | 'binary-content' | 'invalid-encoding' | 'payload-too-large';

export type DecodedDocument = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly code: DocumentRefusalCode; readonly detail: string };

/** Bytes looked at for binary content: a file that is text there is taken to be text. */
const SNIFF_BYTES = 8192;

/**
 * The text of a UTF-8 document (a byte order mark dropped), refused when it is larger than
 * `maxBytes`, holds a NUL or mostly control bytes in its first 8 KB (binary: an image, a PDF, an
 * archive), is not valid UTF-8, or has nothing but white space.
 */
export function decodeDocument(bytes: Uint8Array, maxBytes: number): DecodedDocument {
  if (bytes.length > maxBytes) return { ok: false, code: 'payload-too-large', detail: `${bytes.length} bytes; at most ${maxBytes} are taken` };
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return { ok: false, code: 'binary-content', detail: 'holds NUL bytes: not a text document' };
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) control++;
  }
  if (head.length > 0 && control / head.length > 0.1) return { ok: false, code: 'binary-content', detail: 'mostly control bytes: not a text document' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, code: 'invalid-encoding', detail: 'not valid UTF-8 (convert it first, e.g. iconv -f windows-1251 -t utf-8)' };
  }
  if (text.trim() === '') return { ok: false, code: 'empty-body', detail: bytes.length === 0 ? 'empty' : 'white space only' };
  return { ok: true, text };
}

// Bytes from the web as text: the content type decides what kind of document it is, and the
// character set comes from (in this order) a byte order mark, the Content-Type header's charset,
// then the document itself (<meta charset> / http-equiv for HTML, the XML declaration for XML),
// following the HTML standard's sniffing (html-encoding-sniffer). A page in windows-1251 or
// ISO-8859-1 thus reads as the letters its author wrote.
import { isUtf8 } from 'node:buffer';
import htmlEncodingSniffer from 'html-encoding-sniffer';
import { MIMEType } from 'whatwg-mimetype';

export type DocumentKind = 'html' | 'text' | 'xml' | 'json';

export interface DocumentText {
  readonly kind: DocumentKind;
  /** The MIME type's essence as sent (text/html), or null when none was. */
  readonly mimeType: string | null;
  /** The encoding the text was decoded from (canonical name, e.g. windows-1251). */
  readonly charset: string;
  readonly text: string;
}

export class UnsupportedDocument extends Error {
  constructor(
    readonly reason: 'content-type' | 'charset' | 'binary',
    message: string,
  ) {
    super(message);
    this.name = 'UnsupportedDocument';
  }
}

const xmlTypes = new Set(['application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml', 'application/rdf+xml']);
const jsonTypes = new Set(['application/feed+json', 'application/json']);

function kindOf(mime: MIMEType | null, accepted: readonly DocumentKind[]): DocumentKind | undefined {
  if (mime === null) return undefined;
  if (mime.isHTML() || mime.essence === 'application/xhtml+xml') return 'html';
  if (mime.essence === 'text/plain') return 'text';
  if (xmlTypes.has(mime.essence) || mime.subtype.endsWith('+xml')) return accepted.includes('xml') ? 'xml' : undefined;
  if (jsonTypes.has(mime.essence) || mime.subtype.endsWith('+json')) return 'json';
  return undefined;
}

/** What the first bytes look like, for a server that sent no content type (or a wrong one). */
function sniffKind(text: string, accepted: readonly DocumentKind[]): DocumentKind {
  const start = text.slice(0, 512).trimStart().toLowerCase();
  if (start.startsWith('{') && accepted.includes('json')) return 'json';
  if ((start.startsWith('<?xml') || start.startsWith('<rss') || start.startsWith('<feed') || start.startsWith('<rdf')) && accepted.includes('xml')) return 'xml';
  if (start.startsWith('<')) return 'html';
  return 'text';
}

/** Control characters other than tab, line feed, form feed and carriage return: not text. */
function looksBinary(bytes: Uint8Array, charset: string): boolean {
  if (charset.startsWith('UTF-16')) return false;
  const sample = bytes.subarray(0, 4096);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) controls += 1;
  }
  return controls > sample.length / 100;
}

/**
 * The document's text, if it is of a kind in `accepted`. Throws UnsupportedDocument for another
 * content type, a charset this runtime cannot decode, or bytes that are not text at all.
 * A server that sends no content type, or `application/octet-stream`, is judged by the bytes.
 */
export function documentText(bytes: Uint8Array, contentType: string | null, accepted: readonly DocumentKind[]): DocumentText {
  const mime = contentType === null ? null : MIMEType.parse(contentType);
  const vague = mime === null || mime.essence === 'application/octet-stream' || mime.essence === 'binary/octet-stream';
  const declared = vague ? undefined : kindOf(mime, accepted);
  if (!vague && (declared === undefined || !accepted.includes(declared))) {
    throw new UnsupportedDocument('content-type', `the content type ${mime.essence} is not one of ${accepted.join(', ')}`);
  }
  const label = mime?.parameters.get('charset');
  const xmlLike = declared === 'xml' || declared === 'json';
  let charset: string;
  try {
    // An empty default marks "nothing declared it" (no BOM, header charset or markup).
    charset = htmlEncodingSniffer(bytes, { xml: xmlLike, ...(label ? { transportLayerEncodingLabel: label } : {}), defaultEncoding: '' });
  } catch {
    throw new UnsupportedDocument('charset', `the charset ${label ?? '(sniffed)'} is not known`);
  }
  // Undeclared: UTF-8 when the bytes are valid UTF-8 (most of today's web), else the web's
  // historical default for Western pages, windows-1252.
  if (charset === '') charset = isUtf8(bytes) ? 'UTF-8' : 'windows-1252';
  // JSON is UTF-8 whatever a header says (RFC 8259), unless a BOM says otherwise.
  if (declared === 'json' && !charset.startsWith('UTF-16')) charset = 'UTF-8';
  if (looksBinary(bytes, charset)) throw new UnsupportedDocument('binary', 'the document is binary, not text');
  let text: string;
  try {
    text = new TextDecoder(charset).decode(bytes);
  } catch {
    throw new UnsupportedDocument('charset', `the charset ${charset} cannot be decoded here`);
  }
  const kind = declared ?? sniffKind(text, accepted);
  if (!accepted.includes(kind)) throw new UnsupportedDocument('content-type', `the document looks like ${kind}, not one of ${accepted.join(', ')}`);
  return { kind, mimeType: vague ? null : mime.essence, charset, text };
}

// Taking articles in: which copy of a story an article is (canonical URL, content fingerprint)
// and whether the extractor reads its language.
export { canonicalUrl, outletOf } from './canonical-url.js';
export { MIN_FINGERPRINT_WORDS, NEAR_DUPLICATE_THRESHOLD, SIGNATURE_LENGTH, fingerprintOf, nearestDuplicate, similarity, type Fingerprint } from './fingerprint.js';
export { decodeDocument, type DecodedDocument, type DocumentRefusalCode } from './document.js';
export { EXTRACTOR_LANGUAGES, extractorReads } from './language.js';

export const PRISMA = Symbol('PRISMA');
export const EVENT_LOG = Symbol('EVENT_LOG');
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const GAZETTEER = Symbol('GAZETTEER');
/** The GAZETTEER_FILE extension as plain data (undefined: the built-in data only), for worker threads. */
export const GAZETTEER_EXTENSION = Symbol('GAZETTEER_EXTENSION');
/** The outbound DocumentFetcher (every request through the SSRF guard). */
export const DOCUMENT_FETCHER = Symbol('DOCUMENT_FETCHER');
export const RANDOM = Symbol('RANDOM');
/** Draws from [0, 1): Math.random, or a fixed draw in tests. */
export type Random = () => number;

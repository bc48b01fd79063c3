export * from './events.js';
export * from './article.js';
export * from './sentences.js';
export * from './gazetteer.js';
export * from './extractor.js';
export * from './article-events.js';
export * from './projector.js';
export { formatDateRef, datesCompatible } from './dates.js';
export { slugify, stableHash, trackIdFor, trackNameFor, sortParties, normaliseForComparison } from './ids.js';

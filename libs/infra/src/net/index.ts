export * from './outbound-policy.js';
export * from './outbound-guard.js';
export * from './outbound-http.js';
export * from './document-fetcher.js';

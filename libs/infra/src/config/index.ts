export * from './env.js';
export * from './api-keys.js';
export * from './api-key-file.js';
export * from './outbound.js';
export * from './public-access.js';

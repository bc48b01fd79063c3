export * from './metrics.js';
export * from './metrics-config.js';
export * from './metrics.controller.js';
export * from './metrics.module.js';
export * from './http-metrics.js';

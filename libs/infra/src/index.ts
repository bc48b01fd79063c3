export * from './config/index.js';
export * from './log/event-log.js';
export * from './log/kafka-event-log.js';
export * from './log/logger.js';
export * from './db/prisma-client.js';
export * from './http/problem.js';
export * from './nest/health.controller.js';
export * from './nest/bootstrap.js';

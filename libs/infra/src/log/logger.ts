// Structured JSON logs by default (one object per line), readable text on request. A plain object
// after the message is the line's fields: `logger.log('article accepted', { articleId })` prints
// them beside `message` in JSON (flattened) and after the text in the pretty format, so an article
// can be followed by its id from ingest to delivery.
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { LogLevelName } from '../config/env.js';

const levels: Record<LogLevelName, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

export function createLogger(options: { level: LogLevelName; format: 'json' | 'pretty'; prefix: string }): ConsoleLogger {
  return new ConsoleLogger({ json: options.format === 'json', logLevels: levels[options.level], prefix: options.prefix, flattenParams: true });
}

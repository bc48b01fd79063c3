export * from './test-database.js';
export { eventLogContract, type EventLogFixture } from '../log/event-log.contract.js';
export * from './compose-file.js';

export { NotifierModule, createMailer, outboxDirectory } from './notifier.module.js';
export { loadNotifierConfig, localUrlOf, notifierEnvSchema, requireLinkSecret, type NotifierConfig } from './config.js';
export { loadOrCreateLinkSecret } from './subscriptions/link-secret-file.js';
export { RebuildReadModel, type RebuildResult } from './projection/rebuild-read-model.js';
export { ProjectionStore, type ApplyOutcome } from './projection/projection.store.js';
export { TalksQuery } from './talks/talks.query.js';
export { SyndicationsRepository } from './talks/syndications.repository.js';
export { notifierOpenApi, notifierOpenApiDocument } from './openapi.js';

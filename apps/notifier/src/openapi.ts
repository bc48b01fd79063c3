// The notifier's OpenAPI document without a database or a log: Nest's preview mode builds the
// module graph and reads the routes but instantiates no provider, so nothing connects.
// The dashboard's build generates its API types from this document (apps/dashboard/scripts).
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { openApiDocument } from '@talkwatch/infra';
import { loadNotifierConfig } from './config.js';
import { NotifierModule } from './notifier.module.js';

export const notifierOpenApi = {
  title: 'Talkwatch notifier',
  description: 'Status of negotiation tracks, subscriptions to alerts on new rounds and demands.',
} as const;

export async function notifierOpenApiDocument(): Promise<OpenAPIObject> {
  // In preview mode the platform is never used: no provider is created.
  const platform = { prisma: undefined, eventLog: undefined, readiness: undefined } as unknown as Parameters<typeof NotifierModule.forRoot>[1];
  const app = await NestFactory.create(NotifierModule.forRoot(loadNotifierConfig({}), platform), { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app, notifierOpenApi);
  } finally {
    await app.close();
  }
}

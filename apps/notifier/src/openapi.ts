// The notifier's OpenAPI document without a database or a log: Nest's preview mode builds the
// module graph and reads the routes but instantiates no provider, so nothing connects.
// The dashboard's build generates its API types from this document (apps/dashboard/scripts).
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Metrics, MetricsModule, openApiDocument } from '@talkwatch/infra';
import { loadNotifierConfig } from './config.js';
import { NotifierModule } from './notifier.module.js';

export const notifierOpenApi = {
  title: 'Talkwatch notifier',
  description: 'Status of negotiation tracks, subscriptions to alerts on new rounds and demands.',
} as const;

@Module({})
class NotifierOpenApiRoot {}

export async function notifierOpenApiDocument(): Promise<OpenAPIObject> {
  // In preview mode the platform is never used: no provider is created.
  const platform = { prisma: undefined, eventLog: undefined, readiness: undefined } as unknown as Parameters<typeof NotifierModule.forRoot>[1];
  const config = loadNotifierConfig({});
  // As runApp composes it: the process's Metrics beside the notifier (GET /metrics stays out of the document).
  const root = { module: NotifierOpenApiRoot, imports: [MetricsModule.forRoot(new Metrics(), config.metrics), NotifierModule.forRoot(config, platform)] };
  const app = await NestFactory.create(root, { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app, notifierOpenApi);
  } finally {
    await app.close();
  }
}

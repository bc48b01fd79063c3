// What both apps do at boot: JSON body limit, problem+json, OpenAPI at /docs, graceful shutdown,
// and a clear message instead of a stack trace when config or a service is wrong.
import type { INestApplication, LoggerService } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express from 'express';
import type { AuthConfig } from '../config/api-keys.js';
import { ConfigError } from '../config/env.js';
import type { HostPolicy } from '../config/public-access.js';
import { DataDirInUseError } from '../db/data-dir-lock.js';
import { ServiceUnreachableError } from '../db/prisma-client.js';
import { readAccessMiddleware } from '../http/api-key.guard.js';
import { hostCheckMiddleware } from '../http/host-check.js';
import { inputHygieneMiddleware } from '../http/input.js';
import { ProblemDetailsFilter } from '../http/problem.js';
import { httpMetricsMiddleware } from '../metrics/http-metrics.js';
import type { Metrics } from '../metrics/metrics.js';

export interface HttpSetup {
  readonly title: string;
  readonly description: string;
  readonly jsonLimitBytes: number;
  readonly auth: AuthConfig;
  /** The Host names answered (DNS rebinding); every other one gets 421 unknown-host. */
  readonly hosts: HostPolicy;
  /** Every request is timed into it (talkwatch_http_request_duration_seconds). */
  readonly metrics: Metrics;
}

/**
 * The OpenAPI document of an app's routes, as /docs serves it (the dashboard's types are generated
 * from it at build time, from an app created in preview mode).
 */
export function openApiDocument(app: INestApplication, setup: Pick<HttpSetup, 'title' | 'description'>): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(setup.title)
      .setDescription(setup.description)
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS (npm start: DATA_DIR/api-key)' })
      .build(),
  );
}

export function configureHttp(app: INestApplication, setup: HttpSetup): void {
  // Timed from the first byte, so the Host check's and the body parser's answers are counted too.
  app.use(httpMetricsMiddleware(setup.metrics));
  // First of all: a request naming a host that is not ours is not read any further.
  app.use(hostCheckMiddleware(setup.hosts));
  app.use(express.json({ limit: setup.jsonLimitBytes, type: ['application/json', 'application/*+json'] }));
  // Before any route: characters PostgreSQL cannot store and URLs that do not decode are a 400.
  app.use(inputHygieneMiddleware());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Swagger serves /docs outside Nest's router, so the guard does not see it.
  app.use('/docs', readAccessMiddleware(setup.auth));
  const document = openApiDocument(app, setup);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop taking requests, run every shutdown hook (consumers
 * leave their group, workers finish the send in flight, connections close), then exit 0.
 */
export function installGracefulShutdown(
  app: INestApplication,
  logger: Pick<LoggerService, 'log' | 'error'>,
  afterClose: () => Promise<void> = () => Promise.resolve(),
  timeoutMs = 20_000,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down`);
    const force = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms, exiting`);
      process.exit(1);
    }, timeoutMs);
    force.unref();
    app
      .close()
      .then(afterClose)
      .then(() => {
        logger.log('shutdown complete');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * The standalone apps need the services and API keys; only `npm start` (one process) embeds the
 * services and generates its own key.
 */
export function requireExternalServices(
  app: string,
  config: { databaseUrl: string | undefined; kafka: { brokers: readonly string[] | undefined }; auth: AuthConfig },
): void {
  const problems = [
    config.databaseUrl ? undefined : 'DATABASE_URL',
    config.kafka.brokers ? undefined : 'KAFKA_BROKERS',
  ]
    .filter((name): name is string => name !== undefined)
    .map((name) => `${name}: required to run the ${app} on its own (npm start runs all of Talkwatch in one process without it)`);
  if (config.auth.keys.length === 0) {
    problems.push(`API_KEYS: required to run the ${app} on its own, so that not anyone who reaches it can write (npm start generates a key instead)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Turns expected boot failures into one readable line and exit code 1. */
export function exitOnBootFailure(error: unknown, logger: Pick<LoggerService, 'error'>): never {
  if (error instanceof ConfigError || error instanceof ServiceUnreachableError || error instanceof DataDirInUseError) {
    logger.error(error.message);
    process.stderr.write(`\n${error.message}\n`);
  } else {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
}

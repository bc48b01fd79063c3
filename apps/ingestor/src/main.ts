// The ingestor on its own, against Kafka and PostgreSQL (npm run start:ingestor).
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  HealthModule,
  configureHttp,
  createLogger,
  exitOnBootFailure,
  installGracefulShutdown,
  openPlatform,
  requireExternalServices,
} from '@talkwatch/infra';
import { loadIngestorConfig } from './config.js';
import { IngestorModule } from './ingestor.module.js';

/** The root module; its imports are chosen at boot. */
@Module({})
class IngestorApp {}

async function main(): Promise<void> {
  const bootLogger = createLogger({ level: 'info', format: 'json', prefix: 'talkwatch-ingestor' });
  try {
    const config = loadIngestorConfig(process.env);
    requireExternalServices('ingestor', config);
    const logger = createLogger({ ...config.log, prefix: 'talkwatch-ingestor' });
    const platform = await openPlatform(config, logger);
    const app = await NestFactory.create(
      { module: IngestorApp, imports: [IngestorModule.forRoot(config, platform), HealthModule.forRoot(platform.prisma)] },
      { logger, bodyParser: false },
    );
    configureHttp(app, {
      title: 'Talkwatch ingestor',
      description: 'Accepts articles, extracts rounds and demands, publishes them to the event log.',
      jsonLimitBytes: config.http.maxArticleBytes,
    });
    installGracefulShutdown(app, logger, () => platform.close());
    await app.listen(config.http.port, config.http.host);
    logger.log(`ingestor listening on ${await app.getUrl()} (OpenAPI at /docs); ${platform.database}; ${platform.log}`);
  } catch (error) {
    exitOnBootFailure(error, bootLogger);
  }
}

void main();

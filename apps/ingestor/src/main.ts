import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configureHttp, createLogger, exitOnBootFailure, installGracefulShutdown } from '@talkwatch/infra';
import { loadIngestorConfig } from './config.js';
import { IngestorModule } from './ingestor.module.js';

async function main(): Promise<void> {
  const bootLogger = createLogger({ level: 'info', format: 'json', prefix: 'talkwatch-ingestor' });
  try {
    const config = loadIngestorConfig(process.env);
    const logger = createLogger({ ...config.log, prefix: 'talkwatch-ingestor' });
    const app = await NestFactory.create(IngestorModule.forRoot(config), { logger, bodyParser: false });
    configureHttp(app, {
      title: 'Talkwatch ingestor',
      description: 'Accepts articles, extracts rounds and demands, publishes them to the event log.',
      jsonLimitBytes: config.http.maxArticleBytes,
    });
    installGracefulShutdown(app, logger);
    await app.listen(config.http.port, config.http.host);
    logger.log(`ingestor listening on ${await app.getUrl()} (OpenAPI at /docs)`);
  } catch (error) {
    exitOnBootFailure(error, bootLogger);
  }
}

void main();

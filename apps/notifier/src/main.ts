import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configureHttp, createLogger, exitOnBootFailure, installGracefulShutdown } from '@talkwatch/infra';
import { loadNotifierConfig } from './config.js';
import { NotifierModule } from './notifier.module.js';

async function main(): Promise<void> {
  const bootLogger = createLogger({ level: 'info', format: 'json', prefix: 'talkwatch-notifier' });
  try {
    const config = loadNotifierConfig(process.env);
    const logger = createLogger({ ...config.log, prefix: 'talkwatch-notifier' });
    const app = await NestFactory.create(NotifierModule.forRoot(config), { logger, bodyParser: false });
    configureHttp(app, {
      title: 'Talkwatch notifier',
      description: 'Status of negotiation tracks, subscriptions to alerts on new rounds and demands.',
      jsonLimitBytes: 64 * 1024,
    });
    installGracefulShutdown(app, logger);
    await app.listen(config.http.port, config.http.host);
    logger.log(`notifier listening on ${await app.getUrl()} (OpenAPI at /docs)`);
  } catch (error) {
    exitOnBootFailure(error, bootLogger);
  }
}

void main();

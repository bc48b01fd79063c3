// The notifier on its own, against Kafka and PostgreSQL (npm run start:notifier).
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
import { loadNotifierConfig } from './config.js';
import { NotifierModule, outboxDirectory } from './notifier.module.js';

/** The root module; its imports are chosen at boot. */
@Module({})
class NotifierApp {}

async function main(): Promise<void> {
  const bootLogger = createLogger({ level: 'info', format: 'json', prefix: 'talkwatch-notifier' });
  try {
    const config = loadNotifierConfig(process.env);
    requireExternalServices('notifier', config);
    const logger = createLogger({ ...config.log, prefix: 'talkwatch-notifier' });
    const platform = await openPlatform(config, logger);
    const app = await NestFactory.create(
      { module: NotifierApp, imports: [NotifierModule.forRoot(config, platform), HealthModule.forRoot(platform.prisma)] },
      { logger, bodyParser: false },
    );
    configureHttp(app, {
      title: 'Talkwatch notifier',
      description: 'Status of negotiation tracks, subscriptions to alerts on new rounds and demands.',
      jsonLimitBytes: 64 * 1024,
    });
    installGracefulShutdown(app, logger, () => platform.close());
    await app.listen(config.http.port, config.http.host);
    const mail = config.mail.smtpUrl ? `email via ${new URL(config.mail.smtpUrl).host}` : `email written to ${outboxDirectory(config)}`;
    logger.log(`notifier listening on ${await app.getUrl()} (OpenAPI at /docs); ${platform.database}; ${platform.log}; ${mail}`);
  } catch (error) {
    exitOnBootFailure(error, bootLogger);
  }
}

void main();

// `npm start`: all of Talkwatch in one process. With nothing configured it embeds its database
// (PGlite under DATA_DIR) and its event log; with DATABASE_URL and KAFKA_BROKERS it uses them.
import 'reflect-metadata';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  HealthModule,
  configureHttp,
  createLogger,
  exitOnBootFailure,
  installGracefulShutdown,
  openPlatform,
  repositoryRoot,
} from '@talkwatch/infra';
import { IngestArticle, IngestorModule, loadIngestorConfig } from '@talkwatch/ingestor';
import { NotifierModule, loadNotifierConfig, outboxDirectory } from '@talkwatch/notifier';
import { loadTalkwatchConfig } from './config.js';
import { loadExamplesIfEmpty } from './examples.js';

/** The root module; its imports are chosen at boot. */
@Module({})
class TalkwatchApp {}

async function main(): Promise<void> {
  const bootLogger = createLogger({ level: 'info', format: 'json', prefix: 'talkwatch' });
  try {
    const config = loadTalkwatchConfig(process.env, process.argv.slice(2));
    const ingestorConfig = loadIngestorConfig(process.env);
    const notifierConfig = loadNotifierConfig(process.env);
    const logger = createLogger({ ...notifierConfig.log, prefix: 'talkwatch' });
    const platform = await openPlatform(notifierConfig, logger);
    const app = await NestFactory.create(
      {
        module: TalkwatchApp,
        imports: [
          IngestorModule.forRoot(ingestorConfig, platform),
          NotifierModule.forRoot(notifierConfig, platform),
          HealthModule.forRoot(platform.prisma),
        ],
      },
      { logger, bodyParser: false },
    );
    configureHttp(app, {
      title: 'Talkwatch',
      description: 'Articles in; negotiation tracks, rounds and demands out; alerts on what is new.',
      jsonLimitBytes: ingestorConfig.http.maxArticleBytes,
    });
    installGracefulShutdown(app, logger, () => platform.close());
    await app.listen(config.http.port, config.http.host);

    if (config.examples.load) {
      const directory = config.examples.directory ?? path.join(repositoryRoot, 'examples');
      const loaded = await loadExamplesIfEmpty(platform.prisma, app.get(IngestArticle), directory, (line) => {
        logger.log(line, 'Examples');
      });
      if (loaded > 0) logger.log(`loaded ${loaded} example article(s) from ${directory} (skip with --no-examples)`, 'Examples');
    }

    const base = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
    const mail = notifierConfig.mail.smtpUrl
      ? `sent through ${new URL(notifierConfig.mail.smtpUrl).host}`
      : `written as .eml files to ${outboxDirectory(notifierConfig)}`;
    process.stdout.write(
      [
        '',
        'Talkwatch is running.',
        `  Status API      ${base}/talks`,
        `  Post articles   ${base}/articles`,
        `  OpenAPI docs    ${base}/docs`,
        `  Health          ${base}/health/ready`,
        `  Database        ${platform.database}`,
        `  Event log       ${platform.log}`,
        `  Email alerts    ${mail}`,
        '',
        '',
      ].join('\n'),
    );
  } catch (error) {
    exitOnBootFailure(error, bootLogger);
  }
}

void main();

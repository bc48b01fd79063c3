// `npm start`: all of Talkwatch in one process. With nothing configured it embeds its database
// (PGlite under DATA_DIR) and its event log; with DATABASE_URL and KAFKA_BROKERS it uses them.
import path from 'node:path';
import { repositoryRoot, runApp } from '@talkwatch/infra';
import { IngestArticle, IngestorModule } from '@talkwatch/ingestor';
import { NotifierModule, outboxDirectory } from '@talkwatch/notifier';
import { loadTalkwatchConfig } from './config.js';
import { loadExamplesIfEmpty } from './examples.js';

runApp({
  name: 'talkwatch',
  loadConfig: (env) => loadTalkwatchConfig(env, process.argv.slice(2)),
  requiresExternalServices: false,
  modules: (config, platform) => [IngestorModule.forRoot(config.ingestor, platform), NotifierModule.forRoot(config.notifier, platform)],
  openApi: { title: 'Talkwatch', description: 'Articles in; negotiation tracks, rounds and demands out; alerts on what is new.' },
  jsonLimitBytes: (config) => config.ingestor.http.maxArticleBytes,
  started: async ({ app, config, platform, logger }) => {
    if (config.examples.load) {
      const directory = config.examples.directory ?? path.join(repositoryRoot, 'examples');
      const loaded = await loadExamplesIfEmpty(platform.prisma, app.get(IngestArticle), directory, (line) => {
        logger.log(line, 'Examples');
      });
      if (loaded > 0) logger.log(`loaded ${loaded} example article(s) from ${directory} (skip with --no-examples)`, 'Examples');
    }
    const base = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
    const mail = config.notifier.mail.smtpUrl
      ? `sent through ${new URL(config.notifier.mail.smtpUrl).host}`
      : `written as .eml files to ${outboxDirectory(config.notifier)}`;
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
  },
});

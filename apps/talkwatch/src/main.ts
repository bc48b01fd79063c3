// `npm start`: all of Talkwatch in one process. With nothing configured it embeds its database
// (PGlite under DATA_DIR) and its event log; with DATABASE_URL and KAFKA_BROKERS it uses them.
// Without API_KEYS it generates its own key (DATA_DIR/api-key) rather than run open, and without
// EMAIL_LINK_SECRET its own secret for the links in emails (DATA_DIR/link-secret).
import path from 'node:path';
import { apiKeyOf, loadOrCreateApiKey, repositoryRoot, runApp, type StoredApiKey } from '@talkwatch/infra';
import { IngestArticle, IngestorModule } from '@talkwatch/ingestor';
import { loadOrCreateLinkSecret, NotifierModule, outboxDirectory } from '@talkwatch/notifier';
import { loadTalkwatchConfig, type TalkwatchConfig } from './config.js';
import { loadExamplesIfEmpty } from './examples.js';

let storedKey: StoredApiKey | undefined;

function withOwnKeyIfNone(config: TalkwatchConfig): TalkwatchConfig {
  if (config.auth.keys.length > 0) return config;
  storedKey = loadOrCreateApiKey(config.dataDir);
  return { ...config, auth: { ...config.auth, keys: [apiKeyOf(storedKey.key)] } };
}

function withOwnLinkSecretIfNone(config: TalkwatchConfig): TalkwatchConfig {
  if (config.notifier.links.secret !== undefined) return config;
  const secret = loadOrCreateLinkSecret(config.dataDir);
  return { ...config, notifier: { ...config.notifier, links: { ...config.notifier.links, secret } } };
}

function apiKeyLine(key: StoredApiKey | undefined): string {
  if (!key) return 'from API_KEYS';
  // Printed once, on the start that generated it; the file keeps it (readable by its owner only).
  return key.created ? `${key.key}  (new; kept in ${key.file}, shown only this once)` : `in ${key.file}`;
}

runApp({
  name: 'talkwatch',
  loadConfig: (env) => withOwnLinkSecretIfNone(withOwnKeyIfNone(loadTalkwatchConfig(env, process.argv.slice(2)))),
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
        `  Dashboard       ${base}/`,
        `  Status API      ${base}/talks`,
        `  Post articles   ${base}/articles  (Authorization: Bearer <API key>; {url} fetches the page)`,
        `  Feed sources    ${base}/sources${config.ingestor.sources.file ? `  (${config.ingestor.sources.file.sources.length} from ${config.ingestor.sources.file.path})` : ''}`,
        `  Watched folder  ${config.ingestor.watch.directory === undefined ? 'none (set WATCH_DIR)' : path.resolve(config.ingestor.watch.directory)}`,
        `  API key         ${apiKeyLine(storedKey)}`,
        `  OpenAPI docs    ${base}/docs`,
        `  Health          ${base}/health/ready`,
        `  Metrics         ${config.metrics.enabled ? `${base}/metrics${config.metrics.token ? '  (Authorization: Bearer <METRICS_TOKEN>)' : ''}` : 'off (METRICS_ENABLED=false)'}`,
        `  Database        ${platform.database}`,
        `  Event log       ${platform.log}`,
        `  Email alerts    ${mail}`,
        '',
        '',
      ].join('\n'),
    );
  },
});

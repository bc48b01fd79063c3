// The ingestor on its own, against Kafka and PostgreSQL (npm run start:ingestor).
import { runApp } from '@talkwatch/infra';
import { loadIngestorConfig } from './config.js';
import { IngestorModule } from './ingestor.module.js';

runApp({
  name: 'talkwatch-ingestor',
  loadConfig: loadIngestorConfig,
  requiresExternalServices: true,
  modules: (config, platform) => [IngestorModule.forRoot(config, platform)],
  openApi: { title: 'Talkwatch ingestor', description: 'Accepts articles, extracts rounds and demands, publishes them to the event log.' },
  jsonLimitBytes: (config) => config.http.maxArticleBytes,
  started: async ({ app, config, platform, logger }) => {
    logger.log(`ingestor listening on ${await app.getUrl()} (OpenAPI at /docs${config.metrics.enabled ? ', metrics at /metrics' : ''}); ${platform.database}; ${platform.log}`);
  },
});

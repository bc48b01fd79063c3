// The notifier on its own, against Kafka and PostgreSQL (npm run start:notifier).
import { runApp } from '@talkwatch/infra';
import { loadNotifierConfig, requireLinkSecret } from './config.js';
import { NotifierModule, outboxDirectory } from './notifier.module.js';
import { notifierOpenApi } from './openapi.js';

runApp({
  name: 'talkwatch-notifier',
  loadConfig: (env) => requireLinkSecret(loadNotifierConfig(env)),
  requiresExternalServices: true,
  modules: (config, platform) => [NotifierModule.forRoot(config, platform)],
  openApi: notifierOpenApi,
  jsonLimitBytes: () => 64 * 1024,
  started: async ({ app, config, platform, logger }) => {
    const mail = config.mail.smtpUrl ? `email via ${new URL(config.mail.smtpUrl).host}` : `email written to ${outboxDirectory(config)}`;
    logger.log(`notifier listening on ${await app.getUrl()} (dashboard at /, OpenAPI at /docs${config.metrics.enabled ? ', metrics at /metrics' : ''}); ${platform.database}; ${platform.log}; ${mail}`);
  },
});

// The one-process launcher's settings: its own (port, examples) plus the ingestor's and the
// notifier's, all parsed from the same environment at boot.
import { z } from 'zod';
import { ConfigError, parseEnv, port, type AppConfig, type Env } from '@talkwatch/infra';
import { loadIngestorConfig, type IngestorConfig } from '@talkwatch/ingestor';
import { loadNotifierConfig, type NotifierConfig } from '@talkwatch/notifier';

export const talkwatchEnvSchema = z.object({
  PORT: port(3000),
  HOST: z.string().default('127.0.0.1'),
  LOAD_EXAMPLES: z.stringbool().default(true),
  EXAMPLES_DIR: z.string().min(1).optional(),
});

export interface TalkwatchConfig extends AppConfig {
  readonly examples: { readonly load: boolean; readonly directory: string | undefined };
  readonly ingestor: IngestorConfig;
  readonly notifier: NotifierConfig;
}

export function loadTalkwatchConfig(env: Env, argv: readonly string[]): TalkwatchConfig {
  // Parse all three so one error message lists every bad variable.
  const problems = new Set<string>();
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      error.problems.forEach((p) => problems.add(p));
      return undefined;
    }
  };
  const e = attempt(() => parseEnv(talkwatchEnvSchema, env));
  const ingestor = attempt(() => loadIngestorConfig(env));
  // The notifier's links in emails point where this one process listens (unless PUBLIC_URL says otherwise).
  const notifier = attempt(() => loadNotifierConfig({ ...env, PORT: env.PORT ?? '3000', HOST: env.HOST ?? '127.0.0.1' }));
  if (!e || !ingestor || !notifier) throw new ConfigError([...problems]);
  return {
    log: notifier.log,
    http: { port: e.PORT, host: e.HOST, limits: notifier.http.limits },
    auth: notifier.auth,
    publicAccess: notifier.publicAccess,
    metrics: notifier.metrics,
    databaseUrl: notifier.databaseUrl,
    dataDir: notifier.dataDir,
    kafka: notifier.kafka,
    examples: { load: e.LOAD_EXAMPLES && !argv.includes('--no-examples'), directory: e.EXAMPLES_DIR },
    ingestor,
    notifier,
  };
}

// The one-process launcher's own settings; the ingestor and notifier parse theirs from the same env.
import { z } from 'zod';
import { parseEnv, port, type Env } from '@talkwatch/infra';

export const talkwatchEnvSchema = z.object({
  PORT: port(3000),
  HOST: z.string().default('127.0.0.1'),
  LOAD_EXAMPLES: z.stringbool().default(true),
  EXAMPLES_DIR: z.string().min(1).optional(),
});

export interface TalkwatchConfig {
  readonly http: { readonly port: number; readonly host: string };
  readonly examples: { readonly load: boolean; readonly directory: string | undefined };
}

export function loadTalkwatchConfig(env: Env, argv: readonly string[]): TalkwatchConfig {
  const e = parseEnv(talkwatchEnvSchema, env);
  return {
    http: { port: e.PORT, host: e.HOST },
    examples: { load: e.LOAD_EXAMPLES && !argv.includes('--no-examples'), directory: e.EXAMPLES_DIR },
  };
}

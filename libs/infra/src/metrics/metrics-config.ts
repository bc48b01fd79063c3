// METRICS_ENABLED and METRICS_TOKEN: whether /metrics answers, and whether a scraper must show a token.
import { z } from 'zod';
import { optional } from '../config/env.js';

export interface MetricsConfig {
  /** false: no /metrics route (404) and no process metrics collected. */
  readonly enabled: boolean;
  /** Set: /metrics needs `Authorization: Bearer <token>` (Prometheus' `authorization.credentials`); unset: open like /health. */
  readonly token: string | undefined;
}

/** The shortest METRICS_TOKEN taken: a guessable token would protect nothing. */
export const minMetricsTokenLength = 16;

export const metricsEnvShape = {
  METRICS_ENABLED: z.stringbool().default(true),
  METRICS_TOKEN: optional(
    z
      .string()
      .min(minMetricsTokenLength, `must be at least ${minMetricsTokenLength} characters`)
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it is sent in a header)'),
  ),
};

type MetricsEnv = { readonly METRICS_ENABLED: boolean; readonly METRICS_TOKEN?: string | undefined };

export function metricsConfigOf(e: MetricsEnv): MetricsConfig {
  return { enabled: e.METRICS_ENABLED, token: e.METRICS_TOKEN };
}

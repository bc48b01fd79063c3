// GET /metrics: the Prometheus text exposition. Not in the OpenAPI document (it is for the
// scraper, not for API clients) and outside the API keys and the rate limit (a scraper carries
// no API key; METRICS_TOKEN, when set, is its own credential). The Host check still applies: it
// runs before any route.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AlwaysOpen } from '../http/api-key.guard.js';
import { ProblemError } from '../http/problem.js';
import type { MetricsConfig } from './metrics-config.js';
import { Metrics } from './metrics.js';

export const METRICS_CONFIG = Symbol('METRICS_CONFIG');

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Whether the Authorization header carries the token (compared in constant time). */
export function presentsMetricsToken(token: string, authorization: string | undefined): boolean {
  const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

@ApiExcludeController()
@AlwaysOpen()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const token = this.config.token;
    if (token !== undefined && !presentsMetricsToken(token, request.headers.authorization)) {
      throw new ProblemError(401, 'unauthorized', 'The metrics token is missing or wrong', 'Send Authorization: Bearer <METRICS_TOKEN>.', undefined, {
        'WWW-Authenticate': 'Bearer realm="talkwatch-metrics"',
      });
    }
    const text = await this.metrics.exposition();
    response.type(this.metrics.contentType);
    return text;
  }
}

// Liveness and readiness, the same shape in both apps.
import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AlwaysOpen } from '../http/api-key.guard.js';
import { ProblemError, dependencyRetryAfterSeconds } from '../http/problem.js';
import { Readiness, type ComponentCounts } from './readiness.js';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export type ReadinessCheck = { name: string; check: () => Promise<void> };
export const READINESS = Symbol('READINESS');

@ApiTags('health')
// Probes (Docker, load balancers) carry no key: health stays open even with PUBLIC_READ=false.
@AlwaysOpen()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(READINESS) private readonly readiness: Readiness,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is up.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'Every dependency answers; components still starting (the event consumer joining its group) are named with what they are doing; `details` holds their counters (projection.deadLettered: records moved to the dead-letter topic since the start).' })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, string>; details: Record<string, ComponentCounts> }> {
    const results: Record<string, string> = {};
    // Counters of the components that keep some (the projection's dead letters), by component.
    const details: Record<string, ComponentCounts> = {};
    let ok = true;
    for (const { name, check } of this.checks) {
      try {
        await check();
        results[name] = 'ok';
      } catch (error) {
        ok = false;
        results[name] = error instanceof Error ? error.message : String(error);
      }
    }
    for (const { name, state } of this.readiness.snapshot()) {
      // Starting is not unready: reads are served meanwhile.
      if (state.state === 'failed') ok = false;
      results[name] = state.state === 'ok' ? (state.detail ?? 'ok') : `${state.state}: ${state.detail}`;
      if (state.counts) details[name] = state.counts;
    }
    // problem+json like every error, with what failed: a bare 503 would not say which dependency.
    if (!ok) throw new ProblemError(503, 'not-ready', 'Not ready', 'A dependency or component is unavailable: see checks.', { checks: results, details }, { 'Retry-After': String(dependencyRetryAfterSeconds) });
    return { status: 'ok', checks: results, details };
  }
}

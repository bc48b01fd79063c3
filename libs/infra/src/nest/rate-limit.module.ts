// Rate limits on what anyone may call (@nestjs/throttler): requests without a valid API key are
// counted per client address over all routes; past the limit they get 429 problem+json with
// Retry-After. Holders of a key and the health probes are not counted. Counts are per process.
import { Injectable, Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import type { AuthConfig } from '../config/api-keys.js';
import type { RateLimit } from '../config/public-access.js';
import { AlwaysOpen, checkApiKey } from '../http/api-key.guard.js';
import { ProblemError } from '../http/problem.js';

@Injectable()
class PublicRateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = String(Math.max(1, Math.ceil(detail.timeToBlockExpire)));
    return Promise.reject(
      new ProblemError(429, 'rate-limited', 'Too many requests', `At most ${detail.limit} requests per ${detail.ttl / 1000} s without an API key; retry after ${retryAfter} s.`, undefined, {
        'Retry-After': retryAfter,
      }),
    );
  }
}

const reflector = new Reflector();

@Module({})
export class RateLimitModule {
  static forRoot(rateLimit: RateLimit, auth: AuthConfig): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', limit: rateLimit.limit, ttl: rateLimit.windowMs }],
          skipIf: (context) => {
            // Reflector types the metadata as always present; on an undecorated route it is undefined.
            const alwaysOpen = reflector.getAllAndOverride(AlwaysOpen, [context.getHandler(), context.getClass()]) as true | undefined;
            if (alwaysOpen) return true;
            const request = context.switchToHttp().getRequest<Request>();
            return request.headers.authorization !== undefined && checkApiKey(auth, request.headers.authorization, undefined) === undefined;
          },
          // One count per client over every route (the default counts each route apart).
          generateKey: (_context, tracker, name) => createHash('sha256').update(`${name}\u0000${tracker}`).digest('hex'),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: PublicRateLimitGuard }],
    };
  }
}

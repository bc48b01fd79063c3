// How every Talkwatch process boots: config, platform, Nest app, HTTP setup, graceful shutdown,
// and one readable line instead of a stack trace when config or a service is wrong.
import 'reflect-metadata';
import type { Server } from 'node:http';
import { Module, type ConsoleLogger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { AuthConfig } from '../config/api-keys.js';
import type { Env, LogLevelName } from '../config/env.js';
import type { PublicAccessConfig } from '../config/public-access.js';
import { ApiKeyGuard } from '../http/api-key.guard.js';
import { applyServerLimits, type ServerLimits } from '../http/server-limits.js';
import { createLogger } from '../log/logger.js';
import type { MetricsConfig } from '../metrics/metrics-config.js';
import { Metrics } from '../metrics/metrics.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { openPlatform, type Platform, type PlatformConfig } from '../platform.js';
import { configureHttp, exitOnBootFailure, installGracefulShutdown, requireExternalServices } from './bootstrap.js';
import { HealthModule } from './health.module.js';
import { RateLimitModule } from './rate-limit.module.js';

/** The root module of every process; what it imports is chosen at boot. */
@Module({})
class TalkwatchRootModule {}

export interface AppConfig extends PlatformConfig {
  readonly log: { readonly level: LogLevelName; readonly format: 'json' | 'pretty' };
  readonly http: { readonly port: number; readonly host: string; readonly limits: ServerLimits };
  readonly auth: AuthConfig;
  readonly publicAccess: PublicAccessConfig;
  readonly metrics: MetricsConfig;
}

export interface RunAppOptions<C extends AppConfig> {
  /** Log prefix, e.g. talkwatch-ingestor. */
  readonly name: string;
  readonly loadConfig: (env: Env) => C;
  /** Apps run apart need Kafka and PostgreSQL; only the one-process default embeds them. */
  readonly requiresExternalServices: boolean;
  readonly modules: (config: C, platform: Platform) => DynamicModule[];
  readonly openApi: { readonly title: string; readonly description: string };
  readonly jsonLimitBytes: (config: C) => number;
  /** Runs once the server listens. */
  readonly started: (context: { app: INestApplication; config: C; platform: Platform; logger: ConsoleLogger }) => Promise<void>;
}

export function runApp<C extends AppConfig>(options: RunAppOptions<C>): void {
  const bootLogger = createLogger({ level: 'info', format: 'json', prefix: options.name });
  const boot = async () => {
    const config = options.loadConfig(process.env);
    if (options.requiresExternalServices) requireExternalServices(options.name, config);
    const logger = createLogger({ ...config.log, prefix: options.name });
    const platform = await openPlatform(config, logger);
    // One registry per process: the HTTP middleware and every module record into the same one.
    const metrics = new Metrics();
    const rateLimit = config.publicAccess.rateLimit;
    const app = await NestFactory.create(
      {
        module: TalkwatchRootModule,
        imports: [
          MetricsModule.forRoot(metrics, config.metrics),
          ...options.modules(config, platform),
          HealthModule.forRoot(platform.prisma, platform.eventLog, platform.readiness),
          ...(rateLimit ? [RateLimitModule.forRoot(rateLimit, config.auth)] : []),
        ],
      },
      { logger, bodyParser: false },
    );
    app.useGlobalGuards(new ApiKeyGuard(app.get(Reflector), config.auth));
    configureHttp(app, { ...options.openApi, jsonLimitBytes: options.jsonLimitBytes(config), auth: config.auth, hosts: config.publicAccess.hosts, metrics });
    installGracefulShutdown(app, logger, () => platform.close());
    applyServerLimits(app.getHttpServer() as Server, config.http.limits);
    await app.listen(config.http.port, config.http.host);
    await options.started({ app, config, platform, logger });
  };
  boot().catch((error: unknown) => exitOnBootFailure(error, bootLogger));
}

import { Global, Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import type { MetricsConfig } from './metrics-config.js';
import { METRICS_CONFIG, MetricsController } from './metrics.controller.js';
import { Metrics } from './metrics.js';

/**
 * The process's one Metrics, for every module to inject (global), and GET /metrics when enabled.
 * runApp registers it with the instance it also gives the HTTP middleware.
 */
@Global()
@Module({})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
  ) {}

  static forRoot(metrics: Metrics, config: MetricsConfig): DynamicModule {
    return {
      module: MetricsModule,
      controllers: config.enabled ? [MetricsController] : [],
      providers: [
        { provide: Metrics, useValue: metrics },
        { provide: METRICS_CONFIG, useValue: config },
      ],
      exports: [Metrics],
    };
  }

  /** Process metrics only where they are exposed (not in a preview app that builds the OpenAPI document). */
  onModuleInit(): void {
    if (this.config.enabled) this.metrics.collectProcessMetrics();
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import type { PrismaClient } from '../db/prisma-client.js';
import type { EventLog } from '../log/event-log.js';
import { HealthController, READINESS, READINESS_CHECKS, type ReadinessCheck } from './health.controller.js';
import type { Readiness } from './readiness.js';

/** /health/live and /health/ready (the database and the event log answer). One per process. */
@Module({})
export class HealthModule {
  static forRoot(prisma: PrismaClient, eventLog: EventLog, readiness: Readiness): DynamicModule {
    const checks: ReadinessCheck[] = [
      {
        name: 'database',
        check: async () => {
          await prisma.$queryRaw`SELECT 1`;
        },
      },
      { name: 'eventLog', check: () => eventLog.check() },
    ];
    return { module: HealthModule, controllers: [HealthController], providers: [{ provide: READINESS_CHECKS, useValue: checks }, { provide: READINESS, useValue: readiness }] };
  }
}

// The one way the apps get a database client: Prisma 7 with a driver adapter, no native engine.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient } from '../generated/prisma/client.js';
export { Prisma } from '../generated/prisma/client.js';

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/** Explains an unreachable database without a stack trace. */
export async function assertDatabaseReachable(prisma: PrismaClient, databaseUrl: string): Promise<void> {
  try {
    await prisma.$queryRaw`SELECT 1`;
  } catch (error) {
    const where = safeUrl(databaseUrl);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceUnreachableError(
      'PostgreSQL',
      where,
      `${reason}. Check that PostgreSQL is running, that DATABASE_URL is right, and that migrations ran (npm run db:migrate).`,
    );
  }
}

export class ServiceUnreachableError extends Error {
  readonly code = 'service-unreachable';
  constructor(
    readonly service: string,
    readonly address: string,
    readonly hint: string,
  ) {
    super(`${service} at ${address} is not reachable: ${hint}`);
    this.name = 'ServiceUnreachableError';
  }
}

/** The URL without its password, for messages and logs. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}

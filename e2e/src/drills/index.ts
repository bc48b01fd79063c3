// The fault drills (npm run drills): each on its own topic and database, over real processes,
// a real SMTP server and a real webhook receiver; the broker and the PostgreSQL cluster a drill
// stops are its own, on ports of their own.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brokerRestartDrill } from './broker-restart.js';
import { groupFailoverDrill } from './group-failover.js';
import { killBurstDrill } from './kill-burst.js';
import { poisonDrill } from './poison.js';
import { postgresOutageDrill } from './postgres-outage.js';
import { drill, type DrillReport } from './report.js';
import { KafkaBroker, PostgresCluster } from './services.js';

export type { DrillReport } from './report.js';
export { drill } from './report.js';
export { brokerRestartDrill, groupFailoverDrill, killBurstDrill, poisonDrill, postgresOutageDrill };

export const drillNames = ['kill-burst', 'broker-restart', 'postgres-outage', 'poison', 'group-failover'] as const;
export type DrillName = (typeof drillNames)[number];

export interface DrillOptions {
  readonly only: readonly DrillName[];
  readonly articles: number;
  readonly kills: number;
  readonly rate: number;
  readonly postgresDownSeconds: number;
  readonly brokerDownSeconds: number;
  readonly onStep: (line: string) => void;
}

/** Starts the drills' own broker and PostgreSQL cluster, runs the drills asked for, removes both. */
export async function runDrills(options: DrillOptions): Promise<DrillReport[]> {
  const work = path.join(tmpdir(), `talkwatch-drills-${randomBytes(3).toString('hex')}`);
  options.onStep(`starting the drills' own Kafka broker and PostgreSQL cluster under ${work}`);
  const broker = await KafkaBroker.start(path.join(work, 'kafka'));
  let cluster: PostgresCluster | undefined;
  const reports: DrillReport[] = [];
  try {
    cluster = await PostgresCluster.start(path.join(work, 'postgres'));
    options.onStep(`Kafka on ${broker.brokers}, PostgreSQL on 127.0.0.1:${cluster.port}`);
    const pgCluster = cluster;
    let n = 0;
    const database = () => pgCluster.createDatabase(`talkwatch_drill_${++n}`);
    const wanted = new Set(options.only);
    const run = async (name: DrillName, body: (report: DrillReport) => Promise<void>) => {
      if (!wanted.has(name)) return;
      const report = await drill(name, body, options.onStep);
      reports.push(report);
      options.onStep(`[${name}] ${report.problems.length === 0 ? 'passed' : `FAILED: ${report.problems.length} problem(s)`} in ${report.seconds} s`);
    };
    await run('poison', async (report) => {
      const url = await database();
      await poisonDrill(report, { log: 'kafka', databaseUrl: url, brokers: broker.brokers });
      const embedded = await drill('poison (embedded log)', async (r) => { await poisonDrill(r, { log: 'embedded', databaseUrl: await database() }); }, options.onStep);
      for (const [key, value] of Object.entries(embedded.counted)) report.counted[`embedded.${key}`] = value;
      Array.prototype.push.apply(report.did, embedded.did.map((line) => `embedded log: ${line}`));
      report.problems.push(...embedded.problems.map((p) => `embedded log: ${p}`));
    });
    await run('group-failover', async (report) => { await groupFailoverDrill(report, { databaseUrl: await database(), brokers: broker.brokers, articles: Math.min(options.articles, 300) }); });
    await run('kill-burst', async (report) => { await killBurstDrill(report, { databaseUrl: await database(), brokers: broker.brokers, articles: options.articles, kills: options.kills }); });
    await run('broker-restart', async (report) => { await brokerRestartDrill(report, { databaseUrl: await database(), broker, rate: options.rate, seconds: 30, downSeconds: options.brokerDownSeconds }); });
    await run('postgres-outage', async (report) => { await postgresOutageDrill(report, { cluster: pgCluster, brokers: broker.brokers, rate: options.rate, downSeconds: options.postgresDownSeconds }); });
  } finally {
    cluster?.destroy();
    broker.destroy();
    rmSync(work, { recursive: true, force: true });
  }
  return reports;
}

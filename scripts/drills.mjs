// npm run drills: the fault drills of issue #13 against real processes (see docs/benchmarks.md,
// "Fault drills"). Each prints what it did and what it counted, then one `DRILL {…}` line (JSON);
// the exit code is 1 when any drill found a problem.
// Options: --only poison,group-failover,kill-burst,broker-restart,postgres-outage  --articles N (1000)
//          --kills N (5)  --rate N articles/s (10)  --pg-down S (30)  --broker-down S (10)
import { runDrills, drillNames } from '../e2e/dist/drills/index.js';
import { parseOptions } from './lib/options.mjs';

const defaults = { only: drillNames.join(','), articles: '1000', kills: '5', rate: '10', 'pg-down': '30', 'broker-down': '10' };
const parsed = parseOptions(process.argv.slice(2), { flags: [], values: Object.keys(defaults) });
const options = Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, parsed.value(name) ?? value]));
const only = String(options.only).split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only.filter((name) => !drillNames.includes(name));
if (unknown.length > 0) {
  console.error(`drills: unknown drill(s) ${unknown.join(', ')}; known: ${drillNames.join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const reports = await runDrills({
  only,
  articles: Number(options.articles),
  kills: Number(options.kills),
  rate: Number(options.rate),
  postgresDownSeconds: Number(options['pg-down']),
  brokerDownSeconds: Number(options['broker-down']),
  onStep: (line) => console.log(line),
});
console.log('');
for (const report of reports) {
  console.log(`== ${report.name}: ${report.problems.length === 0 ? 'passed' : 'FAILED'} (${report.seconds} s)`);
  for (const line of report.did) console.log(`   did: ${line}`);
  for (const [key, value] of Object.entries(report.counted)) console.log(`   counted ${key}: ${value}`);
  for (const problem of report.problems) console.log(`   PROBLEM: ${problem}`);
  console.log(`DRILL ${JSON.stringify(report)}`);
}
console.log(`drills: ${reports.filter((r) => r.problems.length === 0).length} of ${reports.length} passed in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(reports.every((r) => r.problems.length === 0) ? 0 : 1);

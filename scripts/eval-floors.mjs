// The floors `npm test` holds the evaluation to (scripts/eval-floors.json, checked by
// tools/cli/src/eval-floors.spec.ts): measures the figures now, prints them beside the floors, and
// on request writes them.
// Usage: node scripts/eval-floors.mjs [--raise | --write] [--json]
//   (no option)  compare: every figure with its floor (or ceiling, for "max." keys)
//   --raise      raise floors and lower ceilings where the figures improved; never loosens one
//   --write      set every floor to the current figures, loosening too (say why in the commit)
// Build first (`npm run eval:floors` does). Exit code 1 when a figure is below its floor.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OptionError, parseOptions } from './lib/options.mjs';
import { formatTable } from './lib/text-table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const floorsFile = path.join(root, 'scripts/eval-floors.json');

let options;
try {
  options = parseOptions(process.argv.slice(2), { flags: ['raise', 'write', 'json'], values: [] });
} catch (error) {
  if (error instanceof OptionError) {
    console.error(`eval:floors: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

// What is floored: per negotiation for the scorer's figures, per meetings.json track for the timeline.
const EVAL_KEYS = ['rounds.f1', 'demands.f1', 'roundStatusAccuracy', 'roundDateAccuracy'];
const EVAL_TOTAL_KEYS = ['rounds.precision', 'rounds.recall', ...EVAL_KEYS, 'demands.precision', 'demands.recall'];
const TIMELINE_KEYS = ['once', 'statusRight', 'dateRight', 'sourcesComplete', 'max.split', 'max.missing', 'max.wrongMerges', 'max.extra', 'max.demands.verbatimDuplicates'];
const TIMELINE_TOTAL_KEYS = [...TIMELINE_KEYS, 'max.orderDependentTracks'];

function run(script, args) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', script), ...args, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error || !result.stdout.trim()) {
    console.error(`eval:floors: ${script} ${args.join(' ')} failed: ${result.error?.message ?? result.stderr}`);
    process.exit(2);
  }
  return JSON.parse(result.stdout);
}

/** The measured figures, shaped as the floors file: section → entry id → object the keys read. */
function measure() {
  const evaluation = run('eval.mjs', []);
  const timeline = (args) => {
    const t = run('eval-timeline.mjs', args);
    return { total: { ...t.totals, orderDependentTracks: t.orders.orderDependentTracks.length }, ...Object.fromEntries(t.tracks.map((x) => [x.id, x])) };
  };
  return {
    eval: { total: evaluation, ...Object.fromEntries(evaluation.negotiations.map((n) => [n.id, n])) },
    timeline: timeline([]),
    timelineFromLabels: timeline(['--from-labels']),
  };
}

const read = (object, key) => key.replace(/^max\./, '').split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), object);
const keysFor = (section, id) => (section === 'eval' ? (id === 'total' ? EVAL_TOTAL_KEYS : EVAL_KEYS) : id === 'total' ? TIMELINE_TOTAL_KEYS : TIMELINE_KEYS);

const measured = measure();
const floors = existsSync(floorsFile) ? JSON.parse(readFileSync(floorsFile, 'utf8')) : {};
const rows = [];
let failures = 0;
const ABOUT =
  'Floors of npm test (tools/cli/src/eval-floors.spec.ts) on ../shared/corpus/dev: eval = npm run eval per negotiation, timeline = npm run eval:timeline per meetings.json track (timelineFromLabels: --from-labels, the projector alone). A figure may not drop below its floor; "max." keys are ceilings. Raise them as things improve: node scripts/eval-floors.mjs --raise.';
const next = { about: floors.about ?? ABOUT };
for (const [section, entries] of Object.entries(measured)) {
  next[section] = {};
  for (const [id, figures] of Object.entries(entries)) {
    const entry = {};
    for (const key of keysFor(section, id)) {
      const now = read(figures, key);
      const floor = floors[section]?.[id]?.[key];
      const ceiling = key.startsWith('max.');
      const broken = floor !== undefined && (now === null || now === undefined || (ceiling ? now > floor + 1e-9 : now < floor - 1e-9));
      const better = floor !== undefined && !broken && now !== floor;
      if (broken) failures++;
      const unmeasured = now === null || now === undefined;
      if (broken || better || (floor === undefined && !unmeasured)) rows.push([section, id, key, floor ?? '-', now ?? '-', broken ? 'BELOW FLOOR' : better ? 'better' : 'no floor']);
      if (now === null || now === undefined) {
        if (floor !== undefined && !options.flags.has('write')) entry[key] = floor;
        continue;
      }
      if (options.flags.has('write') || floor === undefined) entry[key] = now;
      else if (options.flags.has('raise')) entry[key] = broken ? floor : now;
      else entry[key] = floor;
    }
    next[section][id] = entry;
  }
}

if (options.flags.has('json')) console.log(JSON.stringify({ failures, rows }));
else if (rows.length) process.stdout.write(formatTable(['section', 'entry', 'figure', 'floor', 'now', ''], rows));
else console.log('eval:floors: every figure is at its floor');

if (options.flags.has('raise') || options.flags.has('write')) {
  // One line per entry: the file stays small and its diffs readable.
  const body = Object.entries(next)
    .filter(([key]) => key !== 'about')
    .map(([section, entries]) => `  ${JSON.stringify(section)}: {\n${Object.entries(entries).map(([id, e]) => `    ${JSON.stringify(id)}: ${JSON.stringify(e)}`).join(',\n')}\n  }`)
    .join(',\n');
  writeFileSync(floorsFile, `{\n  "about": ${JSON.stringify(next.about)},\n${body}\n}\n`);
  console.log(`eval:floors: wrote ${path.relative(process.cwd(), floorsFile)}`);
}
process.exit(failures > 0 ? 1 : 0);

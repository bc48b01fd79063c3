// `talkwatch reextract [--since YYYY-MM-DD] [--dry-run]`: run the current extractor over the
// stored articles and publish the difference (new facts, retractions of vanished ones).
import { formatTable } from '@talkwatch/cli';
import { type FactEvent, assertNever, formatDateRef } from '@talkwatch/domain';
import { ArticlesRepository, ReextractArticles, loadGazetteer, type ReextractResult } from '@talkwatch/ingestor';
import { openPlatform, type LogSink } from '@talkwatch/infra';
import type { TalkwatchConfig } from '../config.js';
import { progressBar } from './progress.js';

export class ReextractUsageError extends Error {}

export interface ReextractArgs {
  readonly since: Date | undefined;
  readonly dryRun: boolean;
}

export function parseReextractArgs(argv: readonly string[]): ReextractArgs {
  let since: Date | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--since' || arg.startsWith('--since=')) {
      const value = arg === '--since' ? argv[++i] : arg.slice('--since='.length);
      const day = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
      if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
        throw new ReextractUsageError(`--since expects a date as YYYY-MM-DD, got ${value ?? 'nothing'}`);
      }
      since = day;
    } else throw new ReextractUsageError(`reextract: unknown option ${arg} (options: --since YYYY-MM-DD, --dry-run)`);
  }
  return { since, dryRun };
}

/** One line per fact, as a person reads it. */
export function describeFact(event: FactEvent): string {
  switch (event.type) {
    case 'RoundReported': {
      const d = event.data;
      const when = d.date ? ` ${formatDateRef(d.date)}` : '';
      return `round ${d.status}${when}${d.venue ? ` in ${d.venue}` : ''} (${d.trackName}${d.ordinal !== null ? `, round ${d.ordinal}` : ''})`;
    }
    case 'DemandReported':
      return `demand by ${event.data.by} → ${event.data.addressedTo.join(', ')}: ${event.data.text}`;
    case 'ResponseReported':
      return `response by ${event.data.by} (${event.data.kind}): ${event.data.text}`;
    default:
      return assertNever(event);
  }
}

const publishedDay = (at: Date | null): string => at?.toISOString().slice(0, 10) ?? 'undated';

export function formatReextractResult(result: ReextractResult, width: number): string {
  const lines: string[] = [];
  if (result.changes.length > 0) {
    const rows = result.changes.flatMap((c) => [
      ...c.added.map((e) => [publishedDay(c.publishedAt), c.title, '+', describeFact(e)]),
      ...c.retracted.map((e) => [publishedDay(c.publishedAt), c.title, '−', describeFact(e)]),
    ]);
    lines.push(...formatTable(['published', 'article', '', 'fact'], rows, width), '');
  }
  const verb = result.dryRun ? 'would be ' : '';
  const summary: [string, string][] = [
    ['extractor', result.extractorVersion],
    ['articles examined', String(result.examined)],
    ['articles unchanged', String(result.unchanged)],
    ['articles changed', String(result.changes.length)],
    [`new facts ${verb}published`, String(result.published)],
    [`facts ${verb}retracted`, String(result.retractions)],
  ];
  if (result.recovered > 0) summary.push(['readings recovered from the log', String(result.recovered)]);
  const w = Math.max(...summary.map(([k]) => k.length));
  lines.push(...summary.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`));
  if (result.dryRun) lines.push('', 'Dry run: nothing was published or saved.');
  return `${lines.join('\n')}\n`;
}

export async function reextract(config: TalkwatchConfig, args: ReextractArgs, out: NodeJS.WriteStream, logger: LogSink): Promise<ReextractResult> {
  const gazetteer = loadGazetteer(config.ingestor.gazetteerFile);
  const platform = await openPlatform(config, logger);
  try {
    out.write(`Re-extracting stored articles${args.since ? ` published since ${args.since.toISOString().slice(0, 10)}` : ''}\nfrom ${platform.database}\ninto ${platform.log}\n`);
    const bar = progressBar('reextract');
    const recovery = progressBar('recovering readings from the log');
    const result = await new ReextractArticles(new ArticlesRepository(platform.prisma), platform.eventLog, () => new Date(), gazetteer).execute({
      since: args.since,
      dryRun: args.dryRun,
      progress: (done, total) => {
        bar.update(done, total);
      },
      recoveryProgress: (done, total) => {
        recovery.update(done, total);
      },
    });
    bar.finish();
    out.write(formatReextractResult(result, out.isTTY ? out.columns : 200));
    return result;
  } finally {
    await platform.close();
  }
}

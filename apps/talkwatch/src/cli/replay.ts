// `talkwatch replay`: drop the read model and rebuild it from the event log, from offset zero.
import { KafkaEventLog, openPlatform, type LogSink } from '@talkwatch/infra';
import { RebuildReadModel } from '@talkwatch/notifier';
import type { TalkwatchConfig } from '../config.js';
import { progressBar } from './progress.js';

export class ReplayRefused extends Error {}

export async function replay(config: TalkwatchConfig, out: NodeJS.WriteStream, logger: LogSink): Promise<void> {
  const platform = await openPlatform(config, logger);
  try {
    const groupId = config.notifier.kafka.groupId;
    if (platform.eventLog instanceof KafkaEventLog) {
      const members = await platform.eventLog.groupMembers(groupId);
      if (members > 0) {
        throw new ReplayRefused(`the projection (consumer group ${groupId}) is running with ${members} member(s): stop the notifier first`);
      }
    }
    out.write(`Rebuilding the read model from ${platform.log}\ninto ${platform.database}\n`);
    const bar = progressBar('replay');
    const started = Date.now();
    const result = await new RebuildReadModel(platform.prisma, platform.eventLog, groupId, config.notifier.digest).execute((done, total) => {
      bar.update(done, total);
    });
    bar.finish();
    const rows: [string, string][] = [
      ['events replayed', String(result.events)],
      ['tracks rebuilt', String(result.tracks)],
      ['alerts queued (events the projection had not reached)', String(result.alertsQueued)],
      ['took', `${((Date.now() - started) / 1000).toFixed(1)} s`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    out.write(rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n') + '\n');
  } finally {
    await platform.close();
  }
}

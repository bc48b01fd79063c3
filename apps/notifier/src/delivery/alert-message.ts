// How a change reads in an alert: the JSON body of a webhook, the subject and text of an email.
import type { TrackChange } from '@talkwatch/domain';

export function webhookBody(deliveryId: string, change: TrackChange): string {
  return JSON.stringify({ id: deliveryId, type: change.type, timestamp: change.occurredAt, data: change });
}

export function emailSubject(change: TrackChange): string {
  return `[Talkwatch] ${change.summary}`;
}

export function emailText(change: TrackChange): string {
  const source = change.source;
  return [
    change.summary,
    '',
    `Track: ${change.trackName} (${change.trackId})`,
    `Change: ${change.type}, reported ${change.occurredAt}`,
    '',
    `Source: ${source.title}${source.url ? ` <${source.url}>` : ''}`,
    `Published: ${source.publishedAt ?? 'not stated (the article gives no date; reported as of when Talkwatch received it)'}`,
    `"${source.sentence}"`,
    '',
    'You get this because you subscribed to Talkwatch alerts.',
  ].join('\n');
}

// How a change reads in an alert: the JSON body of a webhook, the subject of an email (saying what
// changed: "New round: Russia – United States talks, 10 Jan 2022, Geneva"), the Slack blocks.
// Email bodies come from the templates in email-templates.ts.
import { assertNever, type DateRef, type TrackChange } from '@talkwatch/domain';

export function webhookBody(deliveryId: string, change: TrackChange): string {
  return JSON.stringify({ id: deliveryId, type: change.type, timestamp: change.occurredAt, data: change });
}

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 10 Jan 2022, Jan 2022, 2022, or the words of a date that could not be placed. */
export function shortDate(date: Pick<DateRef, 'start'> & { text?: string }): string {
  if (date.start === null) return date.text ?? 'date unknown';
  const [y, m, d] = date.start.split('-');
  const month = m ? shortMonths[Number(m) - 1] : undefined;
  if (y && month && d) return `${Number(d)} ${month} ${y}`;
  if (y && month) return `${month} ${y}`;
  return y ?? date.start;
}

const clip = (text: string, max = 90): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
const joined = (...parts: (string | null | undefined)[]): string => parts.filter((p): p is string => !!p).join(', ');

/** The subject line: what changed, on which talks, when and where. */
export function alertSubject(change: TrackChange): string {
  const talks = `${change.trackName} talks`;
  switch (change.type) {
    case 'round.added':
      return `New round: ${joined(talks, change.date && shortDate(change.date), change.venue)}`;
    case 'round.status-changed':
      return `Round ${change.to}: ${joined(talks, change.date && shortDate(change.date))}`;
    case 'round.rescheduled':
      return `Rescheduled: ${talks}, ${shortDate(change.from)} → ${shortDate(change.to)}`;
    case 'demand.added':
      return clip(`New demand: ${change.by}${change.addressedTo.length > 0 ? ` of ${change.addressedTo.join(', ')}` : ''}: ${change.text}`);
    case 'demand.responded':
      return clip(`Response: ${change.by} ${change.kind === 'counter-proposal' ? 'counters' : change.kind}: ${change.text}`);
    case 'track.status-changed':
      return `Talks ${change.to}: ${change.trackName}`;
    case 'round.withdrawn':
    case 'demand.withdrawn':
    case 'response.withdrawn':
      return clip(change.summary);
    default:
      return assertNever(change);
  }
}

/** Slack's mrkdwn gives &, < and > meanings; a fact's text must not make links or mentions. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack incoming-webhook message: a plain-text fallback and blocks (the change, then its source). */
export function slackMessage(change: TrackChange): string {
  const source = change.source;
  const title = slackEscape(source.title);
  const cited = source.url && /^https?:\/\//.test(source.url) ? `<${source.url.replace(/[|>]/g, encodeURIComponent)}|${title}>` : title;
  return JSON.stringify({
    text: alertSubject(change),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(alertSubject(change), 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: slackEscape(change.summary) } },
      { type: 'section', text: { type: 'mrkdwn', text: `> ${slackEscape(source.sentence)}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${cited} · ${source.publishedAt ?? 'undated'} · ${slackEscape(change.trackName)} · ${change.type}` }],
      },
    ],
  });
}

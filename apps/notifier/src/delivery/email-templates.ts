// The text and HTML bodies of every email, from Eta templates: HTML bodies escape what they are
// given (a source sentence holding "<script>" is shown, not run); text bodies take it as it is.
import type { TrackChange } from '@talkwatch/domain';
import { Eta } from 'eta';
import { alertSubject } from './alert-message.js';

const html = new Eta({ autoEscape: true, autoTrim: false });
const text = new Eta({ autoEscape: false, autoTrim: false });

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const alertText = `<%= it.subject %>

<%= it.change.summary %>

Talks: <%= it.change.trackName %> (<%= it.change.trackId %>)
Change: <%= it.change.type %>, reported <%= it.change.occurredAt %>

Source: <%= it.source.title %><% if (it.source.url) { %> <<%= it.source.url %>><% } %>
Published: <%= it.source.publishedAt ?? 'not stated (the article gives no date; reported as of when Talkwatch received it)' %>
"<%= it.source.sentence %>"

You get this because this address subscribed to Talkwatch alerts.
Unsubscribe: <%= it.unsubscribeUrl %>
`;

const alertHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title><%= it.subject %></title></head>
<body style="font-family: sans-serif; line-height: 1.4">
<h1 style="font-size: 1.2em"><%= it.subject %></h1>
<p><%= it.change.summary %></p>
<dl>
<dt>Talks</dt><dd><%= it.change.trackName %></dd>
<dt>Change</dt><dd><%= it.change.type %>, reported <%= it.change.occurredAt %></dd>
<dt>Source</dt><dd><% if (it.sourceUrl) { %><a href="<%= it.sourceUrl %>"><%= it.source.title %></a><% } else { %><%= it.source.title %><% } %>, <%= it.source.publishedAt ?? 'undated' %></dd>
</dl>
<blockquote><%= it.source.sentence %></blockquote>
<hr>
<p style="font-size: 0.9em">You get this because this address subscribed to Talkwatch alerts. <a href="<%= it.unsubscribeUrl %>">Unsubscribe</a></p>
</body></html>
`;

const digestText = `<%= it.subject %>
<% for (const track of it.tracks) { %>

== <%= track.name %> talks (<%= track.changes.length %>)
<% for (const c of track.changes) { %>
- <%= c.subject %>
  <%= c.change.summary %>
  Source: <%= c.change.source.title %><% if (c.change.source.url) { %> <<%= c.change.source.url %>><% } %>, <%= c.change.source.publishedAt ?? 'undated' %>
<% } %><% } %>

You get this because this address subscribed to a <%= it.frequency %> Talkwatch digest.
Unsubscribe: <%= it.unsubscribeUrl %>
`;

const digestHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title><%= it.subject %></title></head>
<body style="font-family: sans-serif; line-height: 1.4">
<h1 style="font-size: 1.2em"><%= it.subject %></h1>
<% for (const track of it.tracks) { %>
<h2 style="font-size: 1.1em"><%= track.name %> talks</h2>
<ul>
<% for (const c of track.changes) { %>
<li><strong><%= c.subject %></strong><br><%= c.change.summary %><br><small><% if (c.sourceUrl) { %><a href="<%= c.sourceUrl %>"><%= c.change.source.title %></a><% } else { %><%= c.change.source.title %><% } %>, <%= c.change.source.publishedAt ?? 'undated' %></small></li>
<% } %>
</ul>
<% } %>
<hr>
<p style="font-size: 0.9em">You get this because this address subscribed to a <%= it.frequency %> Talkwatch digest. <a href="<%= it.unsubscribeUrl %>">Unsubscribe</a></p>
</body></html>
`;

const confirmationText = `Someone, probably you, asked for Talkwatch alerts to be sent to <%= it.email %>.

To confirm, open this link and press the button on the page:
<%= it.confirmUrl %>

Nothing else will be sent to this address unless it is confirmed. Without confirmation by
<%= it.confirmBy %> the request expires. If you did not ask for this, ignore this email.
`;

const confirmationHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Confirm your Talkwatch alerts</title></head>
<body style="font-family: sans-serif; line-height: 1.4">
<p>Someone, probably you, asked for Talkwatch alerts to be sent to <strong><%= it.email %></strong>.</p>
<p><a href="<%= it.confirmUrl %>">Confirm the subscription</a></p>
<p>Nothing else will be sent to this address unless it is confirmed. Without confirmation by <%= it.confirmBy %> the request expires. If you did not ask for this, ignore this email.</p>
</body></html>
`;

const pageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title><%= it.title %></title></head>
<body style="font-family: sans-serif; line-height: 1.4; max-width: 40em; margin: 2em auto">
<h1><%= it.title %></h1>
<p><%= it.message %></p>
<% if (it.action) { %><form method="post" action="<%= it.action %>"><button type="submit"><%= it.button %></button></form><% } %>
</body></html>
`;

/** Only http(s) links are made clickable: a source URL is whatever an article said. */
const safeUrl = (url: string | null): string | null => (url && /^https?:\/\//i.test(url) ? url : null);

export function alertEmail(change: TrackChange, unsubscribeUrl: string): EmailContent {
  const data = { subject: alertSubject(change), change, source: change.source, sourceUrl: safeUrl(change.source.url), unsubscribeUrl };
  return { subject: data.subject, text: text.renderString(alertText, data), html: html.renderString(alertHtml, data) };
}

/** One email for the changes of a day or a week, grouped by track (tracks in order of their first change). */
export function digestEmail(changes: readonly TrackChange[], frequency: 'daily' | 'weekly', unsubscribeUrl: string): EmailContent {
  const tracks = new Map<string, { name: string; changes: { subject: string; change: TrackChange; sourceUrl: string | null }[] }>();
  for (const change of changes) {
    const track = tracks.get(change.trackId) ?? { name: change.trackName, changes: [] };
    track.changes.push({ subject: alertSubject(change), change, sourceUrl: safeUrl(change.source.url) });
    tracks.set(change.trackId, track);
  }
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const subject = `Talkwatch ${frequency} digest: ${count(changes.length, 'change')} in ${count(tracks.size, 'negotiation')}`;
  const data = { subject, frequency, tracks: [...tracks.values()], unsubscribeUrl };
  return { subject, text: text.renderString(digestText, data), html: html.renderString(digestHtml, data) };
}

export function confirmationEmail(email: string, confirmUrl: string, confirmBy: Date | null): EmailContent {
  const data = { email, confirmUrl, confirmBy: confirmBy?.toUTCString() ?? 'soon' };
  return { subject: 'Confirm your Talkwatch alerts', text: text.renderString(confirmationText, data), html: html.renderString(confirmationHtml, data) };
}

/** The small pages the links in emails open: a message, and a button where a POST does the work. */
export function linkPage(page: { title: string; message: string; action?: string; button?: string }): string {
  return html.renderString(pageHtml, { action: undefined, button: undefined, ...page });
}

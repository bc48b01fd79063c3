import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrackChange } from '@talkwatch/domain';
import { alertSubject, shortDate, slackMessage } from './alert-message.js';
import { alertEmail, confirmationEmail, digestEmail } from './email-templates.js';

const source = {
  articleId: 'a1',
  url: 'https://news.example.org/geneva',
  title: 'Envoys <b>meet</b> & talk',
  publishedAt: '2021-12-28',
  sentence: 'Russia and the United States will meet in Geneva on 10 January <script>alert(1)</script>.',
  start: 0,
  end: 10,
};
const base = { trackId: 'russia--united-states', trackName: 'Russia – United States', occurredAt: '2021-12-28T00:00:00.000Z', source };
const roundAdded: TrackChange = {
  ...base,
  type: 'round.added',
  id: '2022-01-10:added',
  summary: 'New round: Russia – United States, scheduled for 10 January 2022 in Geneva',
  roundId: '2022-01-10',
  ordinal: null,
  status: 'scheduled',
  date: { start: '2022-01-10', end: '2022-01-10', precision: 'day', text: '10 January' },
  venue: 'Geneva',
};

describe('alert subjects', () => {
  it('say what changed, on which talks, when and where', () => {
    assert.equal(alertSubject(roundAdded), 'New round: Russia – United States talks, 10 Jan 2022, Geneva');
    const postponed = { ...base, type: 'round.status-changed', id: 'x', summary: '', roundId: 'r', from: 'scheduled', to: 'postponed', date: { start: '2022-01', precision: 'month', text: 'January' } } as TrackChange;
    assert.equal(alertSubject(postponed), 'Round postponed: Russia – United States talks, Jan 2022');
    const demand = { ...base, type: 'demand.added', id: 'd', summary: '', demandId: 'd', by: 'Russia', addressedTo: ['NATO'], text: 'no further enlargement', category: null } as TrackChange;
    assert.equal(alertSubject(demand), 'New demand: Russia of NATO: no further enlargement');
  });

  it('write a date as precisely as it is known', () => {
    assert.equal(shortDate({ start: '2022-01-10' }), '10 Jan 2022');
    assert.equal(shortDate({ start: '2022' }), '2022');
    assert.equal(shortDate({ start: null, text: 'on Tuesday' }), 'on Tuesday');
  });
});

describe('alert emails', () => {
  const email = alertEmail(roundAdded, 'https://talkwatch.example.org/email/unsubscribe?token=t.x');

  it('escape the HTML body, and give the text body as it is', () => {
    assert.ok(email.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!email.html.includes('<script>'));
    assert.ok(email.html.includes('Envoys &lt;b&gt;meet&lt;/b&gt; &amp; talk'));
    assert.ok(email.text.includes('<script>alert(1)</script>'), 'text is not HTML');
    assert.ok(email.text.includes('Source: Envoys <b>meet</b> & talk <https://news.example.org/geneva>'));
  });

  it('carry the unsubscribe link in both bodies', () => {
    assert.ok(email.text.includes('Unsubscribe: https://talkwatch.example.org/email/unsubscribe?token=t.x'));
    assert.ok(email.html.includes('href="https://talkwatch.example.org/email/unsubscribe?token=t.x"'));
  });

  it('link the source only when it is an http(s) URL', () => {
    const sneaky = alertEmail({ ...roundAdded, source: { ...source, url: 'javascript:alert(1)' } }, 'https://x/u');
    assert.ok(!sneaky.html.includes('javascript:'));
  });

  it('a confirmation email carries its link and nothing of an alert', () => {
    const confirmation = confirmationEmail('a@example.org', 'https://talkwatch.example.org/email/confirm?token=t.y', new Date('2026-12-08T12:00:00Z'));
    assert.equal(confirmation.subject, 'Confirm your Talkwatch alerts');
    assert.ok(confirmation.text.includes('https://talkwatch.example.org/email/confirm?token=t.y'));
    assert.ok(confirmation.text.includes('Tue, 08 Dec 2026 12:00:00 GMT'));
    assert.ok(confirmation.html.includes('href="https://talkwatch.example.org/email/confirm?token=t.y"'));
  });
});

describe('digest emails', () => {
  it('group the changes by track, each with what changed and its source', () => {
    const other = { ...roundAdded, id: 'n', trackId: 'iran--united-states', trackName: 'Iran – United States', venue: 'Muscat' } as TrackChange;
    const later = { ...roundAdded, id: 'l', venue: 'Vienna' } as TrackChange;
    const digest = digestEmail([roundAdded, other, later], 'daily', 'https://talkwatch.example.org/email/unsubscribe?token=t.z');
    assert.equal(digest.subject, 'Talkwatch daily digest: 3 changes in 2 negotiations');
    const russia = digest.text.indexOf('== Russia – United States talks (2)');
    const iran = digest.text.indexOf('== Iran – United States talks (1)');
    assert.ok(russia >= 0 && iran > russia, digest.text);
    assert.ok(digest.text.indexOf('Vienna') > russia && digest.text.indexOf('Vienna') < iran, "a track's changes together");
    assert.ok(digest.text.includes('Unsubscribe: https://talkwatch.example.org/email/unsubscribe?token=t.z'));
    assert.equal((digest.html.match(/<h2/g) ?? []).length, 2);
    assert.ok(!digest.html.includes('<script>'));
  });
});

describe('Slack messages', () => {
  it('are blocks with a fallback text, the facts escaped for mrkdwn', () => {
    const message = JSON.parse(slackMessage(roundAdded)) as { text: string; blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };
    assert.equal(message.text, 'New round: Russia – United States talks, 10 Jan 2022, Geneva');
    assert.deepEqual(message.blocks.map((b) => b.type), ['header', 'section', 'section', 'context']);
    assert.ok(message.blocks[2]?.text?.text.includes('&lt;script&gt;'));
    assert.ok(message.blocks[3]?.elements?.[0]?.text.startsWith('<https://news.example.org/geneva|Envoys &lt;b&gt;meet&lt;/b&gt; &amp; talk>'));
  });
});

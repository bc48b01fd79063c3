import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TalkEvent } from '../events/events.js';
import { TrackMismatchError, type TrackState, alertingChangeTypes, evolve, foldTrack, isAlertingChange } from './projector.js';
import { dateRef, demandReported, permutations, responseReported, roundReported } from '../test-factories.js';

const announcedJanuary = roundReported({ articleId: 'a1', occurredAt: '2021-12-22', status: 'announced', date: dateRef('2022-01', 'in January'), ordinal: 1 });
const scheduledJan10 = roundReported({ articleId: 'a2', occurredAt: '2021-12-28', status: 'scheduled', date: dateRef('2022-01-10', 'Jan. 10'), venue: 'Geneva' });
const heldJan10 = roundReported({ articleId: 'a3', occurredAt: '2022-01-10', status: 'held', date: dateRef('2022-01-10', 'Monday') });
const concludedJan10 = roundReported({ articleId: 'a4', occurredAt: '2022-01-11', status: 'concluded', date: dateRef('2022-01-10', 'on Monday') });
const demand = demandReported({ articleId: 'a1', occurredAt: '2021-12-22', by: 'Russia', to: 'United States', text: 'legal guarantees of its security', category: 'guarantees', start: 50 });

describe('evolve: rounds', () => {
  it('a first report creates the track and the round, with a deterministic id and a readable summary', () => {
    const { state, changes } = evolve(undefined, announcedJanuary);
    assert.equal(state.id, 'russia--united-states');
    assert.equal(state.name, 'Russia – United States');
    assert.equal(state.status, 'proposed');
    assert.equal(state.version, 1);
    assert.deepEqual(
      state.rounds.map((r) => [r.id, r.status, r.date?.start, r.ordinal]),
      [['russia--united-states:round:2022-01-n1', 'announced', '2022-01', 1]],
    );
    assert.deepEqual(
      changes.map((c) => [c.type, c.id, c.summary]),
      [['round.added', 'russia--united-states:round:2022-01-n1:added', 'New round: Russia – United States (round 1), expected January 2022']],
    );
    assert.equal(changes[0]?.occurredAt, '2021-12-22');
    assert.equal(changes[0].source.articleId, 'a1');
  });

  it('a vague month-level round merges with a later dated report in the same month: refined, not rescheduled', () => {
    const { state, changes } = foldTrack([announcedJanuary, scheduledJan10]);
    assert.equal(state.rounds.length, 1);
    const [round] = state.rounds;
    assert.deepEqual([round?.status, round?.date?.start, round?.venue, round?.ordinal], ['scheduled', '2022-01-10', 'Geneva', 1]);
    assert.deepEqual(round?.sources.map((s) => s.articleId), ['a1', 'a2']);
    assert.deepEqual(
      changes.map((c) => [c.type, c.id]),
      [
        ['round.added', 'russia--united-states:round:2022-01-n1:added'],
        // The round's id follows its resolved date: "2022-01" while only the month is known.
        ['round.status-changed', 'russia--united-states:round:2022-01-10:status:scheduled:2022-01-10'],
      ],
    );
    assert.equal(round.id, 'russia--united-states:round:2022-01-10');
    assert.equal(changes[1]?.summary, 'Round update: Russia – United States, round 1 now scheduled for 10 January 2022 in Geneva (was announced)');
  });

  it('a date moved outside its period is a reschedule', () => {
    const moved = roundReported({ articleId: 'a5', occurredAt: '2022-01-05', status: 'scheduled', date: dateRef('2022-01-17'), ordinal: 1 });
    const first = roundReported({ articleId: 'a2', occurredAt: '2021-12-28', status: 'scheduled', date: dateRef('2022-01-10'), ordinal: 1 });
    const { state, changes } = foldTrack([first, moved]);
    assert.equal(state.rounds[0]?.date?.start, '2022-01-17');
    const rescheduled = changes.find((c) => c.type === 'round.rescheduled');
    assert.ok(rescheduled?.type === 'round.rescheduled');
    assert.deepEqual([rescheduled.id, rescheduled.from.start, rescheduled.to.start], ['russia--united-states:round:2022-01-10:date:2022-01-17', '2022-01-10', '2022-01-17']);
    // Read in the other order, the older date does not win back.
    assert.equal(foldTrack([moved, first]).state.rounds[0]?.date?.start, '2022-01-17');
  });

  it('status follows the reports\' own time: older news read late does not roll back', () => {
    const afterHeld = evolve(undefined, heldJan10).state;
    const { state, changes } = evolve(afterHeld, scheduledJan10);
    assert.equal(state.rounds[0]?.status, 'held');
    assert.equal(state.rounds.length, 1);
    assert.deepEqual(changes, []);
    assert.equal(state.rounds[0].sources.length, 2, 'the late source is still kept');
  });

  it('a round under way reported later in the week continues instead of moving', () => {
    const ended = roundReported({ articleId: 'a6', occurredAt: '2022-01-13', status: 'concluded', date: dateRef('2022-01-13') });
    const { state, changes } = foldTrack([heldJan10, ended]);
    assert.equal(state.rounds.length, 1);
    assert.deepEqual([state.rounds[0]?.status, state.rounds[0]?.date?.start, state.rounds[0]?.date?.end], ['concluded', '2022-01-10', '2022-01-13']);
    // The track is born active (its first round was held) and stays so when that round ends: the
    // negotiation goes on between rounds.
    assert.deepEqual(changes.map((c) => c.type), ['round.added', 'round.status-changed']);
    assert.equal(state.status, 'active');
  });

  it('different days and ordinals are different rounds, with distinct ids', () => {
    const second = roundReported({ articleId: 'b1', occurredAt: '2022-03-03', status: 'held', parties: ['Russia', 'Ukraine'], date: dateRef('2022-03-03'), ordinal: 2 });
    const third = roundReported({ articleId: 'b2', occurredAt: '2022-03-05', status: 'scheduled', parties: ['Russia', 'Ukraine'], date: dateRef('2022-03-07'), ordinal: 3 });
    const { state } = foldTrack([second, third]);
    assert.deepEqual(state.rounds.map((r) => r.id), ['russia--ukraine:round:2022-03-03', 'russia--ukraine:round:2022-03-07']);
    // In the other order too: the ids come from the dates, not from which round was seen first.
    assert.deepEqual(foldTrack([third, second]).state.rounds.map((r) => r.id), ['russia--ukraine:round:2022-03-03', 'russia--ukraine:round:2022-03-07']);
  });

  it('re-applying an identical event changes nothing', () => {
    const once = foldTrack([announcedJanuary, scheduledJan10, demand]).state;
    for (const event of [announcedJanuary, scheduledJan10, demand]) {
      const again = evolve(once, event);
      assert.deepEqual(again.changes, []);
      assert.equal(again.state, once);
    }
  });

  it('reaches the same final state whatever the order of a few dated events', () => {
    const events: TalkEvent[] = [announcedJanuary, scheduledJan10, heldJan10, concludedJan10, demand];
    const reference = foldTrack(events).state;
    assert.deepEqual(
      reference.rounds.map((r) => [r.id, r.status, r.date?.start, r.ordinal, r.venue, r.sources.length]),
      [['russia--united-states:round:2022-01-10', 'concluded', '2022-01-10', 1, 'Geneva', 4]],
    );
    assert.equal(reference.status, 'active');
    assert.equal(reference.version, 5);
    for (const order of permutations(events)) assert.deepEqual(foldTrack(order).state, reference, order.map((e) => e.id).join(' '));
  });

  it('change ids are deterministic across replays', () => {
    const events = [announcedJanuary, scheduledJan10, heldJan10, concludedJan10, demand];
    const ids = foldTrack(events).changes.map((c) => c.id);
    assert.deepEqual(foldTrack(events).changes.map((c) => c.id), ids);
    assert.deepEqual(ids, [
      'russia--united-states:round:2022-01-n1:added',
      'russia--united-states:round:2022-01-10:status:scheduled:2022-01-10',
      'russia--united-states:round:2022-01-10:status:held',
      'russia--united-states:status:proposed->active',
      'russia--united-states:round:2022-01-10:status:concluded',
      `russia--united-states:demand:russia:${ids[5]?.split(':')[3] ?? ''}:added`,
    ]);
    assert.match(ids[5] ?? '', /^russia--united-states:demand:russia:[0-9a-f]{8}:added$/);
  });
});

describe('evolve: demands and track', () => {
  it('demands merge by party and normalised text, keeping every source once', () => {
    const a = demandReported({ articleId: 'd1', occurredAt: '2021-12-17', by: 'Russia', to: 'NATO', text: 'NATO must not admit new members', category: 'enlargement' });
    const b = demandReported({ articleId: 'd2', occurredAt: '2021-12-22', by: 'Russia', to: 'NATO', text: 'Nato must NOT admit new members.', category: 'enlargement' });
    const { state, changes } = foldTrack([a, b, a]);
    assert.equal(state.demands.length, 1);
    assert.deepEqual(state.demands[0]?.sources.map((s) => s.articleId), ['d1', 'd2']);
    assert.deepEqual([state.demands[0].status, state.demands[0].firstReportedAt, state.demands[0].updatedAt], ['open', '2021-12-17', '2021-12-22']);
    assert.deepEqual(changes.map((c) => [c.type, c.summary]), [['demand.added', 'New demand: Russia → NATO: NATO must not admit new members']]);
    assert.equal(state.version, 2);
  });

  it('derives the track status from its rounds: proposed, active, paused', () => {
    const postponed = roundReported({ articleId: 'p1', occurredAt: '2022-02-01', status: 'postponed', date: dateRef('2022-02-10'), ordinal: 2 });
    const cancelled = roundReported({ articleId: 'c1', occurredAt: '2022-02-01', status: 'cancelled', parties: ['Israel', 'Hamas'], date: dateRef('2024-02-11') });
    assert.equal(foldTrack([announcedJanuary]).state.status, 'proposed');
    assert.equal(foldTrack([announcedJanuary, heldJan10]).state.status, 'active');
    assert.equal(foldTrack([announcedJanuary, heldJan10, postponed]).state.status, 'paused');
    // A meeting called off says nothing of the negotiation: paused, not collapsed, without a cue that it broke down.
    assert.equal(foldTrack([cancelled]).state.status, 'paused');
  });
  it('refuses an event of another track', () => {
    const state: TrackState = evolve(undefined, announcedJanuary).state;
    const other = roundReported({ articleId: 'x', occurredAt: '2022-01-01', status: 'announced', parties: ['NATO', 'Russia'] });
    assert.throws(() => evolve(state, other), TrackMismatchError);
    assert.throws(() => evolve(state, other), { code: 'track-mismatch' });
  });

  it('lists the alerting change types', () => {
    assert.deepEqual([...alertingChangeTypes], [
      'round.added',
      'round.status-changed',
      'round.rescheduled',
      'round.withdrawn',
      'demand.added',
      'demand.responded',
      'demand.withdrawn',
      'response.withdrawn',
    ]);
    const { changes } = foldTrack([announcedJanuary, heldJan10]);
    assert.deepEqual(changes.map(isAlertingChange), changes.map((c) => c.type !== 'track.status-changed'));
  });

  it('the state is JSON-serialisable as is', () => {
    const { state } = foldTrack([announcedJanuary, scheduledJan10, demand]);
    assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
  });
});

describe('evolve: responses', () => {
  const guarantees = demandReported({ articleId: 'r1', occurredAt: '2021-12-17', by: 'Russia', to: 'United States', text: 'legally binding security guarantees' });
  const rejection = responseReported({
    articleId: 'r2',
    occurredAt: '2022-01-26',
    by: 'United States',
    to: 'Russia',
    kind: 'rejected',
    text: 'legally binding security guarantees',
    demand: { by: 'Russia', text: 'Legally binding security guarantees.' },
  });
  const counter = responseReported({
    articleId: 'r3',
    occurredAt: '2022-02-01',
    by: 'United States',
    to: 'Russia',
    kind: 'counter-proposal',
    text: 'reciprocal limits on exercises',
    demand: { by: 'Russia', text: 'legally binding security guarantees' },
  });

  it('links a rejection to the demand it answers and reports it once', () => {
    const { state, changes } = foldTrack([guarantees, rejection, rejection]);
    assert.equal(state.responses.length, 1);
    assert.equal(state.responses[0]?.demandId, state.demands[0]?.id);
    assert.equal(state.demands[0]?.status, 'rejected');
    assert.deepEqual(
      changes.map((c) => [c.type, c.summary]),
      [
        ['demand.added', 'New demand: Russia → United States: legally binding security guarantees'],
        ['demand.responded', 'United States rejected: legally binding security guarantees'],
      ],
    );
  });

  it('the latest response by report time decides the status, whatever the order of arrival', () => {
    const inOrder = foldTrack([guarantees, rejection, counter]).state;
    assert.equal(inOrder.demands[0]?.status, 'countered');
    for (const order of permutations([guarantees, rejection, counter])) {
      const { state } = foldTrack(order);
      assert.deepEqual(state.demands, inOrder.demands);
      assert.deepEqual(state.responses, inOrder.responses);
    }
  });

  it('a response with no linked demand leaves the demands open', () => {
    const unlinked = responseReported({ articleId: 'r4', occurredAt: '2022-01-27', by: 'United States', to: 'Russia', kind: 'rejected', text: 'the proposals on Ukraine' });
    const { state, changes } = foldTrack([guarantees, unlinked]);
    assert.equal(state.demands[0]?.status, 'open');
    assert.equal(state.responses[0]?.demandId, null);
    assert.equal(changes.at(-1)?.type, 'demand.responded');
  });
});

describe('evolve: one round per meeting (continuation window)', () => {
  const geneva = { venue: 'Geneva' };
  it('a meeting on another, non-adjacent day is another round, never a continuation (12 and 21 January)', () => {
    const held12 = roundReported({ articleId: 'w1', occurredAt: '2022-01-12', status: 'held', date: dateRef('2022-01-12'), ...geneva });
    const concluded21 = roundReported({ articleId: 'w2', occurredAt: '2022-01-21', status: 'concluded', date: dateRef('2022-01-21'), ...geneva });
    const held14 = roundReported({ articleId: 'w3', occurredAt: '2022-01-14', status: 'held', date: dateRef('2022-01-14'), ...geneva });
    for (const order of permutations([held12, concluded21, held14])) {
      const { state } = foldTrack(order);
      assert.deepEqual(
        state.rounds.map((r) => [r.id, r.date?.start, r.date?.end]),
        [
          ['russia--united-states:round:2022-01-12', '2022-01-12', null],
          ['russia--united-states:round:2022-01-14', '2022-01-14', null],
          ['russia--united-states:round:2022-01-21', '2022-01-21', null],
        ],
      );
    }
  });

  it('a working dinner the evening before a scheduled session is the same round (9..10 January), in any order', () => {
    const scheduled = roundReported({ articleId: 'g1', occurredAt: '2021-12-28', status: 'scheduled', date: dateRef('2022-01-10', 'Jan. 10'), ...geneva });
    const dinner = roundReported({ articleId: 'g2', occurredAt: '2022-01-09', status: 'held', date: dateRef('2022-01-09', 'on Sunday evening'), ...geneva });
    const ended = roundReported({ articleId: 'g3', occurredAt: '2022-01-10', status: 'concluded', date: dateRef('2022-01-10', 'on Monday'), ...geneva });
    const late = roundReported({ articleId: 'g4', occurredAt: '2022-01-20', status: 'held', date: dateRef('2022-01-10', 'Jan. 10'), ...geneva });
    const reference = foldTrack([scheduled, dinner, ended, late]).state;
    assert.deepEqual(
      reference.rounds.map((r) => [r.status, r.date?.start, r.date?.end, r.venue, r.sources.length]),
      [['concluded', '2022-01-09', '2022-01-10', 'Geneva', 4]],
    );
    for (const order of permutations([scheduled, dinner, ended, late])) assert.deepEqual(foldTrack(order).state, reference);
    // Widening the dates over the evening before is no reschedule.
    assert.ok(!foldTrack([scheduled, dinner, ended, late]).changes.some((c) => c.type === 'round.rescheduled'));
  });

  it('adjacent days at different venues are different meetings', () => {
    const brussels = roundReported({ articleId: 'v1', occurredAt: '2022-01-12', status: 'held', date: dateRef('2022-01-12'), venue: 'Brussels' });
    const vienna = roundReported({ articleId: 'v2', occurredAt: '2022-01-13', status: 'held', date: dateRef('2022-01-13'), venue: 'Vienna' });
    assert.equal(foldTrack([brussels, vienna]).state.rounds.length, 2);
  });

  it('a round spans at most a few days: held on Monday, reported ended on Friday (4 days later) is another report', () => {
    const held = roundReported({ articleId: 's1', occurredAt: '2022-01-10', status: 'held', date: dateRef('2022-01-10') });
    const ended = roundReported({ articleId: 's2', occurredAt: '2022-01-14', status: 'concluded', date: dateRef('2022-01-14') });
    assert.equal(foldTrack([held, ended]).state.rounds.length, 2);
  });

  it('"postponed to 17 January", without an ordinal, moves the open round', () => {
    const scheduled = roundReported({ articleId: 'm1', occurredAt: '2022-01-02', status: 'scheduled', date: dateRef('2022-01-10') });
    const postponed = roundReported({ articleId: 'm2', occurredAt: '2022-01-05', status: 'postponed', date: dateRef('2022-01-17') });
    const { state, changes } = foldTrack([scheduled, postponed]);
    assert.deepEqual(state.rounds.map((r) => [r.id, r.status, r.date?.start]), [['russia--united-states:round:2022-01-17', 'postponed', '2022-01-17']]);
    assert.deepEqual(changes.map((c) => c.id), [
      'russia--united-states:round:2022-01-10:added',
      'russia--united-states:round:2022-01-10:date:2022-01-17',
      'russia--united-states:round:2022-01-17:status:postponed',
      'russia--united-states:status:proposed->paused',
    ]);
    assert.deepEqual(foldTrack([postponed, scheduled]).state, state);
  });
});

describe('evolve: order independence', () => {
  const january = roundReported({ articleId: 'o1', occurredAt: '2021-12-22', status: 'announced', date: dateRef('2022-01', 'in January') });
  const jan10 = roundReported({ articleId: 'o2', occurredAt: '2021-12-28', status: 'scheduled', date: dateRef('2022-01-10'), venue: 'Geneva', forum: 'Strategic Stability Dialogue' });
  const jan21 = roundReported({ articleId: 'o3', occurredAt: '2022-01-21', status: 'concluded', date: dateRef('2022-01-21'), venue: 'Geneva' });
  const undatedHeld = roundReported({ articleId: 'o4', occurredAt: '2022-01-11', status: 'held', venue: 'Geneva', forum: 'Strategic Stability Dialogue' });
  const heldJan10 = roundReported({ articleId: 'o5', occurredAt: '2022-01-10', status: 'held', date: dateRef('2022-01-10'), forum: 'Geneva talks' });
  const all = [january, jan10, jan21, undatedHeld, heldJan10];

  it('round ids, vague and undated reports land the same whatever the order of arrival', () => {
    const reference = foldTrack(all).state;
    assert.deepEqual(
      reference.rounds.map((r) => [r.id, r.status, r.date?.start, r.sources.map((s) => s.articleId)]),
      [
        // "In January" joins the earliest January round; the undated "held" report of 11 January the
        // latest round dated up to that day.
        ['russia--united-states:round:2022-01-10', 'held', '2022-01-10', ['o1', 'o2', 'o5', 'o4']],
        ['russia--united-states:round:2022-01-21', 'concluded', '2022-01-21', ['o3']],
      ],
    );
    for (const order of permutations(all)) assert.deepEqual(foldTrack(order).state, reference, order.map((e) => e.id).join(' '));
  });

  it('a vague round that got its day never lends its id to another meeting', () => {
    // "In January" (no venue) joins the 8 January round in Vienna; a later "January, in Geneva"
    // cannot (another venue): it is another meeting and must be announced, not taken for the first.
    const vague = roundReported({ articleId: 'v1', occurredAt: '2022-01-01', status: 'announced', date: dateRef('2022-01') });
    const vienna = roundReported({ articleId: 'v2', occurredAt: '2022-01-02', status: 'announced', date: dateRef('2022-01-08'), venue: 'Vienna' });
    const geneva = roundReported({ articleId: 'v3', occurredAt: '2022-01-03', status: 'announced', date: dateRef('2022-01'), venue: 'Geneva' });
    const { state, changes } = foldTrack([vague, vienna, geneva]);
    assert.deepEqual(state.rounds.map((r) => r.id), ['russia--united-states:round:2022-01-geneva', 'russia--united-states:round:2022-01-08']);
    assert.deepEqual(changes.filter((c) => c.type === 'round.added').map((c) => c.id), [
      'russia--united-states:round:2022-01:added',
      'russia--united-states:round:2022-01-geneva:added',
    ]);
  });

  it('an undated report read first does not block the dated ones', () => {
    const { state } = foldTrack([undatedHeld, jan21, jan10]);
    assert.deepEqual(state.rounds.map((r) => r.date?.start), ['2022-01-10', '2022-01-21']);
  });

  it('change ids are derived from facts and never name two meetings', () => {
    // "January" and 21 January read first, 10 January last: the January report moves to the 10th,
    // which is a new round with its own id; the 21st keeps its id.
    const { changes } = foldTrack([january, jan21, jan10]);
    assert.deepEqual(changes.map((c) => [c.type, c.id]), [
      ['round.added', 'russia--united-states:round:2022-01:added'],
      ['round.status-changed', 'russia--united-states:round:2022-01-21:status:concluded'],
      ['track.status-changed', 'russia--united-states:status:proposed->active'],
      ['round.added', 'russia--united-states:round:2022-01-10:added'],
    ]);
    assert.equal(new Set(changes.map((c) => c.id)).size, changes.length);
    assert.deepEqual(foldTrack([january, jan21, jan10]).changes, changes);
  });

  it('the forum is the one named by most articles (ties: alphabetical), not the first one read', () => {
    assert.equal(foldTrack(all).state.forum, 'Strategic Stability Dialogue');
    for (const order of permutations([jan10, heldJan10])) assert.equal(foldTrack(order).state.forum, 'Geneva talks');
    assert.equal(foldTrack([january]).state.forum, null);
  });
});

describe('evolve: demands by meaning', () => {
  const d = (articleId: string, text: string, category: string | null, occurredAt = '2021-12-20'): TalkEvent =>
    demandReported({ articleId, occurredAt, by: 'Russia', to: 'NATO', text, category });
  const events = [
    d('e1', 'NATO stop expanding', 'enlargement', '2021-12-17'),
    d('e2', 'no further NATO expansion', 'enlargement'),
    d('e3', 'NATO stop expanding', 'enlargement', '2021-12-21'),
    d('e4', "close NATO's door to new members", 'enlargement'),
    d('e5', 'legally binding security guarantees', 'guarantees'),
    d('e6', 'binding guarantees of its security, in writing', 'guarantees', '2021-12-23'),
    d('e7', 'a return of military infrastructure to its 1997 state', null),
    d('e8', "withdraw NATO's military infrastructure to the 1997 lines", 'withdrawal'),
  ];

  it('rewordings of one demand are one demand, with every source and the most reported wording', () => {
    const { state, changes } = foldTrack(events);
    assert.deepEqual(
      state.demands.map((x) => [x.text, x.category, x.sources.map((s) => s.articleId)]),
      [
        ['NATO stop expanding', 'enlargement', ['e1', 'e2', 'e4', 'e3']],
        ['legally binding security guarantees', 'guarantees', ['e5', 'e6']],
        ['a return of military infrastructure to its 1997 state', 'withdrawal', ['e7', 'e8']],
      ],
    );
    // One alert per real demand, named after the wording that revealed it.
    assert.deepEqual(
      changes.map((c) => c.type),
      ['demand.added', 'demand.added', 'demand.added'],
    );
    assert.equal(new Set(changes.map((c) => c.id)).size, 3);
  });

  it('the demands, their ids and texts do not depend on the order of the wordings', () => {
    const reference = foldTrack(events).state;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const order = [...events].sort((a, b) => ((a.metadata.articleId.charCodeAt(1) * seed) % 7) - ((b.metadata.articleId.charCodeAt(1) * seed) % 7) || a.id.localeCompare(b.id));
      assert.deepEqual(foldTrack(order).state, reference);
    }
    assert.deepEqual(foldTrack([...events].reverse()).state, reference);
  });

  it('different demands of one party stay apart, and other parties\' demands never merge', () => {
    const nato = demandReported({ articleId: 'n1', occurredAt: '2021-12-20', by: 'NATO', to: 'Russia', text: 'stop expanding its forces near Ukraine', category: 'enlargement' });
    const { state } = foldTrack([...events, nato]);
    assert.equal(state.demands.filter((x) => x.by === 'Russia').length, 3);
    assert.equal(state.demands.filter((x) => x.by === 'NATO').length, 1);
  });

  it('a response to one wording links to the merged demand', () => {
    const rejection = responseReported({
      articleId: 'x1',
      occurredAt: '2022-01-26',
      by: 'NATO',
      to: 'Russia',
      kind: 'rejected',
      text: 'Moscow’s call to close the door',
      demand: { by: 'Russia', text: "close NATO's door to new members" },
    });
    for (const order of [[...events, rejection], [rejection, ...events]]) {
      const { state } = foldTrack(order);
      const enlargement = state.demands.find((x) => x.category === 'enlargement');
      assert.equal(state.responses[0]?.demandId, enlargement?.id);
      assert.equal(enlargement?.status, 'rejected');
    }
  });
});

describe('projector: ordinals over the years', () => {
  it('the same sides\' "first round" years apart are two rounds; an undated report joins its own stretch', () => {
    const parties = ['Canada', 'Japan'];
    const first2029 = roundReported({ articleId: 'y1', occurredAt: '2029-03-01', parties, status: 'held', ordinal: 1, date: dateRef('2029-02-28') });
    const first2031 = roundReported({ articleId: 'y2', occurredAt: '2031-05-17', parties, status: 'held', ordinal: 1, date: dateRef('2031-05-16') });
    const undated = roundReported({ articleId: 'y3', occurredAt: '2031-05-18', parties, status: 'concluded' });
    for (const order of permutations([first2029, first2031, undated])) {
      const { state } = foldTrack(order);
      assert.deepEqual(state.rounds.map((r) => [r.date?.start, r.sources.length]), [['2029-02-28', 1], ['2031-05-16', 2]]);
    }
  });
});

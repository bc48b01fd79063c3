import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TalkEvent } from './events.js';
import { TrackMismatchError, type TrackState, alertingChangeTypes, evolve, foldTrack, isAlertingChange } from './projector.js';
import { dateRef, demandReported, responseReported, roundReported } from './test-factories.js';

const announcedJanuary = roundReported({ articleId: 'a1', occurredAt: '2021-12-22', status: 'announced', date: dateRef('2022-01', 'in January'), ordinal: 1 });
const scheduledJan10 = roundReported({ articleId: 'a2', occurredAt: '2021-12-28', status: 'scheduled', date: dateRef('2022-01-10', 'Jan. 10'), venue: 'Geneva' });
const heldJan10 = roundReported({ articleId: 'a3', occurredAt: '2022-01-10', status: 'held', date: dateRef('2022-01-10', 'Monday') });
const concludedJan10 = roundReported({ articleId: 'a4', occurredAt: '2022-01-11', status: 'concluded', date: dateRef('2022-01-10', 'on Monday') });
const demand = demandReported({ articleId: 'a1', occurredAt: '2021-12-22', by: 'Russia', to: 'United States', text: 'legal guarantees of its security', category: 'guarantees', start: 50 });

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('evolve: rounds', () => {
  it('a first report creates the track and the round, with a deterministic id and a readable summary', () => {
    const { state, changes } = evolve(undefined, announcedJanuary);
    assert.equal(state.id, 'russia--united-states');
    assert.equal(state.name, 'Russia – United States');
    assert.equal(state.status, 'proposed');
    assert.equal(state.version, 1);
    assert.deepEqual(
      state.rounds.map((r) => [r.id, r.status, r.date?.start, r.ordinal]),
      [['russia--united-states:round:2022-01', 'announced', '2022-01', 1]],
    );
    assert.deepEqual(
      changes.map((c) => [c.type, c.id, c.summary]),
      [['round.added', 'russia--united-states:round:2022-01:added', 'New round: Russia – United States (round 1), expected January 2022']],
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
        ['round.added', 'russia--united-states:round:2022-01:added'],
        ['round.status-changed', 'russia--united-states:round:2022-01:status:scheduled:2022-01-10'],
      ],
    );
    assert.equal(changes[1]?.summary, 'Round update: Russia – United States, round 1 now scheduled for 10 January 2022 in Geneva (was announced)');
  });

  it('a date moved outside its period is a reschedule', () => {
    const moved = roundReported({ articleId: 'a5', occurredAt: '2022-01-05', status: 'scheduled', date: dateRef('2022-01-17'), ordinal: 1 });
    const first = roundReported({ articleId: 'a2', occurredAt: '2021-12-28', status: 'scheduled', date: dateRef('2022-01-10'), ordinal: 1 });
    const { state, changes } = foldTrack([first, moved]);
    assert.equal(state.rounds[0]?.date?.start, '2022-01-17');
    const rescheduled = changes.find((c) => c.type === 'round.rescheduled');
    assert.ok(rescheduled?.type === 'round.rescheduled');
    assert.deepEqual([rescheduled.id, rescheduled.from.start, rescheduled.to.start], ['russia--united-states:round:2022-01:date:2022-01-17', '2022-01-10', '2022-01-17']);
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
    // The track is born active (its first round was held): no track change, only the round's.
    assert.deepEqual(changes.map((c) => c.type), ['round.added', 'round.status-changed']);
  });

  it('different days and ordinals are different rounds, with distinct ids', () => {
    const second = roundReported({ articleId: 'b1', occurredAt: '2022-03-03', status: 'held', parties: ['Russia', 'Ukraine'], date: dateRef('2022-03-03'), ordinal: 2 });
    const third = roundReported({ articleId: 'b2', occurredAt: '2022-03-05', status: 'scheduled', parties: ['Russia', 'Ukraine'], date: dateRef('2022-03-07'), ordinal: 3 });
    const { state } = foldTrack([second, third]);
    assert.deepEqual(state.rounds.map((r) => r.id), ['russia--ukraine:round:2022-03', 'russia--ukraine:round:n3']);
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
      [['russia--united-states:round:2022-01', 'concluded', '2022-01-10', 1, 'Geneva', 4]],
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
      'russia--united-states:round:2022-01:added',
      'russia--united-states:round:2022-01:status:scheduled:2022-01-10',
      'russia--united-states:round:2022-01:status:held',
      'russia--united-states:status:proposed->active',
      'russia--united-states:round:2022-01:status:concluded',
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

  it('derives the track status from its rounds: proposed, active, paused, collapsed', () => {
    const postponed = roundReported({ articleId: 'p1', occurredAt: '2022-02-01', status: 'postponed', date: dateRef('2022-02-10'), ordinal: 2 });
    const cancelled = roundReported({ articleId: 'c1', occurredAt: '2022-02-01', status: 'cancelled', parties: ['Israel', 'Hamas'], date: dateRef('2024-02-11') });
    assert.equal(foldTrack([announcedJanuary]).state.status, 'proposed');
    assert.equal(foldTrack([announcedJanuary, heldJan10]).state.status, 'active');
    assert.equal(foldTrack([announcedJanuary, heldJan10, postponed]).state.status, 'paused');
    assert.equal(foldTrack([cancelled]).state.status, 'collapsed');
  });

  it('refuses an event of another track', () => {
    const state: TrackState = evolve(undefined, announcedJanuary).state;
    const other = roundReported({ articleId: 'x', occurredAt: '2022-01-01', status: 'announced', parties: ['NATO', 'Russia'] });
    assert.throws(() => evolve(state, other), TrackMismatchError);
    assert.throws(() => evolve(state, other), { code: 'track-mismatch' });
  });

  it('lists the alerting change types', () => {
    assert.deepEqual([...alertingChangeTypes], ['round.added', 'round.status-changed', 'round.rescheduled', 'demand.added', 'demand.responded']);
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

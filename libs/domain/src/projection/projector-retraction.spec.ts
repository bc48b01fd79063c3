// Retractions: a fact withdrawn by a re-extraction is folded out as if it had never been read,
// whatever the order in which the fact and its withdrawal arrive, and the corrections alert once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FactEvent, type TalkEvent, parseTalkEvent, retractionOf } from '../events/events.js';
import { type TrackState, foldTrack, isAlertingChange } from './projector.js';
import { dateRef, demandReported, permutations, responseReported, roundReported } from '../test-factories.js';

const retract = (fact: FactEvent) => retractionOf(fact, 'reextracted', 'rules-test-2', '2030-02-01T00:00:00Z');

/** What users see of a track: everything but the bookkeeping of how it was folded. */
function visible(state: TrackState) {
  return {
    status: state.status,
    forum: state.forum,
    rounds: state.rounds.map((r) => ({ id: r.id, status: r.status, date: r.date, venue: r.venue, sources: r.sources })),
    demands: state.demands.map((d) => ({ id: d.id, text: d.text, status: d.status, sources: d.sources })),
    responses: state.responses.map((r) => ({ id: r.id, demandId: r.demandId, sources: r.sources })),
  };
}

const scheduled = roundReported({ articleId: 'r1', occurredAt: '2022-01-03', status: 'scheduled', date: dateRef('2022-01-10'), venue: 'Geneva' });
const wronglyHeld = roundReported({ articleId: 'r2', occurredAt: '2022-01-05', status: 'held', date: dateRef('2022-01-10'), venue: 'Geneva', forum: 'Strategic Stability Dialogue' });
const lonely = roundReported({ articleId: 'r3', occurredAt: '2022-01-06', status: 'announced', date: dateRef('2022-03-02') });
const demand = demandReported({ articleId: 'r1', occurredAt: '2022-01-03', by: 'Russia', to: 'United States', text: 'Washington must rule out new bases near Russia', category: 'deployments', start: 100 });
const rejection = responseReported({
  articleId: 'r4',
  occurredAt: '2022-01-07',
  by: 'United States',
  to: 'Russia',
  kind: 'rejected',
  text: 'Washington rejected the call to rule out new bases',
  demand: { by: 'Russia', text: 'Washington must rule out new bases near Russia' },
});

describe('evolve: retractions', () => {
  it('a retraction is a valid, versioned event keyed by the fact\'s track', () => {
    const event = retract(wronglyHeld);
    assert.deepEqual(parseTalkEvent(JSON.parse(JSON.stringify(event))), event);
    assert.equal(event.id, `${wronglyHeld.id}:retracted`);
    assert.deepEqual([event.data.trackId, event.data.retractedEventId, event.data.retractedType], [wronglyHeld.data.trackId, wronglyHeld.id, 'RoundReported']);
    // It keeps the fact's own time (asOf hides what the article never said) and records when it was withdrawn.
    assert.deepEqual([event.metadata.occurredAt, event.metadata.observedAt, event.metadata.extractorVersion], ['2022-01-05', '2030-02-01T00:00:00Z', 'rules-test-2']);
  });

  it('withdrawing a wrong "held" report moves the round back, as a correction that alerts once', () => {
    const { state: before } = foldTrack([scheduled, wronglyHeld]);
    assert.equal(before.rounds[0]?.status, 'held');
    const { state, changes } = foldTrack([retract(wronglyHeld)], before);
    assert.deepEqual(state.rounds.map((r) => [r.status, r.sources.map((s) => s.articleId)]), [['scheduled', ['r1']]]);
    assert.equal(state.status, 'proposed');
    assert.equal(state.forum, null, 'the only article naming the forum was withdrawn');
    const round = changes.find((c) => c.type === 'round.status-changed');
    assert.ok(round?.type === 'round.status-changed');
    assert.deepEqual([round.from, round.to], ['held', 'scheduled']);
    assert.equal(round.id, `russia--united-states:round:2022-01-10:status:scheduled:2022-01-10~${wronglyHeld.id}:retracted`);
    assert.match(round.summary, /^Correction: /);
    assert.ok(isAlertingChange(round));
    // Applying the same retraction again, or reading the withdrawn fact again, changes nothing.
    assert.deepEqual(foldTrack([retract(wronglyHeld), wronglyHeld], state).changes, []);
    assert.deepEqual(visible(foldTrack([wronglyHeld], state).state), visible(state));
  });

  it('a round no source supports any more is withdrawn', () => {
    const { state: before } = foldTrack([scheduled, lonely]);
    const { state, changes } = foldTrack([retract(lonely)], before);
    assert.deepEqual(state.rounds.map((r) => r.id), ['russia--united-states:round:2022-01-10']);
    const withdrawn = changes.flatMap((c) => (c.type === 'round.withdrawn' ? [c] : []));
    assert.deepEqual(withdrawn.map((c) => [c.id, c.roundId]), [
      [`russia--united-states:round:2022-03-02:withdrawn~${lonely.id}:retracted`, 'russia--united-states:round:2022-03-02'],
    ]);
    assert.ok(withdrawn.every(isAlertingChange));
  });

  it('a demand stays while another wording supports it; withdrawn with its last one; its response too', () => {
    const reworded = demandReported({ articleId: 'r5', occurredAt: '2022-01-08', by: 'Russia', to: 'United States', text: 'Washington must rule out any new bases near Russia', category: 'deployments' });
    const { state: both } = foldTrack([demand, reworded, rejection]);
    assert.equal(both.demands.length, 1);
    assert.equal(both.demands[0]?.status, 'rejected');

    const once = foldTrack([retract(reworded)], both);
    assert.deepEqual(once.changes, []);
    assert.deepEqual(once.state.demands.map((d) => d.sources.map((s) => s.articleId)), [['r1']]);

    const gone = foldTrack([retract(demand)], once.state);
    assert.deepEqual(gone.state.demands, []);
    assert.deepEqual(gone.changes.map((c) => c.type), ['demand.withdrawn']);

    const answered = foldTrack([retract(rejection)], both);
    assert.deepEqual(answered.state.responses, []);
    assert.equal(answered.state.demands[0]?.status, 'open');
    assert.deepEqual(answered.changes.map((c) => c.type), ['response.withdrawn']);
  });

  it('a re-extraction that publishes the new reading first and withdraws the old one raises no alert', () => {
    // The same fact, re-read by a newer extractor: a new event id, then the old one withdrawn.
    const reread: FactEvent = { ...demand, id: `${demand.id}@r1`, data: { ...demand.data, category: 'military-deployments' } };
    const { state: before } = foldTrack([demand, scheduled]);
    const { state, changes } = foldTrack([reread, retract(demand)], before);
    assert.deepEqual(changes.filter(isAlertingChange), []);
    assert.deepEqual(state.demands.map((d) => [d.id, d.category, d.sources.map((s) => s.articleId)]), [[before.demands[0]?.id, 'military-deployments', ['r1']]]);
  });

  it('the final state is the fold of the standing facts, whatever the order (retraction first included)', () => {
    const facts: TalkEvent[] = [scheduled, wronglyHeld, lonely, demand, rejection];
    const withdrawn = [retract(wronglyHeld), retract(lonely)];
    const expected = visible(foldTrack([scheduled, demand, rejection]).state);
    for (const order of permutations([...facts, ...withdrawn])) {
      assert.deepEqual(visible(foldTrack(order).state), expected, order.map((e) => e.id).join(' '));
    }
  });

  it('a state stored before reports kept their event ids is upgraded on the next fold', () => {
    const { state: current } = foldTrack([scheduled, demand, rejection]);
    // What such a state looked like: no event ids, retractions, forum mentions, wordings or response reports.
    const legacy = JSON.parse(JSON.stringify(current)) as Record<string, unknown> & TrackState;
    delete (legacy as Partial<TrackState>).retracted;
    delete (legacy as Partial<TrackState>).forumMentions;
    for (const round of legacy.rounds) for (const report of round.reports) delete (report as Partial<typeof report>).eventId;
    for (const d of legacy.demands) delete (d as Partial<typeof d>).wordings;
    for (const r of legacy.responses) delete (r as Partial<typeof r>).reports;

    const late = roundReported({ articleId: 'r6', occurredAt: '2022-01-11', status: 'held', date: dateRef('2022-01-10'), venue: 'Geneva' });
    const upgraded = foldTrack([late], legacy);
    const fresh = foldTrack([scheduled, demand, rejection, late]);
    assert.deepEqual(visible(upgraded.state), visible(fresh.state));
    assert.deepEqual(upgraded.state.retracted, []);
    // Facts already folded are still recognised (by their report) and change nothing.
    assert.deepEqual(foldTrack([scheduled, demand, rejection], legacy).changes, []);
    assert.equal(foldTrack([scheduled, demand, rejection], legacy).state.version, legacy.version);
  });
});

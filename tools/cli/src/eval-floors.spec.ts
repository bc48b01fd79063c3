// The floors of the extraction and of the merged timeline on the dev corpus: scripts/eval-floors.json
// holds, per negotiation, the figures `npm run eval` and `npm run eval:timeline` reached when it was
// last raised. A figure below its floor (or above its ceiling, for "max." keys) fails, naming the
// negotiation, so that a change helping one story cannot silently hurt another. Raise the floors
// as things improve: `node scripts/eval-floors.mjs --raise`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { type EvalOutput, type TimelineOutput, repoRoot, runScriptJson, skipReason } from './eval-test-support.js';

type Entry = Record<string, number>;
interface Floors {
  eval: Record<string, Entry>;
  timeline: Record<string, Entry>;
  timelineFromLabels: Record<string, Entry>;
}

const skip = skipReason('eval floors');
const floors = JSON.parse(readFileSync(path.join(repoRoot, 'scripts/eval-floors.json'), 'utf8')) as Floors;

/** The figure a floor key names: "rounds.f1", "max.wrongMerges" (a ceiling on wrongMerges). */
function figure(object: unknown, key: string): number | null {
  let value: unknown = object;
  for (const part of key.replace(/^max\./, '').split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'number' ? value : null;
}

/** Every broken floor of a section, one line each, and the figures that rose above theirs. */
function check(section: string, measured: ReadonlyMap<string, unknown>, entries: Record<string, Entry>): { broken: string[]; risen: string[] } {
  const broken: string[] = [];
  const risen: string[] = [];
  for (const [id, entry] of Object.entries(entries)) {
    const figures = measured.get(id);
    if (figures === undefined) {
      broken.push(`${section} ${id}: no longer measured (the negotiation is gone from the output)`);
      continue;
    }
    for (const [key, floor] of Object.entries(entry)) {
      const now = figure(figures, key);
      const ceiling = key.startsWith('max.');
      if (now === null) broken.push(`${section} ${id}: ${key} is no longer measured (floor ${floor})`);
      else if (ceiling ? now > floor + 1e-9 : now < floor - 1e-9) broken.push(`${section} ${id}: ${key.replace(/^max\./, '')} ${now} ${ceiling ? '>' : '<'} ${ceiling ? 'ceiling' : 'floor'} ${floor}`);
      else if (now !== floor) risen.push(`${section} ${id}: ${key} ${floor} -> ${now}`);
    }
  }
  return { broken, risen };
}

function assertFloors(section: string, measured: ReadonlyMap<string, unknown>, entries: Record<string, Entry>, diagnostic: (message: string) => void): void {
  const { broken, risen } = check(section, measured, entries);
  if (risen.length) diagnostic(`better than the floors (raise them: node scripts/eval-floors.mjs --raise):\n${risen.join('\n')}`);
  assert.equal(broken.length, 0, `figures below their floors in scripts/eval-floors.json:\n${broken.join('\n')}`);
}

function timelineFigures(t: TimelineOutput): Map<string, unknown> {
  return new Map<string, unknown>([['total', { ...t.totals, orderDependentTracks: t.orders.orderDependentTracks.length }], ...t.tracks.map((x): [string, unknown] => [x.id, x])]);
}

describe('evaluation floors on the dev corpus (scripts/eval-floors.json)', () => {
  it('npm run eval: no negotiation below its floors', { skip }, (t) => {
    const { run, json } = runScriptJson('eval.mjs', []);
    const e = json as EvalOutput;
    assert.ok(run.status === 0 || run.status === 1, `eval exited ${String(run.status)}: ${run.stderr}`);
    assert.equal(e.crossCheck.status, 'same figures', 'the per-negotiation scorer follows the shared one');
    if (e.refused.length) t.diagnostic(`refused by the CLI: ${e.refused.map((r) => `${r.file} (${r.reason})`).join('; ')}`);
    assertFloors('eval', new Map<string, unknown>([['total', e], ...e.negotiations.map((n): [string, unknown] => [n.id, n])]), floors.eval, (m) => {
      t.diagnostic(m);
    });
  });

  it('npm run eval:timeline: no meetings.json track below its floors, the same tracks for every order', { skip }, (t) => {
    const { run, json } = runScriptJson('eval-timeline.mjs', []);
    const timeline = json as TimelineOutput;
    assert.equal(timeline.source, 'extractor');
    assert.deepEqual(timeline.orders.orderDependentTracks, [], 'the final tracks depend on the order the events arrive in');
    assert.deepEqual(timeline.orders.differentEvaluations, []);
    assert.equal(run.status, 0, run.stderr);
    if (timeline.unparseable.length) t.diagnostic(`not folded: ${timeline.unparseable.map((u) => `${u.file} (${u.reason})`).join('; ')}`);
    assertFloors('timeline', timelineFigures(timeline), floors.timeline, (m) => {
      t.diagnostic(m);
    });
  });

  it('npm run eval:timeline --from-labels (the projector alone): no track below its floors', { skip }, (t) => {
    const { json } = runScriptJson('eval-timeline.mjs', ['--from-labels']);
    const timeline = json as TimelineOutput;
    assert.equal(timeline.source, 'labels');
    assertFloors('timelineFromLabels', timelineFigures(timeline), floors.timelineFromLabels, (m) => {
      t.diagnostic(m);
    });
  });
});

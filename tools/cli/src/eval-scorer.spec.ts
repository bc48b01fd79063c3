// scripts/eval.mjs scores with its own copy of the shared scorer's rules, to split the counts by
// negotiation. This spec holds the copy to the original: on the extractor's predictions and on
// predictions built to reach every rule (aliases, partial dates, optional labels, duplicates, a file
// predicted twice, files without predictions), the overall figures must be the shared scorer's, run
// as a process on the same files, and the negotiations' counts must add up to them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { type EvalOutput, type ScorerFigures, corpus, repoRoot, runNode, runScriptJson, sharedScorer, skipReason } from './eval-test-support.js';

interface LabelRound {
  track_parties: string[];
  status: string;
  date_iso: string | null;
  evidence: string;
  optional?: boolean;
}
interface LabelDemand {
  by: string;
  of: string[];
  text: string;
  quote: string;
  optional?: boolean;
}
interface Label {
  file: string;
  rounds: LabelRound[];
  demands: LabelDemand[];
}
interface PredictionRecord {
  file: string;
  rounds?: unknown[] | null;
  demands?: unknown[];
}

const skip = skipReason('eval scorer equivalence');
const dir = mkdtempSync(path.join(tmpdir(), 'talkwatch-eval-scorer-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeJsonl(name: string, records: readonly PredictionRecord[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return file;
}

/** The labels as predictions: every label found, with its own sentence. */
function labelsAsPredictions(labels: readonly Label[]): PredictionRecord[] {
  return labels.map((l) => ({
    file: l.file,
    rounds: l.rounds.map((g) => ({ parties: g.track_parties, status: g.status, date: g.date_iso ? { start: g.date_iso } : null, evidence: { sentence: g.evidence } })),
    demands: l.demands.map((d) => ({ by: d.by, addressedTo: d.of, text: d.text, evidence: { sentence: d.quote } })),
  }));
}

const ALIAS: Record<string, string> = { 'United States': 'U.S.', Russia: 'the Kremlin', 'United Kingdom': 'Britain', NATO: 'the alliance', China: 'Beijing' };
const STATUSES = ['announced', 'scheduled', 'held', 'concluded', 'postponed', 'cancelled', 'ongoing', 'expected'];

/** Labels bent every way the rules care about, deterministically. */
function perturbed(labels: readonly Label[]): PredictionRecord[] {
  const out: PredictionRecord[] = [];
  labels.forEach((l, li) => {
    if (li % 11 === 5) return; // no prediction for this file
    const rounds = l.rounds.flatMap((g, i) => {
      if ((li + i) % 4 === 0) return []; // missed
      const parties = g.track_parties.map((p) => ALIAS[p] ?? p);
      const kept = (li + i) % 3 === 0 ? parties.slice(0, 1) : parties; // one party only: no match
      let date: unknown = g.date_iso ? { start: g.date_iso.slice(0, (li + i) % 2 ? 7 : 10) } : { start: '2030-01-01' };
      if ((li + i) % 7 === 0) date = g.date_iso; // a bare string
      const round = { parties: kept, status: STATUSES[(li + i) % STATUSES.length], date, evidence: { sentence: (li + i) % 5 === 0 ? '' : g.evidence } };
      return (li + i) % 6 === 1 ? [round, { ...round, evidence: { sentence: 'Another sentence entirely.' } }] : [round];
    });
    const demands = l.demands.flatMap((d, i) => {
      if ((li + i) % 3 === 0) return [];
      const by = (li + i) % 5 === 0 ? 'Somebody else' : (ALIAS[d.by] ?? d.by);
      return [{ by, addressedTo: d.of, text: (li + i) % 2 ? d.text : d.text.split(' ').slice(0, 2).join(' '), evidence: { sentence: (li + i) % 4 === 1 ? d.quote : '' } }];
    });
    out.push({ file: l.file, rounds: li % 13 === 7 ? null : rounds, demands });
    if (li % 9 === 2) out.push({ file: `some/dir/${l.file}`, rounds: [], demands: [] }); // predicted twice: the later line wins
  });
  out.push({ file: 'not-in-the-labels.md', rounds: [{ parties: ['Russia', 'Ukraine'], status: 'held' }], demands: [] });
  return out;
}

function sharedScore(labelsFile: string, predictions: string): ScorerFigures {
  const run = runNode([sharedScorer, labelsFile, predictions, '--json']);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as ScorerFigures;
}

function ours(args: readonly string[]): EvalOutput {
  const { run, json } = runScriptJson('eval.mjs', args);
  assert.ok(run.status === 0 || run.status === 1, `eval exited ${String(run.status)}: ${run.stderr}`);
  return json as EvalOutput;
}

const scorerFigures = (e: EvalOutput): ScorerFigures => ({
  articles: e.articles,
  missingFiles: e.missingFiles,
  rounds: e.rounds,
  demands: e.demands,
  roundStatusAccuracy: e.roundStatusAccuracy,
  roundDateAccuracy: e.roundDateAccuracy,
});

function assertNegotiationsAddUp(e: EvalOutput): void {
  const sum = (get: (n: EvalOutput['negotiations'][number]) => number): number => e.negotiations.reduce((a, n) => a + get(n), 0);
  for (const kind of ['rounds', 'demands'] as const) {
    for (const count of ['tp', 'fp', 'fn'] as const) assert.equal(sum((n) => n[kind][count]), e[kind][count], `${kind} ${count} per negotiation`);
  }
  for (const kind of ['status', 'date'] as const) {
    for (const count of ['ok', 'n'] as const) assert.equal(sum((n) => n[kind][count]), e[kind][count], `${kind} ${count} per negotiation`);
  }
}

describe('eval (scripts/eval.mjs) against the shared scorer', () => {
  const labelsFile = path.join(corpus, 'labels.json');
  const labels = skip ? [] : (JSON.parse(readFileSync(labelsFile, 'utf8')) as Label[]);

  it("gives the shared scorer's figures on the extractor's predictions, split by negotiation", { skip }, () => {
    const cli = path.join(repoRoot, 'tools/cli/dist/main.js');
    const articles = readdirSync(corpus)
      .filter((f) => /\.(?:md|txt)$/.test(f))
      .map((f) => path.join(corpus, f));
    const extraction = runNode([cli, 'extract', '--json', ...articles]);
    const predictions = path.join(dir, 'extractor.jsonl');
    writeFileSync(predictions, extraction.stdout);
    const mine = ours(['--predictions', predictions]);
    assert.deepEqual(scorerFigures(mine), sharedScore(labelsFile, predictions));
    assert.equal(mine.crossCheck.status, 'same figures');
    assertNegotiationsAddUp(mine);
    assert.ok(mine.negotiations.some((n) => n.id === 'vienna-jcpoa' && n.rounds.tp > 0), 'the Vienna talks are a negotiation of their own');
  });

  const cases: [string, () => PredictionRecord[]][] = [
    ['the labels themselves', () => labelsAsPredictions(labels)],
    ['labels bent by aliases, partial dates, statuses, duplicates and gaps', () => perturbed(labels)],
    ['no predictions at all', () => []],
  ];
  for (const [name, build] of cases) {
    it(`gives the shared scorer's figures on ${name}`, { skip }, () => {
      const predictions = writeJsonl(`${name.replace(/\W+/g, '-')}.jsonl`, build());
      const mine = ours(['--predictions', predictions]);
      assert.deepEqual(scorerFigures(mine), sharedScore(labelsFile, predictions));
      assertNegotiationsAddUp(mine);
    });
  }

  it("scores a --files selection as the shared scorer scores those files' labels", { skip }, () => {
    const predictions = writeJsonl('subset.jsonl', perturbed(labels));
    const mine = ours(['--predictions', predictions, '--files', '0*,15*,101']);
    const subset = labels.filter((l) => /^(?:0|15)/.test(l.file) || l.file.startsWith('101-'));
    const subsetLabels = path.join(dir, 'subset-labels.json');
    writeFileSync(subsetLabels, JSON.stringify(subset));
    assert.deepEqual(mine.selection, subset.map((l) => l.file).sort());
    assert.deepEqual(scorerFigures(mine), sharedScore(subsetLabels, predictions));
    assertNegotiationsAddUp(mine);
  });

  it('--track keeps the articles of that negotiation, and --baseline finds no change against itself', { skip }, () => {
    const predictions = writeJsonl('baseline.jsonl', labelsAsPredictions(labels));
    const saved = path.join(dir, 'saved.json');
    const first = ours(['--predictions', predictions, '--track', 'us-nk', '--save', saved]);
    assert.deepEqual(first.selection, ['106', '107', '108', '109', '110', '111'].map((n) => labels.find((l) => l.file.startsWith(`${n}-`))?.file));
    assert.equal(first.rounds.f1, 1);
    const again = ours(['--predictions', predictions, '--track', 'us-nk', '--baseline', saved]);
    assert.ok(again.deltas && again.deltas.every((d) => d.verdict === 'same'), JSON.stringify(again.deltas));
  });

  it('refuses an unknown option or negotiation with exit code 2', () => {
    assert.equal(runNode([path.join(repoRoot, 'scripts/eval.mjs'), '--verbos']).status, 2);
    assert.equal(runNode([path.join(repoRoot, 'scripts/eval.mjs'), '--track', 'no-such-talks']).status, 2);
  });
});

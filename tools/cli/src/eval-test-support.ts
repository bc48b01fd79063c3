// Where the evaluation specs find the repository's scripts and the shared corpus, and how they run
// the scripts: as processes, the way engineers run them. Test support only (no spec of its own).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// src/ and dist/ sit at the same depth: the repository root is three levels up from either.
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** ../shared beside the repository (in CI too). */
export const shared = path.resolve(repoRoot, '../shared');
export const corpus = path.join(shared, 'corpus/dev');
export const sharedScorer = path.join(shared, 'eval/score.mjs');

/** null when the corpus, its answer key and the shared scorer are all there; else what is missing. */
export function missingCorpus(): string | null {
  for (const file of [path.join(corpus, 'labels.json'), path.join(corpus, 'meetings.json'), sharedScorer]) if (!existsSync(file)) return file;
  return null;
}

/** A spec that needs the corpus says so on stderr when it is absent: a skip must never look like a pass. */
export function skipReason(what: string): string | false {
  const missing = missingCorpus();
  // CI always has the corpus beside the clone: there a missing corpus fails the specs, never skips them.
  if (!missing || process.env.CI) return false;
  const reason = `${what} SKIPPED: ${missing} is absent (the shared corpus belongs beside the repository, at ${shared})`;
  process.stderr.write(`\n*** ${reason} ***\n\n`);
  return reason;
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(args: readonly string[]): ScriptRun {
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs scripts/NAME with --json and parses its output. */
export function runScriptJson(name: string, args: readonly string[]): { run: ScriptRun; json: unknown } {
  const run = runNode([path.join(repoRoot, 'scripts', name), ...args, '--json']);
  if (!run.stdout.trim()) throw new Error(`scripts/${name} ${args.join(' ')} printed nothing (exit ${String(run.status)}): ${run.stderr}`);
  return { run, json: JSON.parse(run.stdout) as unknown };
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}
/** The figures the shared scorer prints with --json. */
export interface ScorerFigures {
  articles: number;
  missingFiles: number;
  rounds: Prf;
  demands: Prf;
  roundStatusAccuracy: number | null;
  roundDateAccuracy: number | null;
}
export interface NegotiationFigures extends Omit<ScorerFigures, 'missingFiles'> {
  id: string;
  name: string;
  status: { ok: number; n: number };
  date: { ok: number; n: number };
}
/** What `scripts/eval.mjs --json` prints. */
export interface EvalOutput extends ScorerFigures {
  crossCheck: { scorer: string; status: string };
  refused: { file: string; reason: string }[];
  status: { ok: number; n: number };
  date: { ok: number; n: number };
  negotiations: NegotiationFigures[];
  selection: string[] | null;
  deltas?: { id: string; verdict: string }[];
}

export interface TimelineTrack {
  id: string;
  meetings: number;
  once: number;
  split: number;
  missing: number;
  missingNotExtracted: number;
  missingMerged: number;
  statusRight: number;
  dateRight: number;
  dated: number;
  sourcesComplete: number;
  rounds: number;
  wrongMerges: number;
  partOfMerges: number;
  extra: number;
  neutral: number;
  demands: { shown: number; distinct: number; verbatimDuplicates: number };
}
/** What `scripts/eval-timeline.mjs --json` prints. */
export interface TimelineOutput {
  source: 'labels' | 'extractor';
  articles: number;
  folded: number;
  unparseable: { file: string; reason: string }[];
  orders: { shuffled: number; orderDependentTracks: { track: string; orders: string[] }[]; differentEvaluations: string[] };
  totals: Omit<TimelineTrack, 'id' | 'demands'> & { demands: { shown: number; distinct: number; verbatimDuplicates: number; withinTrackDuplicates: number } };
  tracks: TimelineTrack[];
  demandsByParty: { by: string; shown: number; distinct: number; verbatimDuplicates: number; labelled: number }[];
}

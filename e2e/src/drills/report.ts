// What each drill hands back: what it did, what it counted, what was wrong (nothing, if it passed).
export interface DrillReport {
  readonly name: string;
  readonly did: string[];
  readonly counted: Record<string, number | string | boolean>;
  readonly problems: string[];
  seconds: number;
}

export function newReport(name: string): DrillReport {
  return { name, did: [], counted: {}, problems: [], seconds: 0 };
}

/** Runs `body` on a fresh report, timing it; a throw becomes a problem of the report. */
export async function drill(name: string, body: (report: DrillReport) => Promise<void>, onStep?: (line: string) => void): Promise<DrillReport> {
  const report = newReport(name);
  const started = Date.now();
  const did = report.did;
  report.did.push = (...lines: string[]) => {
    for (const line of lines) onStep?.(`[${name}] ${line}`);
    return Array.prototype.push.apply(did, lines);
  };
  try {
    await body(report);
  } catch (error) {
    report.problems.push(`drill failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

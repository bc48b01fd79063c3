import type { Problem } from '../api/client.ts';

/** An API error as the page shows it: what happened and, when the API says, what to do. */
export function ProblemView({ problem }: { problem: Problem }) {
  return (
    <div className="problem" role="alert">
      <p>
        <strong>{problem.title}</strong>
        {problem.status ? ` (${String(problem.status)}, ${problem.code})` : ''}
      </p>
      {problem.detail ? <p>{problem.detail}</p> : null}
    </div>
  );
}

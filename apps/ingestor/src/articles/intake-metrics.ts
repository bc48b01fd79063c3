// Counts what became of each article taken in, by the way it came (talkwatch_articles_total):
// accepted or duplicate from the use case's answer, rejected when it was refused with a 4xx code
// (invalid, too many facts, a page that cannot be read). Talkwatch's own failures (503, a crash)
// are no verdict on the article and are not counted: it is tried again.
import { ProblemError, type IntakeKind, type IntakeOutcome, type Metrics } from '@talkwatch/infra';

export async function countIntake<R extends { readonly status: 'accepted' | 'duplicate' }>(metrics: Metrics, source: IntakeKind, take: () => Promise<R>): Promise<R> {
  let result: R;
  try {
    result = await take();
  } catch (error) {
    if (isRejection(error)) metrics.articles.inc({ source, outcome: 'rejected' satisfies IntakeOutcome });
    throw error;
  }
  metrics.articles.inc({ source, outcome: result.status satisfies IntakeOutcome });
  return result;
}

/** The article was refused for what it is (a 4xx answer), not for Talkwatch's trouble. */
export function isRejection(error: unknown): boolean {
  return error instanceof ProblemError && error.status >= 400 && error.status < 500 && error.status !== 429;
}

// How a failed fetch is told to the client: one stable code per way it can fail, mapped here once
// for POST /articles {url}; feed polling records the same codes as a source's last error.
import { DocumentFetchError, ProblemError } from '@talkwatch/infra';
import { UnsupportedDocument } from './document-text.js';

/** The problem a fetch failure stands for; undefined for an error that is not one (a bug). */
export function fetchProblemOf(error: unknown, what: 'page' | 'feed'): ProblemError | undefined {
  if (error instanceof DocumentFetchError) {
    switch (error.reason) {
      case 'refused':
        return error.details.refusal === 'unresolvable'
          ? new ProblemError(422, 'url-unresolvable', 'The URL\'s host does not resolve', error.message)
          : new ProblemError(422, 'url-forbidden', 'The URL may not be fetched', `${error.message}: only public http(s) addresses are fetched (OUTBOUND_ALLOWLIST names exceptions)`);
      case 'timeout':
        return new ProblemError(504, 'upstream-timeout', `The ${what} did not arrive in time`, error.message);
      case 'too-large':
        return new ProblemError(413, `${what}-too-large`, `The ${what} is too large`, error.message);
      case 'too-many-redirects':
        return new ProblemError(502, 'too-many-redirects', 'The URL redirects too often', error.message);
      case 'upstream-status':
        return new ProblemError(502, 'upstream-failed', `The ${what}'s server did not give it`, error.message, error.details.upstreamStatus === undefined ? undefined : { upstreamStatus: error.details.upstreamStatus });
      case 'network':
      case 'unsupported-encoding':
        return new ProblemError(502, 'upstream-failed', `The ${what} could not be fetched`, error.message);
    }
  }
  if (error instanceof UnsupportedDocument) {
    return error.reason === 'charset'
      ? new ProblemError(415, 'unsupported-charset', `The ${what}'s character set cannot be read`, error.message)
      : new ProblemError(415, 'unsupported-content-type', `The ${what} is not a kind of document Talkwatch reads`, error.message);
  }
  return undefined;
}

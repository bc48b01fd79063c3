// Times every HTTP request and records it under its route template (`/talks/:id`, as the router
// matched it), never the raw URL: ids and query strings would make a series per request. What no
// route answered (a 404, a 421 from the Host check, /docs served outside the router) is one label.
import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics.js';

/** The label of requests no route of the router matched. */
export const unmatchedRoute = '(unmatched)';

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route template the router matched, or the unmatched label. */
export function routeLabelOf(request: Pick<Request, 'baseUrl'> & { route?: unknown }): string {
  const route = request.route as { path?: unknown } | undefined;
  const path = route?.path;
  if (typeof path === 'string') return `${request.baseUrl}${path}` || '/';
  // A route declared with several paths (the dashboard's pages) reports them all; keep them bounded as one label.
  if (Array.isArray(path)) return `${request.baseUrl}${path.filter((p): p is string => typeof p === 'string').join('|')}`;
  return unmatchedRoute;
}

export function httpMetricsMiddleware(metrics: Metrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const end = metrics.httpRequests.startTimer();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      end({
        method: methods.has(request.method) ? request.method : 'OTHER',
        route: routeLabelOf(request),
        status: String(response.statusCode),
      });
    };
    response.once('finish', record);
    // A client that goes away before the answer is complete: recorded with the status set so far.
    response.once('close', record);
    next();
  };
}

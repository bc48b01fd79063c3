// The Host header check: a page on another site that rebinds its own name to this machine's
// address (DNS rebinding) makes the browser send that name as Host, so requests naming a host
// that is not ours are refused before any route runs.
import type { NextFunction, Request, Response } from 'express';
import { hostNameOf, isAllowedHost, type HostPolicy } from '../config/public-access.js';
import { sendProblem } from './problem.js';

export function hostCheckMiddleware(policy: HostPolicy) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const host = request.headers.host;
    if (isAllowedHost(policy, host)) {
      next();
      return;
    }
    const shown = JSON.stringify((hostNameOf(host) ?? host ?? '').slice(0, 100));
    sendProblem(response, {
      type: 'https://talkwatch.dev/problems/unknown-host',
      title: 'This server does not answer for that host name',
      status: 421,
      code: 'unknown-host',
      detail: `The Host header names ${host === undefined ? 'no host' : shown}. Reach Talkwatch by an address, localhost, or a name in PUBLIC_URL or ALLOWED_HOSTS.`,
      instance: request.originalUrl,
    });
  };
}

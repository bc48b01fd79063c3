// Who may call what: writing (articles, subscriptions, deliveries) needs an API key with the route's
// scope, sent as `Authorization: Bearer <key>`; reading the status API is open unless PUBLIC_READ=false.
// One guard per process, installed by runApp; routes declare what they need with the decorators.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { scopesOfKey, type ApiScope, type AuthConfig } from '../config/api-keys.js';
import { ProblemError, sendProblem, toProblem } from './problem.js';

/** The route needs a key with this scope, whatever PUBLIC_READ says. */
export const RequireScope = Reflector.createDecorator<ApiScope>();
/** The route answers without a key even when PUBLIC_READ=false (health probes carry no key). */
export const AlwaysOpen = Reflector.createDecorator<true>({ transform: () => true });

const realm = 'Bearer realm="talkwatch"';

/** Checks the Authorization header against the keys; `scope` undefined: any valid key will do. */
export function checkApiKey(auth: AuthConfig, authorization: string | undefined, scope: ApiScope | undefined): ProblemError | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  const presented = match?.[1];
  const needs = scope ? `a key with the ${scope} scope` : 'an API key';
  if (presented === undefined) {
    return new ProblemError(401, 'unauthorized', 'An API key is needed', `Send Authorization: Bearer <key>, ${needs}.`, undefined, {
      'WWW-Authenticate': realm,
    });
  }
  const scopes = scopesOfKey(auth.keys, presented);
  if (scopes === undefined) {
    return new ProblemError(401, 'unauthorized', 'The API key is not valid', `Send Authorization: Bearer <key>, ${needs}.`, undefined, {
      'WWW-Authenticate': `${realm}, error="invalid_token"`,
    });
  }
  if (scope !== undefined && !scopes.includes(scope)) {
    return new ProblemError(403, 'forbidden', 'The API key may not do this', `This needs ${needs}.`, undefined, {
      'WWW-Authenticate': `${realm}, error="insufficient_scope", scope="${scope}"`,
    });
  }
  return undefined;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    // Reflector types the metadata as always present; on an undecorated route it is undefined.
    const scope = this.reflector.getAllAndOverride(RequireScope, targets) as ApiScope | undefined;
    const alwaysOpen = this.reflector.getAllAndOverride(AlwaysOpen, targets) as true | undefined;
    if (scope === undefined && (this.auth.publicRead || alwaysOpen === true)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const problem = checkApiKey(this.auth, request.headers.authorization, scope);
    if (problem) throw problem;
    return true;
  }
}

/** The same rule for what Nest's router does not see (the Swagger UI and document under /docs). */
export function readAccessMiddleware(auth: AuthConfig) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (auth.publicRead) {
      next();
      return;
    }
    const problem = checkApiKey(auth, request.headers.authorization, undefined);
    if (!problem) {
      next();
      return;
    }
    sendProblem(response, { ...toProblem(problem), instance: request.originalUrl }, problem.headers);
  };
}

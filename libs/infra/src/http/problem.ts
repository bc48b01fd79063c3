// Errors with stable codes, mapped to RFC 9457 problem+json in one place.
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { classifyDatabaseError, ServiceUnreachableError } from '../db/prisma-client.js';
import { LogRecordTooLargeError } from '../log/event-log.js';

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra?: Record<string, unknown>,
    /** Response headers that belong to the problem (WWW-Authenticate, Retry-After). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  [key: string]: unknown;
}

const problemTypeBase = 'https://talkwatch.dev/problems/';

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = toProblem(exception);
    problem.instance = request.originalUrl;
    if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    sendProblem(response, problem, problemHeadersOf(exception, problem));
  }
}

/** A dependency that failed may answer again soon: clients are told when to retry. */
export const dependencyRetryAfterSeconds = 5;

/** The response headers that belong to the problem (WWW-Authenticate, Retry-After). */
export function problemHeadersOf(exception: unknown, problem: ProblemBody): Readonly<Record<string, string>> | undefined {
  if (exception instanceof ProblemError) return exception.headers;
  if (problem.code === 'dependency-unavailable') return { 'Retry-After': String(dependencyRetryAfterSeconds) };
  return undefined;
}

function unavailable(service: string): ProblemBody {
  return {
    type: problemTypeBase + 'dependency-unavailable',
    title: `${service} is unavailable`,
    status: HttpStatus.SERVICE_UNAVAILABLE,
    code: 'dependency-unavailable',
    detail: 'Nothing was lost: retry the same request later.',
  };
}

export function sendProblem(response: Response, problem: ProblemBody, headers: Readonly<Record<string, string>> = {}): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

export function toProblem(exception: unknown): ProblemBody {
  if (exception instanceof ProblemError) {
    return {
      type: problemTypeBase + exception.code,
      title: exception.title,
      status: exception.status,
      code: exception.code,
      ...(exception.detail ? { detail: exception.detail } : {}),
      ...exception.extra,
    };
  }
  if (exception instanceof ServiceUnreachableError) return unavailable(exception.service);
  const database = classifyDatabaseError(exception);
  if (database === 'unavailable') return unavailable('The database');
  if (database === 'invalid-characters') {
    return { type: problemTypeBase + 'invalid-characters', title: 'The request contains characters that cannot be stored', status: 400, code: 'invalid-characters' };
  }
  // kafkajs' own errors (connection, retries exhausted, leader not available) when the adapter did not wrap them.
  if (exception instanceof Error && exception.name.startsWith('KafkaJS')) return unavailable('Kafka');
  if (exception instanceof LogRecordTooLargeError) {
    return {
      type: problemTypeBase + 'events-too-large',
      title: 'The article\'s events are too large for the event log',
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      code: 'events-too-large',
      detail: exception.message,
    };
  }
  // body-parser errors surface as plain errors with a status and a type.
  // Nest wraps them in an HttpException whose cause is the original.
  const bodyParser = bodyParserError(exception) ?? (exception instanceof HttpException ? bodyParserError(exception.cause) : undefined);
  if (bodyParser) return bodyParser;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = status === 404 ? 'not-found' : status === 405 ? 'method-not-allowed' : `http-${status}`;
    return { type: problemTypeBase + code, title: exception.message, status, code };
  }
  return {
    type: problemTypeBase + 'internal-error',
    title: 'Internal server error',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    code: 'internal-error',
  };
}

function bodyParserError(exception: unknown): ProblemBody | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status, limit } = exception as { type?: unknown; status?: unknown; limit?: unknown };
  if (type === 'entity.too.large') {
    return {
      type: problemTypeBase + 'payload-too-large',
      title: 'Request body too large',
      status: 413,
      code: 'payload-too-large',
      detail: `The body exceeds the limit of ${String(limit)} bytes.`,
    };
  }
  if (type === 'entity.parse.failed') {
    return { type: problemTypeBase + 'malformed-json', title: 'Malformed JSON body', status: 400, code: 'malformed-json' };
  }
  if (status === 415 && typeof type === 'string') {
    // charset.unsupported, encoding.unsupported: JSON is read as UTF-8, without content coding.
    return { type: problemTypeBase + 'unsupported-media-type', title: 'The body must be JSON in UTF-8, without content encoding', status, code: 'unsupported-media-type' };
  }
  if (typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string') {
    return { type: problemTypeBase + 'bad-request', title: type, status, code: 'bad-request' };
  }
  return undefined;
}

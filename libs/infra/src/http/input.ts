// What every request is checked for before a controller sees it, and the checks controllers share:
// characters PostgreSQL or the extractor cannot take, calendar dates that exist and fall in the
// configured years, ids of a sane length. Each failure is a 400 with a stable code, never a 500.
import type { NextFunction, Request, Response } from 'express';
import type { YearRange } from '../config/env.js';
import { ProblemError, sendProblem, toProblem } from './problem.js';

export interface BadCharacter {
  /** Offset in UTF-16 code units. */
  readonly index: number;
  readonly reason: 'control-character' | 'unpaired-surrogate';
  readonly codePoint: number;
}

// C0 controls (NUL included: PostgreSQL rejects it in text) and DEL. Tab, line feed and carriage
// return are ordinary text in a body; C1 controls are let through: text mis-decoded from
// Windows-1252 carries them and they harm nothing downstream.
// eslint-disable-next-line no-control-regex -- finding control characters is what these are for
const controlInText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// In a path, a query or any other single-line value, every C0 and C1 control and DEL.
// eslint-disable-next-line no-control-regex -- as above
const controlInLine = /[\u0000-\u001F\u007F-\u009F]/;
const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of `text` that may not be stored: a control character or half a surrogate pair. */
export function findBadCharacter(text: string, kind: 'text' | 'line'): BadCharacter | undefined {
  const control = (kind === 'text' ? controlInText : controlInLine).exec(text);
  const surrogate = unpairedSurrogate.exec(text);
  const first = control && surrogate ? (control.index < surrogate.index ? control : surrogate) : (control ?? surrogate);
  if (!first) return undefined;
  return {
    index: first.index,
    reason: first === control ? 'control-character' : 'unpaired-surrogate',
    codePoint: first[0].charCodeAt(0),
  };
}

export function describeBadCharacter(bad: BadCharacter): string {
  const unit = `U+${bad.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return bad.reason === 'control-character'
    ? `contains the control character ${unit} at offset ${bad.index}`
    : `contains an unpaired surrogate (${unit}) at offset ${bad.index}: not valid Unicode`;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

function invalidCharacters(errors: readonly FieldError[]): ProblemError {
  return new ProblemError(
    400,
    'invalid-characters',
    'The request contains characters that cannot be stored',
    errors.map((e) => `${e.field} ${e.message}`).join('; '),
    { errors },
  );
}

const maxReportedErrors = 20;

/**
 * Every string of a parsed JSON value (keys included) checked, iteratively (a deeply nested body
 * must not overflow the stack). Strings may hold tabs and line breaks; keys may not.
 */
export function badCharactersInJson(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  // Paths as the validation errors name fields: title, trackIds.0; '' is the body itself.
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  const child = (path: string, key: string | number): string => (path === '' ? String(key) : `${path}.${key}`);
  while (stack.length > 0 && errors.length < maxReportedErrors) {
    const item = stack.pop();
    if (!item) break;
    if (typeof item.value === 'string') {
      const bad = findBadCharacter(item.value, 'text');
      if (bad) errors.push({ field: item.path || '(body)', message: describeBadCharacter(bad) });
    } else if (Array.isArray(item.value)) {
      const list: unknown[] = item.value;
      for (let i = list.length - 1; i >= 0; i--) stack.push({ value: list[i], path: child(item.path, i) });
    } else if (typeof item.value === 'object' && item.value !== null) {
      const entries = Object.entries(item.value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, member] = entries[i] ?? ['', undefined];
        const bad = findBadCharacter(key, 'line');
        if (bad) errors.push({ field: `${item.path || '(body)'} key ${JSON.stringify(key.slice(0, 40))}`, message: describeBadCharacter(bad) });
        else stack.push({ value: member, path: child(item.path, key) });
      }
    }
  }
  return errors;
}

/** Path segments decoded, or a ProblemError: malformed percent-encoding or a bad character. */
export function checkPath(path: string): ProblemError | undefined {
  const errors: FieldError[] = [];
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return new ProblemError(400, 'malformed-url', 'The URL is not valid', `The path segment ${JSON.stringify(segment.slice(0, 80))} is not valid percent-encoded UTF-8.`);
    }
    const bad = findBadCharacter(decoded, 'line');
    if (bad) errors.push({ field: 'path', message: describeBadCharacter(bad) });
  }
  return errors.length > 0 ? invalidCharacters(errors) : undefined;
}

function badCharactersInQuery(query: unknown): FieldError[] {
  if (typeof query !== 'object' || query === null) return [];
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    for (const text of [key, ...(Array.isArray(value) ? (value as unknown[]) : [value])]) {
      if (typeof text !== 'string') continue;
      const bad = findBadCharacter(text, 'line');
      if (bad) errors.push({ field: `query.${key}`, message: describeBadCharacter(bad) });
    }
  }
  return errors;
}

/**
 * Express middleware, after the JSON parser: the path, the query and the JSON body of every request
 * are checked for characters that cannot be stored (400 invalid-characters) and for percent-encoding
 * that does not decode (400 malformed-url), before any route runs.
 */
export function inputHygieneMiddleware() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const errors = [...badCharactersInQuery(request.query), ...badCharactersInJson(request.body)];
    const problem = checkPath(request.path) ?? (errors.length > 0 ? invalidCharacters(errors) : undefined);
    if (!problem) {
      next();
      return;
    }
    sendProblem(response, { ...toProblem(problem), instance: request.originalUrl }, problem.headers);
  };
}

/** The longest id a route takes; every id Talkwatch makes is far shorter. */
export const maxIdLength = 256;

/** A path or query id: at most maxIdLength characters (400 invalid-id beyond). */
export function checkId(id: string, name = 'id'): string {
  if (id.length > maxIdLength) {
    throw new ProblemError(400, 'invalid-id', `The ${name} is not valid`, `The ${name} is ${id.length} characters long; ids are at most ${maxIdLength}.`);
  }
  return id;
}

const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Why `text` is not an ISO 8601 date or date-time of a day that exists, in the years of `range`;
 * undefined when it is one. (`Date.parse` alone takes 2022-02-30 for 2 March.)
 */
export function calendarDateProblem(text: string, range: YearRange): string | undefined {
  const m = isoDateTime.exec(text);
  if (!m) return 'must be an ISO 8601 date or date-time (YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ)';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return `is not a day of the calendar (${m[1]}-${m[2]}-${m[3]})`;
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return 'is not a time of day';
  if (Number(m[8] ?? 0) > 23 || Number(m[9] ?? 0) > 59) return 'has an impossible time-zone offset';
  if (year < range.min || year > range.max) return `must be a date in the years ${range.min} to ${range.max}`;
  if (Number.isNaN(Date.parse(text))) return 'must be an ISO 8601 date or date-time (YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ)';
  return undefined;
}

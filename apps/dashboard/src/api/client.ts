// The typed API client: paths and bodies come from the notifier's OpenAPI document (schema.d.ts),
// so a change of the API that the dashboard does not follow fails its type-check.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type Schemas = components['schemas'];
export type TrackSummary = Schemas['TrackSummaryDoc'];
export type TrackDetail = Schemas['TrackDetailDoc'];
export type Round = Schemas['RoundDoc'];
export type RoundReport = Schemas['RoundReportDoc'];
export type Demand = Schemas['DemandDoc'];
export type DemandResponse = Schemas['ResponseDoc'];
export type Source = Schemas['SourceDoc'];
export type DateRef = Schemas['DateDoc'];
export type Change = Schemas['ChangeDoc'];
export type Subscription = Schemas['WebhookSubscriptionDoc'] | Schemas['EmailSubscriptionDoc'] | Schemas['SlackSubscriptionDoc'];
export type SubscriptionRequest = Schemas['WebhookSubscriptionRequestDoc'] | Schemas['EmailSubscriptionRequestDoc'] | Schemas['SlackSubscriptionRequestDoc'];
export type Delivery = Schemas['DeliveryDoc'];
export type TrackStatus = TrackSummary['status'];
export type RoundStatus = Round['status'];
export type DemandStatus = Demand['status'];

/** An RFC 9457 answer of the API (every error is one). */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
}

// The operator's key lives for the tab's session only, never in localStorage or a cookie.
const keyName = 'talkwatch.apiKey';
export const apiKey = {
  get: (): string | null => sessionStorage.getItem(keyName),
  set: (key: string): void => {
    sessionStorage.setItem(keyName, key.trim());
  },
  clear: (): void => {
    sessionStorage.removeItem(keyName);
  },
};

const authorization: Middleware = {
  onRequest({ request }) {
    const key = apiKey.get();
    if (key) request.headers.set('Authorization', `Bearer ${key}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(authorization);

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value;
}

/** The data of an answer, or an ApiError with the API's problem (or a stand-in for a network error). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: globalThis.Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: globalThis.Response };
  try {
    result = await call;
  } catch {
    throw new ApiError({ status: 0, code: 'network-error', title: 'Talkwatch cannot be reached', detail: 'Check that it is running, then reload.' });
  }
  if (result.error !== undefined || !result.response.ok) {
    const problem = isProblem(result.error)
      ? result.error
      : { status: result.response.status, code: 'unexpected-answer', title: `The API answered ${result.response.status}` };
    throw new ApiError(problem);
  }
  return result.data as T;
}

/**
 * The UrlFetchApp fake the bundle sees as the global `UrlFetchApp`. It turns fetch
 * parameters into the HTTP request Apps Script would send, hands requests for Slack's
 * hosts to the emulator, and reproduces Apps Script's counting, daily quota and
 * exceptions. Other hosts do not exist here: they fail like an unresolvable name.
 */
import type { RuntimeDeps } from '../deps';
import {
  addressUnavailableMessage,
  dailyQuotaMessage,
  defaultErrorFactory,
  dnsErrorMessage,
  httpFailureMessage,
  invalidArgumentMessage,
  type ErrorFactory,
} from './apps-script-exception';
import { DailyQuota } from './daily-quota';
import { encodeFormObject } from './form-encoding';
import { makeHttpResponse, type FakeHttpResponse } from './http-response';
import type { Delivery, HttpRequest } from './types';

type FetchOptions = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type FetchRequest = GoogleAppsScript.URL_Fetch.URLFetchRequest;

/** What UrlFetchApp needs from the Slack emulator. */
export interface SlackNetwork {
  /** True for hosts the emulator answers (slack.com, hooks.slack.com). */
  knowsHost(host: string): boolean;
  receive(request: HttpRequest): Delivery;
}

export interface UrlFetchAppOptions {
  /** Requests per 24-hour window before "Service invoked too many times" (default 20000, consumer). */
  dailyQuota?: number;
  /** Builds exceptions in the bundle's realm; default a host Error named 'Exception'. */
  makeError?: ErrorFactory;
}

export interface FakeUrlFetchApp {
  fetch(url: string, params?: FetchOptions): FakeHttpResponse;
  fetchAll(requests: Array<FetchRequest | string>): FakeHttpResponse[];
}

/** HTTP methods UrlFetchApp accepts ("get, delete, patch, post, or put"). */
const METHODS = new Set(['GET', 'DELETE', 'PATCH', 'POST', 'PUT']);

export function createUrlFetchApp(
  deps: RuntimeDeps,
  slack: SlackNetwork,
  options: UrlFetchAppOptions = {},
): FakeUrlFetchApp {
  const quota = new DailyQuota(deps.clock, options.dailyQuota ?? 20_000);
  const makeError = options.makeError ?? defaultErrorFactory;

  /** Sends one request; returns the response or the exception Apps Script would throw. */
  function send(url: string, params: FetchOptions): FakeHttpResponse | Error {
    const built = buildRequest(url, params, makeError);
    if (built instanceof Error) return built;
    if (!quota.tryTake()) return makeError(dailyQuotaMessage);

    const host = new URL(built.url).hostname.toLowerCase();
    if (!slack.knowsHost(host)) {
      countRequest();
      return makeError(dnsErrorMessage(built.url));
    }
    if (!built.url.toLowerCase().startsWith('https://')) {
      throw new Error(`Slack emulator: only https is modelled, got ${built.url}`);
    }
    const delivery = slack.receive(built);
    if (delivery.kind === 'quota-exceeded') return makeError(dailyQuotaMessage);
    countRequest();
    if (delivery.kind === 'network-failure') return makeError(addressUnavailableMessage(built.url));

    const { response } = delivery;
    if (response.status >= 400 && params.muteHttpExceptions !== true) {
      return makeError(httpFailureMessage(built.url, response.status, response.body));
    }
    return makeHttpResponse(response);
  }

  function countRequest(): void {
    deps.counters.fetches += 1;
    deps.charge({ kind: 'fetch' });
  }

  return {
    fetch(url: string, params: FetchOptions = {}): FakeHttpResponse {
      deps.counters.fetchCalls += 1;
      const result = send(url, params);
      if (result instanceof Error) throw result;
      return result;
    },

    /**
     * Apps Script sends every request of a fetchAll (in parallel) and then throws the
     * first failure, so side effects of the other requests still happen.
     */
    fetchAll(requests: Array<FetchRequest | string>): FakeHttpResponse[] {
      deps.counters.fetchCalls += 1;
      if (!Array.isArray(requests)) throw makeError(invalidArgumentMessage('requests'));
      const results = requests.map((request) =>
        typeof request === 'string' ? send(request, {}) : send(request.url, request),
      );
      const failure = results.find((r): r is Error => r instanceof Error);
      if (failure) throw failure;
      return results as FakeHttpResponse[];
    },
  };
}

/** Turns fetch parameters into the request Apps Script puts on the wire. */
function buildRequest(
  url: unknown,
  params: FetchOptions,
  makeError: ErrorFactory,
): HttpRequest | Error {
  if (typeof url !== 'string') return makeError(invalidArgumentMessage('url'));
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return makeError(invalidArgumentMessage(url));
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return makeError(invalidArgumentMessage(url));

  const method = String(params.method ?? 'get').toUpperCase();
  if (!METHODS.has(method)) return makeError(invalidArgumentMessage('method'));

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers ?? {})) headers[name] = String(value);
  const headerContentType = Object.keys(headers).find(
    (name) => name.toLowerCase() === 'content-type',
  );

  const body = encodePayload(params.payload);
  // contentType wins; otherwise a Content-Type header; a payload defaults to form encoding.
  const contentType =
    params.contentType ??
    (headerContentType !== undefined ? headers[headerContentType] : undefined) ??
    (params.payload !== undefined ? 'application/x-www-form-urlencoded' : undefined);
  if (headerContentType !== undefined) delete headers[headerContentType];

  return { url, method, headers, contentType, body };
}

function encodePayload(payload: FetchOptions['payload']): string {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (Array.isArray(payload))
    return Buffer.from(payload.map((b) => Number(b) & 0xff)).toString('utf8');
  return encodeFormObject(payload as Record<string, unknown>);
}

/**
 * The exceptions UrlFetchApp throws, with Apps Script's exact wording. In the V8 runtime
 * a service error is an Error whose `name` is 'Exception', so `String(e)` reads
 * "Exception: <message>" and `e.message` has no prefix.
 *
 * Wording, as seen in real execution logs:
 * - HTTP >= 400 without muteHttpExceptions: "Request failed for https://api.line.me
 *   returned code 400. Truncated server response: {...} (use muteHttpExceptions option
 *   to examine full response)". Only scheme + host appear, never the path.
 * - Unresolvable host: "DNS error: http://localhost:3030" (the full URL).
 * - Connection failure / timeout: "Address unavailable: https://…" (the full URL, query
 *   string included, which is why secrets must never ride in URLs).
 * - Daily quota: "Service invoked too many times for one day: urlfetch."
 * - A malformed URL: "Invalid argument: <url>".
 */

/** Builds an error in the realm the bundle runs in (defaults to a host Error). */
export type ErrorFactory = (message: string) => Error;

export const defaultErrorFactory: ErrorFactory = (message) => {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
};

/**
 * Observed truncations keep about 147 characters of the body and add "..."; a body of
 * at most 150 characters is shown whole.
 */
const TRUNCATE_AT = 150;
const KEPT_WHEN_TRUNCATED = 147;

export function truncatedServerResponse(body: string): string {
  return body.length <= TRUNCATE_AT ? body : `${body.slice(0, KEPT_WHEN_TRUNCATED)}...`;
}

/** "https://slack.com" from "https://slack.com/api/chat.postMessage?x=1". */
export function originOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

export function httpFailureMessage(url: string, status: number, body: string): string {
  return (
    `Request failed for ${originOf(url)} returned code ${status}. ` +
    `Truncated server response: ${truncatedServerResponse(body)} ` +
    '(use muteHttpExceptions option to examine full response)'
  );
}

export const dnsErrorMessage = (url: string): string => `DNS error: ${url}`;
export const addressUnavailableMessage = (url: string): string => `Address unavailable: ${url}`;
export const dailyQuotaMessage = 'Service invoked too many times for one day: urlfetch.';
export const invalidArgumentMessage = (what: string): string => `Invalid argument: ${what}`;

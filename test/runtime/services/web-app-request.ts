/**
 * The event object Apps Script gives doPost(e) for an HTTP POST to a web app, for any
 * body a caller sends (Web Apps guide, "Request parameters"):
 *
 * - `queryString`: the URL's query, or null when there is none;
 * - `parameter`: the first value of each request parameter; `parameters`: all of them;
 * - `pathInfo`: the path after /exec (present only when the URL has one);
 * - `contextPath`: '' ; `contentLength`: the body's length in bytes (-1 without a body);
 * - `postData`: { length, type (the request's Content-Type), contents (the raw body),
 *   name: 'postData' }.
 *
 * Request parameters are the query's plus, for an application/x-www-form-urlencoded
 * body only, the body's fields. A JSON body sent with that content type (what
 * `curl -d '{…}'` does without `-H 'Content-Type: application/json'`) is therefore
 * decoded as form fields too: the whole JSON text becomes one parameter *name* with an
 * empty value, while `postData.contents` still holds it intact (observed and published
 * by tanaikech, gist a72aab0242012362c46ec69031c720d5, "Sample scripts for requesting to
 * Web Apps"). A JSON content type adds nothing to the parameters.
 * The documentation is silent on the order of `parameter` when the query and the body
 * name the same field; we let the query's value win (a caller cannot override the
 * URL's secret from the body).
 */
import { decodeFormAllValues, decodeFormFirstValues } from '../slack/form-encoding';

export interface WebAppPostEvent {
  queryString: string | null;
  parameter: Record<string, string>;
  parameters: Record<string, string[]>;
  contextPath: string;
  contentLength: number;
  pathInfo?: string;
  postData: { length: number; type: string; contents: string; name: 'postData' };
}

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export interface PostOptions {
  body: string;
  /** The request's Content-Type (default application/x-www-form-urlencoded, as curl -d sends). */
  contentType?: string;
  /** Query parameters, or the raw query string. */
  query?: Record<string, string> | string;
  /** Path after /exec, e.g. 'leads' for …/exec/leads. */
  pathInfo?: string;
}

/** The doPost event for one POST. */
export function webAppPostEvent(options: PostOptions): WebAppPostEvent {
  const type = options.contentType ?? FORM_CONTENT_TYPE;
  const queryString =
    typeof options.query === 'string'
      ? options.query
      : new URLSearchParams(options.query ?? {}).toString();
  const isForm = type.split(';')[0].trim().toLowerCase() === FORM_CONTENT_TYPE;
  const bodyFirst = isForm ? decodeFormFirstValues(options.body) : {};
  const parameter = { ...bodyFirst, ...decodeFormFirstValues(queryString) };
  const parameters: Record<string, string[]> = decodeFormAllValues(queryString);
  if (isForm)
    for (const [name, values] of Object.entries(decodeFormAllValues(options.body)))
      (parameters[name] ??= []).push(...values);
  const length = Buffer.byteLength(options.body, 'utf8');
  return {
    queryString: queryString === '' ? null : queryString,
    parameter,
    parameters,
    contextPath: '',
    contentLength: length,
    ...(options.pathInfo ? { pathInfo: options.pathInfo } : {}),
    postData: { length, type, contents: options.body, name: 'postData' },
  };
}

/** A JSON POST as a webhook tool sends it (Content-Type: application/json). */
export function jsonPostEvent(body: unknown, query: Record<string, string> = {}): WebAppPostEvent {
  return webAppPostEvent({
    body: typeof body === 'string' ? body : JSON.stringify(body),
    contentType: 'application/json',
    query,
  });
}

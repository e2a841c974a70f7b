/**
 * The HTTPResponse object UrlFetchApp returns: status, text, headers, raw bytes.
 * getBlob()/getAs() are not modelled (nothing in the bundle needs them), so calling them
 * fails loudly instead of pretending.
 */
import type { HttpResult } from './types';

export interface FakeHttpResponse {
  getResponseCode(): number;
  /** The body decoded as UTF-8 (Slack always answers UTF-8; the charset argument is accepted). */
  getContentText(charset?: string): string;
  /** Header name → value, names as the server sent them. */
  getHeaders(): Record<string, string>;
  /** Like getHeaders; a repeated header would be an array (Slack sends none). */
  getAllHeaders(): Record<string, string | string[]>;
  /** Raw body as Apps Script's Byte[]: signed bytes, -128..127. */
  getContent(): number[];
}

export function makeHttpResponse(result: HttpResult): FakeHttpResponse {
  const headers = { ...result.headers };
  return {
    getResponseCode: () => result.status,
    getContentText: () => result.body,
    getHeaders: () => ({ ...headers }),
    getAllHeaders: () => ({ ...headers }),
    getContent: () => Array.from(Buffer.from(result.body, 'utf8'), (b) => (b > 127 ? b - 256 : b)),
  };
}

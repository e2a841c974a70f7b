/**
 * How Slack's Web API reads a request: arguments from the query string and the body,
 * the body parsed by its Content-Type. `application/json` (charset optional; without it
 * Slack adds the warning "missing_charset") is parsed as JSON; form-encoded and
 * text/plain bodies are parsed as form fields. So a JSON body sent with UrlFetchApp's
 * default content type is read as one meaningless form field and its `channel` is
 * never seen. The token is read from `Authorization: Bearer …`, or from a `token` form
 * field (never from a JSON body), and is redacted from everything we record.
 */
import { decodeFormFirstValues } from './form-encoding';
import type { HttpRequest } from './types';

export interface ParsedArgs {
  args: Record<string, unknown>;
  /** Set when the body cannot be read at all (invalid_json, invalid_post_type). */
  error?: string;
  warnings: string[];
  /** The token presented, if any. */
  token: string | undefined;
}

export const REDACTED = '[REDACTED]';

export function parseArgs(request: HttpRequest): ParsedArgs {
  const query = decodeFormFirstValues(new URL(request.url).search.replace(/^\?/, ''));
  const { mediaType, charset } = splitContentType(request.contentType);
  const warnings: string[] = [];
  let body: Record<string, unknown>;
  let isJson = false;
  if (mediaType === 'application/json') {
    isJson = true;
    if (!charset) warnings.push('missing_charset');
    try {
      const parsed: unknown = request.body === '' ? {} : JSON.parse(request.body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { args: query, error: 'invalid_json', warnings, token: bearer(request) };
      }
      body = parsed as Record<string, unknown>;
    } catch {
      return { args: query, error: 'invalid_json', warnings, token: bearer(request) };
    }
  } else if (
    mediaType === '' ||
    mediaType === 'application/x-www-form-urlencoded' ||
    mediaType === 'text/plain'
  ) {
    body = decodeFormFirstValues(request.body);
  } else if (mediaType === 'multipart/form-data') {
    throw new Error('Slack emulator: multipart/form-data bodies are not modelled');
  } else {
    return { args: query, error: 'invalid_post_type', warnings, token: bearer(request) };
  }
  const args = { ...query, ...body };
  // Tokens in the query string are refused for current apps; only a form field counts.
  const formToken = !isJson && typeof body.token === 'string' ? body.token : undefined;
  return { args, warnings, token: bearer(request) ?? formToken };
}

function splitContentType(contentType: string | undefined): {
  mediaType: string;
  charset: string | undefined;
} {
  if (!contentType) return { mediaType: '', charset: undefined };
  const [type, ...params] = contentType.split(';').map((p) => p.trim());
  const charsetParam = params.find((p) => p.toLowerCase().startsWith('charset='));
  return { mediaType: type.toLowerCase(), charset: charsetParam?.slice('charset='.length) };
}

/** The token of an `Authorization: Bearer …` header (header name case-insensitive). */
export function bearer(request: HttpRequest): string | undefined {
  const name = Object.keys(request.headers).find((h) => h.toLowerCase() === 'authorization');
  if (name === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers[name]);
  return match ? match[1] : undefined;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] =
      name.toLowerCase() === 'authorization'
        ? value.replace(/^(\S+\s+).*$/, `$1${REDACTED}`)
        : value;
  }
  return out;
}

export function redactArgs(args: Record<string, unknown>): Record<string, unknown> {
  return 'token' in args ? { ...args, token: REDACTED } : { ...args };
}

/** Removes every given secret from a raw string. */
export function redactSecrets(raw: string, secrets: Array<string | undefined>): string {
  let out = raw;
  for (const secret of secrets) {
    if (!secret) continue;
    out = out.split(secret).join(REDACTED).split(encodeURIComponent(secret)).join(REDACTED);
  }
  return out;
}

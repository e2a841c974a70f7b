/**
 * The Slack Web API over UrlFetchApp: `POST https://slack.com/api/<method>` with a
 * JSON body and the bot token as a Bearer header, sent in one fetchAll batch with
 * muteHttpExceptions so every failure comes back as a value: HTTP status (with
 * Retry-After on 429), Slack's `ok:false` error, or the exception UrlFetchApp threw.
 */
import type { SlackClient, SlackRequest } from '../app/ports';
import type { SlackOutcome } from '../domain/delivery';
import { errorText } from '../domain/errors';

const API = 'https://slack.com/api/';

export class UrlFetchSlackClient implements SlackClient {
  /** @param botToken SLACK_BOT_TOKEN; '' when not set */
  constructor(private readonly botToken: string) {}

  sendAll(requests: readonly SlackRequest[]): SlackOutcome[] {
    if (requests.length === 0) return [];
    if (!this.botToken) return requests.map(() => ({ kind: 'slack_error', error: 'no_token' }));
    const fetches = requests.map((r) => ({
      url: API + r.method,
      method: 'post' as const,
      contentType: 'application/json; charset=utf-8',
      headers: { Authorization: `Bearer ${this.botToken}` },
      payload: JSON.stringify(r.body),
      muteHttpExceptions: true,
    }));
    try {
      return UrlFetchApp.fetchAll(fetches).map((response) => readResponse(response));
    } catch (err) {
      const message = errorText(err);
      return requests.map(() => ({ kind: 'thrown', message }));
    }
  }

  respond(responseUrl: string, body: Record<string, unknown>): SlackOutcome {
    try {
      const response = UrlFetchApp.fetch(responseUrl, {
        method: 'post',
        contentType: 'application/json; charset=utf-8',
        payload: JSON.stringify(body),
        muteHttpExceptions: true,
      });
      const status = response.getResponseCode();
      return status >= 200 && status < 300
        ? { kind: 'ok', channel: '', ts: '' }
        : { kind: 'http', status };
    } catch (err) {
      return { kind: 'thrown', message: errorText(err) };
    }
  }
}

function readResponse(response: GoogleAppsScript.URL_Fetch.HTTPResponse): SlackOutcome {
  const status = response.getResponseCode();
  if (status !== 200) {
    const headers = response.getHeaders() as Record<string, string>;
    const retryAfter = Object.keys(headers).find((h) => h.toLowerCase() === 'retry-after');
    return {
      kind: 'http',
      status,
      retryAfterSeconds: retryAfter ? Number(headers[retryAfter]) : undefined,
    };
  }
  let body: { ok?: boolean; error?: string; channel?: string; ts?: string };
  try {
    body = JSON.parse(response.getContentText()) as typeof body;
  } catch {
    return { kind: 'slack_error', error: 'invalid_response' };
  }
  if (body.ok) return { kind: 'ok', channel: body.channel ?? '', ts: body.ts ?? '' };
  return { kind: 'slack_error', error: body.error ?? 'unknown_error' };
}

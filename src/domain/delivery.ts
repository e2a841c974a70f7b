/**
 * What to do after a Slack call: done, try again later (and when), or give up. A
 * lead's state never waits on Slack; this policy only decides when its message is
 * tried again. Rate limits honour Slack's Retry-After; configuration errors
 * (bad token, unknown channel) wait long enough for an admin to fix them rather than
 * being retried every sweep; a message Slack rejects as malformed is never retried.
 */

/** Attempts after which a message is given up with a NOTIFY_FAILED log row. */
export const MAX_ATTEMPTS = 8;
/** Attempts for configuration errors (bad token, unknown channel). */
export const MAX_CONFIG_ATTEMPTS = 3;
/** Minutes to wait after a configuration error before trying again. */
export const CONFIG_RETRY_MINUTES = 60;
/**
 * Minutes between tries while UrlFetch's daily quota is spent ("Service invoked too many
 * times for one day: urlfetch."). Google resets it up to a day later, at a time it does
 * not announce; a try costs nothing from the quota, so the message is tried every 10
 * minutes and never given up: with checks every 5 minutes or less it goes out within 15
 * minutes of the quota returning.
 */
export const QUOTA_RETRY_MINUTES = 10;

/** What came back from one Slack call, as the Slack client port reports it. */
export type SlackOutcome =
  | { kind: 'ok'; channel: string; ts: string }
  | { kind: 'http'; status: number; retryAfterSeconds?: number }
  | { kind: 'slack_error'; error: string }
  | { kind: 'thrown'; message: string }
  /** Not sent: its channel was rate limited earlier in the same run. */
  | { kind: 'deferred'; untilMs: number };

export type DeliveryVerdict =
  | { kind: 'SENT'; channel: string; ts: string }
  /** `free`: this try does not count toward the attempts that lead to giving up. */
  | { kind: 'RETRY'; at: number; reason: string; free?: boolean }
  | { kind: 'FAILED'; reason: string };

const CONFIG_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'cannot_dm_bot',
  'no_token',
]);

const TRANSIENT_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** Exponential backoff in minutes: 1, 2, 4, … capped at 60. */
export function backoffMinutes(attempt: number): number {
  return Math.min(60, 2 ** Math.max(0, attempt - 1));
}

/**
 * @param attempt the attempt that just finished, 1-based
 * @param now epoch ms
 */
export function judgeDelivery(
  outcome: SlackOutcome,
  attempt: number,
  now: number,
): DeliveryVerdict {
  if (outcome.kind === 'ok') return { kind: 'SENT', channel: outcome.channel, ts: outcome.ts };
  const retry = (minutes: number, reason: string, limit = MAX_ATTEMPTS): DeliveryVerdict =>
    attempt >= limit
      ? { kind: 'FAILED', reason: `${reason} (gave up after ${attempt} attempts)` }
      : { kind: 'RETRY', at: now + minutes * 60_000, reason };
  switch (outcome.kind) {
    case 'http':
      if (outcome.status === 429) {
        const seconds =
          outcome.retryAfterSeconds && outcome.retryAfterSeconds > 0
            ? outcome.retryAfterSeconds
            : 60;
        return retry(seconds / 60, `rate limited by Slack (Retry-After ${seconds}s)`);
      }
      if (outcome.status >= 500)
        return retry(backoffMinutes(attempt), `Slack answered HTTP ${outcome.status}`);
      return { kind: 'FAILED', reason: `Slack answered HTTP ${outcome.status}` };
    case 'thrown':
      // A spent daily quota is never a reason to give a message up.
      if (/too many times/i.test(outcome.message))
        return {
          kind: 'RETRY',
          at: now + QUOTA_RETRY_MINUTES * 60_000,
          reason: `UrlFetch quota exhausted: ${outcome.message}`,
          free: true,
        };
      return retry(backoffMinutes(attempt), `request failed: ${outcome.message}`);
    case 'deferred':
      return {
        kind: 'RETRY',
        at: outcome.untilMs,
        reason: 'waiting for Slack rate limit on this channel',
      };
    case 'slack_error':
      if (CONFIG_ERRORS.has(outcome.error))
        return retry(CONFIG_RETRY_MINUTES, `Slack error ${outcome.error}`, MAX_CONFIG_ATTEMPTS);
      if (TRANSIENT_ERRORS.has(outcome.error))
        return retry(backoffMinutes(attempt), `Slack error ${outcome.error}`);
      return { kind: 'FAILED', reason: `Slack rejected the message: ${outcome.error}` };
  }
}

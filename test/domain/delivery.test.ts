import {
  CONFIG_RETRY_MINUTES,
  judgeDelivery,
  MAX_ATTEMPTS,
  MAX_CONFIG_ATTEMPTS,
  QUOTA_RETRY_MINUTES,
} from '../../src/domain/delivery';
import { newOutboxItem, pickBatch } from '../../src/domain/outbox';
import { MINUTE, T0 } from './fixtures';

describe('what happens after a Slack call', () => {
  test('a 429 waits exactly Retry-After', () => {
    expect(
      judgeDelivery({ kind: 'http', status: 429, retryAfterSeconds: 30 }, 1, T0),
    ).toMatchObject({ kind: 'RETRY', at: T0 + 30_000 });
  });
  test('a 500 backs off and gives up after the last attempt', () => {
    expect(judgeDelivery({ kind: 'http', status: 500 }, 1, T0)).toMatchObject({
      kind: 'RETRY',
      at: T0 + MINUTE,
    });
    expect(judgeDelivery({ kind: 'http', status: 500 }, MAX_ATTEMPTS, T0).kind).toBe('FAILED');
  });
  test('invalid_auth and channel_not_found wait for an admin instead of being retried every sweep', () => {
    for (const error of ['invalid_auth', 'channel_not_found']) {
      expect(judgeDelivery({ kind: 'slack_error', error }, 1, T0)).toMatchObject({
        kind: 'RETRY',
        at: T0 + CONFIG_RETRY_MINUTES * MINUTE,
      });
      expect(judgeDelivery({ kind: 'slack_error', error }, MAX_CONFIG_ATTEMPTS, T0).kind).toBe(
        'FAILED',
      );
    }
  });
  test('a message Slack calls malformed is not retried', () => {
    expect(judgeDelivery({ kind: 'slack_error', error: 'invalid_blocks' }, 1, T0).kind).toBe(
      'FAILED',
    );
  });
  test('a spent UrlFetch daily quota is tried again every 10 minutes and never given up, without using up attempts', () => {
    const spent = {
      kind: 'thrown' as const,
      message: 'Service invoked too many times for one day: urlfetch.',
    };
    for (const attempt of [1, MAX_ATTEMPTS, MAX_ATTEMPTS * 100])
      expect(judgeDelivery(spent, attempt, T0)).toEqual({
        kind: 'RETRY',
        at: T0 + QUOTA_RETRY_MINUTES * MINUTE,
        reason: `UrlFetch quota exhausted: ${spent.message}`,
        free: true,
      });
    expect(QUOTA_RETRY_MINUTES).toBe(10);
  });
});

describe('picking what one run sends', () => {
  const item = (id: string, channel: string, extra = {}) => ({
    ...newOutboxItem({
      id,
      leadId: id,
      kind: 'ASSIGNMENT',
      route: 1,
      method: 'chat.postMessage',
      body: JSON.stringify({ channel }),
      createdAt: T0,
    }),
    ...extra,
  });

  test('at most N per channel, in order; the rest wait for the next run', () => {
    const items = [
      item('a', 'C1'),
      item('b', 'C1'),
      item('c', 'C2'),
      item('d', 'C1'),
      item('e', 'C1'),
    ];
    expect(pickBatch(items, T0, 3, 50).map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
  });
  test('items not yet due, sent or failed are not picked', () => {
    const items = [
      item('a', 'C1', { nextAttemptAt: T0 + 1 }),
      item('b', 'C1', { status: 'SENT' }),
      item('c', 'C1', { status: 'FAILED' }),
      item('d', 'C1'),
    ];
    expect(pickBatch(items, T0, 3, 50).map((i) => i.id)).toEqual(['d']);
  });
});

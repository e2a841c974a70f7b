/**
 * Issue 4, reliability: nothing is lost. A lead's state never depends on Slack: whatever
 * Slack (or UrlFetchApp) does, the lead is written and assigned, the message waits in
 * slack_outbox, and a later sweep delivers it once the wait is over. Duplicate and
 * blank form events make the right number of leads. All through dist/Code.js.
 */
import type { SlackFailure } from '../runtime/slack';
import { BOT_TOKEN, outbox, World, type Row } from './world';
import { SECOND_PASS_HORIZON_MS } from '../../src/domain/sweep-timing';

/** A long SLA, so no sweep in these tests re-routes: only delivery is under test. */
const SETTINGS = { sla_minutes: 1440 };
const BUDI = { Name: 'Budi', Phone: '0812-3456-7890' };

function posts(w: World): number {
  return w.rt.slack.requests.filter((r) => r.method === 'chat.postMessage').length;
}

function only<T>(rows: T[]): T {
  expect(rows).toHaveLength(1);
  return rows[0];
}

function time(value: unknown): number {
  expect(value).toBeInstanceOf(Date);
  return (value as Date).getTime();
}

function expectWrittenAndAssigned(w: World, id: string | undefined): void {
  expect(id).toBeDefined();
  expect(w.lead(id!)).toMatchObject({
    name: 'Budi',
    phone: '6281234567890',
    stage: 'NEW',
    assigned_sales: 'Ayu',
    sales_slack_id: 'UAYU0001',
    route_count: 1,
  });
  expect(time(w.lead(id!).assigned_at)).toBe(w.rt.clock.now());
  expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED']);
}

function expectPending(item: Row, attempts: number, nextAttemptAt: number, error: RegExp): void {
  expect(item).toMatchObject({ kind: 'ASSIGNMENT', status: 'PENDING', attempts, sent_at: '' });
  expect(time(item.next_attempt_at)).toBe(nextAttemptAt);
  expect(String(item.last_error)).toMatch(error);
}

describe('a lead never waits on Slack', () => {
  const cases: Array<[string, SlackFailure, number, RegExp]> = [
    ['HTTP 500', { status: 500 }, 60, /HTTP 500/],
    [
      'HTTP 429 with Retry-After: 90',
      { status: 429, retryAfterSeconds: 90 },
      90,
      /rate limited by Slack \(Retry-After 90s\)/,
    ],
    ['ok:false channel_not_found', { error: 'channel_not_found' }, 3600, /channel_not_found/],
    ['ok:false invalid_auth', { error: 'invalid_auth' }, 3600, /invalid_auth/],
    [
      'a fetch that throws (network)',
      { throws: 'network' },
      60,
      /request failed: Address unavailable/,
    ],
    // Tried every 10 minutes and never given up (its tries do not count as attempts).
    ['the UrlFetch daily quota', { throws: 'quota' }, 600, /UrlFetch quota exhausted/],
  ];

  test.each(cases)(
    'on %s the lead is written and assigned all the same, the message stays PENDING, and a sweep after the wait delivers it',
    (_label, failure, waitSeconds, error) => {
      const w = new World({ settings: SETTINGS });
      const start = w.rt.clock.now();
      w.rt.slack.failNext(1, failure, 'chat.postMessage');
      const id = w.submit(BUDI);
      expectWrittenAndAssigned(w, id);
      expect(w.rt.slack.dm('UAYU0001')).toEqual([]);
      expect(w.lead(id!)).toMatchObject({ slack_channel: '', slack_ts: '' });
      const spentQuota = 'throws' in failure && failure.throws === 'quota';
      expectPending(only(outbox(w)), spentQuota ? 0 : 1, start + waitSeconds * 1000, error);

      // The round-robin moved on: the next lead is Bima's, whatever happened to Ayu's message.
      const next = w.submit({ Name: 'Sari', Phone: '0813-1111-2222' })!;
      expect(w.lead(next).sales_slack_id).toBe('UBIMA0002');

      w.rt.clock.set(start + waitSeconds * 1000);
      w.rt.run('runSlaSweep');
      const message = only(w.rt.slack.dm('UAYU0001'));
      expect(message.text).toContain(id);
      const item = outbox(w).find((o) => o.lead_id === id)!;
      expect(item).toMatchObject({
        status: 'SENT',
        attempts: spentQuota ? 1 : 2,
        next_attempt_at: '',
        last_error: '',
      });
      expect(w.lead(id!)).toMatchObject({
        stage: 'NEW',
        sales_slack_id: 'UAYU0001',
        route_count: 1,
        slack_channel: message.channel,
        slack_ts: message.ts,
      });
      expect(w.rt.failures).toEqual([]);
    },
  );

  test('Retry-After is respected: the message is not tried again before Slack said', () => {
    const w = new World({ settings: SETTINGS });
    w.rt.slack.failNext(1, { status: 429, retryAfterSeconds: 600 }, 'chat.postMessage');
    const id = w.submit(BUDI)!;
    expect(posts(w)).toBe(1);
    w.sweepAfter(5);
    expect(posts(w)).toBe(1);
    // A sweep further ahead of Slack's moment than its second-pass horizon leaves it alone;
    const early = SECOND_PASS_HORIZON_MS + 1_000;
    w.rt.clock.advanceMs(5 * 60_000 - early);
    w.rt.run('runSlaSweep');
    expect(posts(w)).toBe(1);
    expect(outbox(w)[0]).toMatchObject({ status: 'PENDING', attempts: 1 });
    const retryAt = time(outbox(w)[0].next_attempt_at);
    // one 1 s before it waits for that moment and sends then, not before.
    w.rt.clock.advanceMs(early - 1_000);
    w.rt.run('runSlaSweep');
    expect(posts(w)).toBe(2);
    expect(outbox(w)[0]).toMatchObject({ status: 'SENT', attempts: 2 });
    const sent = w.rt.slack.requests.filter((r) => r.method === 'chat.postMessage')[1];
    expect(sent.atMs).toBeGreaterThanOrEqual(retryAt);
    expect(w.seen('UAYU0001')).toEqual([expect.stringContaining(id)]);
  });

  test.each(['invalid_auth', 'channel_not_found'])(
    'after ok:false %s the message is not retried every sweep, only after the long wait',
    (error) => {
      const w = new World({ settings: SETTINGS });
      w.rt.slack.failNext(1, { error }, 'chat.postMessage');
      const id = w.submit(BUDI)!;
      for (let minute = 5; minute < 60; minute += 5) {
        w.sweepAfter(5);
        expect(posts(w)).toBe(1);
      }
      w.sweepAfter(5);
      expect(posts(w)).toBe(2);
      expect(outbox(w)[0]).toMatchObject({ status: 'SENT', attempts: 2 });
      expect(w.seen('UAYU0001')).toEqual([expect.stringContaining(id)]);
    },
  );

  test('a message Slack keeps failing is given up after the bounded attempts, with a NOTIFY_FAILED routing_log row, and the lead stays assigned', () => {
    const w = new World({ settings: SETTINGS });
    w.rt.slack.setDown(true);
    const id = w.submit(BUDI)!;
    for (let i = 0; i < 10; i++) w.sweepAfter(60);
    expect(posts(w)).toBe(8);
    const item = only(outbox(w));
    expect(item).toMatchObject({ status: 'FAILED', attempts: 8, next_attempt_at: '' });
    expect(String(item.last_error)).toMatch(/HTTP 500 \(gave up after 8 attempts\)/);
    const failed = w.log().filter((r) => r.event === 'NOTIFY_FAILED');
    expect(failed).toEqual([
      expect.objectContaining({ lead_id: id, detail: expect.stringContaining('ASSIGNMENT') }),
    ]);
    expect(w.lead(id)).toMatchObject({ stage: 'NEW', sales_slack_id: 'UAYU0001', route_count: 1 });
    w.rt.slack.setDown(false);
    w.sweepAfter(60);
    expect(posts(w)).toBe(8);
  });

  test('a configuration error is given up after fewer attempts, an hour apart', () => {
    const w = new World({ settings: SETTINGS });
    w.rt.slack.failNext(5, { error: 'invalid_auth' }, 'chat.postMessage');
    const id = w.submit(BUDI)!;
    w.sweepAfter(60);
    w.sweepAfter(60);
    expect(posts(w)).toBe(3);
    expect(only(outbox(w))).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'NOTIFY_FAILED']);
    w.sweepAfter(60);
    expect(posts(w)).toBe(3);
  });
});

describe('form events', () => {
  test('the form trigger firing twice for one response creates one lead, one assignment and one message', () => {
    const w = new World();
    const id = w.submit(BUDI, { duplicate: true })!;
    expect(w.leads()).toHaveLength(1);
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'DUPLICATE_SUBMISSION']);
    expect(w.rt.slack.dm('UAYU0001')).toHaveLength(1);
    expect(outbox(w)).toHaveLength(1);
    const next = w.submit({ Name: 'Sari', Phone: '0813-1111-2222' })!;
    expect(w.lead(next).sales_slack_id).toBe('UBIMA0002');
  });

  test.each([
    ['every answer empty', { Name: '', Phone: '', Email: '' }],
    ['every answer blank space', { Name: '  ', Phone: ' ', Email: '\t' }],
  ])(
    'a form event with %s creates no lead and is logged as BLANK_SUBMISSION',
    (_label, answers) => {
      const w = new World();
      expect(w.submit(answers)).toBeUndefined();
      expect(w.leads()).toEqual([]);
      expect(w.log()).toEqual([
        expect.objectContaining({ event: 'BLANK_SUBMISSION', lead_id: '', actor: 'form' }),
      ]);
      expect(w.rt.slack.requests).toEqual([]);
      expect(outbox(w)).toEqual([]);
      const next = w.submit(BUDI)!;
      expect(w.lead(next).sales_slack_id).toBe('UAYU0001');
    },
  );
});

describe('without a bot token', () => {
  test('leads are still written and assigned; the failure is visible in slack_outbox and setup says what is missing; once the token is set they are delivered', () => {
    const w = new World({ settings: SETTINGS, withoutProperties: ['SLACK_BOT_TOKEN'] });
    const start = w.rt.clock.now();
    const first = w.submit(BUDI)!;
    const second = w.submit({ Name: 'Sari', Phone: '0813-1111-2222' })!;
    expectWrittenAndAssigned(w, first);
    expect(w.lead(second)).toMatchObject({
      stage: 'NEW',
      sales_slack_id: 'UBIMA0002',
      route_count: 1,
    });
    expect(w.rt.slack.requests).toEqual([]);
    for (const item of outbox(w)) expectPending(item, 1, start + 3600_000, /no_token/);
    expect((w.rt.run('setup') as string[]).join('\n')).toMatch(/SLACK_BOT_TOKEN/);

    w.rt.properties.set('SLACK_BOT_TOKEN', BOT_TOKEN);
    w.sweepAfter(30);
    expect(w.rt.slack.requests).toEqual([]);
    w.sweepAfter(30);
    expect(outbox(w).map((o) => o.status)).toEqual(['SENT', 'SENT']);
    expect(w.seen('UAYU0001')).toEqual([expect.stringContaining(first)]);
    expect(w.seen('UBIMA0002')).toEqual([expect.stringContaining(second)]);
  });
});

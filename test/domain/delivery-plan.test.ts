/**
 * Delivery's plan, pure (domain/delivery-plan.ts): what Slack's answers make of each
 * outbox row, of an assignment's lead, of the log, and when the next retry is due.
 */
import fc from 'fast-check';
import type { SlackOutcome } from '../../src/domain/delivery';
import { planOutcomes } from '../../src/domain/delivery-plan';
import { newOutboxItem, type OutboxItem, type OutboxKind } from '../../src/domain/outbox';
import { MINUTE, T0 } from './fixtures';

function item(id: string, kind: OutboxKind = 'ASSIGNMENT', fields: Partial<OutboxItem> = {}) {
  return {
    ...newOutboxItem({
      id,
      leadId: `L-${id}`,
      kind,
      route: 2,
      method: 'chat.postMessage',
      body: '{}',
      createdAt: T0,
      toSlackId: 'UA1',
    }),
    ...fields,
  };
}

const ok: SlackOutcome = { kind: 'ok', channel: 'DA1', ts: '111.222' };

describe('planOutcomes', () => {
  test('a sent assignment is recorded with its buttons and on its lead, guarded', () => {
    const plan = planOutcomes([item('M1')], new Map([['M1', ok]]), T0);
    expect(plan.report).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(plan.outboxPatches).toEqual([
      {
        id: 'M1',
        changes: {
          status: 'SENT',
          attempts: 1,
          sentAt: T0,
          nextAttemptAt: null,
          lastError: '',
          messageChannel: 'DA1',
          messageTs: '111.222',
          button: 'LIVE',
        },
      },
    ]);
    expect(plan.leadPatches).toEqual([
      {
        leadId: 'L-M1',
        changes: { slackChannel: 'DA1', slackTs: '111.222' },
        expect: { routeCount: 2, stage: 'NEW', salesSlackId: 'UA1' },
      },
    ]);
    expect(plan.sentAssignments.get('L-M1')).toMatchObject({
      messageTs: '111.222',
      button: 'LIVE',
    });
    expect(plan.retryAt).toBe(Infinity);
  });

  test('a message without buttons is marked sent, not recorded; no lead patch', () => {
    const plan = planOutcomes([item('M2', 'NOBODY_AVAILABLE')], new Map([['M2', ok]]), T0);
    expect(plan.outboxPatches[0].changes).toMatchObject({ status: 'SENT' });
    expect(plan.outboxPatches[0].changes).not.toHaveProperty('messageTs');
    expect(plan.leadPatches).toEqual([]);
    expect(plan.sentAssignments.size).toBe(0);
  });

  test('a sent escalation is recorded (its buttons act) but patches no lead', () => {
    const plan = planOutcomes([item('M7', 'ESCALATION')], new Map([['M7', ok]]), T0);
    expect(plan.outboxPatches[0].changes).toMatchObject({ messageTs: '111.222', button: 'LIVE' });
    expect(plan.leadPatches).toEqual([]);
  });

  test('a 5xx is retried with backoff, counted, and warned about', () => {
    const plan = planOutcomes(
      [item('M3')],
      new Map([['M3', { kind: 'http', status: 503 } as const]]),
      T0,
    );
    expect(plan.report).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(plan.outboxPatches[0].changes).toMatchObject({
      attempts: 1,
      nextAttemptAt: T0 + MINUTE,
    });
    expect(plan.retryAt).toBe(T0 + MINUTE);
    expect(plan.notes).toEqual([
      { level: 'warn', text: expect.stringContaining('will be retried') },
    ]);
  });

  test('a rejected message fails for good with a NOTIFY_FAILED row', () => {
    const plan = planOutcomes(
      [item('M4')],
      new Map([['M4', { kind: 'slack_error', error: 'invalid_blocks' } as const]]),
      T0,
    );
    expect(plan.report.failed).toBe(1);
    expect(plan.outboxPatches[0].changes).toMatchObject({ status: 'FAILED', nextAttemptAt: null });
    expect(plan.log).toMatchObject([{ event: 'NOTIFY_FAILED', leadId: 'L-M4' }]);
    expect(plan.notes[0].level).toBe('error');
    expect(plan.retryAt).toBe(Infinity);
  });

  test('a deferred item waits for its channel without spending an attempt', () => {
    const plan = planOutcomes(
      [item('M5', 'ASSIGNMENT', { attempts: 3 })],
      new Map([['M5', { kind: 'deferred', untilMs: T0 + 30_000 } as const]]),
      T0,
    );
    expect(plan.outboxPatches[0].changes).toEqual({
      nextAttemptAt: T0 + 30_000,
      lastError: 'waiting for Slack rate limit on this channel',
    });
    expect(plan.retryAt).toBe(T0 + 30_000);
  });

  test('an item without an outcome is an error, never silently dropped', () => {
    expect(() => planOutcomes([item('M6')], new Map(), T0)).toThrow('no Slack outcome');
  });

  test('property: every item gets exactly one patch, counted once; retryAt is the earliest pending', () => {
    const outcomeArb: fc.Arbitrary<SlackOutcome> = fc.oneof(
      fc.constant(ok),
      fc.record({
        kind: fc.constant('http' as const),
        status: fc.constantFrom(400, 429, 500, 503),
      }),
      fc.record({
        kind: fc.constant('slack_error' as const),
        error: fc.constantFrom('invalid_auth', 'internal_error', 'invalid_blocks'),
      }),
      fc.record({
        kind: fc.constant('thrown' as const),
        message: fc.constantFrom('timeout', 'too many times'),
      }),
      fc.record({
        kind: fc.constant('deferred' as const),
        untilMs: fc.integer({ min: T0, max: T0 + 3_600_000 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom<OutboxKind>('ASSIGNMENT', 'ESCALATION', 'REROUTED_NOTICE'),
            fc.integer({ min: 0, max: 9 }),
            outcomeArb,
          ),
          { maxLength: 12 },
        ),
        (rows) => {
          const batch = rows.map(([kind, attempts], i) => item(`M${i}`, kind, { attempts }));
          const outcomes = new Map(rows.map(([, , outcome], i) => [`M${i}`, outcome]));
          const plan = planOutcomes(batch, outcomes, T0);
          expect(plan.outboxPatches.map((p) => p.id)).toEqual(batch.map((b) => b.id));
          const { sent, retrying, failed } = plan.report;
          expect(sent + retrying + failed).toBe(batch.length);
          expect(plan.log).toHaveLength(failed);
          const pending = plan.outboxPatches
            .filter((p) => p.changes.status === undefined)
            .map((p) => p.changes.nextAttemptAt as number);
          expect(pending).toHaveLength(retrying);
          expect(plan.retryAt).toBe(Math.min(Infinity, ...pending));
          expect(plan.leadPatches.length).toBe(
            rows.filter(([kind, , o]) => kind === 'ASSIGNMENT' && o.kind === 'ok').length,
          );
        },
      ),
    );
  });
});

/**
 * Delivery of queued Slack messages over in-memory ports: the outbox records every
 * outcome, failures back off as domain/delivery.ts decides, and the lead's state never
 * waits on Slack. Driven through intake and the sweep, the way messages are sent.
 */
import { admitResponse } from '../../src/app/intake';
import { runSweep } from '../../src/app/sweep';
import { SECOND_PASS_HORIZON_MS } from '../../src/domain/sweep-timing';
import { fakeWorld, formResponse, MINUTE, T0 } from '../fakes/services';

function world(slaMinutes = 60) {
  const w = fakeWorld({ reps: [{ slackId: 'UAYU' }, { slackId: 'UBIMA' }] });
  w.workbook.settings.set('sla_minutes', slaMinutes);
  const submit = (name: string, phone: string) => {
    const r = admitResponse(w.services, formResponse({ Name: name, Phone: phone }, name));
    if (r.kind !== 'CREATED') throw new Error(r.kind);
    return r;
  };
  return { ...w, submit };
}

describe('delivery', () => {
  test('a 5xx backs off 1, 2, 4 minutes …; the sweep sends it once it is due', () => {
    const w = world();
    w.slack.failNext({ kind: 'http', status: 503 }, { kind: 'http', status: 503 });
    const { leadId } = w.submit('Budi', '0812-3456-7890');
    expect(w.workbook.outbox[0]).toMatchObject({ attempts: 1, nextAttemptAt: T0 + MINUTE });
    w.clock.advance(MINUTE);
    runSweep(w.services);
    expect(w.workbook.outbox[0]).toMatchObject({ attempts: 2, nextAttemptAt: T0 + 3 * MINUTE });
    w.clock.advance(2 * MINUTE);
    runSweep(w.services);
    expect(w.workbook.outbox[0]).toMatchObject({ status: 'SENT', attempts: 3 });
    expect(w.workbook.lead(leadId).slackChannel).toBe('DAYU');
  });

  test('429 waits exactly Retry-After, and holds back the rest of that channel', () => {
    const w = world();
    w.slack.failNext({ kind: 'http', status: 429, retryAfterSeconds: 30 });
    w.submit('Budi', '0812-3456-7890');
    expect(w.workbook.outbox[0]).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 30_000 });
  });

  test('invalid_auth waits an hour for an admin, three tries, then NOTIFY_FAILED', () => {
    const w = world(24 * 60);
    const auth = { kind: 'slack_error', error: 'invalid_auth' } as const;
    w.slack.failNext(auth, auth, auth);
    const { leadId } = w.submit('Budi', '0812-3456-7890');
    // A sweep further ahead of the retry than its second-pass horizon leaves it alone.
    const early = SECOND_PASS_HORIZON_MS + 1;
    for (let i = 0; i < 2; i++) {
      w.clock.advance(60 * MINUTE - early);
      w.schedule.forget();
      runSweep(w.services);
      expect(w.workbook.outbox[0].attempts).toBe(i + 1);
      w.clock.advance(early);
      w.schedule.forget();
      runSweep(w.services);
    }
    expect(w.workbook.outbox[0]).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(w.workbook.events(leadId)).toContain('NOTIFY_FAILED');
    expect(w.log.at('error').join()).toContain('failed for good');
  });

  test('a batch that fails in transit is sent again whole; nothing is lost', () => {
    const w = world();
    w.lock.holdElsewhere(T0 + 1000);
    const a = w.submit('Budi', '0812-3456-7890');
    const b = w.submit('Sari', '0812-1111-2222');
    w.clock.advance(60 * MINUTE);
    w.slack.throwNextBatch();
    runSweep(w.services);
    // Both re-routes failed in transit; the next due sweep sends both.
    w.clock.advance(MINUTE);
    runSweep(w.services);
    for (const { leadId } of [a, b]) {
      const mine = w.workbook.outbox.filter((i) => i.leadId === leadId && i.kind === 'ASSIGNMENT');
      expect(mine.map((i) => i.status)).toEqual(['SENT', 'SENT']);
    }
  });

  test('without a bot token the lead is still routed and the message waits for an admin', () => {
    const w = world();
    w.slack.tokenSet = false;
    const { leadId, assignedTo } = w.submit('Budi', '0812-3456-7890');
    expect(assignedTo).toBe('UAYU');
    expect(w.workbook.lead(leadId).stage).toBe('NEW');
    expect(w.workbook.outbox[0]).toMatchObject({
      status: 'PENDING',
      lastError: expect.stringContaining('no_token'),
    });
  });
});

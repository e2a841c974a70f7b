/**
 * The fakes are as strict as the real adapters: each refusal the real one makes is
 * made here too, with the same code and words (a lenient fake would let a use case
 * pass here and fail in production).
 */
import { SHEETS } from '../../src/app/ports';
import { RoutingError } from '../../src/domain/errors';
import { fakeWorld, T0 } from './services';
import { lead } from '../domain/fixtures';

describe('FakeWorkbook', () => {
  test('a missing header stops load and loadLead with MISSING_HEADER, naming sheet and column', () => {
    const { workbook } = fakeWorld();
    workbook.dropHeader(SHEETS.leads, 'stage');
    for (const read of [() => workbook.load(), () => workbook.loadLead('L-1')]) {
      expect(read).toThrow(RoutingError);
      expect(read).toThrow(
        'Sheet "lead_sheet" has no column "stage" in its first row. Add it, or run Lead Routing → Set up to repair the sheet.',
      );
    }
  });

  test('a missing sheet stops load with MISSING_SHEET', () => {
    const { workbook } = fakeWorld();
    workbook.dropSheet(SHEETS.outbox);
    expect(() => workbook.load()).toThrow(
      'Sheet "slack_outbox" is missing. Run Lead Routing → Set up to create it.',
    );
  });

  test('a missing log header fails the commit after the earlier writes, as the real order does', () => {
    const { workbook, lock } = fakeWorld();
    workbook.dropHeader(SHEETS.log, 'detail');
    const l = lead({ leadId: 'L-1' });
    expect(() =>
      lock.withLock(1000, () =>
        workbook.commit({
          newLeads: [l],
          log: [
            {
              at: T0,
              leadId: 'L-1',
              event: 'RECEIVED',
              fromSlackId: '',
              toSlackId: '',
              actor: 'form',
              detail: '',
            },
          ],
        }),
      ),
    ).toThrow('Sheet "routing_log" has no column "detail"');
    expect(workbook.leadRows.map((r) => r.leadId)).toEqual(['L-1']);
    expect(workbook.log).toEqual([]);
  });

  test('guarded patches: a lead that moved on or is gone is skipped with what goes with it', () => {
    const { workbook, lock } = fakeWorld();
    workbook.leadRows = [lead({ leadId: 'L-1', salesSlackId: 'UB', routeCount: 2 })];
    const report = lock.withLock(1000, () =>
      workbook.commit({
        leadPatches: [
          { leadId: 'L-1', changes: { stage: 'CONTACTED' }, expect: { salesSlackId: 'UA' } },
          { leadId: 'L-2', changes: { stage: 'CONTACTED' } },
        ],
        state: { escalated_L_1: 'x', 'escalated_L-1': new Date(T0) },
        log: [
          {
            at: T0,
            leadId: 'L-1',
            event: 'CONTACTED',
            fromSlackId: '',
            toSlackId: '',
            actor: 'UA',
            detail: '',
          },
        ],
      }),
    );
    expect(report.skippedLeads).toEqual([
      { leadId: 'L-1', why: 'CHANGED' },
      { leadId: 'L-2', why: 'MISSING' },
    ]);
    expect(workbook.lead('L-1').stage).toBe('NEW');
    expect(workbook.log).toEqual([]);
    expect([...workbook.state.keys()]).toEqual(['escalated_L_1']);
  });

  test('new leads and lead patches in one commit are refused', () => {
    const { workbook } = fakeWorld();
    expect(() =>
      workbook.commit({ newLeads: [lead()], leadPatches: [{ leadId: 'x', changes: {} }] }),
    ).toThrow('commit: new leads and lead patches cannot share one commit');
  });

  test('a copied row: the first is the lead, the id is reported; loads are copies', () => {
    const { workbook } = fakeWorld();
    workbook.leadRows = [lead({ leadId: 'L-1' })];
    workbook.copyLeadRow('L-1');
    const snapshot = workbook.load();
    expect(snapshot.leads).toHaveLength(1);
    expect(snapshot.duplicateLeadIds).toEqual(['L-1']);
    snapshot.leads[0].stage = 'CONTACTED';
    expect(workbook.lead('L-1').stage).toBe('NEW');
  });

  test('a Date in routing_state_sheet reads back as its date serial, like a date-time cell', () => {
    const { workbook, lock } = fakeWorld();
    lock.withLock(1000, () => workbook.commit({ state: { since: new Date(T0) } }));
    // 2026-11-26 09:00 in UTC+7 = serial 46352.375
    expect(workbook.load().state.get('since')).toBe('46352.375');
  });

  test('writes without the script lock are recorded', () => {
    const { workbook } = fakeWorld();
    workbook.commit({ state: { a: 1 } });
    expect(workbook.unlockedWrites).toEqual(['append to routing_state_sheet']);
  });
});

describe('FakeLock', () => {
  test('another run holding it past the timeout: LOCK_TIMEOUT after waiting the timeout', () => {
    const { lock, clock } = fakeWorld();
    lock.holdElsewhere();
    expect(() => lock.withLock(1500, () => 1)).toThrow(
      'Another run held the script lock for more than 2 s; nothing was changed.',
    );
    expect(clock.now()).toBe(T0 + 1500);
  });

  test('a hold that ends within the timeout is waited for', () => {
    const { lock, clock } = fakeWorld();
    lock.holdElsewhere(T0 + 1000);
    expect(lock.withLock(1500, () => lock.held)).toBe(true);
    expect(clock.now()).toBe(T0 + 1000);
    expect(lock.held).toBe(false);
  });

  test('a nested withLock releases the execution lock for the outer run too', () => {
    const { lock } = fakeWorld();
    const heldAfterInner = lock.withLock(1000, () => {
      lock.withLock(1000, () => undefined);
      return lock.held;
    });
    expect(heldAfterInner).toBe(false);
  });
});

describe('FakeSlack', () => {
  test('refuses what Slack refuses', () => {
    const { slack } = fakeWorld();
    const [noChannel, noText, dm, updateByUser, updateUnknown] = [
      ...slack.sendAll([
        { method: 'chat.postMessage', body: { text: 'hi' } },
        { method: 'chat.postMessage', body: { channel: 'UAYU' } },
        { method: 'chat.postMessage', body: { channel: 'UAYU', text: 'hi' } },
      ]),
      ...slack.sendAll([
        { method: 'chat.update', body: { channel: 'UAYU', ts: '1', text: 'x' } },
        { method: 'chat.update', body: { channel: 'DAYU', ts: '1', text: 'x' } },
      ]),
    ];
    expect(noChannel).toEqual({ kind: 'slack_error', error: 'channel_not_found' });
    expect(noText).toEqual({ kind: 'slack_error', error: 'no_text' });
    expect(dm).toMatchObject({ kind: 'ok', channel: 'DAYU' });
    expect(updateByUser).toEqual({ kind: 'slack_error', error: 'channel_not_found' });
    expect(updateUnknown).toEqual({ kind: 'slack_error', error: 'message_not_found' });
    const ts = dm.kind === 'ok' ? dm.ts : '';
    expect(
      slack.sendAll([{ method: 'chat.update', body: { channel: 'DAYU', ts, text: 'x' } }]),
    ).toEqual([{ kind: 'ok', channel: 'DAYU', ts }]);
  });

  test('without a bot token every request fails no_token; a thrown batch fails whole', () => {
    const { slack } = fakeWorld();
    slack.throwNextBatch('boom');
    expect(
      slack.sendAll([
        { method: 'chat.postMessage', body: { channel: 'C1', text: 'a' } },
        { method: 'chat.postMessage', body: { channel: 'C1', text: 'b' } },
      ]),
    ).toEqual([
      { kind: 'thrown', message: 'boom' },
      { kind: 'thrown', message: 'boom' },
    ]);
    slack.tokenSet = false;
    expect(slack.sendAll([{ method: 'auth.test', body: {} }])).toEqual([
      { kind: 'slack_error', error: 'no_token' },
    ]);
  });

  test('response_url must be Slack’s', () => {
    const { slack } = fakeWorld();
    expect(slack.respond('https://example.com/x', {})).toEqual({ kind: 'http', status: 404 });
    expect(slack.respond('https://hooks.slack.com/actions/1', { text: 'ok' }).kind).toBe('ok');
  });
});

describe('FakeParked and FakeSchedule', () => {
  test('Script Properties’ 9 kB per value', () => {
    const { parked } = fakeWorld();
    expect(() =>
      parked.park('k', { namedValues: { Name: ['x'.repeat(9300)] }, values: [] }),
    ).toThrow('Argument too large: value');
    parked.park('k', { namedValues: { Name: ['Budi'] }, values: ['t'] });
    expect(parked.all()).toEqual([
      { key: 'k', response: { namedValues: { Name: ['Budi'] }, values: ['t'] } },
    ]);
  });

  test('the plan is capped at 15 minutes and expires a minute after it', () => {
    const { schedule, clock } = fakeWorld();
    schedule.setNextWorkAt(T0 + 60 * 60_000, 5 * 60_000);
    expect(schedule.nextWorkAt()).toEqual({ atMs: T0 + 15 * 60_000, everyMs: 5 * 60_000 });
    clock.advance(16 * 60_000);
    expect(schedule.nextWorkAt()).toBeNull();
  });
});

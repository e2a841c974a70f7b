/**
 * Issue 4, reliability: concurrency. Every read-modify-write runs under the script
 * lock and Slack is talked to outside it, so executions that interleave (simulated
 * with nested executions started while an outer one waits on Slack, and with another
 * run holding the lock) never give a round-robin turn twice, never lose a lead and
 * never lose a CONTACTED. Everything through dist/Code.js on the local runtime.
 *
 * A click while another run holds the lock for longer than Slack waits (nothing lost,
 * the rep is asked to click again) is covered in click.test.ts.
 */
import { ESCALATION_CHANNEL, LEADS_CHANNEL, onSlackRequest, outbox, World } from './world';

function owners(w: World, ids: string[]): string[] {
  return ids.map((id) => String(w.lead(id).sales_slack_id));
}

function state(w: World): Record<string, unknown> {
  return Object.fromEntries(w.table('routing_state_sheet').map((r) => [r.key, r.value]));
}

/** Each lead's slack_channel / slack_ts point at the message that was posted for it, to its current owner. */
function expectMessagesOnTheRightLeads(w: World, ids: string[]): void {
  for (const id of ids) {
    const lead = w.lead(id);
    const message = w.rt.slack
      .dm(String(lead.sales_slack_id))
      .find((m) => m.ts === lead.slack_ts && m.channel === lead.slack_channel);
    expect({ id, found: message !== undefined }).toEqual({ id, found: true });
    const posted = message!.updates.length ? message!.updates[0].previous.text : message!.text;
    expect(posted).toContain(`New lead ${id} for <@${String(lead.sales_slack_id)}>`);
  }
}

function byName(w: World, name: string): string {
  const found = w.leads().filter((l) => l.name === name);
  expect(found).toHaveLength(1);
  return String(found[0].lead_id);
}

function expectNoUnlockedWritesOrLeaks(w: World): void {
  expect(w.rt.counters.unlockedWrites).toEqual([]);
  expect(w.rt.lockLeaks).toEqual([]);
  expect(w.rt.failures).toEqual([]);
}

describe('the script lock', () => {
  test('after a full day of intake, duplicates, clicks, sweeps, Slack failures and escalation, no sheet write was made without the lock and no run left it held', () => {
    const w = new World({
      settings: {
        sla_minutes: 30,
        escalation_threshold: 3,
        escalation_channel_id: ESCALATION_CHANNEL,
        leads_channel_id: LEADS_CHANNEL,
      },
    });
    const a = w.submit({ Name: 'A', Phone: '0812-0000-0001' })!;
    const b = w.submit({ Name: 'B', Phone: '0812-0000-0002' }, { duplicate: true })!;
    w.submit({ Name: '', Phone: '', Email: '' });
    w.rt.slack.failNext(1, { status: 500 }, 'chat.postMessage');
    const c = w.submit({ Name: 'C', Phone: '0812-0000-0003' })!;
    w.click('UBIMA0002', b);
    w.click('UAYU0001', b); // not the owner
    w.click('UAYU0001', a, { token: 'forged' });
    w.rt.slack.failNext(1, { error: 'invalid_auth' });
    for (let i = 0; i < 4; i++) {
      w.rt.clock.advanceMinutes(30);
      w.rt.fireDueTriggers();
    }
    w.rt.lock.holdElsewhere({ untilMs: w.rt.clock.now() + 4_000 });
    w.forgetSweepPlan(); // a sweep that reads (and so waits out the other run's lock)
    w.sweepAfter(0);
    w.click(String(w.lead(c).sales_slack_id), c);
    w.rt.run('setup');
    w.rt.run('doGet');
    expect(w.events(a)).toContain('ESCALATED');
    expect(w.lead(b).stage).toBe('CONTACTED');
    expect(w.lead(c).stage).toBe('CONTACTED');
    expectNoUnlockedWritesOrLeaks(w);
  });

  test('the sweep does not hold the lock while it talks to Slack: the owner clicking while its messages are being sent succeeds at once', () => {
    const w = new World();
    const overdue = w.submit({ Name: 'A', Phone: '0812-0000-0001' })!;
    w.rt.clock.advanceMinutes(30);
    const fresh = w.submit({ Name: 'B', Phone: '0812-0000-0002' })!;
    const hook = onSlackRequest(w, () => {
      const before = w.rt.clock.now();
      w.click('UBIMA0002', fresh);
      expect(w.rt.clock.now()).toBe(before); // it never waited for the lock
    });
    w.sweepAfter(30);
    expect(hook.fired()).toBe(true);
    expect(w.lead(overdue)).toMatchObject({ sales_slack_id: 'UBIMA0002', route_count: 2 });
    expect(w.lead(fresh)).toMatchObject({ stage: 'CONTACTED', sales_slack_id: 'UBIMA0002' });
    expect(w.rt.slack.ephemerals('UBIMA0002')).toEqual([]);
    expectNoUnlockedWritesOrLeaks(w);
  });

  test('a run that holds the lock for a few seconds delays intake and sweep, turns a click away (click again), and loses nothing', () => {
    const w = new World();
    const start = w.rt.clock.now();
    w.rt.lock.holdElsewhere({ untilMs: start + 5_000 });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    expect(w.rt.clock.now()).toBe(start + 5_000);
    expect(w.lead(id)).toMatchObject({ stage: 'NEW', sales_slack_id: 'UAYU0001' });
    expect(w.seen('UAYU0001')).toEqual([expect.stringContaining(id)]);

    w.rt.clock.advanceMinutes(60);
    w.rt.lock.holdElsewhere({ untilMs: w.rt.clock.now() + 8_000 });
    w.rt.run('runSlaSweep');
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UBIMA0002', route_count: 2 });

    // A click waits at most 30 ms for the lock (Slack waits 3 s: slack-deadline.test.ts),
    // so during a 1-second hold it changes nothing and is told to click again.
    w.rt.lock.holdElsewhere({ untilMs: w.rt.clock.now() + 1_000 });
    w.click('UBIMA0002', id);
    expect(w.lead(id).stage).toBe('NEW');
    expect(w.rt.slack.ephemerals('UBIMA0002').map((e) => e.text)).toEqual([
      expect.stringContaining('click again'),
    ]);
    w.rt.clock.advanceMs(1_000);
    w.click('UBIMA0002', id);
    expect(w.lead(id).stage).toBe('CONTACTED');
    expectNoUnlockedWritesOrLeaks(w);
  });

  test('when another run takes the lock while the sweep is sending, the sweep waits to record what it sent and loses nothing', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    onSlackRequest(w, () => w.rt.lock.holdElsewhere({ untilMs: w.rt.clock.now() + 10_000 }), {
      after: true,
    });
    w.sweepAfter(60);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UBIMA0002', route_count: 2 });
    expect(outbox(w).map((o) => o.status)).toEqual(['SENT', 'SENT', 'SENT']);
    expectMessagesOnTheRightLeads(w, [id]);
    expectNoUnlockedWritesOrLeaks(w);
  });
});

describe('interleaved intakes and sweeps', () => {
  test('two intakes arriving while the sweep sends its messages take the next turns: no rep gets a turn twice, no lead is lost', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001', active: false },
        { name: 'Bima', slackId: 'UBIMA0002', active: false },
        { name: 'Citra', slackId: 'UCITRA003', active: false },
      ],
    });
    const waiting = [
      w.submit({ Name: 'W1', Phone: '0812-0000-0001' })!,
      w.submit({ Name: 'W2', Phone: '0812-0000-0002' })!,
    ];
    expect(owners(w, waiting)).toEqual(['', '']);
    w.setReps([
      { name: 'Ayu', slackId: 'UAYU0001' },
      { name: 'Bima', slackId: 'UBIMA0002' },
      { name: 'Citra', slackId: 'UCITRA003' },
    ]);
    // The sweep's first Slack request starts intake N3; N3's own Slack request starts intake N4.
    onSlackRequest(w, () => {
      w.submit({ Name: 'N3', Phone: '0812-0000-0003' });
    });
    onSlackRequest(
      w,
      () => {
        w.submit({ Name: 'N4', Phone: '0812-0000-0004' });
      },
      { nth: 2 },
    );
    w.sweepAfter(5);
    const all = [...waiting, byName(w, 'N3'), byName(w, 'N4')];
    expect(new Set(all).size).toBe(4);
    expect(
      w
        .leads()
        .map((l) => l.lead_id)
        .sort(),
    ).toEqual([...all].sort());
    expect(owners(w, all)).toEqual(['UAYU0001', 'UBIMA0002', 'UCITRA003', 'UAYU0001']);
    expect(state(w)).toMatchObject({ last_slack_id: 'UAYU0001' });
    for (const id of all) expect(w.events(id).filter((e) => e === 'ASSIGNED')).toHaveLength(1);
    const assignments = outbox(w).filter((o) => o.kind === 'ASSIGNMENT');
    expect(assignments.map((o) => o.lead_id).sort()).toEqual([...all].sort());
    expect(assignments.map((o) => o.status)).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);
    expectMessagesOnTheRightLeads(w, all);
    expect(w.seen('UAYU0001')).toHaveLength(2);
    expectNoUnlockedWritesOrLeaks(w);
  });

  test('a sweep running while an intake sends its message, and an intake inside that sweep, keep the rotation and every lead', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001', active: false },
        { name: 'Bima', slackId: 'UBIMA0002', active: false },
        { name: 'Citra', slackId: 'UCITRA003', active: false },
      ],
    });
    const waiting = w.submit({ Name: 'W1', Phone: '0812-0000-0001' })!;
    w.setReps([
      { name: 'Ayu', slackId: 'UAYU0001' },
      { name: 'Bima', slackId: 'UBIMA0002' },
      { name: 'Citra', slackId: 'UCITRA003' },
    ]);
    let inner = '';
    onSlackRequest(w, () => {
      w.rt.run('runSlaSweep');
    });
    onSlackRequest(
      w,
      () => {
        inner = w.submit({ Name: 'N3', Phone: '0812-0000-0003' })!;
      },
      { nth: 2 },
    );
    const outer = w.submit({ Name: 'N2', Phone: '0812-0000-0002' })!;
    expect(inner).not.toBe('');
    expect(owners(w, [outer, waiting, inner])).toEqual(['UAYU0001', 'UBIMA0002', 'UCITRA003']);
    expect(state(w)).toMatchObject({ last_slack_id: 'UCITRA003' });
    expect(w.leads()).toHaveLength(3);
    expectMessagesOnTheRightLeads(w, [outer, waiting, inner]);
    const next = w.submit({ Name: 'N4', Phone: '0812-0000-0004' })!;
    expect(w.lead(next).sales_slack_id).toBe('UAYU0001');
    expectNoUnlockedWritesOrLeaks(w);
  });
});

describe('CONTACTED is never lost', () => {
  test('the new owner marking a lead CONTACTED while the sweep is still sending its re-route messages stays CONTACTED', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    // The sweep posts Bima's message, then updates Ayu's; Bima clicks in between.
    onSlackRequest(
      w,
      () => {
        const message = w.rt.slack.dm('UBIMA0002')[0];
        w.click('UBIMA0002', id, { message: { channel: message.channel, ts: message.ts } });
      },
      { nth: 2 },
    );
    w.sweepAfter(60);
    const lead = w.lead(id);
    expect(lead).toMatchObject({ stage: 'CONTACTED', sales_slack_id: 'UBIMA0002', route_count: 2 });
    expect((lead.contacted_at as Date).getTime()).toBe(w.rt.clock.now());
    expectMessagesOnTheRightLeads(w, [id]);
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'REROUTED', 'CONTACTED']);
    for (let i = 0; i < 5; i++) w.sweepAfter(60);
    expect(w.lead(id)).toMatchObject({
      stage: 'CONTACTED',
      sales_slack_id: 'UBIMA0002',
      route_count: 2,
    });
    expectNoUnlockedWritesOrLeaks(w);
  });

  test('the owner marking a lead CONTACTED while its intake is still recording the message stays CONTACTED', () => {
    const w = new World();
    onSlackRequest(
      w,
      () => {
        const message = w.rt.slack.dm('UAYU0001')[0];
        const id = String(message.text.match(/L-\d{8}-[0-9A-F]{8}/)![0]);
        w.click('UAYU0001', id, { message: { channel: message.channel, ts: message.ts } });
      },
      { after: true },
    );
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    expect(w.lead(id)).toMatchObject({ stage: 'CONTACTED', sales_slack_id: 'UAYU0001' });
    expectMessagesOnTheRightLeads(w, [id]);
    w.sweepAfter(120);
    expect(w.lead(id)).toMatchObject({
      stage: 'CONTACTED',
      sales_slack_id: 'UAYU0001',
      route_count: 1,
    });
    expectNoUnlockedWritesOrLeaks(w);
  });

  test('clicks from several reps while a sweep sends re-routes: each owner’s CONTACTED holds, the old owner is refused', () => {
    const w = new World();
    const ids = [
      w.submit({ Name: 'A', Phone: '0812-0000-0001' })!,
      w.submit({ Name: 'B', Phone: '0812-0000-0002' })!,
    ];
    w.rt.clock.advanceMinutes(30);
    const fresh = w.submit({ Name: 'C', Phone: '0812-0000-0003' })!; // Citra's, not overdue
    onSlackRequest(w, () => {
      w.click('UCITRA003', fresh);
      w.click('UAYU0001', ids[0], {
        message: {
          channel: w.rt.slack.dm('UAYU0001')[0].channel,
          ts: w.rt.slack.dm('UAYU0001')[0].ts,
        },
      });
    });
    w.sweepAfter(30);
    expect(w.lead(fresh).stage).toBe('CONTACTED');
    expect(w.lead(ids[0])).toMatchObject({ stage: 'NEW', sales_slack_id: 'UBIMA0002' });
    expect(w.rt.slack.ephemerals('UAYU0001').map((e) => e.text)).toEqual([
      expect.stringContaining('re-routed away from you'),
    ]);
    expectNoUnlockedWritesOrLeaks(w);
  });
});

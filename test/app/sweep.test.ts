/**
 * The SLA sweep over in-memory ports (no build): re-routes overdue leads, escalates
 * once, keeps the old message honest, plans the next sweep, and takes in parked
 * responses. Times are the fake clock's: nothing here waits.
 */
import { admitResponse, admitResponseOrPark } from '../../src/app/intake';
import { DELIVERY_BUDGET_MS, runSweep } from '../../src/app/sweep';
import { SECOND_PASS_HORIZON_MS } from '../../src/domain/sweep-timing';
import { fakeWorld, formResponse, MINUTE, T0 } from '../fakes/services';

const REPS = [
  { slackId: 'UAYU', name: 'Ayu' },
  { slackId: 'UBIMA', name: 'Bima' },
];

function withLead(settings: Record<string, string | number> = {}) {
  const w = fakeWorld({ reps: REPS });
  for (const [k, v] of Object.entries(settings)) w.workbook.settings.set(k, v);
  const result = admitResponse(w.services, formResponse({ Name: 'Budi', Phone: '0812-3456-7890' }));
  if (result.kind !== 'CREATED') throw new Error(result.kind);
  return { ...w, id: result.leadId };
}

describe('runSweep', () => {
  test('nothing due yet: nothing changes', () => {
    const w = withLead();
    w.clock.advance(59 * MINUTE);
    expect(runSweep(w.services)).toMatchObject({ rerouted: 0, escalated: 0 });
    expect(w.workbook.lead(w.id).salesSlackId).toBe('UAYU');
  });

  test('an overdue lead moves to the next rep; the old message loses its button', () => {
    const w = withLead();
    w.clock.advance(60 * MINUTE);
    expect(runSweep(w.services)).toMatchObject({ rerouted: 1, delivery: { sent: 2 } });
    expect(w.workbook.lead(w.id)).toMatchObject({
      salesSlackId: 'UBIMA',
      routeCount: 2,
      assignedAt: T0 + 60 * MINUTE,
      routeHistory: ['UAYU', 'UBIMA'],
      slackChannel: 'DBIMA',
    });
    expect(w.workbook.events(w.id)).toEqual(['RECEIVED', 'ASSIGNED', 'REROUTED']);
    const [old] = w.slack.postedTo('UAYU');
    expect(old.updates).toHaveLength(1);
    expect(JSON.stringify(old.updates[0].blocks ?? [])).not.toContain('mark_contacted');
    expect(w.slack.postedTo('UBIMA')).toHaveLength(1);
    expect(w.workbook.unlockedWrites).toEqual([]);
  });

  test('at escalation_threshold the manager is told once, and the lead is never re-routed again', () => {
    const w = withLead({ escalation_threshold: 2, manager_slack_id: 'UBOSS' });
    w.clock.advance(60 * MINUTE);
    runSweep(w.services);
    w.clock.advance(60 * MINUTE);
    expect(runSweep(w.services)).toMatchObject({ escalated: 1 });
    expect(w.workbook.state.get(`escalated_${w.id}`)).toMatch(/^\d+(\.\d+)?$/);
    for (let i = 0; i < 3; i++) {
      w.clock.advance(60 * MINUTE);
      expect(runSweep(w.services)).toMatchObject({ rerouted: 0, escalated: 0 });
    }
    expect(w.slack.postedTo('UBOSS')).toHaveLength(1);
    expect(w.workbook.lead(w.id)).toMatchObject({ salesSlackId: 'UBIMA', routeCount: 2 });
    expect(w.workbook.events(w.id).filter((e) => e === 'ESCALATED')).toHaveLength(1);
  });

  test('a sweep with nothing planned before the next one skips reading the sheets', () => {
    const w = withLead();
    runSweep(w.services);
    const loads = w.workbook.calls.load;
    w.clock.advance(5 * MINUTE);
    expect(runSweep(w.services)).toMatchObject({ skipped: true });
    expect(w.workbook.calls.load).toBe(loads);
    // The plan is at most 15 minutes ahead: the sheets are read again by then.
    w.clock.advance(10 * MINUTE);
    expect(runSweep(w.services).skipped).toBeUndefined();
    expect(w.workbook.calls.load).toBe(loads + 1);
  });

  test('an admin’s edit between read and write wins: a contacted lead is not re-routed', () => {
    const w = withLead();
    w.clock.advance(60 * MINUTE);
    const load = w.workbook.load.bind(w.workbook);
    w.workbook.load = () => {
      const snapshot = load();
      w.workbook.editLead(w.id, { stage: 'CONTACTED' });
      return snapshot;
    };
    expect(runSweep(w.services)).toMatchObject({ rerouted: 0 });
    expect(w.workbook.lead(w.id)).toMatchObject({ stage: 'CONTACTED', salesSlackId: 'UAYU' });
    expect(w.slack.postedTo('UBIMA')).toEqual([]);
  });

  test('a lead left without its message (a run died halfway) gets it from the next sweep', () => {
    const w = withLead();
    // The run stopped after writing the lead, before its message was queued.
    w.workbook.outbox = [];
    w.workbook.editLead(w.id, { slackChannel: '', slackTs: '' });
    runSweep(w.services);
    expect(w.workbook.events(w.id)).toContain('NOTIFY_RETRY');
    expect(w.slack.postedTo('UAYU')).toHaveLength(2);
    expect(w.workbook.lead(w.id).routeCount).toBe(1);
  });

  test('parked responses are taken in after the sweep', () => {
    const w = fakeWorld({ reps: REPS });
    w.lock.holdElsewhere(T0 + 60_000);
    admitResponseOrPark(w.services, formResponse({ Name: 'Sari', Phone: '0812-1111-2222' }));
    expect(w.parked.all()).toHaveLength(1);
    expect(runSweep(w.services)).toMatchObject({ parkedAdmitted: 1 });
    expect(w.workbook.leadRows.map((l) => [l.name, l.salesSlackId])).toEqual([['Sari', 'UAYU']]);
  });

  test('the dashboard gets the figures after the commit; a missing dashboard sheet only warns', () => {
    const w = withLead();
    runSweep(w.services);
    expect(w.dashboard.writes).toHaveLength(1);
    expect(w.dashboard.writes[0].stats.overall.leadsToday).toBe(1);
    w.dashboard.exists = false;
    w.schedule.forget();
    expect(() => runSweep(w.services)).not.toThrow();
    expect(w.log.at('warn').join()).toContain('dashboard not refreshed');
  });

  test('a deadline just after the pass: the sweep waits for it and re-routes at it, in one more pass', () => {
    const w = withLead();
    w.clock.advance(60 * MINUTE - 10_000);
    const loads = w.workbook.calls.load;
    expect(runSweep(w.services)).toMatchObject({ rerouted: 1, secondPassAfterMs: 10_000 });
    expect(w.clock.now()).toBe(T0 + 60 * MINUTE);
    expect(w.workbook.calls.load).toBe(loads + 2);
    // Re-routed at its deadline, not before: the rep had the full SLA.
    expect(w.workbook.lead(w.id)).toMatchObject({
      salesSlackId: 'UBIMA',
      assignedAt: T0 + 60 * MINUTE,
    });
  });

  test('a deadline beyond the horizon is the next sweep’s: no wait, one read', () => {
    const w = withLead();
    w.clock.advance(60 * MINUTE - SECOND_PASS_HORIZON_MS - 1);
    const loads = w.workbook.calls.load;
    const report = runSweep(w.services);
    expect(report).toMatchObject({ rerouted: 0 });
    expect(report.secondPassAfterMs).toBeUndefined();
    expect(w.clock.now()).toBe(T0 + 60 * MINUTE - SECOND_PASS_HORIZON_MS - 1);
    expect(w.workbook.calls.load).toBe(loads + 1);
  });

  test('one second pass at most: work due just after it waits for the next sweep', () => {
    const w = fakeWorld({ reps: REPS });
    const ids = [0, 10_000].map((offset, k) => {
      w.clock.advance(offset);
      const r = admitResponse(
        w.services,
        formResponse({ Name: `Lead ${k}`, Phone: `0812-3456-789${k}` }),
      );
      if (r.kind !== 'CREATED') throw new Error(r.kind);
      return r.leadId;
    });
    // Deadlines at T0 + 60 min and 10 s later: the sweep 5 s before the first waits once.
    w.clock.advance(60 * MINUTE - 15_000);
    expect(runSweep(w.services)).toMatchObject({ rerouted: 1, secondPassAfterMs: 5_000 });
    expect(w.clock.now()).toBe(T0 + 60 * MINUTE);
    expect(w.workbook.lead(ids[0]).routeCount).toBe(2);
    expect(w.workbook.lead(ids[1]).routeCount).toBe(1);
  });

  test('a second pass that cannot get the lock leaves its work to the next sweep, with a warning', () => {
    const w = withLead();
    w.services.pause = (ms) => {
      w.clock.advance(ms);
      w.lock.holdElsewhere(); // a long run takes the lock while the sweep waits
    };
    w.clock.advance(60 * MINUTE - 10_000);
    expect(runSweep(w.services)).toMatchObject({ rerouted: 0 });
    expect(w.log.at('warn').join()).toContain('second pass not run');
    expect(w.workbook.lead(w.id).routeCount).toBe(1);
    w.lock.releaseElsewhere();
    w.clock.advance(MINUTE);
    expect(runSweep(w.services)).toMatchObject({ rerouted: 1 });
  });

  test('work not due yet and the lock busy: the sweep does not wait, the next one re-routes on time', () => {
    const w = withLead();
    w.clock.advance(50 * MINUTE);
    runSweep(w.services); // plans the deadline, T0 + 60 min
    w.clock.advance(8 * MINUTE); // the next 5-minute sweep comes after the deadline: this one reads
    w.lock.holdElsewhere(w.clock.now() + 6_000); // a form response being taken in
    const loads = w.workbook.calls.load;
    const at = w.clock.now();
    expect(runSweep(w.services)).toMatchObject({ skipped: true, lockBusy: true, rerouted: 0 });
    expect(w.clock.now()).toBe(at);
    expect(w.workbook.calls.load).toBe(loads);
    expect(w.log.at('info').join()).toContain('the next sweep reads');
    w.clock.advance(5 * MINUTE);
    expect(runSweep(w.services)).toMatchObject({ rerouted: 1 });
    expect(w.workbook.lead(w.id).assignedAt).toBe(T0 + 63 * MINUTE);
  });

  test('work not due yet and the lock free: the sweep reads ahead as before', () => {
    const w = withLead();
    w.clock.advance(50 * MINUTE);
    runSweep(w.services);
    w.clock.advance(8 * MINUTE);
    const loads = w.workbook.calls.load;
    const report = runSweep(w.services);
    expect(report.skipped).toBeUndefined();
    expect(report.lockBusy).toBeUndefined();
    expect(w.workbook.calls.load).toBe(loads + 1);
  });

  test('work due (or within the second-pass horizon): the sweep waits for a busy lock as before', () => {
    for (const early of [0, SECOND_PASS_HORIZON_MS]) {
      const w = withLead();
      w.clock.advance(50 * MINUTE);
      runSweep(w.services);
      w.clock.advance(10 * MINUTE - early);
      const at = w.clock.now();
      w.lock.holdElsewhere(at + 6_000);
      expect(runSweep(w.services)).toMatchObject({ rerouted: 1 });
      expect(w.workbook.lead(w.id).assignedAt).toBe(Math.max(at + 6_000, T0 + 60 * MINUTE));
    }
  });

  test('work due and the lock held past 30 s: the trigger’s sweep warns and leaves it to the next; the menu’s run fails', () => {
    const w = withLead();
    w.clock.advance(60 * MINUTE);
    const at = w.clock.now();
    w.lock.holdElsewhere(at + 90_000); // an intake waiting out the Sheets quota under the lock
    expect(runSweep(w.services)).toMatchObject({ skipped: true, lockBusy: true, rerouted: 0 });
    expect(w.clock.now()).toBe(at + 30_000);
    expect(w.log.at('warn').join()).toContain('the next sweep does its work');
    expect(w.workbook.lead(w.id).routeCount).toBe(1);
    expect(() => runSweep(w.services, { failWhenBusy: true })).toThrow(/script lock/);
    w.clock.advance(MINUTE);
    expect(runSweep(w.services)).toMatchObject({ rerouted: 1 });
  });

  test('a sweep late in its time budget starts no second pass', () => {
    const w = withLead();
    w.clock.advance(60 * MINUTE - DELIVERY_BUDGET_MS - 10_000);
    // The pass itself takes almost the whole budget (a slow read): the deadline then comes
    // 15 s after it, and waiting for it would start a pass past the budget.
    const load = w.workbook.load.bind(w.workbook);
    w.workbook.load = () => {
      w.clock.advance(DELIVERY_BUDGET_MS - 5_000);
      return load();
    };
    const loads = w.workbook.calls.load;
    const report = runSweep(w.services);
    expect(report).toMatchObject({ rerouted: 0 });
    expect(report.secondPassAfterMs).toBeUndefined();
    expect(w.workbook.calls.load).toBe(loads + 1);
    expect(w.clock.now()).toBe(T0 + 60 * MINUTE - 15_000);
  });
});

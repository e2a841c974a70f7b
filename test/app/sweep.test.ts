/**
 * The SLA sweep over in-memory ports (no build): re-routes overdue leads, escalates
 * once, keeps the old message honest, plans the next sweep, and takes in parked
 * responses. Times are the fake clock's: nothing here waits.
 */
import { admitResponse, admitResponseOrPark } from '../../src/app/intake';
import { runSweep } from '../../src/app/sweep';
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
});

import { planSweep } from '../../src/domain/routing';
import { NEW_ROTATIONS } from '../../src/domain/teams';
import { slaClock } from '../../src/domain/sla';
import { lead, MINUTE, reps, settings, T0 } from './fixtures';

const roster = reps('UA1', 'UA2', 'UA3');
const base = {
  reps: roster,
  rotations: NEW_ROTATIONS,
  settings: settings(),
  escalated: new Set<string>(),
  sla: slaClock(60, null, new Set(), { offsetMinutes: () => 420 }),
};
const held = (over = {}) =>
  lead({
    salesSlackId: 'UA1',
    assignedSales: 'Rep UA1',
    routeCount: 1,
    assignedAt: T0,
    lastRoutedAt: T0,
    routeHistory: ['UA1'],
    ...over,
  });

describe('the SLA sweep plan', () => {
  test('a NEW lead whose SLA has not run out is left alone', () => {
    expect(planSweep({ ...base, leads: [held()], now: T0 + 59 * MINUTE }).decisions).toEqual([]);
  });

  test('a NEW lead exactly sla_minutes old is re-routed to the next rep with route_count + 1 and fresh timestamps', () => {
    const now = T0 + 60 * MINUTE;
    const [d] = planSweep({ ...base, leads: [held()], now }).decisions;
    expect(d.kind).toBe('REROUTED');
    expect(d.patch.changes).toMatchObject({
      salesSlackId: 'UA2',
      routeCount: 2,
      assignedAt: now,
      lastRoutedAt: now,
      routeHistory: ['UA1', 'UA2'],
    });
  });

  test.each(['CONTACTED', 'QUALIFIED', 'CLOSED_LOST', 'CLOSED LOST', 'something else'])(
    'a lead at stage %s is never touched',
    (stage) => {
      expect(
        planSweep({ ...base, leads: [held({ stage })], now: T0 + 600 * MINUTE }).decisions,
      ).toEqual([]);
    },
  );

  test('at the escalation threshold the lead escalates instead of moving', () => {
    const [d] = planSweep({
      ...base,
      settings: settings({ escalation_threshold: 3 }),
      leads: [held({ routeCount: 3 })],
      now: T0 + 61 * MINUTE,
    }).decisions;
    expect(d).toMatchObject({
      kind: 'ESCALATED',
      patch: { changes: { escalatedAt: T0 + 61 * MINUTE } },
    });
  });

  test('an escalated lead is never escalated or re-routed again, whichever record says so', () => {
    const later = T0 + 1000 * MINUTE;
    expect(
      planSweep({ ...base, leads: [held({ routeCount: 10, escalatedAt: T0 })], now: later })
        .decisions,
    ).toEqual([]);
    expect(
      planSweep({
        ...base,
        escalated: new Set([held().leadId]),
        leads: [held({ routeCount: 10 })],
        now: later,
      }).decisions,
    ).toEqual([]);
  });

  test('an unassigned NEW lead is assigned round-robin and moves the pointer', () => {
    const plan = planSweep({ ...base, leads: [lead(), lead({ leadId: 'L-2' })], now: T0 });
    expect(plan.decisions.map((d) => d.kind === 'ASSIGNED' && d.to.slackId)).toEqual([
      'UA1',
      'UA2',
    ]);
    expect(plan.rotations.global).toMatchObject({ lastIndex: 1, lastSlackId: 'UA2' });
  });

  test('with nobody eligible, unassigned leads wait and are counted', () => {
    const plan = planSweep({ ...base, reps: reps(['UA1', false]), leads: [lead()], now: T0 });
    expect(plan).toMatchObject({ decisions: [], waiting: 1 });
  });

  test('when the owner is the only active rep, the lead stays with them as a reminder and still counts toward escalation', () => {
    const [d] = planSweep({
      ...base,
      reps: reps('UA1', ['UA2', false]),
      leads: [held()],
      now: T0 + 60 * MINUTE,
    }).decisions;
    expect(d).toMatchObject({
      kind: 'REROUTED',
      from: 'UA1',
      patch: { changes: { salesSlackId: 'UA1', routeCount: 2 } },
    });
  });
});

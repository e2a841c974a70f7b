/**
 * The sweep's pure steps (domain/sweep-plan.ts) around planSweep: leads after the
 * decisions, guarded patches, the problems text, what the commit applied, and when the
 * sweep next has work.
 */
import fc from 'fast-check';
import { newOutboxItem } from '../../src/domain/outbox';
import { planSweep } from '../../src/domain/routing';
import { slaClock } from '../../src/domain/sla';
import {
  countApplied,
  guardedPatches,
  leadsAfter,
  MAX_PROBLEMS_CHARS,
  nextSweepWork,
  sweepProblems,
} from '../../src/domain/sweep-plan';
import { NEW_ROTATIONS } from '../../src/domain/teams';
import { lead, MINUTE, rep, reps, settings, T0 } from './fixtures';

const sla = slaClock(60, null, new Set(), { offsetMinutes: () => 420 });
const roster = reps('UA1', 'UA2');
const held = (leadId: string, assignedAt: number) =>
  lead({
    leadId,
    salesSlackId: 'UA1',
    routeCount: 1,
    assignedAt,
    lastRoutedAt: assignedAt,
    routeHistory: ['UA1'],
  });

function sweep(leads: ReturnType<typeof lead>[], now: number) {
  return planSweep({
    leads,
    reps: roster,
    rotations: NEW_ROTATIONS,
    settings: settings(),
    now,
    escalated: new Set(),
    sla,
  });
}

describe('the sweep plan steps', () => {
  const now = T0 + 60 * MINUTE;
  const leads = [held('L-OVERDUE', T0), held('L-FRESH', now - MINUTE)];
  const plan = sweep(leads, now);

  test('leadsAfter applies each decision to its lead, in sheet order', () => {
    expect(plan.decisions.map((d) => d.lead.leadId)).toEqual(['L-OVERDUE']);
    const after = leadsAfter(leads, plan.decisions);
    expect(after.map((l) => l.leadId)).toEqual(['L-OVERDUE', 'L-FRESH']);
    expect(after[0]).toMatchObject({ salesSlackId: 'UA2', routeCount: 2 });
    expect(after[1]).toEqual(leads[1]);
  });

  test('guardedPatches expect the lead as the sweep read it', () => {
    expect(guardedPatches(plan.decisions)).toEqual([
      {
        leadId: 'L-OVERDUE',
        changes: expect.objectContaining({ salesSlackId: 'UA2' }),
        expect: { stage: 'NEW', salesSlackId: 'UA1', routeCount: 1 },
      },
    ]);
  });

  test('countApplied leaves out what the commit skipped', () => {
    expect(countApplied(plan.decisions, new Set())).toEqual({
      assigned: 0,
      rerouted: 1,
      escalated: 0,
    });
    expect(countApplied(plan.decisions, new Set(['L-OVERDUE'])).rerouted).toBe(0);
  });

  test('nextSweepWork: the next deadline after the decisions, earlier for a pending message or the digest', () => {
    const base = {
      leads,
      decisions: plan.decisions,
      skipped: new Set<string>(),
      escalated: new Set<string>(),
      sla,
      outbox: [],
      digestAt: Infinity,
      now,
    };
    // L-FRESH is due 59 minutes from now; the re-routed lead an hour from now.
    expect(nextSweepWork(base)).toBe(now + 59 * MINUTE);
    // A skipped decision leaves its lead overdue: at once (the clock is open all day).
    expect(nextSweepWork({ ...base, skipped: new Set(['L-OVERDUE']) })).toBe(now);
    const message = {
      ...newOutboxItem({
        id: 'M1',
        leadId: 'L-FRESH',
        kind: 'ASSIGNMENT',
        route: 1,
        method: 'chat.postMessage',
        body: '{}',
        createdAt: T0,
      }),
      nextAttemptAt: now + 5 * MINUTE,
    };
    expect(nextSweepWork({ ...base, outbox: [message] })).toBe(now + 5 * MINUTE);
    expect(nextSweepWork({ ...base, outbox: [{ ...message, status: 'SENT' }] })).toBe(
      now + 59 * MINUTE,
    );
    expect(nextSweepWork({ ...base, digestAt: now + MINUTE })).toBe(now + MINUTE);
    // A lead nobody can take waits: the next sweep has work at once.
    const waiting = [lead({ leadId: 'L-WAIT' })];
    const none = planSweep({
      leads: waiting,
      reps: [rep({ slackId: 'UA1', active: false })],
      rotations: NEW_ROTATIONS,
      settings: settings(),
      now,
      escalated: new Set(),
      sla,
    });
    expect(none.waiting).toBe(1);
    expect(nextSweepWork({ ...base, leads: waiting, decisions: none.decisions })).toBe(now);
  });

  test('sweepProblems names broken reps, rules and duplicated lead ids, cut short of a cell', () => {
    const text = sweepProblems(
      [rep({ slackId: '', name: 'Nobody' }), ...roster],
      { rules: [], problems: [] },
      ['L-1'],
    );
    expect(text).toContain('Nobody');
    expect(text).toContain('lead_id L-1 is on more than one row');
    const many = sweepProblems(
      roster,
      { rules: [], problems: [] },
      Array.from({ length: 500 }, (_, i) => `L-${i}`),
    );
    expect(many.length).toBeLessThanOrEqual(MAX_PROBLEMS_CHARS);
    expect(many).toMatch(/… \(more: run Lead Routing → Check set-up\)$/);
    expect(sweepProblems(roster, { rules: [], problems: [] }, [])).toBe('');
  });

  test('property: the next work is never later than a pending message or the digest', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            assignedAt: fc.integer({ min: T0 - 3 * 60 * MINUTE, max: T0 }),
            owned: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        fc.array(fc.integer({ min: T0, max: T0 + 120 * MINUTE }), { maxLength: 3 }),
        fc.integer({ min: T0, max: T0 + 200 * MINUTE }),
        (rows, attempts, digestAt) => {
          const ls = rows.map((r, i) =>
            r.owned ? held(`L-${i}`, r.assignedAt) : lead({ leadId: `L-${i}` }),
          );
          const outbox = attempts.map((at, i) => ({
            ...newOutboxItem({
              id: `M${i}`,
              leadId: '',
              kind: 'DIGEST',
              route: 0,
              method: 'chat.postMessage',
              body: '{}',
              createdAt: T0,
            }),
            nextAttemptAt: at,
          }));
          const p = sweep(ls, T0);
          const next = nextSweepWork({
            leads: ls,
            decisions: p.decisions,
            skipped: new Set(),
            escalated: new Set(),
            sla,
            outbox,
            digestAt,
            now: T0,
          });
          expect(next).toBeLessThanOrEqual(Math.min(digestAt, ...attempts));
        },
      ),
    );
  });
});

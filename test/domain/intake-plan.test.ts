/**
 * Intake's plan, pure (domain/intake-plan.ts): a repeat, a blank, a merge into an open
 * lead, or a new lead given at once to an available rep of its team, else waiting.
 */
import fc from 'fast-check';
import type { LeadDraft } from '../../src/domain/intake';
import { planIntake, type IntakeFacts, type IntakeInput } from '../../src/domain/intake-plan';
import { availableReps } from '../../src/domain/rep';
import { openLeadCounts } from '../../src/domain/routing';
import { NEW_ROTATIONS } from '../../src/domain/teams';
import { lead, MINUTE, rep, reps, settings, T0 } from './fixtures';

const DAY = 24 * 60 * MINUTE;

function draft(overrides: Partial<LeadDraft> = {}): LeadDraft {
  return {
    name: 'Budi',
    phoneRaw: '0812-3456-7890',
    phone: '6281234567890',
    phoneOk: true,
    email: '',
    answers: '',
    ...overrides,
  };
}

function input(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    key: 'fp-1',
    draft: draft(),
    source: 'form',
    actor: 'form',
    unreadable: '',
    detail: '',
    ruleAnswers: {},
    ...overrides,
  };
}

/** Facts with a counting id maker: `ids.made` says how often a lead id was made. */
function facts(overrides: Partial<IntakeFacts> = {}): IntakeFacts & { ids: { made: number } } {
  const ids = { made: 0 };
  return {
    input: input(),
    leads: [],
    reps: reps('UA1', 'UB1'),
    rules: [],
    rotations: NEW_ROTATIONS,
    settings: settings(),
    settingsOk: true,
    now: T0,
    known: undefined,
    newLeadId: () => `L-NEW-${++ids.made}`,
    ...overrides,
    ids,
  };
}

describe('planIntake', () => {
  test('a submission already in is a DUPLICATE of its lead; no lead id is made', () => {
    const f = facts({ known: 'L-OLD' });
    const plan = planIntake(f);
    expect(plan).toMatchObject({
      kind: 'DUPLICATE',
      leadId: 'L-OLD',
      log: { event: 'DUPLICATE_SUBMISSION', leadId: 'L-OLD', actor: 'form' },
    });
    expect(plan.kind === 'DUPLICATE' && plan.log.detail).toContain('form trigger fired again');
    expect(f.ids.made).toBe(0);
  });

  test('a parked copy of an archived lead, and a web repeat, say so', () => {
    const archived = planIntake(facts({ known: '' }));
    expect(archived.kind === 'DUPLICATE' && archived.log.detail).toContain('already archived');
    const web = planIntake(
      facts({ known: 'L-W', input: input({ actor: 'web', detail: 'from site' }) }),
    );
    expect(web.kind === 'DUPLICATE' && web.log.detail).toContain(
      'same external_id was posted again (from site)',
    );
  });

  test('a blank response is BLANK: logged, no lead', () => {
    const f = facts({ input: input({ draft: null }) });
    expect(planIntake(f)).toMatchObject({ kind: 'BLANK', log: { event: 'BLANK_SUBMISSION' } });
    expect(f.ids.made).toBe(0);
  });

  test('the same contact on an open lead within the window is MERGED into it', () => {
    const open = lead({
      leadId: 'L-1',
      salesSlackId: 'UA1',
      submissionKey: 'fp-0',
      createdAt: T0 - DAY,
    });
    const f = facts({ leads: [open] });
    const plan = planIntake(f);
    expect(plan).toMatchObject({
      kind: 'MERGED',
      changes: { submissionCount: 2, lastSubmittedAt: T0, submissionKey: 'fp-0 fp-1' },
      lead: { leadId: 'L-1', submissionCount: 2 },
      log: { event: 'DUPLICATE', leadId: 'L-1', toSlackId: 'UA1' },
    });
    expect(plan.kind === 'MERGED' && plan.log.detail).toContain('the owner is told');
    expect(f.ids.made).toBe(0);
  });

  test('a new lead goes to the first available rep, route 1, and the rotation moves on', () => {
    const f = facts();
    const plan = planIntake(f);
    if (plan.kind !== 'CREATED') throw new Error(plan.kind);
    expect(f.ids.made).toBe(1);
    expect(plan.lead).toMatchObject({ leadId: 'L-NEW-1', stage: 'NEW', salesSlackId: '' });
    expect(plan.assigned?.lead).toMatchObject({
      leadId: 'L-NEW-1',
      salesSlackId: 'UA1',
      routeCount: 1,
      assignedAt: T0,
      routeHistory: ['UA1'],
    });
    expect(plan.assigned?.rotations.after.global.lastSlackId).toBe('UA1');
    expect(plan.assigned?.rotations.before).toBe(NEW_ROTATIONS);
    expect(plan.waiting).toBe(0);
    expect(plan.received).toMatchObject({ event: 'RECEIVED', leadId: 'L-NEW-1' });
  });

  test("nobody available: the lead waits, counted with its team's other waiting leads", () => {
    const waitingLead = lead({ leadId: 'L-W', phone: '6280000000001' });
    const plan = planIntake(
      facts({ reps: [rep({ slackId: 'UA1', active: false })], leads: [waitingLead] }),
    );
    expect(plan).toMatchObject({ kind: 'CREATED', assigned: null, waiting: 2 });
  });

  test('unreadable settings: the lead is kept unassigned and nothing is merged', () => {
    const open = lead({ leadId: 'L-1', salesSlackId: 'UA1', createdAt: T0 - DAY });
    const plan = planIntake(facts({ settingsOk: false, leads: [open] }));
    expect(plan).toMatchObject({ kind: 'CREATED', assigned: null, waiting: 0 });
  });

  test('a returning lead goes back to its previous owner when they can take it', () => {
    const old = lead({
      leadId: 'L-OLD',
      stage: 'CLOSED_LOST',
      salesSlackId: 'UB1',
      createdAt: T0 - 90 * DAY,
    });
    const plan = planIntake(facts({ leads: [old] }));
    expect(plan).toMatchObject({
      kind: 'CREATED',
      assigned: { returningFrom: 'L-OLD', lead: { salesSlackId: 'UB1' } },
    });
    // The rotation is not moved by a return.
    expect(plan.kind === 'CREATED' && plan.assigned?.rotations.after).toBe(NEW_ROTATIONS);
  });

  test('an unreadable phone is kept in phone_raw and said in RECEIVED', () => {
    const plan = planIntake(
      facts({ input: input({ draft: draft({ phone: '', phoneOk: false, phoneRaw: 'abc' }) }) }),
    );
    expect(plan.kind === 'CREATED' && plan.received.detail).toContain(
      'phone "abc" could not be read; kept in phone_raw',
    );
  });

  test('property: a lead id is made only for a new lead, and an owner is always available', () => {
    const repArb = fc.record({
      slackId: fc.constantFrom('UA1', 'UB1', 'UC1'),
      active: fc.boolean(),
      maxOpenLeads: fc.constantFrom(null, null, 0, 1, 2),
      awayUntil: fc.constantFrom(null, null, null, T0 + DAY),
    });
    const leadArb = fc.record({
      leadId: fc.uuid(),
      phone: fc.constantFrom('6281', '6282', '6283'),
      stage: fc.constantFrom('NEW', 'CONTACTED', 'CLOSED_LOST'),
      salesSlackId: fc.constantFrom('', 'UA1', 'UB1', 'UC1'),
      createdAt: fc.integer({ min: T0 - 60 * DAY, max: T0 }),
    });
    const seen = { assigned: 0, waiting: 0 };
    fc.assert(
      fc.property(
        fc.uniqueArray(repArb, { maxLength: 3, selector: (r) => r.slackId }),
        fc.array(leadArb, { maxLength: 6 }),
        fc.constantFrom('6281', '6282', '6284'),
        fc.boolean(),
        fc.constantFrom(undefined, undefined, undefined, undefined, '', 'L-K'),
        (repRows, leadRows, phone, settingsOk, known) => {
          const roster = repRows.map((r, index) => rep({ ...r, index }));
          const leads = leadRows.map((l) => lead(l));
          const f = facts({
            reps: roster,
            leads,
            settingsOk,
            known,
            input: input({ draft: draft({ phone }) }),
          });
          const plan = planIntake(f);
          expect(f.ids.made).toBe(plan.kind === 'CREATED' ? 1 : 0);
          if (known !== undefined) expect(plan.kind).toBe('DUPLICATE');
          if (plan.kind !== 'CREATED') return;
          const available = availableReps(roster, T0, openLeadCounts(leads));
          if (plan.assigned) {
            seen.assigned++;
            expect(available.map((r) => r.slackId)).toContain(plan.assigned.lead.salesSlackId);
            expect(plan.waiting).toBe(0);
          } else if (settingsOk) {
            seen.waiting++;
            expect(available).toEqual([]);
            expect(plan.waiting).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
    // Both branches were exercised, so the checks above were not vacuous.
    expect(seen.assigned).toBeGreaterThan(10);
    expect(seen.waiting).toBeGreaterThan(10);
  });
});

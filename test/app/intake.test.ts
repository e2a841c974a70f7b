/**
 * Intake over in-memory ports (no build): a response becomes one lead, written NEW and
 * assigned round-robin, its message queued then sent; what cannot be taken now is parked.
 */
import { admitResponse, admitResponseOrPark, admitParked } from '../../src/app/intake';
import { SHEETS } from '../../src/app/ports';
import { fakeWorld, formResponse, MINUTE, T0 } from '../fakes/services';
import { lead } from '../domain/fixtures';

const REPS = [
  { slackId: 'UAYU', name: 'Ayu' },
  { slackId: 'UBIMA', name: 'Bima' },
  { slackId: 'UCITRA', name: 'Citra' },
];
const budi = formResponse({ Name: 'Budi', Phone: '0812-3456-7890', Email: 'budi@example.com' });

describe('admitResponse', () => {
  test('writes the lead, assigns it, and sends the owner a message with the button', () => {
    const w = fakeWorld({ reps: REPS });
    const result = admitResponse(w.services, budi);
    expect(result).toMatchObject({ kind: 'CREATED', assignedTo: 'UAYU' });
    const id = result.kind === 'CREATED' ? result.leadId : '';
    expect(id).toMatch(/^L-20261126-[0-9A-F]{8}$/);
    expect(w.workbook.lead(id)).toMatchObject({
      name: 'Budi',
      phone: '6281234567890',
      phoneRaw: '0812-3456-7890',
      stage: 'NEW',
      salesSlackId: 'UAYU',
      routeCount: 1,
      createdAt: T0,
      assignedAt: T0,
      slackChannel: 'DAYU',
    });
    expect(w.workbook.events(id)).toEqual(['RECEIVED', 'ASSIGNED']);
    const [message] = w.slack.postedTo('UAYU');
    expect(JSON.stringify(message.body.blocks)).toContain('"action_id":"mark_contacted"');
    expect(w.workbook.outbox).toMatchObject([{ leadId: id, kind: 'ASSIGNMENT', status: 'SENT' }]);
    // Intake is one read and two commits (the lead, then what Slack answered), all locked.
    expect(w.workbook.calls).toMatchObject({ load: 1, commit: 2 });
    expect(w.workbook.unlockedWrites).toEqual([]);
    // Intake only moves a known plan earlier: this lead's deadline (60 min) is later.
    expect(w.schedule.nextWorkAt()).toBeNull();
    w.schedule.setNextWorkAt(T0 + 15 * MINUTE, 5 * MINUTE);
    admitResponse(w.services, formResponse({ Name: 'Sari', Phone: '0812-1111-2222' }));
    expect(w.schedule.nextWorkAt()?.atMs).toBe(T0 + 15 * MINUTE);
  });

  test('round-robin: the next responses go to the next reps in turn', () => {
    const w = fakeWorld({ reps: REPS });
    const owners = ['A', 'B', 'C', 'D'].map((n, i) => {
      const r = admitResponse(
        w.services,
        formResponse({ Name: n, Phone: `0812-0000-000${i}` }, `t${i}`),
      );
      return r.kind === 'CREATED' ? r.assignedTo : r.kind;
    });
    expect(owners).toEqual(['UAYU', 'UBIMA', 'UCITRA', 'UAYU']);
  });

  test('the trigger firing twice for one response makes one lead', () => {
    const w = fakeWorld({ reps: REPS });
    const first = admitResponse(w.services, budi);
    const second = admitResponse(w.services, budi);
    expect(second).toEqual({
      kind: 'DUPLICATE',
      leadId: first.kind === 'CREATED' ? first.leadId : '',
    });
    expect(w.workbook.leadRows).toHaveLength(1);
    expect(w.slack.accepted('chat.postMessage')).toHaveLength(1);
  });

  test('a blank response makes no lead and is logged', () => {
    const w = fakeWorld({ reps: REPS });
    expect(admitResponse(w.services, formResponse({ Name: ' ', Phone: '', Email: '' }))).toEqual({
      kind: 'BLANK',
    });
    expect(w.workbook.leadRows).toEqual([]);
    expect(w.workbook.log.map((e) => e.event)).toEqual(['BLANK_SUBMISSION']);
  });

  test('nobody available: the lead is kept unassigned, the manager told once, every sweep looks again', () => {
    const w = fakeWorld({ reps: [{ slackId: 'UAYU', active: false }] });
    w.workbook.settings.set('manager_slack_id', 'UBOSS');
    w.schedule.setNextWorkAt(T0 + 15 * MINUTE, 5 * MINUTE);
    const a = admitResponse(w.services, budi);
    admitResponse(w.services, formResponse({ Name: 'Sari', Phone: '0812-1111-2222' }));
    expect(a).toMatchObject({ kind: 'CREATED', assignedTo: '' });
    expect(w.workbook.leadRows.map((l) => l.salesSlackId)).toEqual(['', '']);
    expect(w.slack.postedTo('UBOSS')).toHaveLength(1);
    expect(w.schedule.nextWorkAt()?.atMs).toBe(T0);
  });

  test('a bad setting leaves the lead unassigned with an ERROR row, never dropped', () => {
    const w = fakeWorld({ reps: REPS });
    w.workbook.settings.set('sla_minutes', 'soon');
    const result = admitResponse(w.services, budi);
    expect(result).toMatchObject({ kind: 'CREATED', assignedTo: '' });
    expect(w.workbook.leadRows).toHaveLength(1);
    expect(w.workbook.log.map((e) => e.event)).toContain('ERROR');
    expect(w.log.at('error').join()).toContain('sla_minutes');
  });

  test('Slack failing does not hold the lead back: it is assigned and its message retried', () => {
    const w = fakeWorld({ reps: REPS });
    w.slack.failNext({ kind: 'http', status: 500 });
    const result = admitResponse(w.services, budi);
    expect(result).toMatchObject({
      kind: 'CREATED',
      assignedTo: 'UAYU',
      delivery: { sent: 0, retrying: 1, failed: 0 },
    });
    expect(w.workbook.outbox).toMatchObject([
      { status: 'PENDING', attempts: 1, nextAttemptAt: T0 + MINUTE },
    ]);
  });

  test('a returning lead goes back to its previous owner and moves no rotation (nothing written to it)', () => {
    const w = fakeWorld({ reps: REPS });
    w.workbook.leadRows = [
      lead({
        leadId: 'L-OLD',
        phone: '6281234567890',
        stage: 'CLOSED_LOST',
        salesSlackId: 'UBIMA',
        assignedSales: 'Bima',
        routeCount: 1,
        routeHistory: ['UBIMA'],
        createdAt: T0 - 90 * 24 * 60 * MINUTE,
      }),
    ];
    expect(admitResponse(w.services, budi)).toMatchObject({ kind: 'CREATED', assignedTo: 'UBIMA' });
    expect(
      [...w.workbook.state.keys()].filter((k) => /index|slack_id|turns|rotation/.test(k)),
    ).toEqual([]);
    // The next new lead still starts the rotation at the first rep.
    const next = admitResponse(w.services, formResponse({ Name: 'Sari', Phone: '0812-1111-2222' }));
    expect(next).toMatchObject({ kind: 'CREATED', assignedTo: 'UAYU' });
  });
});

describe('admitResponseOrPark', () => {
  test('a busy lock parks the response; the sweep’s admitParked takes it in later', () => {
    const w = fakeWorld({ reps: REPS });
    w.lock.holdElsewhere();
    expect(admitResponseOrPark(w.services, budi)).toMatchObject({ kind: 'PARKED' });
    expect(w.clock.now()).toBe(T0 + 30_000);
    expect(w.workbook.leadRows).toEqual([]);
    expect(w.parked.all()).toHaveLength(1);
    w.lock.releaseElsewhere();
    expect(admitParked(w.services)).toBe(1);
    expect(w.parked.all()).toEqual([]);
    expect(w.workbook.leadRows.map((l) => l.name)).toEqual(['Budi']);
  });

  test('a missing header parks the response and still fails the run loudly', () => {
    const w = fakeWorld({ reps: REPS });
    w.workbook.dropHeader(SHEETS.leads, 'phone');
    expect(() => admitResponseOrPark(w.services, budi)).toThrow('has no column "phone"');
    expect(w.parked.all()).toHaveLength(1);
    expect(w.log.at('warn').join()).toContain('parked');
  });

  test('answers too long for a Script Property are clipped so the response still parks', () => {
    const w = fakeWorld({ reps: REPS });
    w.lock.holdElsewhere();
    const long = formResponse({ Name: 'Budi', Phone: '0812-3456-7890', Note: 'x'.repeat(20_000) });
    expect(admitResponseOrPark(w.services, long)).toMatchObject({ kind: 'PARKED' });
    const [{ response }] = w.parked.all();
    expect(response.namedValues.Note).toEqual(['x'.repeat(1_000)]);
  });

  test('if even parking fails, the log says to run Reprocess form responses', () => {
    const w = fakeWorld({ reps: REPS });
    w.workbook.failNext('load');
    w.parked.otherBytes = 500 * 1024;
    expect(() => admitResponseOrPark(w.services, budi)).toThrow('Internal error');
    expect(w.log.at('error').join()).toContain('Reprocess form responses');
  });
});

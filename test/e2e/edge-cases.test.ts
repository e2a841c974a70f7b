/**
 * Edge cases a review found, through dist/Code.js: each was a way to lose, repeat or
 * double-route a lead, and each is now a guarantee.
 */
import { afterNextSheetRead, ESCALATION_CHANNEL, World } from './world';

const DAY = 24 * 60;

describe('taking responses in exactly once', () => {
  test('Reprocess form responses never brings back a lead that was archived', () => {
    const w = new World();
    const id = w.submit({ Name: 'Ana', Phone: '0812-1111-0001' })!;
    w.click('UAYU0001', id);
    w.rt.clock.advanceMinutes(31 * DAY);
    w.rt.run('runArchive');
    expect(w.table('lead_archive').map((r) => r.lead_id)).toEqual([id]);
    w.rt.run('reprocessFormResponses');
    expect(w.leads()).toEqual([]);
  });

  test('a returning submission delivered twice by the trigger, then reprocessed, is counted once', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.clock.advanceMinutes(10);
    w.submit({ Name: 'Budi', Phone: '0812 3456 7890' }, { duplicate: true });
    w.rt.run('reprocessFormResponses');
    w.rt.run('reprocessFormResponses');
    expect(w.leads()).toHaveLength(1);
    expect(w.lead(id).submission_count).toBe(2);
    expect(w.events(id).filter((e) => e === 'DUPLICATE')).toHaveLength(1);
  });

  test('a question added to the form later does not make old responses look new', () => {
    const w = new World();
    w.submit({ Name: 'Ana', Phone: '0812-1111-0001', Email: 'ana@example.com' });
    const sheet = w.rt.book.sheet('Form Responses 1');
    sheet.setCell(`${String.fromCharCode(64 + sheet.rowValues(1).length + 1)}1`, 'Company');
    w.rt.run('reprocessFormResponses');
    expect(w.leads()).toHaveLength(1);
  });
});

describe('bad data never costs a lead its routing or its message', () => {
  test('one bad setting does not make intake look for the wrong questions: the lead is kept, unassigned, with the reason logged', () => {
    const w = new World({ settings: { form_name_field: 'Nama', form_phone_field: 'Nomor HP' } });
    w.rt.book.linkForm({ responseSheetName: 'Form Responses 2', questions: ['Nama', 'Nomor HP'] });
    w.setSettings({ sla_minutes: '60 min' });
    const id = w.submit({ Nama: 'Sari', 'Nomor HP': '0813 1111 2222' })!;
    expect(w.lead(id)).toMatchObject({
      name: 'Sari',
      phone: '6281311112222',
      stage: 'NEW',
      sales_slack_id: '',
    });
    expect(w.log().find((r) => r.event === 'ERROR')?.detail).toContain('sla_minutes');
  });

  test('a 3,000-character name still reaches the rep: lead text is shortened for Slack', () => {
    const w = new World();
    const id = w.submit({ Name: 'N'.repeat(3000), Phone: '0812-3456-7890' })!;
    expect(w.lead(id).name).toHaveLength(3000);
    expect(w.seen('UAYU0001')).toHaveLength(1);
    expect(w.table('slack_outbox').map((r) => r.status)).toEqual(['SENT']);
  });

  test('a lead row an admin copied is routed once, and the copy is reported', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const sheet = w.rt.book.sheet('lead_sheet');
    sheet.setRawRows([sheet.rows()[1]], 3);
    w.sweepAfter(60);
    expect(w.events(id).filter((e) => e === 'REROUTED')).toHaveLength(1);
    expect(w.rt.slack.dm('UBIMA0002')).toHaveLength(1);
    expect(w.log().find((r) => r.event === 'ROSTER_PROBLEM')?.detail).toContain(
      `lead_id ${id} is on more than one row`,
    );
  });

  test('a message given up for good is not queued again after the nightly archive', () => {
    const w = new World({
      settings: {
        escalation_threshold: 1,
        sla_minutes: 30,
        escalation_channel_id: ESCALATION_CHANNEL,
      },
    });
    w.rt.slack.setDown(true);
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    for (let i = 0; i < 12; i++) w.sweepAfter(60);
    expect(
      w
        .table('slack_outbox')
        .filter((r) => r.lead_id === id && r.kind === 'ASSIGNMENT')
        .map((r) => r.status),
    ).toEqual(['FAILED']);
    w.rt.clock.advanceMinutes(3 * DAY);
    w.rt.run('runArchive');
    w.rt.slack.setDown(false);
    w.sweepAfter(5);
    expect(w.events(id)).not.toContain('NOTIFY_RETRY');
  });

  test('archiving still works when lead_sheet has grown wider than the archive sheet', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    for (const extra of ['notes1', 'notes2', 'notes3', 'notes4', 'notes5', 'notes6', 'notes7'])
      w.addLeadColumn(extra);
    w.editLead(id, 'notes7', 'kept');
    w.click('UAYU0001', id);
    w.rt.clock.advanceMinutes(31 * DAY);
    w.rt.run('runArchive');
    expect(w.table('lead_archive')).toEqual([
      expect.objectContaining({ lead_id: id, notes7: 'kept' }),
    ]);
  });
});

describe('second review', () => {
  test('"Run SLA check now" reads the sheets even when the plan says nothing is due yet', () => {
    const w = new World({ settings: { sla_minutes: 60 } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(20); // reads and plans
    w.setSettings({ sla_minutes: 10 }); // the lead is now overdue
    expect((w.rt.run('runSlaSweep') as { skipped?: boolean }).skipped).toBe(true);
    w.rt.runAs('menu', 'runSlaSweepNow');
    expect(w.lead(id).route_count).toBe(2);
  });

  test('a response with a very long answer is still parked when the lock is busy, and taken in by the next sweep', () => {
    const w = new World();
    w.rt.book.linkForm({
      responseSheetName: 'Form Responses 2',
      questions: ['Name', 'Phone', 'Email', 'Message'],
    });
    w.rt.lock.holdElsewhere({ untilMs: w.rt.clock.now() + 40_000 });
    const [record] = w.rt.fireFormSubmit({
      Name: 'Budi',
      Phone: '0812-3456-7890',
      Email: '',
      Message: 'x'.repeat(9_000),
    });
    expect(record.ok).toBe(true);
    w.sweepAfter(5);
    expect(w.leads().map((l) => l.name)).toEqual(['Budi']);
  });

  test('an admin sorting lead_sheet between a click’s two reads: the click still acts on the lead clicked', () => {
    const w = new World({ settings: { leads_channel_id: 'CLEADS001' } });
    const first = w.submit({ Name: 'Anna', Phone: '0812-0000-0001' })!;
    const second = w.submit({ Name: 'Zed', Phone: '0812-0000-0002' })!;
    const ref = w.messageRef(first);
    afterNextSheetRead(w, () => w.rt.book.sheet('lead_sheet').sortBy('name', { ascending: false }));
    w.click('UAYU0001', first, { message: ref });
    expect(w.lead(first).stage).toBe('CONTACTED');
    expect(w.lead(second).stage).toBe('NEW');
    const [message] = w.rt.slack.messages('CLEADS001');
    expect(w.rt.slack.renderText(message)).toContain('Anna');
  });
});

/**
 * The business-hours SLA clock through dist/Code.js (Asia/Jakarta, UTC+7): only open
 * minutes count, nothing is re-routed while closed, night leads are assigned at once.
 */
import { World } from './world';

const FRIDAY_1650 = Date.UTC(2026, 10, 27, 9, 50); // Fri 27 Nov 16:50 in Jakarta
const MONDAY_0950 = Date.UTC(2026, 10, 30, 2, 50); // Mon 30 Nov 09:50
const TUESDAY_0950 = Date.UTC(2026, 11, 1, 2, 50); // Tue 1 Dec 09:50

function fridayLead(holidays: string[] = []): { w: World; id: string } {
  const w = new World({ settings: { business_hours: 'Mon-Fri 09:00-17:00', sla_minutes: 60 } });
  if (holidays.length)
    w.rt.book.sheet('holidays').setRows(
      holidays.map((d) => [d, 'Holiday']),
      2,
    );
  w.rt.clock.set(FRIDAY_1650);
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  return { w, id };
}

function sweepAt(w: World, at: number): void {
  w.rt.clock.set(at);
  w.rt.run('runSlaSweep');
}

describe('business hours', () => {
  test('a lead assigned Friday 16:50 with a 60-minute SLA is due Monday 09:50, and the message says so', () => {
    const { w, id } = fridayLead();
    expect(w.seen('UAYU0001')[0]).toContain('Please contact within 60 minutes (by Mon 09:50)');
    sweepAt(w, Date.UTC(2026, 10, 28, 3, 0)); // Saturday 10:00
    sweepAt(w, MONDAY_0950 - 60_000);
    expect(w.lead(id).sales_slack_id).toBe('UAYU0001');
    sweepAt(w, MONDAY_0950);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UBIMA0002', route_count: 2 });
  });

  test('with Monday in the holidays sheet it is due Tuesday 09:50', () => {
    const { w, id } = fridayLead(['2026-11-30']);
    expect(w.seen('UAYU0001')[0]).toContain('(by Tue 09:50)');
    sweepAt(w, MONDAY_0950 + 8 * 3_600_000);
    expect(w.lead(id).sales_slack_id).toBe('UAYU0001');
    sweepAt(w, TUESDAY_0950);
    expect(w.lead(id).sales_slack_id).toBe('UBIMA0002');
  });

  test('a lead arriving at night is assigned at once, and its clock starts at the opening', () => {
    const w = new World({ settings: { business_hours: 'Mon-Fri 09:00-17:00', sla_minutes: 30 } });
    w.rt.clock.set(Date.UTC(2026, 10, 26, 16, 0)); // Thu 23:00
    const id = w.submit({ Name: 'Night owl', Phone: '0812-3456-7890' })!;
    expect(w.lead(id).sales_slack_id).toBe('UAYU0001');
    expect(w.seen('UAYU0001')[0]).toContain('(by Fri 09:30)');
    sweepAt(w, Date.UTC(2026, 10, 27, 2, 29)); // Fri 09:29
    expect(w.lead(id).route_count).toBe(1);
    sweepAt(w, Date.UTC(2026, 10, 27, 2, 30));
    expect(w.lead(id).route_count).toBe(2);
  });

  test('a sweep outside open hours re-routes nothing, even for a lead already overdue', () => {
    const w = new World({ settings: { sla_minutes: 30 } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.setSettings({ business_hours: 'Mon-Fri 09:00-09:10' });
    sweepAt(w, Date.UTC(2026, 10, 26, 12, 0)); // Thu 19:00: overdue, but closed
    expect(w.lead(id).route_count).toBe(1);
  });

  test('a malformed business_hours stops the sweep with a message showing the expected form', () => {
    const w = new World({ settings: { business_hours: 'weekdays 9 to 5' } });
    expect(() => w.rt.run('runSlaSweep')).toThrow('write it like "Mon-Fri 09:00-17:00"');
  });
});

test('a lead due exactly at closing time waits for the morning, and the night sweeps do not read the sheets', () => {
  const w = new World({ settings: { business_hours: 'Mon-Fri 09:00-17:00', sla_minutes: 10 } });
  w.rt.clock.set(Date.UTC(2026, 10, 26, 9, 50)); // Thu 16:50
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  sweepAt(w, Date.UTC(2026, 10, 26, 10, 0)); // 17:00: due, but closed
  expect(w.lead(id).route_count).toBe(1);
  const before = w.rt.counters.spreadsheetCalls;
  for (let minute = 5; minute <= 60; minute += 5) sweepAt(w, Date.UTC(2026, 10, 26, 10, minute)); // 17:05 … 18:00, every 5 minutes
  const reads = w.rt.executions
    .slice(-12)
    .filter((e) => !(e.value as { skipped?: boolean }).skipped).length;
  expect(reads).toBeLessThanOrEqual(4); // a read per 15-minute plan at most, not one per sweep
  expect(w.rt.counters.spreadsheetCalls - before).toBeLessThanOrEqual(4 * 3);
  sweepAt(w, Date.UTC(2026, 10, 27, 2, 0)); // Fri 09:00
  expect(w.lead(id).route_count).toBe(2);
});

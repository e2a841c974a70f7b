/**
 * Runs that stop halfway and responses whose trigger never ran: the next run or the
 * "Reprocess form responses" menu finishes the job, and nothing is done twice.
 */
import { World } from './world';

/** Makes the n-th call (1-based) of a Sheets values method throw, once. */
function failNthCall(w: World, method: 'append', n: number): void {
  const values = w.rt.sheetsApi.Spreadsheets.Values as unknown as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const original = values[method];
  let calls = 0;
  values[method] = (...args: unknown[]) => {
    calls++;
    if (calls === n)
      throw new Error(
        `API call to sheets.spreadsheets.values.${method} failed with error: Internal error encountered.`,
      );
    return original(...args);
  };
}

describe('a run that dies halfway', () => {
  test('intake dying after the lead row is written: the lead is kept and the next sweep sends the message it owed', () => {
    const w = new World();
    failNthCall(w, 'append', 2); // the lead row is the first append, its message the second
    const records = w.rt.fireFormSubmit({ Name: 'Budi', Phone: '0812-3456-7890' });
    expect(records.map((r) => r.ok)).toEqual([false]); // the run fails loudly; the response is parked as well
    const [lead] = w.leads();
    expect(lead).toMatchObject({
      name: 'Budi',
      stage: 'NEW',
      sales_slack_id: 'UAYU0001',
      route_count: 1,
      slack_ts: '',
    });
    expect(w.rt.slack.dm('UAYU0001')).toEqual([]);
    w.sweepAfter(5);
    expect(w.rt.slack.dm('UAYU0001')).toHaveLength(1);
    expect(w.lead(String(lead.lead_id))).toMatchObject({
      route_count: 1,
      slack_ts: w.rt.slack.dm('UAYU0001')[0].ts,
    });
    expect(w.events(String(lead.lead_id))).toContain('NOTIFY_RETRY');
    w.sweepAfter(5);
    expect(w.rt.slack.dm('UAYU0001')).toHaveLength(1);
  });

  test('a sweep dying after re-routing but before queueing the message: route_count is not doubled and the new owner is told once', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.clock.advanceMinutes(60);
    failNthCall(w, 'append', 1);
    expect(() => w.rt.run('runSlaSweep')).toThrow('Internal error encountered');
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UBIMA0002', route_count: 2 });
    w.sweepAfter(5);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UBIMA0002', route_count: 2 });
    expect(w.rt.slack.dm('UBIMA0002')).toHaveLength(1);
  });
});

describe('Reprocess form responses', () => {
  test('takes in responses whose trigger never ran, once, however often it is run', () => {
    const w = new World();
    const taken = w.submit({ Name: 'Taken', Phone: '0812-1111-2222' })!;
    w.rt.book.submitForm({ Name: 'Missed', Phone: '081233334444', Email: 'm@example.com' });
    w.rt.book.submitForm({ Name: 'Missed too', Phone: '+62 812 5555 6666', Email: '' });
    w.rt.run('reprocessFormResponses');
    const names = w
      .leads()
      .map((l) => l.name)
      .sort();
    expect(names).toEqual(['Missed', 'Missed too', 'Taken']);
    const missed = w.leads().find((l) => l.name === 'Missed')!;
    expect(missed).toMatchObject({
      phone: '6281233334444',
      email: 'm@example.com',
      stage: 'NEW',
      route_count: 1,
    });
    w.rt.run('reprocessFormResponses');
    expect(w.leads()).toHaveLength(3);
    expect(w.lead(taken).name).toBe('Taken');
  });

  test('is in the Lead Routing menu', () => {
    const w = new World();
    w.rt.openSpreadsheet();
    expect(w.rt.book.menus[0].items).toContainEqual({
      caption: 'Reprocess form responses',
      functionName: 'reprocessFormResponses',
    });
  });
});

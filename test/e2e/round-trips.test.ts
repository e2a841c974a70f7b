/**
 * Round trips per run, counted by the local runtime through dist/Code.js: constant,
 * whatever the size of lead_sheet and however many leads are due (issue 5 targets:
 * intake ≤ 8, sweep ≤ 12, click ≤ 6 spreadsheet calls).
 */
import { resetCounts } from '../runtime/counters';
import { LEADS_CHANNEL, World } from './world';

interface Counts {
  intake: number;
  sweep: number;
  click: number;
  sweepFetchCalls: number;
}

function measure(leads: number, due: number): Counts {
  const w = new World({ settings: { leads_channel_id: LEADS_CHANNEL } });
  w.seedLeads(leads, { due });
  const c = w.rt.counters;
  resetCounts(c);
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  const intake = c.spreadsheetCalls;
  resetCounts(c);
  w.rt.run('runSlaSweep');
  const sweep = c.spreadsheetCalls;
  const sweepFetchCalls = c.fetchCalls;
  resetCounts(c);
  w.click(String(w.lead(id).sales_slack_id), id);
  const click = c.spreadsheetCalls;
  expect(w.lead(id).stage).toBe('CONTACTED');
  expect(c.unlockedWrites).toEqual([]);
  return { intake, sweep, click, sweepFetchCalls };
}

describe('spreadsheet round trips per run stay constant', () => {
  const small = measure(100, 1);

  test('on a small sheet: intake ≤ 8, sweep ≤ 12, click ≤ 6', () => {
    expect(small.intake).toBeLessThanOrEqual(8);
    expect(small.sweep).toBeLessThanOrEqual(12);
    expect(small.click).toBeLessThanOrEqual(6);
  });

  test('10,000 leads with 1,000 due: exactly the same counts as 100 leads with 1 due', () => {
    expect(measure(10_000, 1_000)).toEqual({ ...small, sweepFetchCalls: expect.any(Number) });
  });

  test('100,000 leads with 1,000 due: exactly the same counts as 100 leads with 1 due', () => {
    expect(measure(100_000, 1_000)).toEqual({ ...small, sweepFetchCalls: expect.any(Number) });
  });
});

/**
 * Spreadsheet round trips of one intake, one sweep and one click through dist/Code.js,
 * on a lead sheet of a given size: shared by test/e2e/round-trips.test.ts (small and
 * 10,000 leads) and the bench (also 100,000 leads), which both require them to be the
 * same at every size.
 */
import { resetCounts } from '../runtime/counters';
import { LEADS_CHANNEL, World } from './world';

export interface RoundTrips {
  intake: number;
  sweep: number;
  click: number;
  /** UrlFetch calls of the sweep (they grow with the leads due; not compared). */
  sweepFetchCalls: number;
  /** Whether the click marked the lead CONTACTED. */
  contacted: boolean;
  /** Sheet writes made without the script lock (expected: none). */
  unlockedWrites: number;
}

export function measureRoundTrips(leads: number, due: number): RoundTrips {
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
  return {
    intake,
    sweep,
    click,
    sweepFetchCalls,
    contacted: w.lead(id).stage === 'CONTACTED',
    unlockedWrites: c.unlockedWrites.length,
  };
}

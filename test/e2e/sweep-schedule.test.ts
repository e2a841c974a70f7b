/**
 * Sweeps that have nothing to do skip reading the sheets: the engine plans the next
 * sweep with work (the earliest SLA deadline or message retry, at most 15 minutes
 * ahead), and every run that creates work moves the plan earlier.
 */
import { resetCounts } from '../runtime/counters';
import { World } from './world';

describe('idle sweeps', () => {
  test('before the earliest deadline a sweep reads nothing; at the deadline it re-routes', () => {
    const w = new World({ settings: { sla_minutes: 60 } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(5); // reads once and plans
    resetCounts(w.rt.counters);
    w.sweepAfter(5);
    w.sweepAfter(5);
    expect(w.rt.counters.spreadsheetCalls).toBe(0);
    for (let minute = 15; minute < 55; minute += 5) w.sweepAfter(5); // up to 55 minutes
    expect(w.lead(id).route_count).toBe(1);
    w.sweepAfter(5);
    expect(w.lead(id).route_count).toBe(2);
  });

  test('an idle engine still reads at least every 15 minutes, so edits by hand are seen', () => {
    const w = new World({ settings: { sla_minutes: 600 } });
    w.submit({ Name: 'Budi', Phone: '0812-3456-7890' });
    w.sweepAfter(1);
    resetCounts(w.rt.counters);
    for (let i = 0; i < 2; i++) w.sweepAfter(5); // 6 and 11 minutes after the read
    expect(w.rt.counters.spreadsheetCalls).toBe(0);
    w.sweepAfter(5);
    expect(w.rt.counters.spreadsheetCalls).toBeGreaterThan(0);
  });

  test('a new lead moves the plan earlier: its deadline is not missed behind a later one', () => {
    const w = new World({ settings: { sla_minutes: 30 } });
    w.submit({ Name: 'First', Phone: '0812-0000-0001' });
    w.sweepAfter(20); // plans for the first lead's deadline, 10 minutes ahead
    w.setSettings({ sla_minutes: 5 });
    w.rt.run('setup'); // a settings change is picked up at once after Set up
    const second = w.submit({ Name: 'Second', Phone: '0812-0000-0002' })!;
    w.sweepAfter(5);
    expect(w.lead(second).route_count).toBe(2);
  });

  test('a message waiting for its retry is sent when due, even with no deadline near', () => {
    const w = new World({ settings: { sla_minutes: 600 } });
    w.sweepAfter(1);
    w.rt.slack.failNext(1, { status: 429, retryAfterSeconds: 120 }, 'chat.postMessage');
    w.submit({ Name: 'Budi', Phone: '0812-3456-7890' });
    expect(w.rt.slack.dm('UAYU0001')).toEqual([]);
    w.sweepAfter(2);
    expect(w.rt.slack.dm('UAYU0001')).toHaveLength(1);
  });

  test('while leads wait for a rep, every sweep looks, so one is assigned as soon as a rep is active', () => {
    const w = new World({ reps: [{ name: 'Ayu', slackId: 'UAYU0001', active: false }] });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(5);
    w.setReps([{ name: 'Ayu', slackId: 'UAYU0001', active: true }]);
    w.sweepAfter(1);
    expect(w.lead(id).sales_slack_id).toBe('UAYU0001');
  });
});

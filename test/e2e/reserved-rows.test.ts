/**
 * The rows a Slack path sets aside at the end of routing_log and slack_outbox
 * (src/adapters/sheets-row-reserve.ts), through dist/Code.js: the click's log row and the
 * manager's first messages go out with the lead write (three Sheets calls), the log stays
 * one block in time order with date-time cells, and blank rows never pile up, whatever
 * happens between the calls: a write the quota refuses, a lead row deleted meanwhile,
 * blank rows an admin added.
 */
import { World } from './world';

const OWNER = 'owner@example.com';

/** routing_log as the grid holds it: the rows with a value, and the blank rows after them. */
function logGrid(w: World): { rows: unknown[][]; blankInside: number; trailing: number } {
  const sheet = w.rt.book.sheet('routing_log');
  const rows: unknown[][] = [];
  for (let r = 2; r <= sheet.maxRows; r++) rows.push(sheet.rowValues(r));
  const filled = rows.map((row) => row.some((v) => v !== '' && v !== null));
  const last = filled.lastIndexOf(true);
  return {
    rows: rows.slice(0, last + 1),
    blankInside: filled.slice(0, last + 1).filter((f) => !f).length,
    trailing: filled.length - last - 1,
  };
}

/** Leads, each assigned and messaged; returns their ids and owners. */
function leads(w: World, n: number): Array<{ id: string; owner: string }> {
  const out: Array<{ id: string; owner: string }> = [];
  for (let i = 0; i < n; i++) {
    const id = w.submit({ Name: `Lead ${i}`, Phone: `0812${String(5_000_000 + i)}` })!;
    out.push({ id, owner: '' });
  }
  // Messages an intake left for the sweep (Slack's per-minute pace) go out now.
  w.sweepAfter(1);
  w.rt.clock.advanceMinutes(1);
  return out.map(({ id }) => ({ id, owner: String(w.lead(id).sales_slack_id) }));
}

/** Sheets calls the next click makes. */
function callsOf(w: World, click: () => void): number {
  const before = w.rt.counters.spreadsheetCalls;
  click();
  return w.rt.counters.spreadsheetCalls - before;
}

describe('rows set aside for the Slack paths', () => {
  test('twenty clicks: three calls each, the log one block in time order, date-time cells, one blank row at the end', () => {
    const w = new World();
    const all = leads(w, 20);
    for (const { id, owner } of all) {
      expect(callsOf(w, () => w.click(owner, id))).toBe(3);
      w.rt.clock.advanceMinutes(1);
    }
    expect(all.every(({ id }) => w.lead(id).stage === 'CONTACTED')).toBe(true);
    const contacted = w.log().filter((r) => r.event === 'CONTACTED');
    expect(contacted.map((r) => r.lead_id)).toEqual(all.map((l) => l.id));
    const grid = logGrid(w);
    expect(grid.blankInside).toBe(0);
    expect(grid.trailing).toBeLessThanOrEqual(1);
    const times = w.log().map((r) => (r.at as Date).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Every `at` cell shows a date-time, the click's rows included (rows appendDimension
    // adds come without a format; the anchor call gives them one).
    const sheet = w.rt.book.sheet('routing_log');
    const shown = sheet
      .displayRows()
      .slice(1)
      .map((row) => String(row[0]));
    expect(shown.every((s) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s))).toBe(true);
  });

  test('a click whose write the quota refuses leaves one blank row, which the next click fills', () => {
    const w = new World();
    const [a, b] = leads(w, 2);
    let calls = 0;
    w.rt.sheetsApi.afterCall = () => {
      // After the anchor call (the second): the minute's writes are used up.
      if (++calls === 2) w.rt.sheetsQuota!.spend('write', OWNER, 60);
    };
    w.click(a.owner, a.id);
    w.rt.sheetsApi.afterCall = null;
    expect(w.lead(a.id).stage).toBe('NEW');
    expect(w.rt.slack.ephemerals(a.owner).map((e) => e.text)).toEqual([
      expect.stringContaining('Could not save'),
    ]);
    expect(logGrid(w).trailing).toBe(2);
    w.rt.clock.advanceMinutes(2);
    w.click(b.owner, b.id);
    w.click(a.owner, a.id);
    const grid = logGrid(w);
    expect(grid.blankInside).toBe(0);
    expect(grid.trailing).toBeLessThanOrEqual(2);
    expect(w.events(a.id)).toContain('CONTACTED');
    expect(w.events(b.id)).toContain('CONTACTED');
  });

  test('a lead row deleted between the anchor and the write: the log row written with it is taken back', () => {
    const w = new World();
    const [a, b] = leads(w, 2);
    let calls = 0;
    w.rt.sheetsApi.afterCall = () => {
      if (++calls !== 2) return;
      const sheet = w.rt.book.sheet('lead_sheet');
      const row = sheet.rows().findIndex((r) => r[0] === a.id) + 1;
      sheet.deleteRowAt(row);
    };
    w.click(a.owner, a.id);
    w.rt.sheetsApi.afterCall = null;
    expect(w.log().filter((r) => r.lead_id === a.id && r.event === 'CONTACTED')).toEqual([]);
    expect(w.rt.failures).toEqual([]);
    w.click(b.owner, b.id);
    expect(logGrid(w).blankInside).toBe(0);
    expect(w.events(b.id)).toContain('CONTACTED');
  });

  test('blank rows an admin added below the log: clicks log right after the data, and the blank rows do not grow', () => {
    const w = new World();
    const all = leads(w, 6);
    const sheet = w.rt.book.sheet('routing_log');
    for (let i = 0; i < 10; i++) sheet.insertRowAt(sheet.maxRows + 1);
    const before = logGrid(w).trailing;
    expect(before).toBeGreaterThanOrEqual(10);
    for (const { id, owner } of all) w.click(owner, id);
    const grid = logGrid(w);
    expect(grid.blankInside).toBe(0);
    expect(grid.trailing).toBeLessThanOrEqual(before);
    expect(w.log().filter((r) => r.event === 'CONTACTED')).toHaveLength(6);
  });

  test('blank rows below slack_outbox (a Take that set aside more than it needed) are trimmed at night to the one Set up keeps', () => {
    const w = new World();
    const [a] = leads(w, 1);
    w.click(a.owner, a.id);
    const sheet = w.rt.book.sheet('slack_outbox');
    for (let i = 0; i < 8; i++) sheet.insertRowAt(sheet.maxRows + 1);
    const data = sheet.rows().length;
    expect(sheet.maxRows).toBeGreaterThanOrEqual(data + 8);
    // Three days on, the contacted lead's message is finished and old: the night drops it.
    w.rt.clock.advanceMinutes(3 * 24 * 60);
    const report = w.rt.run('runArchive') as { outboxDropped: number };
    expect(report.outboxDropped).toBeGreaterThan(0);
    expect(sheet.maxRows).toBe(sheet.rows().length + 1);
  });
});

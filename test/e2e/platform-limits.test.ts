/**
 * The engine inside the platform limits the runtime models: SpreadsheetApp.flush()
 * before every lock release that follows SpreadsheetApp writes (Google's Lock
 * guidance), whichever entry point wrote.
 */
import { DASHBOARD_LAYOUT } from '../../src/adapters/dashboard-grid';
import { World } from './world';

describe('platform limits', () => {
  test('every lock release after SpreadsheetApp writes is preceded by a flush (set-up, nightly archive, sweeps, intake)', () => {
    const w = new World();
    w.submit({ Name: 'Ana', Phone: '081234567890', Email: 'a@x.id' });
    w.rt.clock.advanceMinutes(5);
    w.rt.fireDueTriggers();
    w.rt.run('runArchive');
    w.rt.runAs('menu', 'setup');
    expect(w.rt.executions.map((e) => e.entry)).toEqual(
      expect.arrayContaining(['setup', 'onFormSubmit', 'runSlaSweep', 'runArchive']),
    );
    expect(w.rt.unflushedLockReleases).toEqual([]);
    expect(w.rt.lockLeaks).toEqual([]);
  });
});

/** Grid cells of every sheet (what Sheets' 10,000,000-cell limit counts). */
function gridCells(w: World): number {
  return w.rt.book
    .sheetNames()
    .reduce((n, name) => n + w.rt.book.sheet(name).maxRows * w.rt.book.sheet(name).maxColumns, 0);
}

describe('the spreadsheet stays small (10,000,000 cells, every grid cell counted)', () => {
  test("Set up trims the engine's sheets to their columns and data, and the form's sheet to its columns", () => {
    const w = new World();
    for (const name of [
      'settings',
      'sales_sheet',
      'lead_sheet',
      'routing_state_sheet',
      'routing_log',
      'slack_outbox',
      'lead_archive',
      'holidays',
    ]) {
      const sheet = w.rt.book.sheet(name);
      const width = sheet.rowValues(1).length;
      expect([name, sheet.maxColumns]).toEqual([name, width]);
      expect([name, sheet.maxRows <= Math.max(sheet.rows().length + 1, 2)]).toEqual([name, true]);
    }
    expect(w.rt.book.sheet('Form Responses 1').maxColumns).toBe(4);
    expect([w.rt.book.sheet('dashboard').maxRows, w.rt.book.sheet('dashboard').maxColumns]).toEqual(
      [DASHBOARD_LAYOUT.rows, 18], // the charts' column (R), right of the grid (A:P)
    );
    // Before: ten 1000 x 26 sheets (and the form's) were 286,000 cells. Left: the new
    // spreadsheet's own Sheet1 (26,000, not the engine's to delete) and the form's rows.
    expect(gridCells(w) - 26_000).toBeLessThan(6_000);
  });

  test('values.append with INSERT_ROWS adds rows only as wide as each sheet', () => {
    const w = new World();
    const rows = (name: string): number => w.rt.book.sheet(name).maxRows;
    const before = ['lead_sheet', 'routing_log', 'slack_outbox'].map(rows);
    for (let i = 0; i < 10; i++)
      w.submit({ Name: `Lead ${i}`, Phone: `08123456789${i}`, Email: `l${i}@x.id` });
    // One row per lead in lead_sheet and slack_outbox, two log rows (ASSIGNED, message queued).
    expect(['lead_sheet', 'routing_log', 'slack_outbox'].map(rows)).toEqual([
      before[0] + 10,
      before[1] + w.log().length,
      before[2] + 10,
    ]);
    for (const name of ['lead_sheet', 'routing_log', 'slack_outbox'])
      expect(w.rt.book.sheet(name).maxColumns).toBe(w.rt.book.sheet(name).rowValues(1).length);
  });

  test('Check set-up shows the cells used of 10,000,000 and warns past 70%', () => {
    const w = new World();
    w.rt.deployWebApp('https://script.google.com/macros/s/TEST/exec');
    type Line = { ok: boolean; text: string };
    const used = (w.rt.runAs('menu', 'checkSetup') as Line[]).find((l) =>
      l.text.startsWith('The spreadsheet uses'),
    )!;
    const cells = gridCells(w);
    expect(used).toEqual({
      ok: true,
      text: `The spreadsheet uses ${cells.toLocaleString('en-US')} of 10,000,000 cells (${((cells / 1e7) * 100).toFixed(1)}%).`,
    });
    // An admin's own sheet grown to 7,000,000 cells.
    w.rt.book.addSheet('big').resize(280_000, 25);
    const warned = (w.rt.runAs('menu', 'checkSetup') as Line[]).filter((l) => !l.ok);
    expect(warned).toEqual([
      {
        ok: false,
        text: expect.stringMatching(
          /^The spreadsheet uses 7,0\d\d,\d\d\d of 10,000,000 cells \(70\.\d%\); at 10,000,000 every new row fails/,
        ),
      },
    ]);
  });
});

/**
 * The dashboard sheet through dist/Code.js: setup() builds it and its two charts once;
 * every SLA sweep rewrites its numbers in one spreadsheet call; the numbers follow
 * leads, clicks and re-routes, the local calendar, and the roster.
 */
import type { RecordedChart } from '../runtime/spreadsheet';
import { World, type Row } from './world';

// enable once wired: refreshDashboard in runSweep, buildDashboard in runSetup (see src/app/dashboard.ts).
const wired = describe;

const REP_HEADER_ROW = 11;
type Cell = string | number | boolean | Date;

/** The dashboard as a person reads it. */
function dashboard(w: World) {
  const rows = w.rt.book.sheet('dashboard').rows();
  const at = (r: number): Cell[] => rows[r - 1] ?? [];
  const reps: Row[] = [];
  for (let r = REP_HEADER_ROW + 1; r <= REP_HEADER_ROW + 50; r++) {
    const line = at(r).slice(0, 9);
    if (line.length === 0 || line[0] === '') continue;
    reps.push({
      name: line[0],
      slackId: line[1],
      today: line[2],
      d7: line[3],
      d30: line[4],
      contacted: line[5],
      median: line[6],
      breaches: line[7],
      open: line[8],
    });
  }
  const overall = Object.fromEntries([4, 5, 6, 7, 8, 9].map((r) => [String(at(r)[0]), at(r)[1]]));
  const series = [];
  for (let r = REP_HEADER_ROW + 1; r <= REP_HEADER_ROW + 14; r++) series.push(at(r).slice(13, 16));
  return {
    rows,
    at,
    reps,
    rep: (name: string) => reps.find((r) => r.name === name),
    overall,
    series,
  };
}

function chartSummary(charts: RecordedChart[]) {
  return charts.map((c) => ({
    type: c.type,
    title: c.title,
    ranges: c.ranges,
    row: c.position.row,
    column: c.position.column,
  }));
}

const EXPECTED_CHARTS = [
  {
    type: 'COLUMN',
    title: 'Leads per rep (last 30 days)',
    ranges: ['dashboard!A11:A61', 'dashboard!E11:E61'],
    row: 1,
    column: 18,
  },
  {
    type: 'COMBO',
    title: 'Daily leads and share answered within SLA',
    ranges: ['dashboard!N11:P25'],
    row: 21,
    column: 18,
  },
];

wired('setup() and the dashboard sheet', () => {
  test('creates the sheet with its labels, formats and two charts; running it again adds nothing', () => {
    const w = new World();
    const sheet = w.rt.book.sheet('dashboard');
    expect(chartSummary(sheet.charts())).toEqual(EXPECTED_CHARTS);
    expect(sheet.charts().map((c) => c.numHeaders)).toEqual([1, 1]);
    const ids = sheet.charts().map((c) => c.chartId);
    const d = dashboard(w);
    expect(d.at(1)[0]).toBe('Lead routing dashboard');
    expect(d.at(2)[0]).toBe('Filled in by the next SLA check.');
    expect(d.at(REP_HEADER_ROW).slice(0, 12)).toEqual([
      'Rep',
      'Slack id',
      'Assigned today',
      'Assigned 7 d',
      'Assigned 30 d',
      'Contacted 30 d',
      'Median min to contact',
      'SLA breaches 30 d',
      'Open now',
      'Passed 30 d',
      'Qualified 30 d',
      'Lost 30 d',
    ]);
    expect(d.at(REP_HEADER_ROW).slice(13, 16)).toEqual([
      'Date',
      'Leads created',
      'Answered within SLA',
    ]);
    expect(sheet.numberFormat('B6')).toBe('0%');
    expect(sheet.numberFormat('P12')).toBe('0%');
    w.rt.run('setup');
    w.rt.run('setup');
    expect(sheet.charts().map((c) => c.chartId)).toEqual(ids);
    expect(w.rt.counters.unlockedWrites).toEqual([]);
  });

  test('a duplicated chart is removed and a chart pointing elsewhere is pointed back, keeping its id', () => {
    const w = new World();
    const stored = (
      w.rt.book.sheet('dashboard') as unknown as {
        sheet: { charts: Array<{ chartId: number; ranges: Array<{ row: number }> }> };
      }
    ).sheet;
    const [first, second] = stored.charts;
    stored.charts.push({ ...first, chartId: 42, ranges: first.ranges.map((r) => ({ ...r })) });
    second.ranges = second.ranges.map((r) => ({ ...r, row: 30 }));
    w.rt.run('setup');
    const charts = w.rt.book.sheet('dashboard').charts();
    expect(chartSummary(charts)).toEqual(EXPECTED_CHARTS);
    expect(charts.map((c) => c.chartId)).toEqual([first.chartId, second.chartId]);
  });

  test('a deleted dashboard does not stop the sweep (it says to run Set up); setup brings it back', () => {
    const w = new World();
    w.rt.book.deleteSheet('dashboard');
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(60);
    expect(w.lead(id).route_count).toBe(2);
    expect(w.rt.logText()).toMatch(
      /dashboard not refreshed: Sheet "dashboard" is missing\. Run Lead Routing → Set up/,
    );
    w.rt.run('setup');
    expect(chartSummary(w.rt.book.sheet('dashboard').charts())).toEqual(EXPECTED_CHARTS);
    w.sweepAfter(1);
    expect(dashboard(w).overall['Leads today']).toBe(1);
  });
});

wired('the SLA sweep keeps the dashboard current', () => {
  test('leads, clicks and re-routes show per rep and overall', () => {
    const w = new World();
    const ayu = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const bima = w.submit({ Name: 'Sari', Phone: '0812-3456-7891' })!;
    const citra = w.submit({ Name: 'Tono', Phone: '0812-3456-7892' })!;
    expect([ayu, bima, citra].map((id) => w.lead(id).sales_slack_id)).toEqual([
      'UAYU0001',
      'UBIMA0002',
      'UCITRA003',
    ]);
    w.rt.clock.advanceMinutes(10);
    w.click('UAYU0001', ayu);
    w.sweepAfter(50); // t = 60 min: Bima's and Citra's leads move on
    expect(w.lead(bima).sales_slack_id).toBe('UCITRA003');
    expect(w.lead(citra).sales_slack_id).toBe('UAYU0001');
    let d = dashboard(w);
    expect(d.at(2)[0]).toMatch(
      /^Updated 2026-11-26 10:00:00 by the SLA check \(today is 2026-11-26\)/,
    );
    expect(d.reps).toEqual([
      {
        name: 'Ayu',
        slackId: 'UAYU0001',
        today: 2,
        d7: 2,
        d30: 2,
        contacted: 1,
        median: 10,
        breaches: 0,
        open: 1,
      },
      {
        name: 'Bima',
        slackId: 'UBIMA0002',
        today: 1,
        d7: 1,
        d30: 1,
        contacted: 0,
        median: '',
        breaches: 1,
        open: 0,
      },
      {
        name: 'Citra',
        slackId: 'UCITRA003',
        today: 2,
        d7: 2,
        d30: 2,
        contacted: 0,
        median: '',
        breaches: 1,
        open: 1,
      },
    ]);
    expect(d.overall).toEqual({
      Overall: '',
      'Leads today': 3,
      'Contacted within SLA (30 d)': 1,
      'Leads contacted (30 d)': 1,
      'Escalations (30 d)': 0,
      'Unassigned now': 0,
    });
    expect(d.series[13]).toEqual(['2026-11-26', 3, 1]);
    expect(d.series[0]).toEqual(['2026-11-13', 0, '']);

    w.rt.clock.advanceMinutes(15);
    w.click('UCITRA003', bima); // 75 min after it arrived: outside the SLA
    w.sweepAfter(1);
    d = dashboard(w);
    expect(d.rep('Citra')).toMatchObject({ contacted: 1, median: 15, open: 0 });
    expect(d.overall).toMatchObject({
      'Contacted within SLA (30 d)': 0.5,
      'Leads contacted (30 d)': 2,
    });
    expect(d.series[13]).toEqual(['2026-11-26', 3, 0.5]);
    expect(w.rt.counters.unlockedWrites).toEqual([]);
  });

  test('"today" is the spreadsheet\'s local day: after local midnight yesterday\'s leads move back a day', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.clock.advanceMinutes(5);
    w.click('UAYU0001', id);
    w.sweepAfter(1);
    expect(dashboard(w).overall['Leads today']).toBe(1);
    w.sweepAfter(15 * 60 - 6); // 00:00 on 27 November in Asia/Jakarta (17:00 UTC)
    const d = dashboard(w);
    expect(d.overall['Leads today']).toBe(0);
    expect(d.rep('Ayu')).toMatchObject({ today: 0, d7: 1, d30: 1, contacted: 1, median: 5 });
    expect(d.series[13]).toEqual(['2026-11-27', 0, '']);
    expect(d.series[12]).toEqual(['2026-11-26', 1, 1]);
  });

  test('a rep removed from sales_sheet who never held a lead leaves no stale row; a name that looks like a formula stays text', () => {
    const reps = [
      { name: 'Ayu', slackId: 'UAYU0001' },
      { name: 'Bima', slackId: 'UBIMA0002' },
      { name: '=1+1', slackId: 'UCITRA003' },
      { name: 'Dewi', slackId: 'UDEWI0004' },
    ];
    const w = new World({ reps });
    w.submit({ Name: 'Budi', Phone: '0812-3456-7890' });
    w.sweepAfter(1);
    expect(dashboard(w).reps.map((r) => r.name)).toEqual(['Ayu', 'Bima', '=1+1', 'Dewi']);
    expect(
      w.rt.book
        .sheet('dashboard')
        .formulas()
        .flat()
        .filter((f) => f !== ''),
    ).toEqual([]);
    w.setReps(reps.slice(0, 3));
    w.sweepAfter(15); // an edit by hand is seen by the first sweep that reads, within 15 minutes
    const d = dashboard(w);
    expect(d.reps.map((r) => r.name)).toEqual(['Ayu', 'Bima', '=1+1']);
    expect(
      d
        .at(REP_HEADER_ROW + 4)
        .slice(0, 9)
        .every((v) => v === ''),
    ).toBe(true);
  });

  test('the refresh is one values.batchUpdate of the whole grid, whatever the number of leads', () => {
    const measure = (seeded: number) => {
      const w = new World();
      w.seedLeads(seeded);
      const writes: string[][] = [];
      const values = w.rt.sheetsApi.Spreadsheets.Values;
      const original = values.batchUpdate;
      values.batchUpdate = (resource, id) => {
        writes.push((resource.data ?? []).map((d) => String(d.range)));
        return original(resource, id);
      };
      const before = w.rt.counters.spreadsheetCalls;
      w.sweepAfter(1);
      const calls = w.rt.counters.spreadsheetCalls - before;
      return {
        calls,
        dashboardWrites: writes.filter((ranges) => ranges.some((r) => r.includes('dashboard'))),
      };
    };
    const small = measure(10);
    expect(small.dashboardWrites).toEqual([["'dashboard'!A1:P84"]]);
    expect(measure(2_000)).toEqual(small);
  });
});

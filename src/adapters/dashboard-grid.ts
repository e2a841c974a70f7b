/**
 * Where the dashboard's figures sit on the `dashboard` sheet: one fixed grid, so one
 * write also blanks rows a rep no longer fills and the charts setup() builds can point
 * at fixed ranges (adapters/dashboard-sheet.ts writes it and builds the charts).
 */
import { MAX_REPS, MAX_TEAMS, SERIES_DAYS, type DashboardStats } from '../domain/dashboard';

/** A cell of the grid: text or a number, written RAW. */
export type DashboardCell = string | number;

/** The sheet's name and where everything sits in it (1-based rows and columns). */
export const DASHBOARD_SHEET = 'dashboard';
export const DASHBOARD_LAYOUT = {
  /** The whole grid written by each refresh: A1:P84. */
  rows: 84,
  columns: 16,
  range: 'A1:P84',
  /** A1 title, A2 "updated at …". */
  titleCell: 'A1',
  /** The overall block: label in A, value in B, rows 4 (heading) to 9. */
  overallRange: 'A4:B9',
  overallHeadingCell: 'A4',
  /** Share contacted within the SLA (a fraction; shown as a percentage). */
  shareCell: 'B6',
  /** Per-rep table: header row 11, reps in rows 12..61, columns A..L. */
  repHeaderRow: 11,
  repHeaderRange: 'A11:L11',
  repRange: 'A12:L61',
  /** Chart 1 data: rep names and assigned in the last 30 days, header included. */
  repNameColumnRange: 'A11:A61',
  repAssigned30dRange: 'E11:E61',
  /** Median minutes to contact (one decimal). */
  medianRange: 'G12:G61',
  /** Daily series: header N11:P11, 14 days in N12:P25 (date, created, share). */
  seriesHeaderRange: 'N11:P11',
  seriesRange: 'N11:P25',
  seriesShareRange: 'P12:P25',
  /** Per-team table: heading A63, header row 64, teams in rows 65..84, columns A..H. */
  teamHeadingCell: 'A63',
  teamHeaderRow: 64,
  teamHeaderRange: 'A64:H64',
  teamShareRange: 'E65:E84',
} as const;

const OVERALL_FIRST_ROW = 4;
const REP_FIRST_COLUMN = 1;
const SERIES_FIRST_COLUMN = 14;

export const REP_HEADERS = [
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
] as const;
export const SERIES_HEADERS = ['Date', 'Leads created', 'Answered within SLA'] as const;
export const TEAM_HEADERS = [
  'Team',
  'Leads today',
  'Leads 30 d',
  'Contacted 30 d',
  'Within SLA 30 d',
  'Escalations 30 d',
  'Open now',
  'Unassigned now',
] as const;
export const DASHBOARD_TITLE = 'Lead routing dashboard';

const orBlank = (n: number | null): DashboardCell => (n === null ? '' : n);

/**
 * The exact cells of the dashboard, DASHBOARD_LAYOUT.rows × columns, '' where empty,
 * so one write also blanks rows a rep no longer fills.
 * @param generatedAtText when the numbers were computed, as people read it ("2026-11-26 09:05:00");
 *   unused for emptyDashboardStats(), whose grid says the next SLA check fills it in
 */
export function dashboardGrid(stats: DashboardStats, generatedAtText: string): DashboardCell[][] {
  const grid: DashboardCell[][] = Array.from({ length: DASHBOARD_LAYOUT.rows }, () =>
    new Array<DashboardCell>(DASHBOARD_LAYOUT.columns).fill(''),
  );
  const put = (row: number, column: number, values: readonly DashboardCell[]): void => {
    values.forEach((v, j) => (grid[row - 1][column - 1 + j] = v));
  };
  const cut =
    (stats.repsTotal > stats.reps.length
      ? ` Showing the first ${stats.reps.length} of ${stats.repsTotal} reps.`
      : '') +
    (stats.teamsTotal > stats.teams.length
      ? ` Showing the first ${stats.teams.length} of ${stats.teamsTotal} teams.`
      : '');
  put(1, 1, [DASHBOARD_TITLE]);
  put(2, 1, [
    stats.today
      ? `Updated ${generatedAtText} by the SLA check (today is ${stats.today}). Values, not formulas: edits here are overwritten.${cut}`
      : 'Filled in by the next SLA check.',
  ]);
  const o = stats.overall;
  const overall: Array<[string, DashboardCell]> = [
    ['Overall', ''],
    ['Leads today', o.leadsToday],
    ['Contacted within SLA (30 d)', orBlank(o.shareWithinSla30d)],
    ['Leads contacted (30 d)', o.contacted30d],
    ['Escalations (30 d)', o.escalations30d],
    ['Unassigned now', o.unassignedNow],
  ];
  overall.forEach((pair, i) => put(OVERALL_FIRST_ROW + i, 1, pair));
  put(DASHBOARD_LAYOUT.repHeaderRow, REP_FIRST_COLUMN, REP_HEADERS);
  stats.reps
    .slice(0, MAX_REPS)
    .forEach((r, i) =>
      put(DASHBOARD_LAYOUT.repHeaderRow + 1 + i, REP_FIRST_COLUMN, [
        r.name,
        r.slackId,
        r.assignedToday,
        r.assigned7d,
        r.assigned30d,
        r.contacted30d,
        orBlank(r.medianMinutesToContact),
        r.slaBreaches30d,
        r.openNow,
        r.passed30d,
        r.qualified30d,
        r.lost30d,
      ]),
    );
  put(DASHBOARD_LAYOUT.repHeaderRow, SERIES_FIRST_COLUMN, SERIES_HEADERS);
  stats.daily
    .slice(0, SERIES_DAYS)
    .forEach((p, i) =>
      put(DASHBOARD_LAYOUT.repHeaderRow + 1 + i, SERIES_FIRST_COLUMN, [
        p.day,
        p.leadsCreated,
        orBlank(p.shareWithinSla),
      ]),
    );
  put(DASHBOARD_LAYOUT.teamHeaderRow - 1, 1, ['By team (leads routed by routing_rules)']);
  put(DASHBOARD_LAYOUT.teamHeaderRow, 1, TEAM_HEADERS);
  stats.teams
    .slice(0, MAX_TEAMS)
    .forEach((t, i) =>
      put(DASHBOARD_LAYOUT.teamHeaderRow + 1 + i, 1, [
        t.team,
        t.leadsToday,
        t.leads30d,
        t.contacted30d,
        orBlank(t.shareWithinSla30d),
        t.escalations30d,
        t.openNow,
        t.unassignedNow,
      ]),
    );
  return grid;
}

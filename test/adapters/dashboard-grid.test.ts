/**
 * The dashboard grid: where each figure sits on the sheet (adapters/dashboard-grid.ts),
 * from figures computed on hand-built leads. Zone UTC+7: T0 = 2026-11-26 09:00 local.
 */
import {
  DASHBOARD_LAYOUT,
  dashboardGrid,
  REP_HEADERS,
  SERIES_HEADERS,
  TEAM_HEADERS,
} from '../../src/adapters/dashboard-grid';
import {
  dashboardStats,
  emptyDashboardStats,
  utcDay,
  type DashboardInput,
} from '../../src/domain/dashboard';
import type { Lead } from '../../src/domain/lead';
import { lead, MINUTE, rep, T0 } from '../domain/fixtures';

const HOUR = 60 * MINUTE;
const dayOf = (ms: number): string => utcDay(ms + 7 * HOUR);

const roster = [
  rep({ slackId: 'UAYU', name: 'Ayu' }),
  rep({ slackId: 'UBIMA', name: 'Bima', index: 1 }),
  rep({ slackId: 'UCITRA', name: 'Citra', index: 2 }),
];

let seq = 0;
function held(owner: string, at: number, over: Partial<Lead> = {}): Lead {
  seq += 1;
  return lead({
    leadId: `L-${seq}`,
    salesSlackId: owner,
    assignedSales: owner,
    routeCount: 1,
    createdAt: at,
    assignedAt: at,
    lastRoutedAt: at,
    routeHistory: [owner],
    ...over,
  });
}

function stats(leads: Lead[], over: Partial<DashboardInput> = {}) {
  return dashboardStats({ leads, reps: roster, slaMinutes: 60, now: T0, dayOf, ...over });
}

describe('the grid written to the sheet', () => {
  const s = stats([
    held('UAYU', T0 - HOUR, {
      stage: 'CONTACTED',
      contactedAt: T0 - 30 * MINUTE,
      createdAt: T0 - HOUR,
    }),
    held('UBIMA', T0),
    held('UZED', T0, { assignedSales: '=HYPERLINK("x")' }),
    lead({ leadId: 'L-u', createdAt: T0 }),
  ]);
  const grid = dashboardGrid(s, '2026-11-26 09:00:00');
  const cell = (a1: string) => {
    const m = /^([A-Z])(\d+)$/.exec(a1)!;
    return grid[Number(m[2]) - 1][m[1].charCodeAt(0) - 65];
  };

  test(`is exactly ${DASHBOARD_LAYOUT.range}: ${DASHBOARD_LAYOUT.rows} rows × ${DASHBOARD_LAYOUT.columns} columns of text or numbers`, () => {
    expect(grid).toHaveLength(84);
    for (const line of grid) {
      expect(line).toHaveLength(16);
      for (const v of line) expect(['string', 'number']).toContain(typeof v);
    }
  });

  test('title, update line, overall block', () => {
    expect(cell('A1')).toBe('Lead routing dashboard');
    expect(cell('A2')).toMatch(
      /^Updated 2026-11-26 09:00:00 by the SLA check \(today is 2026-11-26\)/,
    );
    expect(grid.slice(3, 9).map((r) => r.slice(0, 2))).toEqual([
      ['Overall', ''],
      ['Leads today', 4],
      ['Contacted within SLA (30 d)', 1],
      ['Leads contacted (30 d)', 1],
      ['Escalations (30 d)', 0],
      ['Unassigned now', 1],
    ]);
    expect(cell(DASHBOARD_LAYOUT.shareCell)).toBe(1);
  });

  test('the per-rep table at A11:L61 (passes and conversion last), padded with blanks', () => {
    expect(grid[10].slice(0, 12)).toEqual([...REP_HEADERS]);
    expect(grid[10].slice(9, 12)).toEqual(['Passed 30 d', 'Qualified 30 d', 'Lost 30 d']);
    expect(grid[11].slice(0, 12)).toEqual(['Ayu', 'UAYU', 1, 1, 1, 1, 30, 0, 0, 0, 0, 0]);
    expect(grid[12].slice(0, 12)).toEqual(['Bima', 'UBIMA', 1, 1, 1, 0, '', 0, 1, 0, 0, 0]);
    expect(grid[13].slice(0, 12)).toEqual(['Citra', 'UCITRA', 0, 0, 0, 0, '', 0, 0, 0, 0, 0]);
    expect(grid[14].slice(0, 2)).toEqual(['=HYPERLINK("x")', 'UZED']);
    for (const line of grid.slice(15, 61))
      expect(line.slice(0, 12)).toEqual(new Array(12).fill(''));
  });

  test('the per-team table at A63:H84: every lead here has no team, so one row "(no team)"', () => {
    expect(grid[62][0]).toBe('By team (leads routed by routing_rules)');
    expect(grid[63].slice(0, 8)).toEqual([...TEAM_HEADERS]);
    expect(grid[64].slice(0, 8)).toEqual(['(no team)', 4, 4, 1, 1, 0, 2, 1]);
    for (const line of grid.slice(65)) expect(line).toEqual(new Array(16).fill(''));
  });

  test('teams in name order, the no-team row last; more teams than fit are said to be left out', () => {
    const leads = Array.from({ length: 22 }, (_, i) =>
      held('UAYU', T0, { team: `Team ${String(i).padStart(2, '0')}` }),
    );
    const g = dashboardGrid(stats([...leads, held('UBIMA', T0)]), 'now');
    expect(g[1][0]).toMatch(/Showing the first 20 of 23 teams\./);
    expect(g[64][0]).toBe('Team 00');
    expect(g[83][0]).toBe('Team 19');
  });

  test('the daily series at N11:P25 and nothing else in M:P', () => {
    expect(grid[10].slice(13, 16)).toEqual([...SERIES_HEADERS]);
    expect(grid[11].slice(13, 16)).toEqual(['2026-11-13', 0, '']);
    expect(grid[24].slice(13, 16)).toEqual(['2026-11-26', 4, 1]);
    for (const line of grid.slice(25)) expect(line.slice(12, 16)).toEqual(['', '', '', '']);
    for (const line of grid) expect(line[12]).toBe('');
  });

  test('more reps than fit are said to be left out', () => {
    const reps = Array.from({ length: 55 }, (_, i) =>
      rep({ slackId: `U${String(i).padStart(3, '0')}`, name: `Rep ${i}`, index: i }),
    );
    const g = dashboardGrid(stats([], { reps }), 'now');
    expect(g[1][0]).toMatch(/Showing the first 50 of 55 reps\./);
    expect(g[60][0]).toBe('Rep 49');
  });

  test('an empty dashboard (what setup() writes) has the labels, zeros and no dates', () => {
    const g = dashboardGrid(emptyDashboardStats(), '');
    expect(g[1][0]).toBe('Filled in by the next SLA check.');
    expect(g[10].slice(0, 12)).toEqual([...REP_HEADERS]);
    expect(g[4].slice(0, 2)).toEqual(['Leads today', 0]);
    expect(g[5].slice(0, 2)).toEqual(['Contacted within SLA (30 d)', '']);
    expect(g.slice(11, 62).every((line) => line.every((v) => v === ''))).toBe(true);
    expect(g[63].slice(0, 8)).toEqual([...TEAM_HEADERS]);
    expect(g.slice(64).every((line) => line.every((v) => v === ''))).toBe(true);
  });
});

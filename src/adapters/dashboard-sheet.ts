/**
 * The `dashboard` sheet. write(): the sweep's refresh, the whole grid in one Sheets
 * API values.batchUpdate (RAW, so a rep's name is never a formula). build(): setup()'s
 * part, with SpreadsheetApp: the sheet if missing, its size and formats, and two
 * embedded charts over the fixed ranges of DASHBOARD_LAYOUT, recognised by title so
 * running setup again never adds a second copy (a duplicate is removed, a chart whose
 * ranges no longer match the layout is repaired; its position and styling are kept).
 */
import type { DashboardBuilder, DashboardWriter } from '../app/ports';
import { emptyDashboardStats, utcDay, type DashboardStats } from '../domain/dashboard';
import { quoteSheet } from './a1';
import { DASHBOARD_LAYOUT, DASHBOARD_SHEET, dashboardGrid } from './dashboard-grid';
import type { SheetsValues } from './sheets-values';
import { noteSpreadsheetAppWrite } from './spreadsheet-writes';
import type { ZoneTime } from './zone-time';

export const REPS_CHART_TITLE = 'Leads per rep (last 30 days)';
export const DAILY_CHART_TITLE = 'Daily leads and share answered within SLA';
/** Charts sit right of the data: column R (18), the first at row 1, the second below it. */
const CHART_COLUMN = 18;
const REPS_CHART_ROW = 1;
const DAILY_CHART_ROW = 21;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type ChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

interface ChartSpec {
  title: string;
  /** A1 ranges on the dashboard sheet; the first column of the first is the categories. */
  ranges: readonly string[];
  row: number;
  /** Sets the chart type and the options beyond the title. */
  style(builder: ChartBuilder): ChartBuilder;
}

const CHARTS: readonly ChartSpec[] = [
  {
    title: REPS_CHART_TITLE,
    ranges: [DASHBOARD_LAYOUT.repNameColumnRange, DASHBOARD_LAYOUT.repAssigned30dRange],
    row: REPS_CHART_ROW,
    style: (b) =>
      b
        .asColumnChart()
        .setOption('legend', { position: 'none' })
        .setOption('vAxis', { title: 'Leads assigned', minValue: 0 }),
  },
  {
    title: DAILY_CHART_TITLE,
    ranges: [DASHBOARD_LAYOUT.seriesRange],
    row: DAILY_CHART_ROW,
    style: (b) =>
      b
        .asComboChart()
        .setOption('seriesType', 'bars')
        .setOption('series', { 1: { type: 'line', targetAxisIndex: 1 } })
        .setOption('vAxes', {
          0: { title: 'Leads created', minValue: 0 },
          1: { title: 'Answered within SLA', format: 'percent', minValue: 0, maxValue: 1 },
        }),
  },
];

export class DashboardSheet implements DashboardWriter, DashboardBuilder {
  constructor(
    private readonly values: SheetsValues,
    private readonly zone: ZoneTime,
    private readonly spreadsheetId: string,
  ) {}

  /** Local day from the zone's UTC offset, memoised per hour by ZoneTime (no spreadsheet call). */
  dayOf(epochMs: number): string {
    return utcDay(epochMs + this.zone.offsetMinutes(epochMs) * 60_000);
  }

  /** One values.batchUpdate of DASHBOARD_LAYOUT.range; fails (MISSING_SHEET) until setup() made the sheet. */
  write(stats: DashboardStats, atMs: number): void {
    const grid = dashboardGrid(stats, this.zone.dateTime(atMs));
    this.values.batchUpdate([
      { range: `${quoteSheet(DASHBOARD_SHEET)}!${DASHBOARD_LAYOUT.range}`, values: grid },
    ]);
  }

  build(): string[] {
    noteSpreadsheetAppWrite();
    const done: string[] = [];
    const spreadsheet = SpreadsheetApp.openById(this.spreadsheetId);
    let sheet = spreadsheet.getSheetByName(DASHBOARD_SHEET);
    const created = !sheet;
    if (!sheet) {
      sheet = spreadsheet.insertSheet(DASHBOARD_SHEET);
      done.push(`created sheet ${DASHBOARD_SHEET}`);
    }
    const rows = sheet.getMaxRows();
    if (rows < DASHBOARD_LAYOUT.rows) sheet.insertRowsAfter(rows, DASHBOARD_LAYOUT.rows - rows);
    const columns = sheet.getMaxColumns();
    if (columns < CHART_COLUMN) sheet.insertColumnsAfter(columns, CHART_COLUMN - columns);
    // Every grid cell counts toward the spreadsheet's 10,000,000: keep the layout's rows
    // and the charts' anchor column, no more (a new sheet is 1000 x 26).
    if (rows > DASHBOARD_LAYOUT.rows && sheet.getLastRow() <= DASHBOARD_LAYOUT.rows)
      sheet.deleteRows(DASHBOARD_LAYOUT.rows + 1, rows - DASHBOARD_LAYOUT.rows);
    if (columns > CHART_COLUMN && sheet.getLastColumn() <= CHART_COLUMN)
      sheet.deleteColumns(CHART_COLUMN + 1, columns - CHART_COLUMN);
    if (created) {
      // Labels and zeros only (nothing a person typed), so SpreadsheetApp's parsing is safe here.
      sheet.getRange(DASHBOARD_LAYOUT.range).setValues(dashboardGrid(emptyDashboardStats(), ''));
    }
    this.format(sheet);
    done.push(...this.ensureCharts(sheet));
    return done;
  }

  private format(sheet: Sheet): void {
    sheet.getRange(DASHBOARD_LAYOUT.titleCell).setFontWeight('bold').setFontSize(14);
    for (const a1 of [
      DASHBOARD_LAYOUT.overallHeadingCell,
      DASHBOARD_LAYOUT.repHeaderRange,
      DASHBOARD_LAYOUT.seriesHeaderRange,
      DASHBOARD_LAYOUT.teamHeadingCell,
      DASHBOARD_LAYOUT.teamHeaderRange,
    ])
      sheet.getRange(a1).setFontWeight('bold');
    sheet.getRange(DASHBOARD_LAYOUT.shareCell).setNumberFormat('0%');
    sheet.getRange(DASHBOARD_LAYOUT.teamShareRange).setNumberFormat('0%');
    sheet.getRange(DASHBOARD_LAYOUT.seriesShareRange).setNumberFormat('0%');
    sheet.getRange(DASHBOARD_LAYOUT.medianRange).setNumberFormat('0.0');
  }

  /** Each chart once, found by title among sheet.getCharts(). */
  private ensureCharts(sheet: Sheet): string[] {
    const done: string[] = [];
    const existing = sheet.getCharts();
    for (const spec of CHARTS) {
      const same = existing.filter((chart) => chart.getOptions().get('title') === spec.title);
      if (same.length === 0) {
        let builder = spec.style(sheet.newChart());
        for (const a1 of spec.ranges) builder = builder.addRange(sheet.getRange(a1));
        sheet.insertChart(
          builder
            .setNumHeaders(1)
            .setOption('title', spec.title)
            .setPosition(spec.row, CHART_COLUMN, 0, 0)
            .build(),
        );
        done.push(`${DASHBOARD_SHEET}: added the chart "${spec.title}"`);
        continue;
      }
      for (const duplicate of same.slice(1)) {
        sheet.removeChart(duplicate);
        done.push(`${DASHBOARD_SHEET}: removed a duplicate of the chart "${spec.title}"`);
      }
      const kept = same[0];
      const ranges = kept.getRanges().map((r) => r.getA1Notation());
      if (ranges.join(',') !== spec.ranges.join(',')) {
        let builder = kept.modify().clearRanges();
        for (const a1 of spec.ranges) builder = builder.addRange(sheet.getRange(a1));
        sheet.updateChart(builder.build());
        done.push(
          `${DASHBOARD_SHEET}: pointed the chart "${spec.title}" at ${spec.ranges.join(', ')} again`,
        );
      }
    }
    return done;
  }
}

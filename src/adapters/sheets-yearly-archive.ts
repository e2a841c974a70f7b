/**
 * The YearlyArchive port over the Sheets API and SpreadsheetApp: old rows of
 * routing_log, lead_archive and the form's response sheet(s) move into "<name> – archive
 * <year>", a spreadsheet this adapter creates (SpreadsheetApp.create) on first need and
 * links in Script Properties (yearly-archive-links.ts).
 *
 * What stays live: log rows of the window; lead_archive rows of the window, and any
 * whose form response is still live (Reprocess compares responses with lead_sheet and
 * lead_archive, so a response must never stay while its lead leaves); form responses of
 * the window, and any that never became a lead (Reprocess may still need them).
 *
 * Per sheet, in the order forms → lead_archive → routing_log: (1) note in Script
 * Properties the first archive row this move writes, (2) append the rows there (rows an
 * earlier, interrupted move already copied, found in that tail, are not copied again),
 * (3) re-read the live rows and delete those still exactly as copied, (4) forget the
 * note once every copy it covers has left the live sheet. A run that dies anywhere in
 * between loses nothing and, finished the next night, duplicates nothing.
 *
 * Rows are deleted by position under the script lock, right after re-reading them; an
 * admin who sorts the sheet in that second makes the re-read differ, and those rows
 * stay for the next night.
 */
import type { LinkedArchive, YearlyArchive, YearlyMoveReport } from '../app/ports';
import { DATE_COLUMNS, SHEETS } from '../app/ports';
import { responseFingerprint } from '../domain/intake';
import { formFields } from '../domain/settings';
import {
  archiveHeaders,
  archiveName,
  byYear,
  layOut,
  notYetCopied,
  rowKey,
  rowsToMove,
  YEARLY_PART_MAX_CELLS,
  type ArchiveCell,
  type LiveRow,
} from '../domain/yearly-archive';
import { columnLetter, quoteSheet } from './a1';
import { HeaderTable } from './header-table';
import { SheetsValues, type QuotaBudget } from './sheets-values';
import { YearlyArchiveLinks } from './yearly-archive-links';
import type { ZoneTime } from './zone-time';

/** Date columns get this format in the archive (as in the live sheets). */
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Row ranges read or deleted per sheet per night at most (a scattered selection is cut here). */
const MAX_RUNS = 100;
/** Sheets that are the engine's own, never a form's response sheet. */
const OWN_SHEETS = new Set<string>([...Object.values(SHEETS), 'dashboard']);

/** One live sheet's move tonight. */
interface Plan {
  sheet: string;
  /** Live header, blank ones named after their column; as wide as the widest row moved. */
  names: string[];
  /** Headers that hold date-times (formatted as such in the archive). */
  dateHeaders: string[];
  rows: LiveRow[];
  /** True when every row that may move tonight is selected (none left by the budget). */
  complete: boolean;
}

/** An archive spreadsheet's sheet, ready to receive rows. */
interface Target {
  archive: LinkedArchive;
  values: SheetsValues;
  header: string[];
  /** Grid rows of the sheet before this move (header included). */
  rowCount: number;
}

type Cells = ArchiveCell[];

export class SheetsYearlyArchive implements YearlyArchive {
  private readonly links = new YearlyArchiveLinks();
  private readonly books = new Map<string, SheetsValues>();

  constructor(
    private readonly live: SheetsValues,
    private readonly zone: ZoneTime,
    private readonly quota: QuotaBudget,
  ) {}

  linked(): LinkedArchive[] {
    return this.links.all();
  }

  settings(): ReadonlyMap<string, unknown> {
    const table = new HeaderTable(
      SHEETS.settings,
      this.live.batchGet([quoteSheet(SHEETS.settings)])[0],
    );
    table.requireAll(['key', 'value']);
    return new Map(table.rows.map((r) => [table.text(r, 'key'), table.get(r, 'value')]));
  }

  moveOlderThan(
    cutoffMs: number,
    settings: ReadonlyMap<string, unknown>,
    budget: { cells: number; deadlineMs: number },
  ): YearlyMoveReport {
    const report: YearlyMoveReport = { moved: {}, into: [], more: false };
    const plans = this.plan(cutoffMs, settings, budget.cells);
    for (const plan of plans) {
      if (plan.rows.length && this.quota.now() >= budget.deadlineMs) {
        report.more = true;
        break;
      }
      report.moved[plan.sheet] = this.moveSheet(plan, report);
      if (!plan.complete) report.more = true;
    }
    return report;
  }

  /** Reads what may move and picks tonight's rows, within the cell budget. */
  private plan(
    cutoffMs: number,
    settings: ReadonlyMap<string, unknown>,
    cellBudget: number,
  ): Plan[] {
    const forms = this.formSheetNames();
    const [logH, archH, leadH, ...formH] = this.live
      .batchGet(
        [SHEETS.log, SHEETS.archive, SHEETS.leads, ...forms].map((s) => `${quoteSheet(s)}!1:1`),
      )
      .map((v) => (v[0] ?? []).map((h) => String(h)));
    const find = (header: string[], name: string): number =>
      header.findIndex((h) => h.trim().toLowerCase() === name);
    const logAt = find(logH, 'at');
    const archAt = find(archH, 'archived_at');
    const archKey = find(archH, 'submission_key');
    const leadKey = find(leadH, 'submission_key');
    const column = (sheet: string, col: number): string =>
      `${quoteSheet(sheet)}!${columnLetter(col + 1)}2:${columnLetter(col + 1)}`;
    // One read: the date and key columns, and the form sheets whole (they hold the window only).
    const ranges = [
      column(SHEETS.log, Math.max(0, logAt)),
      column(SHEETS.archive, Math.max(0, archAt)),
      column(SHEETS.archive, Math.max(0, archKey)),
      column(SHEETS.leads, Math.max(0, leadKey)),
      ...forms.map(quoteSheet),
    ];
    const [logDates, archDates, archKeys, leadKeys, ...formValues] = this.live.batchGet(ranges);
    const formShown = forms.length
      ? this.live.batchGet(forms.map(quoteSheet), 'FORMATTED_VALUE')
      : [];
    const keysOf = (v: ArchiveCell | undefined): string[] =>
      String(v ?? '')
        .split(/\s+/)
        .filter((k) => k !== '');
    const known = new Set<string>([
      ...(leadKey >= 0 ? leadKeys.flatMap((r) => keysOf(r[0])) : []),
      ...(archKey >= 0 ? archKeys.flatMap((r) => keysOf(r[0])) : []),
    ]);
    let cells = cellBudget;
    const plans: Plan[] = [];

    // Form responses: only those that became leads; the rest stay for Reprocess.
    const fields = formFields(settings);
    const stillLiveForms = new Set<string>();
    forms.forEach((sheet, f) => {
      const header = formH[f];
      const shown = formShown[f] ?? [];
      const values = formValues[f] ?? [];
      const fingerprint = (i: number): string => {
        const row = (shown[i] ?? []).map((c) => String(c));
        const named: Record<string, string[]> = {};
        header.forEach((title, c) => (named[title] = [row[c] ?? '']));
        return responseFingerprint(named, row, fields);
      };
      const rows: LiveRow[] = values
        .map((cells, i) => ({ row: i + 1, cells, at: this.time(cells[0]) }))
        .slice(1)
        .filter((r) => r.cells.some((c) => String(c).trim() !== ''));
      const width = Math.max(header.length, ...rows.map((r) => r.cells.length), 1);
      const mayMove = (r: LiveRow): boolean => known.has(fingerprint(r.row - 1));
      const chosen = cutRuns(rowsToMove(rows, cutoffMs, Math.floor(cells / width), mayMove));
      const all = rowsToMove(rows, cutoffMs, Infinity, mayMove).length;
      const moving = new Set(chosen.map((r) => r.row));
      for (const r of rows) if (!moving.has(r.row)) stillLiveForms.add(fingerprint(r.row - 1));
      cells -= chosen.length * width;
      plans.push({
        sheet,
        names: archiveHeaders(pad(header, width), columnLetter),
        dateHeaders: header.length ? [archiveHeaders(header, columnLetter)[0]] : [],
        rows: chosen,
        complete: chosen.length === all,
      });
    });

    // lead_archive: never before the lead's form response has left.
    if (archAt >= 0) {
      const dated: LiveRow[] = archDates.map((r, i) => ({
        row: i + 2,
        cells: [],
        at: this.time(r[0]),
      }));
      const mayMove = (r: LiveRow): boolean =>
        !keysOf(archKeys[r.row - 2]?.[0]).some((k) => stillLiveForms.has(k));
      plans.push(
        this.readRows(
          SHEETS.archive,
          archH,
          DATE_COLUMNS[SHEETS.archive],
          dated,
          cutoffMs,
          cells,
          mayMove,
        ),
      );
      cells -= plans[plans.length - 1].rows.length * plans[plans.length - 1].names.length;
    }
    if (logAt >= 0) {
      const dated: LiveRow[] = logDates.map((r, i) => ({
        row: i + 2,
        cells: [],
        at: this.time(r[0]),
      }));
      plans.push(this.readRows(SHEETS.log, logH, ['at'], dated, cutoffMs, cells, () => true));
    }
    return plans;
  }

  /** Picks the rows of one sheet (by its date column) and reads them whole. */
  private readRows(
    sheet: string,
    header: string[],
    dateHeaders: readonly string[],
    dated: LiveRow[],
    cutoffMs: number,
    cells: number,
    mayMove: (r: LiveRow) => boolean,
  ): Plan {
    const width = Math.max(header.length, 1);
    const all = rowsToMove(dated, cutoffMs, Infinity, mayMove).length;
    const chosen = cutRuns(rowsToMove(dated, cutoffMs, Math.floor(cells / width), mayMove));
    const runs = runsOf(chosen.map((r) => r.row));
    const read = runs.length
      ? this.live.batchGet(runs.map((run) => `${quoteSheet(sheet)}!${run.first}:${run.last}`))
      : [];
    const dateOf = new Map(chosen.map((c) => [c.row, c.at]));
    const rows: LiveRow[] = [];
    runs.forEach((run, i) => {
      for (let row = run.first; row <= run.last; row++)
        rows.push({ row, cells: read[i]?.[row - run.first] ?? [], at: dateOf.get(row) ?? null });
    });
    const wide = Math.max(header.length, ...rows.map((r) => r.cells.length), 1);
    return {
      sheet,
      names: archiveHeaders(pad(header, wide), columnLetter),
      dateHeaders: [...dateHeaders],
      rows,
      complete: chosen.length === all,
    };
  }

  /** Copies one sheet's rows to their years' archives, then deletes those still as copied. */
  private moveSheet(plan: Plan, report: YearlyMoveReport): number {
    if (plan.rows.length === 0) {
      if (plan.complete) this.links.clearPending(plan.sheet);
      return 0;
    }
    const settled: string[] = [];
    for (const [year, rows] of byYear(plan.rows, (at) => this.yearOf(at))) {
      const target = this.targetFor(year, rows.length * plan.names.length, plan);
      let laid: Cells[] = rows.map((r) => layOut(plan.names, target.header, r.cells));
      const from = this.links.pending(target.archive.id, plan.sheet);
      let unmatchedCopies = 0;
      if (from !== undefined) {
        const tail =
          target.values.batchGet([
            `${quoteSheet(plan.sheet)}!A${from}:${columnLetter(target.header.length)}`,
          ])[0] ?? [];
        const fresh = notYetCopied(laid, tail, (c) => c);
        unmatchedCopies = tail.length - (laid.length - fresh.length);
        laid = fresh;
      }
      this.links.setPending(target.archive.id, plan.sheet, from ?? target.rowCount + 1);
      if (laid.length) target.values.append(plan.sheet, laid);
      if (unmatchedCopies === 0) settled.push(target.archive.id);
      if (!report.into.some((a) => a.id === target.archive.id)) report.into.push(target.archive);
    }
    // Delete only rows still exactly as copied (an edit in between keeps the row live).
    const runs = runsOf(plan.rows.map((r) => r.row));
    const again = this.live.batchGet(
      runs.map((run) => `${quoteSheet(plan.sheet)}!${run.first}:${run.last}`),
    );
    const expected = new Map(plan.rows.map((r) => [r.row, rowKey(r.cells)]));
    const same: number[] = [];
    runs.forEach((run, i) => {
      for (let row = run.first; row <= run.last; row++)
        if (rowKey(again[i]?.[row - run.first] ?? []) === expected.get(row)) same.push(row);
    });
    this.live.deleteRows(runsOf(same).map((run) => ({ sheet: plan.sheet, ...run })));
    if (same.length === plan.rows.length) {
      if (plan.complete) this.links.clearPending(plan.sheet);
      else for (const id of settled) this.links.clearPendingOf(id, plan.sheet);
    }
    return same.length;
  }

  /** The archive sheet for `year` with room for `cells` more: the year's newest part, or a new one. */
  private targetFor(year: number, cells: number, plan: Plan): Target {
    let archive = this.links.current(year);
    let grids: ReturnType<SheetsValues['grids']> | null = null;
    if (archive) {
      try {
        grids = this.valuesOf(archive.id).grids();
      } catch {
        grids = null; // deleted, or not shared with the account running: start a new part
      }
      const used = (grids ?? []).reduce((n, g) => n + g.rows * g.columns, 0);
      const widening = plan.names.length * 2;
      if (!grids || used + cells + widening * 1000 > YEARLY_PART_MAX_CELLS) grids = null;
    }
    if (!archive || !grids) {
      archive = this.createArchive(year, (archive?.part ?? 0) + 1);
      grids = [];
    }
    const values = this.valuesOf(archive.id);
    const grid = grids.find((g) => g.title === plan.sheet);
    if (!grid) {
      this.addSheet(archive.id, plan);
      return { archive, values, header: [...plan.names], rowCount: 1 };
    }
    const header = (values.batchGet([`${quoteSheet(plan.sheet)}!1:1`])[0]?.[0] ?? []).map(String);
    const have = new Set(header.map((h) => h.trim().toLowerCase()));
    const missing = plan.names.filter((h) => !have.has(h.trim().toLowerCase()));
    if (missing.length) {
      const sheet = SpreadsheetApp.openById(archive.id).getSheetByName(plan.sheet);
      if (!sheet) throw new Error(`The archive ${archive.name} has no sheet ${plan.sheet}`);
      const room = header.length + missing.length - grid.columns;
      if (room > 0) sheet.insertColumnsAfter(grid.columns, room);
      sheet.getRange(1, header.length + 1, 1, missing.length).setValues([missing]);
      SpreadsheetApp.flush();
      header.push(...missing);
    }
    return { archive, values, header, rowCount: grid.rows };
  }

  private createArchive(year: number, part: number): LinkedArchive {
    const name = archiveName(SpreadsheetApp.getActive().getName(), year, part);
    // One cell to begin with: every sheet is added at the size it needs.
    const file = SpreadsheetApp.create(name, 1, 1);
    const archive: LinkedArchive = { year, part, id: file.getId(), name, url: file.getUrl() };
    this.links.add(archive);
    return archive;
  }

  /** Adds the archive's copy of a live sheet: a header row only, date columns formatted. */
  private addSheet(id: string, plan: Plan): void {
    const file = SpreadsheetApp.openById(id);
    const sheet = file.insertSheet(plan.sheet);
    const width = plan.names.length;
    if (sheet.getMaxRows() > 1) sheet.deleteRows(2, sheet.getMaxRows() - 1);
    const columns = sheet.getMaxColumns();
    if (columns > width) sheet.deleteColumns(width + 1, columns - width);
    else if (columns < width) sheet.insertColumnsAfter(columns, width - columns);
    sheet.getRange(1, 1, 1, width).setValues([plan.names]);
    for (const header of plan.dateHeaders) {
      const at = plan.names.indexOf(header);
      // Rows appended later copy the row above's format: the header row carries it.
      if (at >= 0) sheet.getRange(1, at + 1).setNumberFormat(DATE_TIME_FORMAT);
    }
    // Not frozen: Sheets refuses to freeze every row, and a header-only grid is one row.
    const placeholder = file.getSheetByName('Sheet1');
    if (placeholder && plan.sheet !== 'Sheet1') file.deleteSheet(placeholder);
    SpreadsheetApp.flush();
  }

  private valuesOf(id: string): SheetsValues {
    let values = this.books.get(id);
    if (!values) {
      values = new SheetsValues(id, this.quota);
      this.books.set(id, values);
    }
    return values;
  }

  /** The linked form's response sheets (only sheets that are not the engine's own are asked). */
  private formSheetNames(): string[] {
    const spreadsheet = SpreadsheetApp.getActive();
    if (!spreadsheet.getFormUrl()) return [];
    return this.live
      .grids()
      .map((g) => g.title)
      .filter((title) => !OWN_SHEETS.has(title))
      .filter((title) => Boolean(spreadsheet.getSheetByName(title)?.getFormUrl()));
  }

  private time(value: ArchiveCell | undefined): number | null {
    return typeof value === 'number' && Number.isFinite(value) && value > 0
      ? this.zone.fromSerial(value)
      : null;
  }

  private yearOf(epochMs: number): number {
    return new Date(epochMs + this.zone.offsetMinutes(epochMs) * 60_000).getUTCFullYear();
  }
}

function pad(header: readonly string[], width: number): string[] {
  return [...header, ...new Array<string>(Math.max(0, width - header.length)).fill('')];
}

/** 1-based rows grouped into contiguous runs. */
function runsOf(rows: readonly number[]): Array<{ first: number; last: number }> {
  const sorted = [...rows].sort((a, b) => a - b);
  const runs: Array<{ first: number; last: number }> = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && row === last.last + 1) last.last = row;
    else runs.push({ first: row, last: row });
  }
  return runs;
}

/** Keeps the rows of the first MAX_RUNS runs (a scattered selection finishes on later nights). */
function cutRuns(rows: LiveRow[]): LiveRow[] {
  let runs = 0;
  let previous = -1;
  const out: LiveRow[] = [];
  for (const row of [...rows].sort((a, b) => a.row - b.row)) {
    if (row.row !== previous + 1) runs++;
    if (runs > MAX_RUNS) break;
    out.push(row);
    previous = row.row;
  }
  return out;
}

/**
 * The bundle-facing Sheet. Holds a reference to the stored sheet (so renames keep
 * working and sheetId stays stable). Every method call is one counted round trip;
 * structural changes are writes checked against the script lock.
 */
import { columnLetter, parseCells, rangeA1, resolveBox, splitSheet } from './a1';
import { storeParsed } from './cells';
import {
  FakeEmbeddedChart,
  FakeEmbeddedChartBuilder,
  insertChart,
  removeChart,
  updateChart,
} from './charts';
import { parseUserEntered } from './coerce';
import type { Ctx } from './context';
import { appsScriptException, MESSAGES } from './errors';
import { copyChartSpec, type SheetModel } from './model';
import { checkCoordinates, FakeRange, registerSheetFactory } from './range';
import { compareCellValues } from './sort';
import { FakeTextFinder } from './text-finder';

/** Builds the Spreadsheet wrapper for Sheet.getParent (set by spreadsheet.ts). */
let parentFactory: ((ctx: Ctx) => unknown) | null = null;
export function registerParentFactory(f: (ctx: Ctx) => unknown): void {
  parentFactory = f;
}

/** Apps Script's message when a sheet name is already used (names compare case-insensitively). */
export function nameTakenMessage(name: string): string {
  return `A sheet with the name "${name}" already exists. Please enter another name.`;
}

/** Resolves an A1 string against a sheet, throwing like Sheet.getRange(a1notation). */
export function rangeFromA1(ctx: Ctx, sheet: SheetModel, a1: string): FakeRange {
  const split = splitSheet(String(a1));
  let target = sheet;
  if (split?.sheetName !== undefined) {
    const named = ctx.model.byName(split.sheetName);
    if (!named) throw appsScriptException(MESSAGES.rangeNotFound);
    target = named;
  }
  const cells = split ? parseCells(split.rest) : null;
  if (!cells) throw appsScriptException(MESSAGES.rangeNotFound);
  const box = resolveBox(cells, target.maxRows, target.maxCols);
  if (box.row + box.numRows - 1 > target.maxRows || box.col + box.numCols - 1 > target.maxCols)
    throw appsScriptException(MESSAGES.rangeNotFound);
  return new FakeRange(ctx, target, box.row, box.col, box.numRows, box.numCols);
}

const models = new WeakMap<object, SheetModel>();

/** The stored sheet behind a bundle-facing Sheet (for deleteSheet, setActiveSheet, ...). */
export function sheetModelOf(sheet: unknown): SheetModel | undefined {
  return typeof sheet === 'object' && sheet !== null ? models.get(sheet) : undefined;
}

export class FakeSheet {
  constructor(
    private readonly ctx: Ctx,
    private readonly sheet: SheetModel,
  ) {
    models.set(this, sheet);
  }

  getName(): string {
    return this.call(() => this.sheet.name);
  }

  setName(name: string): this {
    return this.write(`setName ${this.sheet.name} -> ${name}`, 0, () => {
      const other = this.ctx.model.sheets.find(
        (s) => s !== this.sheet && s.name.toLowerCase() === String(name).toLowerCase(),
      );
      if (other) throw appsScriptException(nameTakenMessage(name));
      this.sheet.name = String(name);
    });
  }

  getSheetId(): number {
    return this.call(() => this.sheet.sheetId);
  }

  /** 1-based position of the tab. */
  getIndex(): number {
    return this.call(() => this.ctx.model.sheets.indexOf(this.sheet) + 1);
  }

  getParent(): unknown {
    return this.call(() => parentFactory!(this.ctx));
  }

  getFormUrl(): string | null {
    return this.call(() =>
      this.ctx.model.formSheet === this.sheet ? this.ctx.model.formUrl : null,
    );
  }

  /** getRange(row, column, numRows?, numColumns?) or getRange(a1Notation). */
  getRange(rowOrA1: number | string, column?: number, numRows = 1, numColumns = 1): FakeRange {
    return this.call(() => {
      this.checkAlive();
      if (typeof rowOrA1 === 'string') return rangeFromA1(this.ctx, this.sheet, rowOrA1);
      if (column === undefined)
        throw appsScriptException(
          `The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
        );
      checkCoordinates(this.sheet, rowOrA1, column, numRows, numColumns);
      return new FakeRange(this.ctx, this.sheet, rowOrA1, column, numRows, numColumns);
    });
  }

  /** A1 to the last row/column with content; just A1 for an empty sheet. */
  getDataRange(): FakeRange {
    return this.call(
      () =>
        new FakeRange(
          this.ctx,
          this.sheet,
          1,
          1,
          Math.max(1, this.sheet.lastRow()),
          Math.max(1, this.sheet.lastColumn()),
        ),
    );
  }

  getLastRow(): number {
    return this.call(() => this.sheet.lastRow());
  }

  getLastColumn(): number {
    return this.call(() => this.sheet.lastColumn());
  }

  getMaxRows(): number {
    return this.call(() => this.sheet.maxRows);
  }

  getMaxColumns(): number {
    return this.call(() => this.sheet.maxCols);
  }

  /**
   * Appends after the last row with content, growing the grid when the sheet is full
   * or the row is wider than the grid. Values are parsed like setValues.
   */
  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents))
      return this.call(() => {
        throw appsScriptException(
          `The parameters (${typeof rowContents}) don't match the method signature for SpreadsheetApp.Sheet.appendRow.`,
        );
      });
    const row = this.sheet.lastRow() + 1;
    const width = rowContents.length;
    return this.write(
      `appendRow ${this.sheet.name}!${rangeA1(row, 1, 1, Math.max(1, width))}`,
      width,
      () => {
        if (width === 0)
          throw appsScriptException(
            "The parameters (number[]) don't match the method signature for SpreadsheetApp.Sheet.appendRow.",
          );
        if (row > this.sheet.maxRows)
          this.sheet.insertRowsBefore(this.sheet.maxRows + 1, row - this.sheet.maxRows);
        if (width > this.sheet.maxCols)
          this.sheet.insertColumnsBefore(this.sheet.maxCols + 1, width - this.sheet.maxCols);
        const tz = this.ctx.model.timeZone;
        rowContents.forEach((v, j) =>
          storeParsed(
            this.sheet,
            row,
            j + 1,
            parseUserEntered(v, this.sheet.peek(row, j + 1)?.format ?? '', tz),
          ),
        );
      },
    );
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    return this.insertRows('insertRowsAfter', afterPosition + 1, howMany, afterPosition);
  }

  insertRowAfter(afterPosition: number): this {
    return this.insertRows('insertRowAfter', afterPosition + 1, 1, afterPosition);
  }

  insertRowsBefore(beforePosition: number, howMany: number): this {
    return this.insertRows('insertRowsBefore', beforePosition, howMany, beforePosition);
  }

  insertRowBefore(beforePosition: number): this {
    return this.insertRows('insertRowBefore', beforePosition, 1, beforePosition);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    return this.insertColumns('insertColumnsAfter', afterPosition + 1, howMany, afterPosition);
  }

  insertColumnAfter(afterPosition: number): this {
    return this.insertColumns('insertColumnAfter', afterPosition + 1, 1, afterPosition);
  }

  insertColumnsBefore(beforePosition: number, howMany: number): this {
    return this.insertColumns('insertColumnsBefore', beforePosition, howMany, beforePosition);
  }

  deleteRow(rowPosition: number): this {
    return this.deleteRowsImpl('deleteRow', rowPosition, 1);
  }

  deleteRows(rowPosition: number, howMany: number): this {
    return this.deleteRowsImpl('deleteRows', rowPosition, howMany);
  }

  deleteColumn(columnPosition: number): this {
    return this.deleteColumnsImpl('deleteColumn', columnPosition, 1);
  }

  deleteColumns(columnPosition: number, howMany: number): this {
    return this.deleteColumnsImpl('deleteColumns', columnPosition, howMany);
  }

  setFrozenRows(rows: number): this {
    return this.write(`setFrozenRows ${this.sheet.name} ${rows}`, 0, () => {
      if (rows < 0 || rows >= this.sheet.maxRows)
        throw appsScriptException("You can't freeze all visible rows on the sheet.");
      this.sheet.frozenRows = rows;
    });
  }

  getFrozenRows(): number {
    return this.call(() => this.sheet.frozenRows);
  }

  setFrozenColumns(_columns: number): this {
    return this.write(`setFrozenColumns ${this.sheet.name}`, 0, () => undefined);
  }

  getFrozenColumns(): number {
    return this.call(() => 0);
  }

  /** Clears contents and formats of the whole sheet. */
  clear(): this {
    return this.write(`clear ${this.sheet.name}`, this.contentCells(), () => this.sheet.clearAll());
  }

  /** Clears values and formulas; keeps formats and validation. */
  clearContents(): this {
    return this.write(`clearContents ${this.sheet.name}`, this.contentCells(), () => {
      for (let r = 1; r <= this.sheet.lastRow(); r += 1)
        for (let c = 1; c <= this.sheet.maxCols; c += 1) {
          const cell = this.sheet.peek(r, c);
          if (cell) {
            cell.value = '';
            cell.formula = '';
          }
        }
    });
  }

  clearFormats(): this {
    return this.write(`clearFormats ${this.sheet.name}`, 0, () => {
      for (let r = 1; r <= this.sheet.maxRows; r += 1)
        for (let c = 1; c <= this.sheet.maxCols; c += 1) {
          const cell = this.sheet.peek(r, c);
          if (cell) cell.format = '';
        }
    });
  }

  /** Sorts the rows below the frozen rows by one column. */
  sort(columnPosition: number, ascending = true): this {
    return this.write(`sort ${this.sheet.name}`, 0, () => {
      const last = this.sheet.lastRow();
      const from = this.sheet.frozenRows + 1;
      if (last >= from)
        this.sheet.sortRows(from, last, (a, b) =>
          compareCellValues(
            a[columnPosition - 1]?.value ?? '',
            b[columnPosition - 1]?.value ?? '',
            ascending,
          ),
        );
    });
  }

  /** A builder for a chart on this sheet; nothing changes until insertChart(builder.build()). */
  newChart(): FakeEmbeddedChartBuilder {
    return this.call(() => {
      this.checkAlive();
      return new FakeEmbeddedChartBuilder(this.ctx, this.sheet);
    });
  }

  /** Every chart on this sheet, as snapshots (change one with modify() and updateChart). */
  getCharts(): FakeEmbeddedChart[] {
    return this.call(() => {
      this.checkAlive();
      return this.sheet.charts.map(
        (spec) => new FakeEmbeddedChart(this.ctx, this.sheet, copyChartSpec(spec)),
      );
    });
  }

  insertChart(chart: FakeEmbeddedChart): void {
    this.chartWrite('insertChart', () => insertChart(this.ctx, this.sheet, chart));
  }

  updateChart(chart: FakeEmbeddedChart): void {
    this.chartWrite('updateChart', () => updateChart(this.sheet, chart));
  }

  removeChart(chart: FakeEmbeddedChart): void {
    this.chartWrite('removeChart', () => removeChart(this.sheet, chart));
  }

  createTextFinder(findText: string): FakeTextFinder {
    return this.call(() => new FakeTextFinder(this.ctx, this.sheet, String(findText)));
  }

  activate(): this {
    return this.call(() => this);
  }

  showSheet(): this {
    return this.call(() => this);
  }

  hideSheet(): this {
    return this.call(() => this);
  }

  isSheetHidden(): boolean {
    return this.call(() => false);
  }

  setTabColor(_color: string | null): this {
    return this.call(() => this);
  }

  setColumnWidth(_col: number, _width: number): this {
    return this.call(() => this);
  }

  autoResizeColumns(_start: number, _num: number): this {
    return this.call(() => this);
  }

  toString(): string {
    return 'Sheet';
  }

  // ---- internals ----

  private call<T>(fn: () => T): T {
    return this.ctx.meter.simple(fn);
  }

  private write<T>(description: string, written: number, fn: () => T): this {
    return this.ctx.meter.write(description, () => {
      this.checkAlive();
      fn();
      return { result: this, written };
    });
  }

  /** A counted, lock-checked chart change that returns nothing (as Apps Script's do). */
  private chartWrite(method: string, fn: () => void): void {
    this.ctx.meter.write(`${method} ${this.sheet.name}`, () => {
      this.checkAlive();
      fn();
      return { result: undefined };
    });
  }

  /** Calls on a deleted sheet fail in Apps Script. */
  private checkAlive(): void {
    if (!this.ctx.model.sheets.includes(this.sheet)) throw appsScriptException('Sheet not found');
  }

  private contentCells(): number {
    return this.sheet.lastRow() * this.sheet.lastColumn();
  }

  private insertRows(method: string, before: number, howMany: number, arg: number): this {
    return this.write(`${method} ${this.sheet.name} ${arg}+${howMany}`, 0, () => {
      if (!(howMany >= 1))
        throw appsScriptException('The number of rows to insert must be at least 1.');
      if (
        before < 1 ||
        before > this.sheet.maxRows + 1 ||
        (method.endsWith('Before') && before > this.sheet.maxRows)
      )
        throw appsScriptException('Those rows are out of bounds.');
      this.sheet.insertRowsBefore(before, howMany);
    });
  }

  private insertColumns(method: string, before: number, howMany: number, arg: number): this {
    return this.write(`${method} ${this.sheet.name} ${arg}+${howMany}`, 0, () => {
      if (!(howMany >= 1))
        throw appsScriptException('The number of columns to insert must be at least 1.');
      if (
        before < 1 ||
        before > this.sheet.maxCols + 1 ||
        (method.endsWith('Before') && before > this.sheet.maxCols)
      )
        throw appsScriptException('Those columns are out of bounds.');
      this.sheet.insertColumnsBefore(before, howMany);
    });
  }

  private deleteRowsImpl(method: string, row: number, howMany: number): this {
    return this.write(`${method} ${this.sheet.name}!${row}:${row + howMany - 1}`, 0, () => {
      if (row < 1 || howMany < 1 || row + howMany - 1 > this.sheet.maxRows)
        throw appsScriptException('Those rows are out of bounds.');
      if (this.sheet.maxRows - howMany <= this.sheet.frozenRows)
        throw appsScriptException(MESSAGES.deleteAllRows);
      this.sheet.deleteRows(row, howMany);
    });
  }

  private deleteColumnsImpl(method: string, col: number, howMany: number): this {
    return this.write(
      `${method} ${this.sheet.name}!${columnLetter(col)}:${columnLetter(col + howMany - 1)}`,
      0,
      () => {
        if (col < 1 || howMany < 1 || col + howMany - 1 > this.sheet.maxCols)
          throw appsScriptException('Those columns are out of bounds.');
        if (howMany >= this.sheet.maxCols)
          throw appsScriptException('Sorry, it is not possible to delete all non-frozen columns.');
        this.sheet.deleteColumns(col, howMany);
      },
    );
  }
}

registerSheetFactory((ctx, sheet) => new FakeSheet(ctx, sheet));

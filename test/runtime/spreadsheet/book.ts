/**
 * The test-facing handle on the spreadsheet: what an admin (or a test) does by hand.
 * Nothing here is counted or lock-checked. Reads come back exactly as the bundle's
 * getValues would see them (Dates made with the runtime's Date class); writes
 * through setRows are parsed like a person typing, setRawRows store values as given.
 */
import { parseCells, resolveBox, splitSheet } from './a1';
import { displayValue, storeParsed, valueForScript } from './cells';
import { dateToSerial, parseUserEntered } from './coerce';
import { recordChart, type RecordedChart } from './charts';
import type { Ctx, RecordedAlert, RecordedMenu, RecordedSidebar, RecordedToast } from './context';
import { linkForm, submitForm, type FormSubmitEvent, type LinkFormOptions } from './form';
import type { Cell, MetadataOnSort, SheetModel, ValidationSpec } from './model';
import { DEFAULT_DATE_TIME, GENERAL } from './number-format';
import { compareCellValues } from './sort';

type Scalar = string | number | boolean | Date | null | undefined;

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** One sheet, seen by an admin. Follows renames (holds the stored sheet, not its name). */
export class FakeSheetHandle {
  constructor(
    private readonly ctx: Ctx,
    private readonly sheet: SheetModel,
  ) {}

  get name(): string {
    return this.sheet.name;
  }

  get sheetId(): number {
    return this.sheet.sheetId;
  }

  get maxRows(): number {
    return this.sheet.maxRows;
  }

  get maxColumns(): number {
    return this.sheet.maxCols;
  }

  get frozenRows(): number {
    return this.sheet.frozenRows;
  }

  /** Values of the data range (A1 to last row/column with content) as getValues returns them; [] when empty. */
  rows(): (string | number | boolean | Date)[][] {
    return this.grid((cell) =>
      valueForScript(cell, this.ctx.model.timeZone, this.ctx.deps.DateClass),
    );
  }

  /** Formulas of the data range ('' where a cell has none). */
  formulas(): string[][] {
    return this.grid((cell) => cell?.formula ?? '');
  }

  /** What the data range shows (getDisplayValues). */
  displayRows(): string[][] {
    return this.grid((cell) => displayValue(cell));
  }

  /** Types rows in starting at `startRow` (1-based), column A; grows the grid when needed. */
  setRows(rows: Scalar[][], startRow = 1): this {
    return this.writeRows(rows, startRow, (v, cell) =>
      parseUserEntered(v, cell?.format ?? '', this.ctx.model.timeZone),
    );
  }

  /** Types one value into one cell (A1), as a person editing it would. */
  setCell(a1: string, value: Scalar): this {
    const [row, col] = this.cellAt(a1);
    const line: Scalar[] = new Array<Scalar>(col).fill(null);
    line[col - 1] = value;
    return this.setRows([line], row);
  }

  /**
   * Stores values as given: strings stay strings ('0812', '=x'), a Date becomes a
   * date-time serial with a date format, null/undefined leave the cell alone.
   */
  setRawRows(rows: Scalar[][], startRow = 1): this {
    return this.writeRows(rows, startRow, (v, cell) => {
      if (isDate(v))
        return {
          value: dateToSerial(v, this.ctx.model.timeZone),
          formula: '',
          autoFormat: cell?.format ? undefined : DEFAULT_DATE_TIME,
        };
      return { value: v as string | number | boolean, formula: '' };
    });
  }

  /** Inserts a row before `row` (an admin's "insert row above") and types `values` into it. */
  insertRowAt(row: number, values: Scalar[] = []): this {
    this.sheet.insertRowsBefore(row, 1);
    if (values.length > 0) this.setRows([values], row);
    return this;
  }

  /** Deletes row `row`; rows below move up. */
  deleteRowAt(row: number): this {
    if (row < 1 || row > this.sheet.maxRows)
      throw new Error(`deleteRowAt: row ${row} is outside 1..${this.sheet.maxRows}`);
    this.sheet.deleteRows(row, 1);
    return this;
  }

  /** Sorts the rows below the header by a column (1-based number or header text). */
  sortBy(
    column: number | string,
    options: { ascending?: boolean; headerRows?: number } = {},
  ): this {
    const headerRows = options.headerRows ?? 1;
    let col = typeof column === 'number' ? column : 0;
    if (typeof column === 'string') {
      for (let c = 1; c <= this.sheet.lastColumn(); c += 1)
        if (this.sheet.peek(headerRows, c)?.value === column) col = c;
      if (!col) throw new Error(`sortBy: no header "${column}" in ${this.sheet.name}`);
    }
    const last = this.sheet.lastRow();
    if (last > headerRows)
      this.sheet.sortRows(headerRows + 1, last, (a, b) =>
        compareCellValues(
          a[col - 1]?.value ?? '',
          b[col - 1]?.value ?? '',
          options.ascending ?? true,
        ),
      );
    return this;
  }

  /** Number format of one cell, 'General' when automatic (like getNumberFormat). */
  numberFormat(a1: string): string {
    const [r, c] = this.cellAt(a1);
    return this.sheet.peek(r, c)?.format || GENERAL;
  }

  /** Sets the number format of every cell of an A1 range ('C2:C' formats a column below the header). */
  setNumberFormat(a1: string, format: string): this {
    this.eachIn(a1, (r, c) => {
      this.sheet.cell(r, c).format = format === GENERAL ? '' : format;
    });
    return this;
  }

  /** The validation rule of one cell, or null. */
  validation(a1: string): ValidationSpec | null {
    const [r, c] = this.cellAt(a1);
    const v = this.sheet.peek(r, c)?.validation;
    return v ? { ...v, criteriaValues: [...v.criteriaValues] } : null;
  }

  /** A copy of one stored cell: value (dates as serials), formula, format, validation. */
  cell(a1: string): Cell {
    const [r, c] = this.cellAt(a1);
    const cell = this.sheet.peek(r, c);
    return cell ? { ...cell } : { value: '', formula: '', format: '', validation: null };
  }

  /** Renames the tab (sheetId unchanged). */
  rename(newName: string): this {
    if (
      this.ctx.model.sheets.some(
        (s) => s !== this.sheet && s.name.toLowerCase() === newName.toLowerCase(),
      )
    )
      throw new Error(`rename: "${newName}" is taken`);
    this.sheet.name = newName;
    return this;
  }

  /** Resizes the grid (shrinking drops cells outside). */
  resize(rows: number, columns: number): this {
    if (rows < this.sheet.maxRows) this.sheet.deleteRows(rows + 1, this.sheet.maxRows - rows);
    else if (rows > this.sheet.maxRows)
      this.sheet.insertRowsBefore(this.sheet.maxRows + 1, rows - this.sheet.maxRows);
    if (columns < this.sheet.maxCols)
      this.sheet.deleteColumns(columns + 1, this.sheet.maxCols - columns);
    else if (columns > this.sheet.maxCols)
      this.sheet.insertColumnsBefore(this.sheet.maxCols + 1, columns - this.sheet.maxCols);
    return this;
  }

  setFrozenRows(n: number): this {
    this.sheet.frozenRows = n;
    return this;
  }

  /** The embedded charts on this sheet, in insertion order: type, A1 ranges, title, options, position. */
  charts(): RecordedChart[] {
    return this.sheet.charts.map(recordChart);
  }

  /** Stored values of one column (1-based) from row 1 to the last row, '' for empty: a cheap read for big sheets. */
  columnValues(column: number): Array<string | number | boolean> {
    const out: Array<string | number | boolean> = [];
    for (let r = 1; r <= this.sheet.lastRow(); r += 1)
      out.push(this.sheet.peek(r, column)?.value ?? '');
    return out;
  }

  /** Stored values of one row (1-based) up to the last column, '' for empty. */
  rowValues(row: number): Array<string | number | boolean> {
    const out: Array<string | number | boolean> = [];
    for (let c = 1; c <= this.sheet.lastColumn(); c += 1)
      out.push(this.sheet.peek(row, c)?.value ?? '');
    return out;
  }

  private grid<T>(fn: (cell: Cell | undefined) => T): T[][] {
    const rows = this.sheet.lastRow();
    const cols = this.sheet.lastColumn();
    const out: T[][] = [];
    for (let r = 1; r <= rows; r += 1) {
      const line: T[] = [];
      for (let c = 1; c <= cols; c += 1) line.push(fn(this.sheet.peek(r, c)));
      out.push(line);
    }
    return out;
  }

  private writeRows(
    rows: Scalar[][],
    startRow: number,
    parse: (v: Scalar, cell: Cell | undefined) => ReturnType<typeof parseUserEntered>,
  ): this {
    const lastRow = startRow + rows.length - 1;
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (lastRow > this.sheet.maxRows)
      this.sheet.insertRowsBefore(this.sheet.maxRows + 1, lastRow - this.sheet.maxRows);
    if (width > this.sheet.maxCols)
      this.sheet.insertColumnsBefore(this.sheet.maxCols + 1, width - this.sheet.maxCols);
    rows.forEach((line, i) =>
      line.forEach((v, j) => {
        if (v === null || v === undefined) return;
        const r = startRow + i;
        const c = j + 1;
        storeParsed(this.sheet, r, c, parse(v, this.sheet.peek(r, c)));
      }),
    );
    return this;
  }

  private box(a1: string): { row: number; col: number; numRows: number; numCols: number } {
    const split = splitSheet(a1);
    const cells = split ? parseCells(split.rest) : null;
    if (!cells) throw new Error(`Bad A1 reference: ${a1}`);
    return resolveBox(cells, this.sheet.maxRows, this.sheet.maxCols);
  }

  private cellAt(a1: string): [number, number] {
    const b = this.box(a1);
    return [b.row, b.col];
  }

  private eachIn(a1: string, fn: (r: number, c: number) => void): void {
    const b = this.box(a1);
    for (let r = b.row; r < b.row + b.numRows; r += 1)
      for (let c = b.col; c < b.col + b.numCols; c += 1) fn(r, c);
  }
}

/** The whole spreadsheet, seen by an admin or a test. */
export class FakeBook {
  constructor(private readonly ctx: Ctx) {}

  get id(): string {
    return this.ctx.model.id;
  }

  get name(): string {
    return this.ctx.model.name;
  }

  get timeZone(): string {
    return this.ctx.model.timeZone;
  }

  /** The spreadsheet's time zone (File > Settings). Stored serials keep their wall-clock meaning. */
  setTimeZone(timeZone: string): this {
    this.ctx.model.timeZone = timeZone;
    return this;
  }

  /**
   * Where a sort leaves row developer metadata: 'moves' with the row (default) or
   * 'stays' at its position. The reference is silent on sorting (model.ts sortRows).
   */
  setMetadataOnSort(reading: MetadataOnSort): this {
    this.ctx.model.metadataOnSort = reading;
    return this;
  }

  /** The sheet named `name`; throws when there is none. */
  sheet(name: string): FakeSheetHandle {
    const s = this.ctx.model.byName(name);
    if (!s) throw new Error(`No sheet named "${name}" (sheets: ${this.sheetNames().join(', ')})`);
    return new FakeSheetHandle(this.ctx, s);
  }

  hasSheet(name: string): boolean {
    return !!this.ctx.model.byName(name);
  }

  sheetNames(): string[] {
    return this.ctx.model.sheets.map((s) => s.name);
  }

  /** Adds a sheet (1000 × 26), optionally typing rows into it. */
  addSheet(name: string, rows?: Scalar[][]): FakeSheetHandle {
    if (this.ctx.model.nameTaken(name)) throw new Error(`addSheet: "${name}" is taken`);
    const handle = new FakeSheetHandle(this.ctx, this.ctx.model.addSheet(name));
    if (rows) handle.setRows(rows);
    return handle;
  }

  deleteSheet(name: string): this {
    const s = this.ctx.model.byName(name);
    if (!s) throw new Error(`deleteSheet: no sheet "${name}"`);
    this.ctx.model.removeSheet(s);
    return this;
  }

  /** Menus added with Ui.createMenu(...).addToUi(), in order. */
  get menus(): RecordedMenu[] {
    return this.ctx.ui.menus;
  }

  get alerts(): RecordedAlert[] {
    return this.ctx.ui.alerts;
  }

  get toasts(): RecordedToast[] {
    return this.ctx.ui.toasts;
  }

  /** Sidebars opened with Ui.showSidebar, in order. */
  get sidebars(): RecordedSidebar[] {
    return this.ctx.ui.sidebars;
  }

  /** Sharing: the owner (null = a shared drive's file) and the people with edit access, by email. */
  setSharing(sharing: { owner?: string | null; editors?: string[] }): this {
    if (sharing.owner !== undefined) this.ctx.model.owner = sharing.owner;
    if (sharing.editors) this.ctx.model.editors = [...sharing.editors];
    return this;
  }

  /** false makes SpreadsheetApp.getUi() throw, as in triggers and the web app. */
  setUiAvailable(available: boolean): this {
    this.ctx.ui.available = available;
    return this;
  }

  /** The button the fake user presses in every following alert (null = OK, or YES for yes/no sets). */
  setAlertResponse(button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE' | null): this {
    this.ctx.ui.alertResponse = button;
    return this;
  }

  /** Links a Google Form: creates its response sheet (first tab) and sets getFormUrl(). */
  linkForm(options: LinkFormOptions): { formUrl: string; sheetName: string } {
    return linkForm(this.ctx, options);
  }

  get formUrl(): string | null {
    return this.ctx.model.formUrl;
  }

  /** Appends one response (timestamped with the clock) and returns the onFormSubmit event. */
  submitForm(
    answers: Record<string, string>,
    options: { triggerUid?: string } = {},
  ): FormSubmitEvent {
    return submitForm(this.ctx, answers, options.triggerUid);
  }
}

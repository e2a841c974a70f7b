/**
 * The bundle-facing Range: a rectangle of one sheet, 1-based. Every method call is
 * one counted round trip; reads add cells read, writes add cells written and are
 * checked against the script lock. Writes coerce like a person typing (coerce.ts).
 */
import { rangeA1 } from './a1';
import { displayValue, storeParsed, valueForScript } from './cells';
import { parseUserEntered } from './coerce';
import type { Ctx } from './context';
import { DataValidationCriteria, FakeDataValidation } from './data-validation';
import { appsScriptException, MESSAGES } from './errors';
import { type SheetModel, type ValidationSpec, emptyCell } from './model';
import { GENERAL } from './number-format';
import { compareCellValues } from './sort';

/** Builds the Sheet wrapper for Range.getSheet (set by sheet.ts to avoid an import cycle). */
export type SheetFactory = (ctx: Ctx, sheet: SheetModel) => unknown;
let sheetFactory: SheetFactory | null = null;
export function registerSheetFactory(f: SheetFactory): void {
  sheetFactory = f;
}

/** Validates coordinates the way Sheet.getRange(row, column, numRows, numColumns) does. */
export function checkCoordinates(
  sheet: SheetModel,
  row: number,
  col: number,
  numRows: number,
  numCols: number,
): void {
  for (const n of [row, col, numRows, numCols]) {
    if (typeof n !== 'number' || !Number.isFinite(n))
      throw appsScriptException(
        `The parameters (${typeof n}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
  }
  if (numRows < 1) throw appsScriptException(MESSAGES.rowsTooFew);
  if (numCols < 1) throw appsScriptException(MESSAGES.colsTooFew);
  if (row < 1) throw appsScriptException(MESSAGES.startRowTooSmall);
  if (col < 1) throw appsScriptException(MESSAGES.startColTooSmall);
  if (row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxCols)
    throw appsScriptException(MESSAGES.outsideGrid);
}

/** Where a bundle-facing Range points, for fakes that take a Range argument (charts). */
export interface RangeGeometry {
  sheet: SheetModel;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}
const geometries = new WeakMap<object, RangeGeometry>();

/** The rectangle behind a FakeRange; undefined for anything else (a wrong argument). */
export function rangeGeometryOf(range: unknown): RangeGeometry | undefined {
  return typeof range === 'object' && range !== null ? geometries.get(range) : undefined;
}

function is2d(values: unknown): values is unknown[][] {
  return Array.isArray(values) && values.every((r) => Array.isArray(r));
}

export class FakeRange {
  constructor(
    private readonly ctx: Ctx,
    private readonly sheet: SheetModel,
    private readonly row: number,
    private readonly col: number,
    private readonly numRows: number,
    private readonly numCols: number,
  ) {
    geometries.set(this, { sheet, row, col, numRows, numCols });
  }

  // ---- geometry (counted, no cells) ----

  getRow(): number {
    return this.ctx.meter.simple(() => this.row);
  }

  getColumn(): number {
    return this.ctx.meter.simple(() => this.col);
  }

  getLastRow(): number {
    return this.ctx.meter.simple(() => this.row + this.numRows - 1);
  }

  getLastColumn(): number {
    return this.ctx.meter.simple(() => this.col + this.numCols - 1);
  }

  getNumRows(): number {
    return this.ctx.meter.simple(() => this.numRows);
  }

  getNumColumns(): number {
    return this.ctx.meter.simple(() => this.numCols);
  }

  getA1Notation(): string {
    return this.ctx.meter.simple(() => this.a1());
  }

  getGridId(): number {
    return this.ctx.meter.simple(() => this.sheet.sheetId);
  }

  getSheet(): unknown {
    return this.ctx.meter.simple(() => {
      if (!sheetFactory) throw new Error('sheet factory not registered');
      return sheetFactory(this.ctx, this.sheet);
    });
  }

  /** A cell of this range, 1-based relative to its top-left. */
  getCell(row: number, column: number): FakeRange {
    return this.ctx.meter.simple(() => {
      if (row < 1 || column < 1 || row > this.numRows || column > this.numCols)
        throw appsScriptException(MESSAGES.outsideGrid);
      return new FakeRange(this.ctx, this.sheet, this.row + row - 1, this.col + column - 1, 1, 1);
    });
  }

  offset(
    rowOffset: number,
    columnOffset: number,
    numRows = this.numRows,
    numColumns = this.numCols,
  ): FakeRange {
    return this.ctx.meter.simple(() => {
      const r = this.row + rowOffset;
      const c = this.col + columnOffset;
      checkCoordinates(this.sheet, r, c, numRows, numColumns);
      return new FakeRange(this.ctx, this.sheet, r, c, numRows, numColumns);
    });
  }

  // ---- reads ----

  getValues(): (string | number | boolean | Date)[][] {
    return this.read(() =>
      this.map((cell) => valueForScript(cell, this.ctx.model.timeZone, this.ctx.deps.DateClass)),
    );
  }

  getValue(): string | number | boolean | Date {
    return this.ctx.meter.call(() => {
      this.checkAlive();
      return {
        result: valueForScript(
          this.sheet.peek(this.row, this.col),
          this.ctx.model.timeZone,
          this.ctx.deps.DateClass,
        ),
        read: 1,
      };
    });
  }

  getDisplayValues(): string[][] {
    return this.read(() => this.map((cell) => displayValue(cell)));
  }

  getDisplayValue(): string {
    return this.ctx.meter.call(() => {
      this.checkAlive();
      return { result: displayValue(this.sheet.peek(this.row, this.col)), read: 1 };
    });
  }

  getFormulas(): string[][] {
    return this.read(() => this.map((cell) => cell?.formula ?? ''));
  }

  getFormula(): string {
    return this.ctx.meter.call(() => {
      this.checkAlive();
      return { result: this.sheet.peek(this.row, this.col)?.formula ?? '', read: 1 };
    });
  }

  /** Automatic formats read back as 'General'. */
  getNumberFormats(): string[][] {
    return this.read(() => this.map((cell) => cell?.format || GENERAL));
  }

  getNumberFormat(): string {
    return this.ctx.meter.call(() => {
      this.checkAlive();
      return { result: this.sheet.peek(this.row, this.col)?.format || GENERAL, read: 1 };
    });
  }

  getDataValidations(): (FakeDataValidation | null)[][] {
    return this.read(() =>
      this.map((cell) => (cell?.validation ? new FakeDataValidation(cell.validation) : null)),
    );
  }

  getDataValidation(): FakeDataValidation | null {
    return this.ctx.meter.call(() => {
      this.checkAlive();
      const v = this.sheet.peek(this.row, this.col)?.validation;
      return { result: v ? new FakeDataValidation(v) : null, read: 1 };
    });
  }

  isChecked(): boolean | null {
    return this.ctx.meter.call(() => {
      this.checkAlive();
      let all: boolean | null = null;
      this.each((r, c) => {
        const cell = this.sheet.peek(r, c);
        if (cell?.validation?.criteriaType !== DataValidationCriteria.CHECKBOX) {
          all = null;
          return;
        }
        const checked = cell.value === true;
        all = all === null ? checked : all === checked ? all : null;
      });
      return { result: all, read: this.size() };
    });
  }

  // ---- writes ----

  setValues(values: unknown[][]): this {
    return this.write('setValues', () => {
      this.checkShape(values, 'setValues');
      const tz = this.ctx.model.timeZone;
      this.each((r, c, i, j) =>
        storeParsed(
          this.sheet,
          r,
          c,
          parseUserEntered(values[i][j], this.sheet.peek(r, c)?.format ?? '', tz),
        ),
      );
    });
  }

  /** Sets every cell of the range to the same value. */
  setValue(value: unknown): this {
    return this.write('setValue', () => {
      const tz = this.ctx.model.timeZone;
      this.each((r, c) =>
        storeParsed(
          this.sheet,
          r,
          c,
          parseUserEntered(value, this.sheet.peek(r, c)?.format ?? '', tz),
        ),
      );
    });
  }

  setFormulas(formulas: string[][]): this {
    return this.write('setFormulas', () => {
      this.checkShape(formulas, 'setFormulas');
      this.each((r, c, i, j) => this.storeFormula(r, c, formulas[i][j]));
    });
  }

  setFormula(formula: string): this {
    return this.write('setFormula', () => this.each((r, c) => this.storeFormula(r, c, formula)));
  }

  setNumberFormat(format: string): this {
    return this.write('setNumberFormat', () => this.each((r, c) => this.storeFormat(r, c, format)));
  }

  setNumberFormats(formats: string[][]): this {
    return this.write('setNumberFormats', () => {
      this.checkShape(formats, 'setNumberFormats');
      this.each((r, c, i, j) => this.storeFormat(r, c, formats[i][j]));
    });
  }

  /** null removes the rule. */
  setDataValidation(rule: FakeDataValidation | null): this {
    return this.write('setDataValidation', () => {
      const spec = rule ? this.specOf(rule) : null;
      this.each((r, c) => this.storeValidation(r, c, spec));
    });
  }

  setDataValidations(rules: (FakeDataValidation | null)[][]): this {
    return this.write('setDataValidations', () => {
      this.checkShape(rules, 'setDataValidations');
      this.each((r, c, i, j) =>
        this.storeValidation(r, c, rules[i][j] ? this.specOf(rules[i][j]) : null),
      );
    });
  }

  clearDataValidations(): this {
    return this.write('clearDataValidations', () =>
      this.each((r, c) => this.storeValidation(r, c, null)),
    );
  }

  /** Clears values and formulas; keeps formats and validation (Range.clearContent). */
  clearContent(): this {
    return this.write('clearContent', () =>
      this.each((r, c) => this.clearCell(r, c, { content: true })),
    );
  }

  clearFormat(): this {
    return this.write('clearFormat', () =>
      this.each((r, c) => this.clearCell(r, c, { format: true })),
    );
  }

  /**
   * Range.clear(): "Clears the range of contents and formats." With options, only the
   * parts asked for (contentsOnly, formatOnly, validationsOnly).
   */
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): this {
    return this.write('clear', () => {
      const any =
        options &&
        (options.contentsOnly ||
          options.formatOnly ||
          options.validationsOnly ||
          options.commentsOnly);
      const what = any
        ? {
            content: !!options.contentsOnly,
            format: !!options.formatOnly,
            validation: !!options.validationsOnly,
          }
        : { content: true, format: true, validation: false };
      this.each((r, c) => this.clearCell(r, c, what));
    });
  }

  /** "Inserts checkboxes into each cell in the range ... Sets the value of all cells in the range to false." */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    return this.write('insertCheckboxes', () => {
      const values =
        checkedValue === undefined
          ? []
          : uncheckedValue === undefined
            ? [checkedValue]
            : [checkedValue, uncheckedValue];
      const spec: ValidationSpec = {
        criteriaType: DataValidationCriteria.CHECKBOX,
        criteriaValues: values,
        allowInvalid: true,
        helpText: '',
      };
      const unchecked =
        uncheckedValue === undefined ? false : (uncheckedValue as string | number | boolean);
      this.each((r, c) => {
        const cell = this.sheet.cell(r, c);
        cell.validation = { ...spec, criteriaValues: [...spec.criteriaValues] };
        cell.value = unchecked;
        cell.formula = '';
      });
    });
  }

  removeCheckboxes(): this {
    return this.write('removeCheckboxes', () =>
      this.each((r, c) => {
        const cell = this.sheet.peek(r, c);
        if (cell?.validation?.criteriaType === DataValidationCriteria.CHECKBOX) {
          cell.validation = null;
          cell.value = '';
          cell.formula = '';
        }
      }),
    );
  }

  check(): this {
    return this.write('check', () => this.each((r, c) => this.setChecked(r, c, true)));
  }

  uncheck(): this {
    return this.write('uncheck', () => this.each((r, c) => this.setChecked(r, c, false)));
  }

  /** Sorts the rows of this range by one column (absolute column number) or specs. */
  sort(
    spec:
      number | { column: number; ascending?: boolean } | { column: number; ascending?: boolean }[],
  ): this {
    return this.write('sort', () => {
      const specs = (Array.isArray(spec) ? spec : [spec]).map((s) =>
        typeof s === 'number'
          ? { column: s, ascending: true }
          : { column: s.column, ascending: s.ascending ?? true },
      );
      for (const s of specs)
        if (s.column < this.col || s.column >= this.col + this.numCols)
          throw appsScriptException(`Column specified must be within the range.`);
      this.sheet.sortRows(this.row, this.row + this.numRows - 1, (a, b) => {
        for (const s of specs) {
          const d = compareCellValues(
            a[s.column - 1]?.value ?? '',
            b[s.column - 1]?.value ?? '',
            s.ascending,
          );
          if (d !== 0) return d;
        }
        return 0;
      });
    });
  }

  // ---- formatting: counted round trips, not modelled ----

  setFontWeight(_w: string | null): this {
    return this.style();
  }
  setFontWeights(_w: unknown[][]): this {
    return this.style();
  }
  setFontStyle(_s: string | null): this {
    return this.style();
  }
  setFontSize(_n: number): this {
    return this.style();
  }
  setFontColor(_c: string | null): this {
    return this.style();
  }
  setBackground(_c: string | null): this {
    return this.style();
  }
  setHorizontalAlignment(_a: string | null): this {
    return this.style();
  }
  setVerticalAlignment(_a: string | null): this {
    return this.style();
  }
  setWrap(_w: boolean): this {
    return this.style();
  }
  setWrapStrategy(_s: unknown): this {
    return this.style();
  }
  setNote(_n: string | null): this {
    return this.style();
  }
  setBorder(..._args: unknown[]): this {
    return this.style();
  }
  activate(): this {
    return this.style();
  }

  toString(): string {
    return 'Range';
  }

  // ---- internals (not part of the Apps Script surface) ----

  private a1(): string {
    return rangeA1(this.row, this.col, this.numRows, this.numCols);
  }

  private size(): number {
    return this.numRows * this.numCols;
  }

  /** A range keeps its coordinates; if rows were deleted under it, it now overhangs the grid. */
  private checkAlive(): void {
    if (
      this.row + this.numRows - 1 > this.sheet.maxRows ||
      this.col + this.numCols - 1 > this.sheet.maxCols
    )
      throw appsScriptException(MESSAGES.outsideGrid);
  }

  private each(fn: (row: number, col: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.numRows; i += 1)
      for (let j = 0; j < this.numCols; j += 1) fn(this.row + i, this.col + j, i, j);
  }

  private map<T>(fn: (cell: ReturnType<SheetModel['peek']>) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.numRows; i += 1) {
      const line: T[] = [];
      for (let j = 0; j < this.numCols; j += 1)
        line.push(fn(this.sheet.peek(this.row + i, this.col + j)));
      out.push(line);
    }
    return out;
  }

  private read<T>(fn: () => T): T {
    return this.ctx.meter.call(() => {
      this.checkAlive();
      return { result: fn(), read: this.size() };
    });
  }

  private write(method: string, fn: () => void): this {
    return this.ctx.meter.write(`${method} ${this.sheet.name}!${this.a1()}`, () => {
      this.checkAlive();
      fn();
      return { result: this, written: this.size() };
    });
  }

  private style(): this {
    return this.ctx.meter.call(() => {
      this.checkAlive();
      return { result: this };
    });
  }

  /** Apps Script's messages for a data array that does not fit the range. */
  private checkShape(values: unknown, method: string): asserts values is unknown[][] {
    if (!is2d(values))
      throw appsScriptException(
        `The parameters (${Array.isArray(values) ? 'number[]' : typeof values}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    if (values.length !== this.numRows)
      throw appsScriptException(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`,
      );
    for (const row of values) {
      if (row.length !== this.numCols)
        throw appsScriptException(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.numCols}.`,
        );
    }
  }

  private storeFormula(r: number, c: number, formula: string): void {
    const f = String(formula ?? '');
    if (f === '') this.clearCell(r, c, { content: true });
    else storeParsed(this.sheet, r, c, { value: '', formula: f.startsWith('=') ? f : `=${f}` });
  }

  private storeFormat(r: number, c: number, format: string): void {
    const f = format === GENERAL ? '' : String(format ?? '');
    if (f === '' && !this.sheet.peek(r, c)) return;
    this.sheet.cell(r, c).format = f;
  }

  private storeValidation(r: number, c: number, spec: ValidationSpec | null): void {
    if (!spec && !this.sheet.peek(r, c)) return;
    this.sheet.cell(r, c).validation = spec
      ? { ...spec, criteriaValues: [...spec.criteriaValues] }
      : null;
  }

  private clearCell(
    r: number,
    c: number,
    what: { content?: boolean; format?: boolean; validation?: boolean },
  ): void {
    const cell = this.sheet.peek(r, c);
    if (!cell) return;
    const blank = emptyCell();
    if (what.content) {
      cell.value = blank.value;
      cell.formula = blank.formula;
    }
    if (what.format) cell.format = blank.format;
    if (what.validation) cell.validation = null;
  }

  private setChecked(r: number, c: number, checked: boolean): void {
    const cell = this.sheet.peek(r, c);
    if (cell?.validation?.criteriaType !== DataValidationCriteria.CHECKBOX) return;
    const vals = cell.validation.criteriaValues;
    cell.value = (vals.length > 0 ? (checked ? vals[0] : (vals[1] ?? '')) : checked) as
      string | number | boolean;
    cell.formula = '';
  }

  private specOf(rule: FakeDataValidation): ValidationSpec {
    if (!(rule instanceof FakeDataValidation))
      throw appsScriptException(
        "The parameters (Object) don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
      );
    return rule.toSpec();
  }
}

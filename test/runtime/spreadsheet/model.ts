/**
 * The stored spreadsheet: what Google keeps per cell (a value that is a string,
 * number or boolean, or a formula; a number format; a data-validation rule) and per
 * sheet (grid size, frozen rows, a stable sheetId). Both SpreadsheetApp and the
 * advanced Sheets service read and write these same objects.
 */

/** A stored cell value. '' is an empty cell. Dates are numbers (serial days) plus a date format. */
export type CellValue = string | number | boolean;

/** Placeholder value of a formula cell: this fake stores formulas but never evaluates them. */
export const FORMULA_PLACEHOLDER = '#FORMULA';

/** Data-validation rule as stored on a cell (the SpreadsheetApp DataValidation wraps it). */
export interface ValidationSpec {
  criteriaType: string;
  criteriaValues: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface Cell {
  value: CellValue;
  /** Formula text including the leading '=', or '' when the cell holds a plain value. */
  formula: string;
  /** Number format pattern; '' = automatic. */
  format: string;
  validation: ValidationSpec | null;
}

export function emptyCell(): Cell {
  return { value: '', formula: '', format: '', validation: null };
}

/** True when the cell has content (a value or a formula); formats and rules do not count. */
export function hasContent(cell: Cell | undefined): boolean {
  return !!cell && (cell.value !== '' || cell.formula !== '');
}

/** A new sheet's grid, as created by insertSheet or the Sheets UI. */
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

/**
 * "Up to 10 million cells or 18,278 columns (column ZZZ) for spreadsheets that are
 * created in or converted to Google Sheets" (support.google.com/drive/answer/37603).
 * What counts is the grid: rows × columns of every sheet, filled or not (the reading
 * that is harder on the product, and the one Sheets enforces: inserting empty rows into
 * a full spreadsheet fails).
 */
export const MAX_CELLS_PER_SPREADSHEET = 10_000_000;

/** "a cell at most 50,000 characters" (same page); Google's message when a write has more. */
export const MAX_CHARACTERS_PER_CELL = 50_000;

/** Google's message when a change would take the spreadsheet past 10,000,000 cells (verbatim). */
export const CELL_LIMIT_MESSAGE =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

/** Google's message when one cell would hold more than 50,000 characters (verbatim). */
export const CELL_TEXT_LIMIT_MESSAGE =
  'Your input contains more than the maximum of 50000 characters in a single cell.';

/**
 * A change refused by one of the spreadsheet's size limits. Named `Exception` so that
 * SpreadsheetApp callers see "Exception: <message>"; the advanced Sheets service turns it
 * into a 400 GoogleJsonResponseException with the same message.
 */
export class SizeLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Throws when a stored string or formula is longer than a cell may hold. */
export function checkCellText(value: unknown): void {
  if (typeof value === 'string' && value.length > MAX_CHARACTERS_PER_CELL)
    throw new SizeLimitError(CELL_TEXT_LIMIT_MESSAGE);
}

/** A rectangle some chart reads, by stored sheet (so renames follow), 1-based. */
export interface ChartRangeRef {
  sheet: SheetModel;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/**
 * An embedded chart as Google keeps it. Ranges are not moved when rows or columns are
 * inserted or deleted (Sheets would adjust them; nothing here needs it yet).
 */
export interface ChartSpec {
  /** Unique in the spreadsheet once inserted; null for a built chart not inserted yet. */
  chartId: number | null;
  /** Charts.ChartType name ('COLUMN', 'COMBO', ...); '' until set. */
  type: string;
  ranges: ChartRangeRef[];
  /** setOption(key, value) as given (values JSON-copied). */
  options: Record<string, unknown>;
  anchorRow: number;
  anchorColumn: number;
  /** Pixels. */
  offsetX: number;
  offsetY: number;
  /** Rows or columns of the ranges read as headers; -1 = Sheets guesses. */
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

export function copyChartSpec(spec: ChartSpec): ChartSpec {
  return {
    ...spec,
    ranges: spec.ranges.map((r) => ({ ...r })),
    options: JSON.parse(JSON.stringify(spec.options)) as Record<string, unknown>,
  };
}

export class SheetModel {
  maxRows: number;
  maxCols: number;
  frozenRows = 0;
  /** Embedded charts, in insertion order. */
  charts: ChartSpec[] = [];
  /** rows[r][c], 0-based; missing entries are empty cells. */
  private rows: (Cell | undefined)[][] = [];
  /**
   * Developer metadata ids located on each row (0-based, parallel to the grid's rows):
   * they move with their row when rows are inserted above, deleted or sorted, and are
   * dropped with a deleted row (see DeveloperMetadataStore).
   */
  private rowMetadata: (number[] | undefined)[] = [];

  constructor(
    public readonly sheetId: number,
    public name: string,
    maxRows = DEFAULT_ROWS,
    maxCols = DEFAULT_COLUMNS,
    /** The spreadsheet whose 10,000,000-cell limit this grid counts against. */
    private readonly book?: BookModel,
  ) {
    this.maxRows = maxRows;
    this.maxCols = maxCols;
  }

  /** Grid cells of this sheet (filled or not). */
  gridCells(): number {
    return this.maxRows * this.maxCols;
  }

  /** The cell at 1-based (row, col), or undefined when never touched. */
  peek(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  /** The cell at 1-based (row, col), created when missing (for writes). */
  cell(row: number, col: number): Cell {
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    let c = r[col - 1];
    if (!c) {
      c = emptyCell();
      r[col - 1] = c;
    }
    return c;
  }

  /** Last row with content, 0 when the sheet has none (Sheet.getLastRow). */
  lastRow(fromCol = 1, toCol = this.maxCols): number {
    for (let r = Math.min(this.rows.length, this.maxRows); r >= 1; r -= 1) {
      const row = this.rows[r - 1];
      if (!row) continue;
      for (let c = fromCol; c <= Math.min(toCol, row.length); c += 1)
        if (hasContent(row[c - 1])) return r;
    }
    return 0;
  }

  /** Last column with content, 0 when the sheet has none (Sheet.getLastColumn). */
  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c -= 1)
        if (hasContent(row[c - 1])) {
          last = c;
          break;
        }
    }
    return last;
  }

  /**
   * Inserts `count` empty rows before 1-based `row` and grows the grid. Like Sheets'
   * "insert rows", the new rows take the number formats and validation rules of the
   * row above (of the row below when inserting at the top), not its values.
   */
  insertRowsBefore(row: number, count: number): void {
    this.book?.checkGrowth(count * this.maxCols);
    const model = row > 1 ? this.rows[row - 2] : this.rows[row - 1];
    const blank: (Cell | undefined)[][] = Array.from({ length: count }, () =>
      (model ?? []).map((c) =>
        c && (c.format || c.validation)
          ? { ...emptyCell(), format: c.format, validation: c.validation }
          : undefined,
      ),
    );
    // Not splice(…, ...blank): spreading 100,000+ rows overflows the call stack.
    if (this.rows.length >= row - 1)
      this.rows = [...this.rows.slice(0, row - 1), ...blank, ...this.rows.slice(row - 1)];
    else blank.forEach((b, i) => (this.rows[row - 1 + i] = b));
    if (this.rowMetadata.length >= row - 1)
      this.rowMetadata = [
        ...this.rowMetadata.slice(0, row - 1),
        ...new Array<undefined>(count).fill(undefined),
        ...this.rowMetadata.slice(row - 1),
      ];
    this.maxRows += count;
  }

  /** Deletes `count` rows starting at 1-based `row` and shrinks the grid. */
  deleteRows(row: number, count: number): void {
    this.rows.splice(row - 1, count);
    const gone = this.rowMetadata.splice(row - 1, count);
    this.maxRows -= count;
    // "If the associated object is deleted its metadata is deleted too."
    for (const ids of gone) for (const id of ids ?? []) this.book?.metadata.forget(id);
  }

  /** Attaches developer metadata `id` to 1-based `row`. */
  attachRowMetadata(row: number, id: number): void {
    const ids = this.rowMetadata[row - 1] ?? [];
    ids.push(id);
    this.rowMetadata[row - 1] = ids;
  }

  /** Detaches developer metadata `id` from whichever row holds it. */
  detachRowMetadata(id: number): void {
    for (const ids of this.rowMetadata) {
      const at = ids?.indexOf(id) ?? -1;
      if (ids && at >= 0) ids.splice(at, 1);
    }
  }

  /** The 1-based row developer metadata `id` is on now, or 0. */
  rowOfMetadata(id: number): number {
    const index = this.rowMetadata.findIndex((ids) => ids?.includes(id));
    return index + 1;
  }

  /** Developer metadata ids on 1-based `row`. */
  metadataOnRow(row: number): readonly number[] {
    return this.rowMetadata[row - 1] ?? [];
  }

  /** Inserts `count` empty columns before 1-based `col` and grows the grid. */
  insertColumnsBefore(col: number, count: number): void {
    this.book?.checkGrowth(count * this.maxRows);
    for (const r of this.rows)
      if (r && r.length >= col - 1) r.splice(col - 1, 0, ...new Array<Cell | undefined>(count));
    this.maxCols += count;
  }

  /** Deletes `count` columns starting at 1-based `col`. */
  deleteColumns(col: number, count: number): void {
    for (const r of this.rows) if (r) r.splice(col - 1, count);
    this.maxCols -= count;
  }

  /** Drops every cell (values, formats and rules). */
  clearAll(): void {
    this.rows = [];
  }

  /**
   * Reorders whole rows [from, to] (1-based) with a comparator over their cells. What
   * happens to row developer metadata is the book's `metadataOnSort` reading: the
   * reference says metadata "will remain associated at those locations as they move
   * around and the spreadsheet is edited" (spreadsheets.developerMetadata); its one
   * example is a row inserted above, and it is SILENT on sorting. 'moves': a sorted
   * row is a row that moved, its metadata goes with it. 'stays': the metadata stays at
   * its row POSITION, now holding another row's cells (the reading harder on a product
   * that writes through row anchors). README's Guarantees say what holds under each.
   */
  sortRows(
    from: number,
    to: number,
    compare: (a: (Cell | undefined)[], b: (Cell | undefined)[]) => number,
  ): void {
    const slice: Array<{ cells: (Cell | undefined)[]; meta: number[] | undefined }> = [];
    for (let r = from; r <= to; r += 1)
      slice.push({ cells: this.rows[r - 1] ?? [], meta: this.rowMetadata[r - 1] });
    slice.sort((a, b) => compare(a.cells, b.cells));
    slice.forEach((row, i) => {
      this.rows[from - 1 + i] = row.cells;
      if (this.book?.metadataOnSort !== 'stays') this.rowMetadata[from - 1 + i] = row.meta;
    });
  }
}

/** The two readings of row metadata under a sort (SheetModel.sortRows). */
export type MetadataOnSort = 'moves' | 'stays';

/** The whole spreadsheet file. */
export class BookModel {
  sheets: SheetModel[] = [];
  timeZone: string;
  formUrl: string | null = null;
  /** The sheet a linked form writes its responses to (Sheet.getFormUrl answers there). */
  formSheet: SheetModel | null = null;
  /** Sharing: the owner's email (null for a file in a shared drive) and the editors' emails. */
  owner: string | null = null;
  editors: string[] = [];
  private nextSheetId = 0;
  private chartsMade = 0;
  /** Developer metadata of the whole file (row locations only are modelled). */
  readonly metadata = new DeveloperMetadataStore();
  /**
   * Where a sort leaves row metadata (the reference is silent on sorting, see
   * SheetModel.sortRows): 'moves' with its row (default) or 'stays' at its position.
   */
  metadataOnSort: MetadataOnSort = 'moves';

  constructor(
    public readonly id: string,
    public name: string,
    timeZone: string,
  ) {
    this.timeZone = timeZone;
  }

  /** Sheet by exact name (Sheets names are case-insensitive unique, lookup is exact). */
  byName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  byId(sheetId: number): SheetModel | undefined {
    return this.sheets.find((s) => s.sheetId === sheetId);
  }

  /** Whether a new sheet may take this name (Sheets compares names case-insensitively). */
  nameTaken(name: string): boolean {
    return this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Grid cells of every sheet, filled or not: what the 10,000,000-cell limit counts. */
  gridCells(): number {
    return this.sheets.reduce((n, s) => n + s.gridCells(), 0);
  }

  /** Throws Google's error when `added` more grid cells would pass the limit. */
  checkGrowth(added: number): void {
    if (added > 0 && this.gridCells() + added > MAX_CELLS_PER_SPREADSHEET)
      throw new SizeLimitError(CELL_LIMIT_MESSAGE);
  }

  /**
   * Adds a sheet at `index` (default: last), 1000 × 26 unless told otherwise. The first
   * sheet gets id 0, others large stable ids.
   */
  addSheet(
    name: string,
    index = this.sheets.length,
    rows = DEFAULT_ROWS,
    columns = DEFAULT_COLUMNS,
  ): SheetModel {
    this.checkGrowth(rows * columns);
    const id = this.nextSheetId === 0 ? 0 : 100_000_000 + this.nextSheetId * 7_919;
    this.nextSheetId += 1;
    const sheet = new SheetModel(id, name, rows, columns, this);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  /** A new chart id, unique in the spreadsheet (Sheets' ids are large integers too). */
  nextChartId(): number {
    this.chartsMade += 1;
    return 1_000_000_000 + this.chartsMade * 104_729;
  }

  removeSheet(sheet: SheetModel): void {
    for (const entry of this.metadata.all())
      if (entry.sheetId === sheet.sheetId) this.metadata.forget(entry.id);
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.formSheet === sheet) this.formSheet = null;
  }
}

/** One developer metadata entry located on a row (its row is kept by the SheetModel). */
export interface RowMetadataEntry {
  id: number;
  key: string;
  value: string | undefined;
  visibility: 'DOCUMENT' | 'PROJECT';
  sheetId: number;
}

/**
 * The file's developer metadata: key, value and visibility by id; where each entry is
 * lives on its SheetModel row, so that it moves with the row.
 */
export class DeveloperMetadataStore {
  private readonly entries = new Map<number, RowMetadataEntry>();
  private lastId = 0;

  /** A new positive id, unique in the file (ids may also be given by the caller). */
  nextId(): number {
    do this.lastId += 7_919;
    while (this.entries.has(this.lastId));
    return this.lastId;
  }

  has(id: number): boolean {
    return this.entries.has(id);
  }

  add(entry: RowMetadataEntry): void {
    this.entries.set(entry.id, entry);
  }

  forget(id: number): void {
    this.entries.delete(id);
  }

  all(): RowMetadataEntry[] {
    return [...this.entries.values()];
  }
}

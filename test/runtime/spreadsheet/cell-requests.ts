/**
 * spreadsheets.batchUpdate's cell requests, as the fake Sheets service models them:
 * `updateCells` (cells written from a start coordinate) and `appendCells` (rows added
 * after the sheet's last row with data). Both take RowData → CellData and a `fields`
 * mask (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request:
 * "Adds new cells after the last row with data in a sheet, inserting new rows into the
 * sheet if necessary"; "The fields of CellData that should be updated. At least one
 * field must be specified."). Modelled fields: `userEnteredValue` (stringValue is kept
 * as text, never parsed, as a RAW values write; numberValue, boolValue; a cell without
 * it is cleared) and `userEnteredFormat.numberFormat` (its pattern).
 *
 * Where Google's documentation is silent we take the reading harder on the product and
 * say so here: rows appendCells inserts take no formats from the row above (so dates
 * must carry their number format); an updateCells past the grid fails with the same
 * "exceeds grid limits" text the values API uses (the API's own text for this request
 * is not documented); a row wider than the grid fails rather than adding columns.
 */
import { GoogleJsonResponseException } from './errors';
import { checkCellText, SizeLimitError, type SheetModel } from './model';

/** One cell of a request, after the JSON round trip. */
export interface CellDataIn {
  userEnteredValue?: { stringValue?: string; numberValue?: number; boolValue?: boolean };
  userEnteredFormat?: { numberFormat?: { type?: string; pattern?: string } };
}

export interface CellWriteOp {
  kind: 'cells';
  sheet: SheetModel;
  /** 'append': after the last row with data when applied; 'update': at row/col. */
  mode: 'append' | 'update';
  row: number;
  col: number;
  rows: CellDataIn[][];
  values: boolean;
  format: boolean;
}

const MODELLED_FIELDS = new Set(['userEnteredValue', 'userEnteredFormat.numberFormat']);

/**
 * Reads an updateCells / appendCells request into an op, or throws the API's 400.
 * `sheetOf` resolves a sheet id (throwing "No grid with id" as the caller does).
 */
export function readCellRequest(
  method: string,
  i: number,
  request: {
    updateCells?: {
      rows?: Array<{ values?: CellDataIn[] }>;
      fields?: string;
      start?: { sheetId?: number; rowIndex?: number; columnIndex?: number };
      range?: unknown;
    };
    appendCells?: { sheetId?: number; rows?: Array<{ values?: CellDataIn[] }>; fields?: string };
  },
  sheetOf: (i: number, what: string, sheetId: number | undefined) => SheetModel,
): CellWriteOp | null {
  const what = request.updateCells ? 'updateCells' : request.appendCells ? 'appendCells' : null;
  if (!what) return null;
  const body = (request.updateCells ?? request.appendCells)!;
  const fail = (message: string): never => {
    throw new GoogleJsonResponseException(
      method,
      400,
      `Invalid requests[${i}].${what}: ${message}`,
    );
  };
  const fields = String(body.fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (fields.length === 0) fail('At least one field must be specified.');
  for (const f of fields)
    if (!MODELLED_FIELDS.has(f))
      fail(`this local runtime models only the fields ${[...MODELLED_FIELDS].join(', ')} (${f})`);
  const rows = (
    JSON.parse(JSON.stringify(body.rows ?? [])) as Array<{ values?: CellDataIn[] }>
  ).map((r) => r.values ?? []);
  for (const line of rows)
    for (const cell of line) {
      const v = cell.userEnteredValue;
      if (v && Object.keys(v).some((k) => !['stringValue', 'numberValue', 'boolValue'].includes(k)))
        fail(`this local runtime models only stringValue, numberValue and boolValue`);
      try {
        checkCellText(v?.stringValue ?? '');
      } catch (e) {
        if (e instanceof SizeLimitError) fail(e.message);
        throw e;
      }
    }
  const values = fields.includes('userEnteredValue');
  const format = fields.includes('userEnteredFormat.numberFormat');
  if (request.updateCells) {
    const u = request.updateCells;
    if (!u.start || u.range !== undefined)
      fail('this local runtime models updateCells with `start` only');
    const sheet = sheetOf(i, what, u.start!.sheetId);
    return {
      kind: 'cells',
      sheet,
      mode: 'update',
      row: (u.start!.rowIndex ?? 0) + 1,
      col: (u.start!.columnIndex ?? 0) + 1,
      rows,
      values,
      format,
    };
  }
  const sheet = sheetOf(i, what, request.appendCells!.sheetId);
  return { kind: 'cells', sheet, mode: 'append', row: 0, col: 1, rows, values, format };
}

/** Rows the op needs inserted at the grid's end, given the sheet's size then (validation). */
export function rowsToInsert(op: CellWriteOp, maxRows: number, lastRow: number): number {
  if (op.mode === 'update') return 0;
  return Math.max(0, lastRow + op.rows.length - maxRows);
}

/** Checks an op against the grid as the earlier requests left it; throws the API's 400. */
export function checkCellOp(
  method: string,
  i: number,
  op: CellWriteOp,
  size: { rows: number; cols: number },
): void {
  const width = op.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const lastCol = op.col + width - 1;
  const lastRowWritten = op.mode === 'update' ? op.row + op.rows.length - 1 : 0;
  if (lastCol > size.cols || lastRowWritten > size.rows)
    throw new GoogleJsonResponseException(
      method,
      400,
      `Invalid requests[${i}].${op.mode === 'update' ? 'updateCells' : 'appendCells'}: Range exceeds grid limits. Max rows: ${size.rows}, max columns: ${size.cols}`,
    );
}

/** Applies a checked op; returns the cells written. */
export function applyCellOp(op: CellWriteOp): number {
  const sheet = op.sheet;
  let first = op.row;
  if (op.mode === 'append') {
    first = sheet.lastRow() + 1;
    const missing = first + op.rows.length - 1 - sheet.maxRows;
    if (missing > 0) {
      const from = sheet.maxRows + 1;
      sheet.insertRowsBefore(from, missing);
      // Documentation silent: inserted rows take no formats from the row above.
      for (let r = from; r < from + missing; r++)
        for (let c = 1; c <= sheet.maxCols; c++) {
          const cell = sheet.peek(r, c);
          if (cell) {
            cell.format = '';
            cell.validation = null;
          }
        }
    }
  }
  let written = 0;
  op.rows.forEach((line, i) =>
    line.forEach((data, j) => {
      const r = first + i;
      const c = op.col + j;
      const existing = sheet.peek(r, c);
      const v = data.userEnteredValue;
      const value =
        v?.stringValue ?? v?.numberValue ?? (v?.boolValue === undefined ? '' : v.boolValue);
      if (op.values && (existing || value !== '')) {
        const cell = sheet.cell(r, c);
        cell.value = value;
        cell.formula = '';
      }
      if (op.format && (existing || data.userEnteredFormat?.numberFormat?.pattern))
        sheet.cell(r, c).format = data.userEnteredFormat?.numberFormat?.pattern ?? '';
      written++;
    }),
  );
  return written;
}

/**
 * A1 notation: column letters, cell and range references, sheet-name quoting.
 * Shared by SpreadsheetApp (`Sheet.getRange('A2:C')`) and the advanced Sheets service
 * (`'my sheet'!A:Z`). Coordinates here are 1-based, like Apps Script.
 */

/** A parsed A1 reference. Missing bounds are open ('A:C' has no rows, '1:3' no columns). */
export interface A1Ref {
  /** Sheet name when the reference carried one ('lead_sheet!A1'), unquoted. */
  sheetName?: string;
  startRow?: number;
  startCol?: number;
  endRow?: number;
  endCol?: number;
}

/** 1 → 'A', 27 → 'AA'. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 'A' → 1, 'aa' → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 'B3' for (3, 2). */
export function cellA1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** 'A1' for one cell, 'A1:C3' otherwise (Range.getA1Notation). */
export function rangeA1(row: number, col: number, numRows: number, numCols: number): string {
  const start = cellA1(row, col);
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${cellA1(row + numRows - 1, col + numCols - 1)}`;
}

/**
 * Quotes a sheet name the way the Sheets API writes it back in ranges: plain
 * identifiers stay bare ('lead_sheet!A1'), anything with spaces or punctuation, or
 * that could be read as a cell reference, is single-quoted with '' escaping.
 */
export function quoteSheetName(name: string): string {
  const looksLikeCell = /^[A-Za-z]{1,3}\d+$/.test(name) || /^R\d*C\d*$/i.test(name);
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !looksLikeCell) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

/** Always-quoted form, as used in the API's "exceeds grid limits" message. */
export function alwaysQuoted(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

const PART = /^([A-Za-z]{0,3})(\d*)$/;

function parsePart(part: string): { row?: number; col?: number } | null {
  const m = PART.exec(part.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const out: { row?: number; col?: number } = {};
  if (m[1]) out.col = columnNumber(m[1]);
  if (m[2]) {
    out.row = Number(m[2]);
    if (out.row < 1) return null;
  }
  return out;
}

/**
 * Splits "'my sheet'!A1:B2" into sheet name and the cell part. Returns null when the
 * quoting is malformed. A bare word with no '!' is returned as `rest` only; the caller
 * decides whether it is a sheet name (the API accepts 'settings' meaning the sheet).
 */
export function splitSheet(ref: string): { sheetName?: string; rest: string } | null {
  const s = ref.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i];
      i += 1;
    }
    if (i >= s.length) return null;
    const after = s.slice(i + 1);
    if (after === '') return { sheetName: name, rest: '' };
    if (!after.startsWith('!')) return null;
    return { sheetName: name, rest: after.slice(1) };
  }
  const bang = s.lastIndexOf('!');
  if (bang >= 0) return { sheetName: s.slice(0, bang), rest: s.slice(bang + 1) };
  return { rest: s };
}

/**
 * Parses the cell part of an A1 reference: 'A1', 'A1:C3', 'A:C', '1:3', 'A2:Z', 'A2:2'.
 * Returns null for anything Sheets would not accept.
 */
export function parseCells(rest: string): Omit<A1Ref, 'sheetName'> | null {
  const pieces = rest.split(':');
  if (pieces.length > 2) return null;
  const a = parsePart(pieces[0]);
  if (!a) return null;
  if (pieces.length === 1) {
    if (a.row === undefined || a.col === undefined) return null;
    return { startRow: a.row, startCol: a.col, endRow: a.row, endCol: a.col };
  }
  const b = parsePart(pieces[1]);
  if (!b) return null;
  // 'A:C' whole columns, '1:3' whole rows, 'A2:C' open-ended down, 'A2:5' open-ended right.
  const ref: Omit<A1Ref, 'sheetName'> = {
    startRow: a.row,
    startCol: a.col,
    endRow: b.row,
    endCol: b.col,
  };
  if (a.row === undefined && a.col === undefined) return null;
  if (ref.startRow === undefined && ref.endRow !== undefined && b.col !== undefined)
    ref.startRow = 1;
  if (ref.startCol === undefined && ref.endCol !== undefined && b.row !== undefined)
    ref.startCol = 1;
  if (ref.startRow !== undefined && ref.endRow !== undefined && ref.endRow < ref.startRow)
    [ref.startRow, ref.endRow] = [ref.endRow, ref.startRow];
  if (ref.startCol !== undefined && ref.endCol !== undefined && ref.endCol < ref.startCol)
    [ref.startCol, ref.endCol] = [ref.endCol, ref.startCol];
  return ref;
}

/** A reference resolved against a grid: concrete 1-based bounds. */
export interface GridBox {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** Fills open bounds from the grid size ('A:C' → rows 1..maxRows). No clamping. */
export function resolveBox(
  ref: Omit<A1Ref, 'sheetName'>,
  maxRows: number,
  maxCols: number,
): GridBox {
  const row = ref.startRow ?? 1;
  const col = ref.startCol ?? 1;
  const endRow = ref.endRow ?? maxRows;
  const endCol = ref.endCol ?? maxCols;
  return { row, col, numRows: endRow - row + 1, numCols: endCol - col + 1 };
}

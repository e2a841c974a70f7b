/**
 * Rows set aside for a Slack path's appends, so they go out in the same call as the lead
 * write (Slack waits 3 s, and every Sheets call is 150–300 ms). A click's log row used to
 * need a call of its own after the write, because an appended row's position is not
 * known before the append. Here the anchor call (one spreadsheets.batchUpdate) also
 * appends blank rows at the end of the sheet, gives their date cells the date-time format
 * (the reference documents no format for rows appendDimension adds), and reads back the
 * sheet's last rows after those requests applied. The rows after the last non-blank row
 * of that read are free: the commit writes its first new rows there by A1, with the lead.
 *
 * The first read (spreadsheets.get) gives each sheet's grid size, so the rows to read back
 * are known before the anchor call. A blank row left at the end (a reservation the run did
 * not use: a failed write) is free next time, so blank rows do not pile up; where more
 * blank rows than the read-back window end the sheet (an admin added them), nothing is
 * reserved and the commit appends as before.
 */
import type { CellValue } from './header-table';

/** Rows before the grid's end read back to find where the data ends. */
export const TAIL_ROWS = 3;

/** What a Slack path asks to set aside in one sheet. */
export interface RowReservation {
  sheet: string;
  /** The sheet's grid row count before the anchor call (spreadsheets.get). */
  rowCount: number;
  /** Rows to append. */
  count: number;
  /** Number format per column ('' none), for the appended rows' date cells. */
  formats: readonly string[];
}

/** The A1 range the anchor call reads back: the last rows before, and the new rows. */
export function tailRange(r: RowReservation): string {
  const first = Math.max(2, r.rowCount - TAIL_ROWS + 1);
  return `'${r.sheet.replace(/'/g, "''")}'!${first}:${r.rowCount + r.count}`;
}

/**
 * The spreadsheets.batchUpdate requests that append the rows and format their date cells.
 * @param sheetId the sheet's id
 */
export function reserveRequests(r: RowReservation, sheetId: number): object[] {
  if (r.count <= 0) return [];
  const requests: object[] = [{ appendDimension: { sheetId, dimension: 'ROWS', length: r.count } }];
  if (r.formats.some((f) => f))
    requests.push({
      updateCells: {
        start: { sheetId, rowIndex: r.rowCount, columnIndex: 0 },
        rows: Array.from({ length: r.count }, () => ({
          values: r.formats.map((f) =>
            f ? { userEnteredFormat: { numberFormat: { type: 'DATE_TIME', pattern: f } } } : {},
          ),
        })),
        fields: 'userEnteredFormat.numberFormat',
      },
    });
  return requests;
}

/**
 * The free rows (1-based), in order, from the tail read back after the requests applied:
 * every row after the last one holding a value. None when the whole window is blank and
 * the data may end above it (then a write there would leave a gap).
 * @param tail the values of tailRange(r), as a values read gives them (trailing blank rows cut)
 */
export function freeRows(r: RowReservation, tail: readonly CellValue[][]): number[] {
  const first = Math.max(2, r.rowCount - TAIL_ROWS + 1);
  const last = r.rowCount + r.count;
  const filled = (row: readonly CellValue[] | undefined): boolean =>
    (row ?? []).some((v) => v !== '' && v !== null && v !== undefined);
  let lastFilled = -1;
  tail.forEach((row, i) => {
    if (filled(row)) lastFilled = first + i;
  });
  // The header is row 1: a window that starts at row 2 has the data's end inside it.
  if (lastFilled < 0 && first > 2) return [];
  const from = lastFilled < 0 ? 2 : lastFilled + 1;
  const rows: number[] = [];
  for (let row = from; row <= last; row++) rows.push(row);
  return rows;
}

/**
 * Which rows leave the live spreadsheet for the yearly archive spreadsheets, and how a
 * move that was cut short is finished without copying a row twice. The live
 * spreadsheet keeps what the engine and the admins still use (open leads, recently
 * closed ones, the last `yearly_archive_after_days` of routing_log, lead_archive and
 * form responses); older rows go to the archive spreadsheet of their year, so the live
 * spreadsheet's size follows the daily lead rate, not the lifetime lead count.
 */

/** A cell as the Sheets API gives it (unformatted). */
export type ArchiveCell = string | number | boolean;

/** Rows copied per night at most, in cells over every sheet (about a minute of writes). */
export const YEARLY_CELLS_PER_NIGHT = 300_000;
/**
 * An archive spreadsheet takes rows until its grid would pass this many cells; then the
 * year gets another part. Below Sheets' 10,000,000 so a part is never full to the cell.
 */
export const YEARLY_PART_MAX_CELLS = 9_000_000;

/** One live row as read: its 1-based row number, its cells, and the instant it dates from. */
export interface LiveRow {
  row: number;
  cells: readonly ArchiveCell[];
  /** Epoch ms of the row's date column; null when the cell holds no date (never moved). */
  at: number | null;
}

/**
 * The rows to move tonight: dated before `cutoffMs`, accepted by `keep` (false = must stay
 * live), in sheet order, at most `limit`.
 */
export function rowsToMove(
  rows: readonly LiveRow[],
  cutoffMs: number,
  limit: number,
  mayMove: (row: LiveRow) => boolean = () => true,
): LiveRow[] {
  const out: LiveRow[] = [];
  for (const row of rows) {
    if (out.length >= limit) break;
    if (row.at !== null && row.at < cutoffMs && mayMove(row)) out.push(row);
  }
  return out;
}

/**
 * A row's content as one comparable string: what the Sheets API gives back for the same
 * cells (trailing empty cells are omitted by the API, so they are dropped here too).
 */
export function rowKey(cells: readonly ArchiveCell[]): string {
  const trimmed = [...cells];
  while (trimmed.length && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return JSON.stringify(trimmed.map((c) => (typeof c === 'string' ? c : [c])));
}

/**
 * The rows of `batch` not already among `copied` (rows an earlier, interrupted move put
 * into the archive): each copy found there accounts for one equal row of the batch, so
 * two equal live rows still arrive twice, and a row copied before is not copied again.
 */
export function notYetCopied<T>(
  batch: readonly T[],
  copied: readonly (readonly ArchiveCell[])[],
  cellsOf: (row: T) => readonly ArchiveCell[],
): T[] {
  const counts = new Map<string, number>();
  for (const cells of copied) {
    const key = rowKey(cells);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return batch.filter((row) => {
    const key = rowKey(cellsOf(row));
    const n = counts.get(key) ?? 0;
    if (n === 0) return true;
    counts.set(key, n - 1);
    return false;
  });
}

/** Groups rows by the calendar year of their date (in the spreadsheet's time zone). */
export function byYear<T extends { at: number | null }>(
  rows: readonly T[],
  yearOf: (epochMs: number) => number,
): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    if (row.at === null) continue;
    const year = yearOf(row.at);
    out.set(year, [...(out.get(year) ?? []), row]);
  }
  return out;
}

/** The name of a year's archive spreadsheet: "<live name> – archive 2026" (", part 2" after). */
export function archiveName(liveName: string, year: number, part: number): string {
  return `${liveName} – archive ${year}${part > 1 ? `, part ${part}` : ''}`;
}

/** Lays a live row out in the archive sheet's column order, by header (trimmed, any case). */
export function layOut(
  liveHeader: readonly string[],
  archiveHeader: readonly string[],
  cells: readonly ArchiveCell[],
): ArchiveCell[] {
  const index = new Map<string, number>();
  archiveHeader.forEach((h, i) => {
    const k = h.trim().toLowerCase();
    if (!index.has(k)) index.set(k, i);
  });
  const out: ArchiveCell[] = new Array<ArchiveCell>(archiveHeader.length).fill('');
  liveHeader.forEach((h, i) => {
    const at = index.get(h.trim().toLowerCase());
    if (at !== undefined && i < cells.length) out[at] = cells[i];
  });
  return out;
}

/**
 * Headers for the archive sheet: the live sheet's, each blank one named after its
 * column ("column F"), so no live cell is without a place.
 */
export function archiveHeaders(
  liveHeader: readonly ArchiveCell[],
  letter: (col: number) => string,
): string[] {
  return liveHeader.map((h, i) =>
    String(h).trim() === '' ? `column ${letter(i + 1)}` : String(h).trim(),
  );
}

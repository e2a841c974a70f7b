/**
 * One sheet's values typed by header label (google-marketing-solutions/margin-protection
 * style): headers are matched trimmed and case-insensitively, blank rows are skipped,
 * and a missing required header stops with a message naming the sheet and the header.
 */
import { RoutingError } from '../domain/errors';

export type CellValue = string | number | boolean;

export interface TableRow {
  /** 1-based sheet row number. */
  row: number;
  cells: readonly CellValue[];
}

export class HeaderTable {
  /** normalised header → 0-based column */
  private readonly columns = new Map<string, number>();
  /**
   * Header as asked → column (-1 = none): a sweep asks for the same few headers on
   * every row of a big sheet, and normalising each time was most of its CPU time.
   */
  private readonly asked = new Map<string, number>();
  readonly rows: TableRow[] = [];
  /** Width of the header row. */
  readonly width: number;

  /** @param values rows as the Sheets API returns them (ragged; trailing empties omitted) */
  constructor(
    readonly sheet: string,
    values: readonly (readonly CellValue[])[] | undefined,
  ) {
    const header = values?.[0] ?? [];
    this.width = header.length;
    header.forEach((label, i) => {
      const key = normaliseHeader(label);
      if (key && !this.columns.has(key)) this.columns.set(key, i);
    });
    (values ?? []).slice(1).forEach((cells, i) => {
      if (cells.some((c) => String(c).trim() !== '')) this.rows.push({ row: i + 2, cells });
    });
  }

  private lookup(header: string): number {
    let index = this.asked.get(header);
    if (index === undefined) {
      index = this.columns.get(normaliseHeader(header)) ?? -1;
      this.asked.set(header, index);
    }
    return index;
  }

  has(header: string): boolean {
    return this.lookup(header) >= 0;
  }

  /** 0-based column of a header; throws MISSING_HEADER when absent. */
  column(header: string): number {
    const index = this.lookup(header);
    if (index < 0) {
      throw new RoutingError(
        'MISSING_HEADER',
        `Sheet "${this.sheet}" has no column "${header}" in its first row. Add it, or run Lead Routing → Set up to repair the sheet.`,
      );
    }
    return index;
  }

  requireAll(headers: readonly string[]): void {
    for (const header of headers) this.column(header);
  }

  get(row: TableRow, header: string): CellValue {
    return row.cells[this.column(header)] ?? '';
  }

  text(row: TableRow, header: string): string {
    return String(this.get(row, header)).trim();
  }
}

export function normaliseHeader(label: unknown): string {
  return String(label ?? '')
    .trim()
    .toLowerCase();
}

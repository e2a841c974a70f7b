/**
 * Plain-text tables for the terminal, used by the demo and the benchmark.
 *
 *   console.log(formatTable(rows, ['lead_id', { key: 'route_count', label: 'routes' }]).join('\n'));
 *
 * Columns are picked by key (and relabelled, truncated, aligned). Numbers are
 * right-aligned unless told otherwise; long cells end in "…" at their column's
 * `maxWidth`. Widths are counted in code points, so keep cells to characters that
 * take one terminal column (no emoji).
 */

export type Cell = string | number | boolean | Date | null | undefined;
export type TableRow = Record<string, unknown>;

export interface Column {
  /** Property of each row. */
  key: string;
  /** Heading; defaults to the key. */
  label?: string;
  /** Cells longer than this are cut and end in "…". */
  maxWidth?: number;
  /** Defaults to 'right' for columns whose every non-empty value is a number, else 'left'. */
  align?: 'left' | 'right';
  /** Turns a value into the text shown (default: String, '' for null/undefined, ISO for dates). */
  format?: (value: unknown, row: TableRow) => string;
}

export interface TableOptions {
  /** Put before every line (default two spaces). */
  indent?: string;
  /** Between columns (default two spaces). */
  gap?: string;
  /** Shown instead of an empty table. */
  empty?: string;
}

function width(text: string): number {
  return [...text].length;
}

function cut(text: string, max: number | undefined): string {
  if (max === undefined || width(text) <= max) return text;
  return [...text].slice(0, Math.max(0, max - 1)).join('') + '…';
}

function pad(text: string, size: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? fill + text : text + fill;
}

function defaultFormat(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value).replace(/\s*\n\s*/g, ' ');
}

/** The table as lines: heading, a rule, then one line per row. */
export function formatTable(
  rows: readonly TableRow[],
  columns?: ReadonlyArray<string | Column>,
  options: TableOptions = {},
): string[] {
  const indent = options.indent ?? '  ';
  const gap = options.gap ?? '  ';
  const cols: Column[] = (columns ?? Object.keys(rows[0] ?? {})).map((c) =>
    typeof c === 'string' ? { key: c } : c,
  );
  if (rows.length === 0) return [`${indent}${options.empty ?? '(no rows)'}`];
  const cells = rows.map((row) =>
    cols.map((c) => cut((c.format ?? defaultFormat)(row[c.key], row), c.maxWidth)),
  );
  const aligns = cols.map((c) => {
    if (c.align) return c.align;
    const values = rows
      .map((row) => row[c.key])
      .filter((v) => v !== '' && v !== null && v !== undefined);
    return values.length > 0 && values.every((v) => typeof v === 'number') && !c.format
      ? 'right'
      : 'left';
  });
  const labels = cols.map((c) => c.label ?? c.key);
  const sizes = cols.map((_, i) => Math.max(width(labels[i]), ...cells.map((r) => width(r[i]))));
  const line = (parts: string[]): string =>
    (indent + parts.map((p, i) => pad(p, sizes[i], aligns[i])).join(gap)).trimEnd();
  return [line(labels), line(sizes.map((s) => '-'.repeat(s))), ...cells.map(line)];
}

/** A heading underlined to its length, then the table, as lines. */
export function titledTable(
  title: string,
  rows: readonly TableRow[],
  columns?: ReadonlyArray<string | Column>,
  options?: TableOptions,
): string[] {
  return [title, ...formatTable(rows, columns, options)];
}

/** Rows of a sheet given as a 2-D array whose first row is the header. */
export function rowsFromGrid(grid: ReadonlyArray<ReadonlyArray<unknown>>): TableRow[] {
  const [header = [], ...rest] = grid;
  return rest
    .filter((r) => r.some((c) => c !== '' && c !== null && c !== undefined))
    .map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/**
 * One lead's rows of slack_outbox without reading the whole sheet (Slack waits 3 s for a
 * click, and a busy team's outbox holds thousands of finished messages of ~1,200
 * characters). The Slack paths read the outbox header and its lead_id column in their
 * first call (one cell a row instead of sixteen: 0.031 ms a cell on the pessimistic
 * model), then this lead's whole rows in the anchor call that follows; the table built
 * from them holds those rows at their real row numbers (blank rows between), so a commit
 * right after patches them by A1 where they are.
 */
import { SHEETS } from '../app/ports';
import { columnLetter, quoteSheet } from './a1';
import { HeaderTable, type CellValue } from './header-table';

/**
 * The key columns where set-up puts them (0-based): lead_id is read in the first call,
 * id is checked on each row read back.
 */
const KEY_COLUMNS = { id: 0, lead_id: 1 } as const;

/** The ranges the first call reads: the header row, then the lead_id column. */
export function outboxKeyRanges(): string[] {
  const sheet = quoteSheet(SHEETS.outbox);
  const letter = columnLetter(KEY_COLUMNS.lead_id + 1);
  return [`${sheet}!1:1`, `${sheet}!${letter}:${letter}`];
}

/** What the first call's key column says about one lead's outbox rows. */
export interface OutboxSlicePlan {
  header: CellValue[];
  /** The ranges the anchor call reads back: this lead's rows, or the whole sheet. */
  reads: string[];
  /** The rows the lead_id column gave this lead, in order (empty when `whole`). */
  expected: number[];
  /** The header does not have id and lead_id where set-up puts them: read it whole. */
  whole: boolean;
}

const text = (v: CellValue | undefined): string => String(v ?? '').trim();

/**
 * @param read the first call's values for outboxKeyRanges(), in that order
 * @param leadId the lead whose rows are wanted ('' = none)
 */
export function planOutboxSlice(read: readonly CellValue[][][], leadId: string): OutboxSlicePlan {
  const [headerRows, leadIds] = read;
  const header = [...(headerRows?.[0] ?? [])];
  const table = new HeaderTable(SHEETS.outbox, [header]);
  const moved = (Object.keys(KEY_COLUMNS) as (keyof typeof KEY_COLUMNS)[]).some(
    (h) => !table.has(h) || table.column(h) !== KEY_COLUMNS[h],
  );
  // An admin moved (or dropped) a key column: the header says so, and the sheet is read
  // whole in the anchor call (no extra call; the repair is Set up's).
  if (moved) return { header, reads: [quoteSheet(SHEETS.outbox)], expected: [], whole: true };
  const wanted = leadId.trim();
  const expected: number[] = [];
  if (wanted !== '')
    (leadIds ?? []).forEach((cells, i) => {
      if (i > 0 && text(cells[0]) === wanted) expected.push(i + 1);
    });
  const sheet = quoteSheet(SHEETS.outbox);
  return { header, reads: expected.map((r) => `${sheet}!${r}:${r}`), expected, whole: false };
}

/**
 * slack_outbox as far as this lead goes: the header, blank rows, and this lead's rows at
 * their row numbers; or the whole sheet when the plan read it whole.
 * @param rows the anchor call's values for plan.reads, in that order
 * @returns the values, or null when a row read back is no longer one of this lead's
 *   messages (rows deleted or moved in between): the caller then reads the sheet whole
 */
export function outboxSliceValues(
  plan: OutboxSlicePlan,
  rows: readonly CellValue[][][],
  leadId: string,
): CellValue[][] | null {
  if (plan.whole) return (rows[0] ?? [plan.header]).map((r) => [...r]);
  const out: CellValue[][] = [[...plan.header]];
  for (const [i, row] of plan.expected.entries()) {
    const cells = [...(rows[i]?.[0] ?? [])];
    if (text(cells[KEY_COLUMNS.id]) === '' || text(cells[KEY_COLUMNS.lead_id]) !== leadId.trim())
      return null;
    while (out.length < row - 1) out.push([]);
    out[row - 1] = cells;
  }
  return out;
}

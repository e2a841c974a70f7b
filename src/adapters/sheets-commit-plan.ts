/**
 * The pure part of a workbook commit (sheets-workbook.ts commit): which sheets it reads,
 * how the key columns it reads become tables, and — over those tables and the anchored
 * lead rows — which lead patches apply and which are skipped (MISSING / CHANGED), the
 * cells each write changes, the state keys it adds, and the rows it appends. No Sheets
 * call is made here: the commit reads, anchors and writes; this decides what.
 */
import type { CommitReport, GuardedLeadPatch, WorkbookChanges } from '../app/ports';
import { DATE_COLUMNS, ESCALATED_PREFIX, HEADERS, SHEETS, type SheetName } from '../app/ports';
import type { Lead, LogEntry } from '../domain/lead';
import type { OutboxPatch } from '../domain/outbox';
import { parseStage } from '../domain/stage';
import { columnLetter, quoteSheet, rowSegment } from './a1';
import { HeaderTable, normaliseHeader, type CellValue } from './header-table';
import { LEAD_FIELD_HEADERS, type RowCodec } from './row-codec';
import type { AnchoredRow, FilteredWrite, ValueRange } from './sheets-values';

/** Cells to write in one row: header → value. */
export type RowWrite = Map<string, CellValue>;

/** A row of a table read, by its 1-based row number. */
export type IndexedRow = { row: number; cells: readonly CellValue[] };

/** A lead's row anchored and read back (and where it was then), or why it is not. */
export type AnchoredLead = (AnchoredRow & { row: number }) | 'MISSING' | 'CHANGED';

/**
 * Columns a commit needs to find and check rows: the key, and for leads the guards.
 * Reading only these (not whole rows) keeps a commit's read small on a big sheet.
 */
const KEYED_COLUMNS: Partial<Record<SheetName, readonly string[]>> = {
  [SHEETS.leads]: ['lead_id', 'stage', 'sales_slack_id', 'route_count'],
  [SHEETS.outbox]: ['id'],
  [SHEETS.state]: ['key'],
};

/** What a commit changes, and so which sheets it reads by key and which it only appends to. */
export interface CommitShape {
  leadPatches: readonly GuardedLeadPatch[];
  outboxPatches: readonly OutboxPatch[];
  stateEntries: ReadonlyArray<[string, string | number | Date]>;
  /** Sheets whose rows it finds by key (it reads their key columns). */
  keyed: SheetName[];
  /** Sheets it only appends to (it reads their header row). */
  appendOnly: SheetName[];
}

/**
 * The sheets a commit touches; null when it changes nothing.
 * @throws when new leads and lead patches share one commit: new rows shift the rows
 *   below a blank row, so patches located before an append could land on the wrong row
 */
export function commitShape(changes: WorkbookChanges): CommitShape | null {
  const leadPatches = changes.leadPatches ?? [];
  if (leadPatches.length && changes.newLeads?.length)
    throw new Error('commit: new leads and lead patches cannot share one commit');
  const outboxPatches = changes.outboxPatches ?? [];
  const stateEntries = Object.entries(changes.state ?? {});
  const keyed: SheetName[] = [];
  if (leadPatches.length) keyed.push(SHEETS.leads);
  if (outboxPatches.length) keyed.push(SHEETS.outbox);
  if (stateEntries.length) keyed.push(SHEETS.state);
  const appendOnly = appendOnlySheets(changes, keyed);
  if (keyed.length + appendOnly.length === 0) return null;
  return { leadPatches, outboxPatches, stateEntries, keyed, appendOnly };
}

/** Sheets a commit appends to but does not read by key: their header row is enough. */
function appendOnlySheets(changes: WorkbookChanges, keyed: readonly SheetName[]): SheetName[] {
  const appendOnly: SheetName[] = [];
  if (changes.newLeads?.length && !keyed.includes(SHEETS.leads)) appendOnly.push(SHEETS.leads);
  if (changes.log?.length) appendOnly.push(SHEETS.log);
  if (changes.newOutbox?.length && !keyed.includes(SHEETS.outbox)) appendOnly.push(SHEETS.outbox);
  return appendOnly;
}

/** One keyed sheet's part of the commit's read: its key columns, or null to read it whole. */
export interface KeyedRead {
  sheet: SheetName;
  columns: number[] | null;
}

/**
 * The ranges of a commit's one read: per keyed sheet its header row and key columns
 * where `headers` (as this execution last read them) put them, or the whole sheet when
 * they do not show them all; then the header row of each sheet it only appends to.
 */
export function commitReadRanges(
  headers: ReadonlyMap<SheetName, readonly CellValue[]>,
  keyed: readonly SheetName[],
  appendOnly: readonly SheetName[],
): { plans: KeyedRead[]; ranges: string[] } {
  const plans = keyed.map((sheet) => {
    const header = (headers.get(sheet) ?? []).map(normaliseHeader);
    const columns = (KEYED_COLUMNS[sheet] ?? []).map((h) => header.indexOf(h));
    return { sheet, columns: columns.every((c) => c >= 0) && header.length ? columns : null };
  });
  const ranges: string[] = [];
  for (const plan of plans) {
    ranges.push(plan.columns ? `${quoteSheet(plan.sheet)}!1:1` : quoteSheet(plan.sheet));
    for (const c of plan.columns ?? [])
      ranges.push(`${quoteSheet(plan.sheet)}!${columnLetter(c + 1)}:${columnLetter(c + 1)}`);
  }
  for (const sheet of appendOnly) ranges.push(`${quoteSheet(sheet)}!1:1`);
  return { plans, ranges };
}

/**
 * The tables from the values of commitReadRanges' ranges (same order). A keyed sheet
 * whose header row read now no longer has its key columns where they were looked for
 * (an admin moved them) is left out and named in `refetch`: it is to be read whole.
 */
export function commitReadTables(
  plans: readonly KeyedRead[],
  appendOnly: readonly SheetName[],
  read: readonly CellValue[][][],
): { tables: Map<SheetName, HeaderTable>; refetch: SheetName[] } {
  const tables = new Map<SheetName, HeaderTable>();
  const refetch: SheetName[] = [];
  let at = 0;
  for (const plan of plans) {
    if (!plan.columns) {
      tables.set(plan.sheet, new HeaderTable(plan.sheet, read[at++]));
      continue;
    }
    const header = read[at++]?.[0] ?? [];
    const table = keyColumnsTable(plan, header, read.slice(at, at + plan.columns.length));
    at += plan.columns.length;
    if (table) tables.set(plan.sheet, table);
    else refetch.push(plan.sheet);
  }
  for (const sheet of appendOnly) tables.set(sheet, new HeaderTable(sheet, read[at++]));
  return { tables, refetch };
}

/** A sheet as wide as its header with only the key columns filled; null if they moved. */
function keyColumnsTable(
  plan: KeyedRead,
  header: readonly CellValue[],
  columns: readonly CellValue[][][],
): HeaderTable | null {
  const at = plan.columns ?? [];
  const expected = (KEYED_COLUMNS[plan.sheet] ?? []).every(
    (h, i) => normaliseHeader(header[at[i]]) === h,
  );
  if (!expected) return null;
  const height = Math.max(0, ...columns.map((col) => col.length));
  const rows: CellValue[][] = [header.slice()];
  for (let r = 1; r < height; r++) {
    const cells: CellValue[] = new Array<CellValue>(header.length).fill('');
    at.forEach((c, i) => (cells[c] = columns[i][r]?.[0] ?? ''));
    rows.push(cells);
  }
  return new HeaderTable(plan.sheet, rows);
}

/** The writes a commit makes in its one write call, and what it leaves out. */
export interface WritePlan {
  /** Lead patches not applied (the commit's report). */
  skippedLeads: CommitReport['skippedLeads'];
  /** Their leads: their outbox patches, escalation keys, messages and log rows are dropped. */
  skipped: Set<string>;
  /** Lead cells by anchor, then outbox and state cells by A1, in that order. */
  writes: FilteredWrite[];
  /** Lead → the anchor its cells are written through. */
  written: Map<string, number>;
  /** State keys not in the sheet yet: appended. */
  newState: RowWrite[];
}

/**
 * The writes of a commit over the tables it read and the lead rows it anchored: a lead
 * patch whose lead has no anchored row is skipped (MISSING, or CHANGED when it kept
 * moving), one whose row no longer looks as the use case saw it is skipped CHANGED;
 * outbox patches and escalation keys of a skipped lead are dropped with it.
 */
export function planWrites(
  shape: CommitShape,
  tables: ReadonlyMap<SheetName, HeaderTable>,
  anchored: ReadonlyMap<string, AnchoredLead>,
  codec: RowCodec,
): WritePlan {
  const plan: WritePlan = {
    skippedLeads: [],
    skipped: new Set(),
    writes: [],
    written: new Map(),
    newState: [],
  };
  if (shape.leadPatches.length)
    planLeadWrites(plan, tables.get(SHEETS.leads)!, shape.leadPatches, anchored, codec);
  if (shape.outboxPatches.length)
    planOutboxWrites(plan, tables.get(SHEETS.outbox)!, shape.outboxPatches, codec);
  if (shape.stateEntries.length)
    planStateWrites(plan, tables.get(SHEETS.state)!, shape.stateEntries, codec);
  return plan;
}

function planLeadWrites(
  plan: WritePlan,
  table: HeaderTable,
  patches: readonly GuardedLeadPatch[],
  anchored: ReadonlyMap<string, AnchoredLead>,
  codec: RowCodec,
): void {
  for (const patch of patches) {
    const row = writableRow(table, anchored.get(patch.leadId), patch, codec);
    if (typeof row === 'string') {
      plan.skippedLeads.push({ leadId: patch.leadId, why: row });
      plan.skipped.add(patch.leadId);
      continue;
    }
    const values = rowValues(table, codec.leadCells(patch.changes));
    if (values.length === 0) continue;
    plan.writes.push({ anchor: row.anchor, values: [values] });
    plan.written.set(patch.leadId, row.anchor);
  }
}

/** The anchored row a lead patch is written to, or why it is skipped. */
function writableRow(
  table: HeaderTable,
  row: AnchoredLead | undefined,
  patch: GuardedLeadPatch,
  codec: RowCodec,
): AnchoredLead {
  if (!row) return 'MISSING';
  if (typeof row === 'string') return row;
  return stillMatches(table, row, patch, codec) ? row : 'CHANGED';
}

function planOutboxWrites(
  plan: WritePlan,
  table: HeaderTable,
  patches: readonly OutboxPatch[],
  codec: RowCodec,
): void {
  const rows = indexByKey(table, 'id');
  for (const patch of patches) {
    if (patch.leadId && plan.skipped.has(patch.leadId)) continue;
    const row = rows.get(patch.id);
    if (row) plan.writes.push(...segments(table, row.row, codec.outboxCells(patch.changes)));
  }
}

function planStateWrites(
  plan: WritePlan,
  table: HeaderTable,
  entries: ReadonlyArray<[string, string | number | Date]>,
  codec: RowCodec,
): void {
  const rows = indexByKey(table, 'key');
  for (const [key, value] of entries) {
    if (key.startsWith(ESCALATED_PREFIX) && plan.skipped.has(key.slice(ESCALATED_PREFIX.length)))
      continue;
    const row = rows.get(key);
    if (row)
      plan.writes.push(...segments(table, row.row, new Map([['value', codec.cell(value, false)]])));
    else
      plan.newState.push(
        new Map<string, CellValue>([
          ['key', codec.typed(key)],
          ['value', codec.typed(value)],
        ]),
      );
  }
}

/**
 * Leads whose anchor the write call matched no cell of (an admin deleted the row after
 * it was anchored; the anchor goes with its row): nothing was written for them, so they
 * join the skipped (MISSING).
 * @param cells cells written per anchor, as the write call answered
 */
export function unwrittenLeads(plan: WritePlan, cells: ReadonlyMap<number, number>): void {
  for (const [leadId, anchor] of plan.written)
    if (!cells.get(anchor)) {
      plan.skippedLeads.push({ leadId, why: 'MISSING' });
      plan.skipped.add(leadId);
    }
}

/** Rows a commit appends after its write, without those of skipped leads. */
export function appendsAfter(
  changes: WorkbookChanges,
  skipped: ReadonlySet<string>,
  codec: RowCodec,
): { outbox: RowWrite[]; log: RowWrite[] } {
  return {
    outbox: (changes.newOutbox ?? [])
      .filter((item) => !skipped.has(item.leadId))
      .map((item) => codec.outboxCells(item)),
    log: (changes.log ?? [])
      .filter((entry) => !skipped.has(entry.leadId))
      .map((entry) => logCells(entry, codec)),
  };
}

/** Rows laid out by the sheet's current header order ('' where a column gets nothing). */
export function layOut(table: HeaderTable, rows: readonly RowWrite[]): CellValue[][] {
  table.requireAll(HEADERS[table.sheet as SheetName] ?? []);
  return rows.map((cells) => {
    const out: CellValue[] = new Array<CellValue>(table.width).fill('');
    for (const [header, value] of cells) if (table.has(header)) out[table.column(header)] = value;
    return out;
  });
}

/** The number format per column of `table` ('' none): date columns get the date-time one. */
export function dateFormats(table: HeaderTable, dateTimeFormat: string): string[] {
  const formats = new Array<string>(table.width).fill('');
  for (const h of DATE_COLUMNS[table.sheet as SheetName] ?? [])
    if (table.has(h)) formats[table.column(h)] = dateTimeFormat;
  return formats;
}

/** New rows a commit wrote into rows set aside for it (sheets-row-reserve.ts). */
export interface PlacedRows {
  /** The A1 writes, to go out with the commit's other writes. */
  writes: ValueRange[];
  /** Per write: its range and the lead its row belongs to. */
  rows: Array<{ range: string; leadId: string }>;
  /** The log entries and outbox items placed (not to be appended again). */
  items: Set<object>;
}

/**
 * The commit's first new outbox and log rows, in order, into the rows set aside for each
 * sheet; none of a lead the plan skips. The rest are appended after the write as usual.
 * @param free per sheet, the free rows (1-based) the anchor call found
 */
export function placeInFreeRows(
  changes: WorkbookChanges,
  skipped: ReadonlySet<string>,
  free: ReadonlyMap<string, readonly number[]>,
  tableOf: (sheet: SheetName) => HeaderTable,
  codec: RowCodec,
): PlacedRows {
  const placed: PlacedRows = { writes: [], rows: [], items: new Set() };
  const groups: Array<[SheetName, ReadonlyArray<{ leadId: string }>, (item: never) => RowWrite]> = [
    [SHEETS.outbox, changes.newOutbox ?? [], (item) => codec.outboxCells(item)],
    [SHEETS.log, changes.log ?? [], (entry) => logCells(entry, codec)],
  ];
  for (const [sheet, items, cells] of groups) {
    const rows = free.get(sheet) ?? [];
    const wanted = items.filter((item) => !skipped.has(item.leadId)).slice(0, rows.length);
    if (!wanted.length) continue;
    const table = tableOf(sheet);
    layOut(
      table,
      wanted.map((item) => cells(item as never)),
    ).forEach((values, i) => {
      const range = `${quoteSheet(sheet)}!A${rows[i]}:${columnLetter(table.width)}${rows[i]}`;
      placed.writes.push({ range, values: [values] });
      placed.rows.push({ range, leadId: wanted[i].leadId });
      placed.items.add(wanted[i]);
    });
  }
  return placed;
}

/** Whether a guarded lead's row, as read back, still looks as the use case saw it. */
export function stillMatches(
  table: HeaderTable,
  row: { cells: readonly CellValue[] },
  patch: GuardedLeadPatch,
  codec: RowCodec,
): boolean {
  const expect = patch.expect;
  if (!expect) return true;
  const current = (field: keyof Lead): string =>
    String(row.cells[table.column(LEAD_FIELD_HEADERS[field])] ?? '').trim();
  if (expect.stage !== undefined && parseStage(current('stage')) !== parseStage(expect.stage))
    return false;
  if (expect.salesSlackId !== undefined && current('salesSlackId') !== expect.salesSlackId)
    return false;
  return (
    expect.routeCount === undefined || codec.count(current('routeCount')) === expect.routeCount
  );
}

function logCells(entry: LogEntry, codec: RowCodec): RowWrite {
  return new Map<string, CellValue>([
    ['at', codec.cell(entry.at, true)],
    ['lead_id', entry.leadId],
    ['event', entry.event],
    ['from_slack_id', entry.fromSlackId],
    ['to_slack_id', entry.toSlackId],
    ['actor', entry.actor],
    ['detail', entry.detail],
  ]);
}

/** A whole-row array for a write by anchor: the changed cells, null (skipped) elsewhere. */
export function rowValues(table: HeaderTable, cells: RowWrite): Array<CellValue | null> {
  const out: Array<CellValue | null> = [];
  for (const [header, value] of cells) {
    const column = table.column(header);
    while (out.length <= column) out.push(null);
    out[column] = value;
  }
  return out;
}

/** Key → its first row (the one commits write to); rows with an empty key are left out. */
export function indexByKey(table: HeaderTable, keyHeader: string): Map<string, IndexedRow> {
  const rows = new Map<string, IndexedRow>();
  const column = table.column(keyHeader);
  for (const row of table.rows) {
    const key = String(row.cells[column] ?? '').trim();
    if (key && !rows.has(key)) rows.set(key, row);
  }
  return rows;
}

/** Contiguous runs of changed cells in one row, as A1 ranges: only changed cells are written. */
export function segments(table: HeaderTable, row: number, cells: RowWrite): ValueRange[] {
  const byColumn = [...cells]
    .map(([header, value]) => ({ column: table.column(header) + 1, value }))
    .sort((a, b) => a.column - b.column);
  const out: ValueRange[] = [];
  let run: Array<{ column: number; value: CellValue }> = [];
  const flush = (): void => {
    if (run.length)
      out.push({
        range: rowSegment(table.sheet, row, run[0].column, run[run.length - 1].column),
        values: [run.map((c) => c.value)],
      });
    run = [];
  };
  for (const cell of byColumn) {
    if (run.length && cell.column !== run[run.length - 1].column + 1) flush();
    run.push(cell);
  }
  flush();
  return out;
}

/**
 * The Workbook port over the Sheets API. load() is one batchGet of every sheet the
 * engine reads. commit() re-reads the key columns of the sheets it changes (one
 * batchGet) and finds every row by its key; each lead row it will write is then
 * anchored with developer metadata and read back in ONE atomic call (the read shows
 * whose row the anchor is on: another lead's, after a sort in between, and the lead is
 * looked up again), and the lead's cells are written through that anchor
 * (values.batchUpdateByDataFilter), which follows the row through any sort or insert
 * after the anchor. So no admin sort, at any moment, puts one lead's change on another
 * lead's row. It checks each guarded lead still looks as the use case saw it (on the
 * row read back), writes only the changed cells and appends new rows. The archive
 * anchors the rows it moves the same way, and whatever a sort makes its positional
 * delete miss or hit is put right by key (archive()).
 *
 * Why anchors and not verify-and-repair: a row anchor is the one thing the Sheets API
 * keeps with a row as it moves (the reference says row metadata "remains associated" as
 * rows move; it names insertion, not sorting — see test/runtime/spreadsheet/model.ts for
 * the reading), and it costs the click nothing: the anchor call replaces the row read.
 */
import type {
  ArchiveReport,
  CommitReport,
  Workbook,
  WorkbookChanges,
  WorkbookSnapshot,
} from '../app/ports';
import {
  HEADERS,
  LEAD_HEADERS,
  OUTBOX_HEADERS,
  SALES_REQUIRED,
  SHEETS,
  type SheetName,
} from '../app/ports';
import type { Lead, LogEntry } from '../domain/lead';
import { readRules } from '../domain/routing-rules';
import type { OutboxItem } from '../domain/outbox';
import { isClosedStage, parseStage } from '../domain/stage';
import { columnLetter, quoteSheet, rowSegment } from './a1';
import { HeaderTable, normaliseHeader, type CellValue } from './header-table';
import { RowCodec } from './row-codec';
import {
  outboxKeyRanges,
  outboxSliceValues,
  planOutboxSlice,
  type OutboxSlicePlan,
} from './sheets-outbox-slice';
import {
  appendsAfter,
  commitReadRanges,
  dateFormats,
  layOut,
  placeInFreeRows,
  type PlacedRows,
  commitReadTables,
  commitShape,
  indexByKey,
  planWrites,
  unwrittenLeads,
  type AnchoredLead,
  type CommitShape,
  type IndexedRow,
  type RowWrite,
  type WritePlan,
} from './sheets-commit-plan';
import type { AnchoredRow, LandedWrite, SheetsValues } from './sheets-values';
import { WriteBelt } from './sheets-write-belt';
import type { RowReservation } from './sheets-row-reserve';
import type { MisplacedNotices } from '../domain/misplaced-writes';
import { DATE_TIME_FORMAT } from './spreadsheet-setup';

/**
 * Times a commit looks a lead's row up again when its anchor landed on another lead's
 * row (an admin sorted between the look-up and the anchor call). Each try is two calls;
 * a sheet sorted into a new order between every two calls for this long leaves the
 * lead unwritten (reported CHANGED, nothing written), never written on another row.
 */
const ANCHOR_TRIES = 3;

/**
 * Outbox rows the manager's Take and Reassign set aside at most: the new owner's notice
 * and the rewrites of the lead's earlier messages (an escalated lead has two or three).
 */
const MAX_RESERVED_MESSAGES = 3;

/** The small sheets the web app reads whole (a few rows each). */
const SMALL_SHEETS: SheetName[] = [SHEETS.settings, SHEETS.sales, SHEETS.holidays, SHEETS.rules];

/** Every sheet load() reads: the small ones first (smallSnapshot reads them), then the big. */
const READ_SHEETS: SheetName[] = [...SMALL_SHEETS, SHEETS.leads, SHEETS.state, SHEETS.outbox];

export class SheetsWorkbook implements Workbook {
  /** Header rows as this execution last read them (load), to address key columns. */
  private readonly headers = new Map<SheetName, readonly CellValue[]>();
  /**
   * The one lead row the web app just read (findLead), its row number, that lead's
   * outbox rows at their row numbers (sheets-outbox-slice.ts) when read with it, and the Sheets call count at that moment: a commit
   * with no call in between writes from this read instead of reading again (Slack waits
   * 3 s for a click).
   */
  private fresh: {
    leadId: string;
    row: number;
    /** The developer metadata id now on the lead's row (sheets-values.ts anchorRows). */
    anchor: number;
    cells: CellValue[];
    calls: number;
    outbox?: CellValue[][];
    /** Set by the Slack paths' reads: the commit right after appends its rows in one call. */
    oneCall?: boolean;
    /** Rows the anchor call set aside at the end of the log and outbox, by sheet. */
    free?: Map<string, number[]>;
  } | null = null;

  /** Grid row counts by sheet, from the Slack paths' first read (readWithGridSizes). */
  private rowCounts = new Map<string, number>();

  /**
   * Where this execution last saw each lead's row (load, a fresh read, an append, an
   * anchor). Only a guess for the next anchor call, which reads back whose row it
   * anchored: a guess a sort made wrong costs one more call, never a wrong write.
   */
  private readonly knownRows = new Map<string, number>();
  /**
   * The lead rows load() read, and the settings this execution last read: what the write
   * belt (sheets-write-belt.ts) needs to put back cells a misplaced write overwrote, and
   * to tell the manager in the team's language.
   */
  private loaded: { header: readonly CellValue[]; rows: Map<string, readonly CellValue[]> } | null =
    null;
  private settingsRead: ReadonlyMap<string, unknown> | null = null;

  constructor(
    private readonly values: SheetsValues,
    private readonly codec: RowCodec,
    private readonly notices?: MisplacedNotices,
  ) {}

  load(): WorkbookSnapshot {
    const read = this.values.batchGet(READ_SHEETS.map(quoteSheet));
    READ_SHEETS.forEach((sheet, i) => this.headers.set(sheet, read[i]?.[0] ?? []));
    const small = this.smallSnapshot(read.slice(0, SMALL_SHEETS.length));
    const [leads, state, outbox] = read
      .slice(SMALL_SHEETS.length)
      .map((v, i) => new HeaderTable(READ_SHEETS[SMALL_SHEETS.length + i], v));
    leads.requireAll(LEAD_HEADERS);
    state.requireAll(['key', 'value']);
    outbox.requireAll(OUTBOX_HEADERS);
    this.rememberLoaded(leads);
    this.settingsRead = new Map(small.settings);
    return {
      ...small,
      ...firstPerLeadId(
        leads.rows.map((r) => this.codec.lead(leads, r)).filter((lead) => lead.leadId !== ''),
      ),
      state: new Map(state.rows.map((r) => [state.text(r, 'key'), String(state.get(r, 'value'))])),
      outbox: outbox.rows.map((r) => this.codec.outbox(outbox, r)).filter((item) => item.id !== ''),
    };
  }

  /** Where each lead's row is, and its cells, as load() read them. */
  private rememberLoaded(leads: HeaderTable): void {
    this.knownRows.clear();
    this.loaded = { header: this.headers.get(SHEETS.leads) ?? [], rows: new Map() };
    for (const r of leads.rows) {
      const id = leads.text(r, 'lead_id');
      if (id && !this.knownRows.has(id)) this.knownRows.set(id, r.row);
      if (id && !this.loaded.rows.has(id)) this.loaded.rows.set(id, r.cells);
    }
  }

  loadLead(leadId: string): Lead | undefined {
    return this.loadLeadWithMessages(leadId).lead;
  }

  loadLeadWithMessages(
    leadId: string,
    options: { logsAnEvent?: boolean } = {},
  ): {
    lead: Lead | undefined;
    messages: OutboxItem[];
    settings: Map<string, unknown>;
  } {
    const sheet = quoteSheet(SHEETS.leads);
    // The contract puts lead_id first, so column A is read with the header; if an admin
    // moved it, the header says where it went and that column is read instead. The
    // outbox's header and id and lead_id columns come in the same call (this lead's
    // whole rows follow in the anchor call: a busy outbox holds thousands of long
    // finished messages), the log's header row, so that a commit right after can append
    // without reading again, and the settings (the team's language, the manager).
    const keyRanges = outboxKeyRanges();
    const { values: read, rowCounts } = this.values.readWithGridSizes([
      `${sheet}!1:1`,
      `${sheet}!A:A`,
      ...keyRanges,
      `${quoteSheet(SHEETS.log)}!1:1`,
      quoteSheet(SHEETS.settings),
    ]);
    this.rowCounts = rowCounts;
    const [headerRows, firstColumn] = read;
    const [logHeader, settingValues] = read.slice(2 + keyRanges.length);
    const settingsTable = new HeaderTable(SHEETS.settings, settingValues);
    settingsTable.requireAll(['key', 'value']);
    const settings = new Map(
      settingsTable.rows.map((r) => [settingsTable.text(r, 'key'), settingsTable.get(r, 'value')]),
    );
    this.settingsRead = settings;
    const slice = planOutboxSlice(read.slice(2, 2 + keyRanges.length), leadId);
    this.headers.set(SHEETS.outbox, slice.header);
    this.headers.set(SHEETS.log, logHeader?.[0] ?? []);
    // A click must work while slack_outbox needs repair (Set up fixes it): its messages
    // are then not followed, and the sweep says what is wrong.
    const usable = OUTBOX_HEADERS.every((h) =>
      new HeaderTable(SHEETS.outbox, [slice.header]).has(h),
    );
    // A click logs one row (CONTACTED, REJECTED, ...): it is set aside in the anchor call
    // and written with the lead, so the click needs no call of its own for it.
    const found = this.findLead(leadId, headerRows, firstColumn, {
      reads: usable ? slice.reads : [],
      reserve: options.logsAnEvent ? [this.reservation(SHEETS.log, 1)] : [],
    });
    const outboxValues = usable ? this.outboxOfLead(slice, found.read, leadId) : [];
    const outbox = new HeaderTable(SHEETS.outbox, outboxValues);
    const messages = usable
      ? outbox.rows
          .map((r) => this.codec.outbox(outbox, r))
          .filter((item) => item.leadId === leadId)
      : [];
    if (this.fresh && usable) this.fresh.outbox = outboxValues.map((row) => [...row]);
    if (this.fresh) this.fresh.oneCall = options.logsAnEvent;
    return { lead: found.lead, messages, settings };
  }

  /**
   * This lead's outbox rows (sheets-outbox-slice.ts) from the anchor call's read-back;
   * read in a call of their own when there was no anchor call (no such lead) or when a
   * row read back is no longer the message the key columns put there (rows deleted in
   * between): then the whole sheet, and a fresh read counts that call (its lead row is
   * anchored, so the commit right after still writes to it wherever it went).
   */
  private outboxOfLead(
    slice: OutboxSlicePlan,
    read: CellValue[][][] | null,
    leadId: string,
  ): CellValue[][] {
    if (slice.reads.length === 0) return [[...slice.header]];
    const rows = read ?? this.values.batchGet(slice.reads);
    const values = outboxSliceValues(slice, rows, leadId);
    if (values) return values;
    const [whole] = this.values.batchGet([quoteSheet(SHEETS.outbox)]);
    if (this.fresh) this.fresh.calls = this.values.calls;
    this.headers.set(SHEETS.outbox, whole?.[0] ?? []);
    return (whole ?? []).map((r) => [...r]);
  }

  private findLead(
    leadId: string,
    headerRows: CellValue[][],
    firstColumn: CellValue[][],
    extras: { reads?: readonly string[]; reserve?: ReadonlyArray<RowReservation | null> } = {},
  ): { lead: Lead | undefined; read: CellValue[][][] | null } {
    this.fresh = null;
    const { header, idRange, ids: firstIds } = this.idColumn(headerRows, firstColumn);
    let ids = firstIds;
    // The row is anchored and read back in a second call (the anchor follows the row, so
    // a commit right after writes to it wherever it goes): if an admin sorted in between,
    // the row read back is another lead's; then the id column is read again, once. Stale
    // anchors are left for the next commit to drop: this read may run without the lock
    // (a busy click's language), and must not delete an anchor a locked run writes by.
    // No id, no lead (and no anchor): a caller that wants only the settings asks for ''.
    // `reads` come back from the last anchor call (the lead's outbox rows); rows are set
    // aside (sheets-row-reserve.ts) in the first anchor call only.
    let read: CellValue[][][] | null = null;
    let reserve = (extras.reserve ?? []).filter((r): r is RowReservation => r !== null);
    let reserved: Map<string, number[]> | undefined;
    if (leadId.trim() === '') return { lead: undefined, read };
    for (let attempt = 0; attempt < 2; attempt++) {
      const row = idRows(ids ?? []).get(leadId);
      if (row === undefined) return { lead: undefined, read };
      const found = this.anchorFound(leadId, header, row, {
        reads: extras.reads ?? [],
        reserve,
        reserved,
      });
      ({ read } = found);
      reserved ??= found.free;
      reserve = [];
      if (found.lead) return found;
      ids = this.values.batchGet([idRange])[0];
    }
    return { lead: undefined, read };
  }

  /** lead_sheet's header and id column (read again where the header says it moved). */
  private idColumn(
    headerRows: CellValue[][],
    firstColumn: CellValue[][],
  ): { header: CellValue[]; idRange: string; ids: CellValue[][] } {
    const header = headerRows?.[0] ?? [];
    this.headers.set(SHEETS.leads, header);
    const table = new HeaderTable(SHEETS.leads, [header]);
    table.requireAll(LEAD_HEADERS);
    const column = table.column('lead_id');
    const letter = columnLetter(column + 1);
    const idRange = `${quoteSheet(SHEETS.leads)}!${letter}:${letter}`;
    const ids = column === 0 ? firstColumn : this.values.batchGet([idRange])[0];
    return { header, idRange, ids: ids ?? [] };
  }

  /**
   * `count` rows to set aside at the end of `sheet` in the anchor call, from the grid
   * size the first read gave; null when that read did not name the sheet.
   */
  private reservation(sheet: SheetName, count: number): RowReservation | null {
    const rowCount = this.rowCounts.get(sheet);
    const header = this.headers.get(sheet) ?? [];
    if (!rowCount || count <= 0 || header.length === 0) return null;
    const table = new HeaderTable(sheet, [[...header]]);
    return { sheet, rowCount, count, formats: dateFormats(table, DATE_TIME_FORMAT) };
  }

  /**
   * Anchors the row the id column put a lead on and reads it back (one call); when it is
   * that lead's, keeps it as the fresh read a commit right after writes from.
   * @param extras.reads ranges read back in the same call (returned as `read`)
   * @param extras.reserve rows to set aside in the same call (sheets-row-reserve.ts)
   * @param extras.reserved rows an earlier anchor call of this look-up set aside
   * @returns the lead, or undefined when the row read back is another lead's; the free
   *   rows this call set aside
   */
  private anchorFound(
    leadId: string,
    header: CellValue[],
    row: number,
    extras: {
      reads: readonly string[];
      reserve: readonly RowReservation[];
      reserved?: Map<string, number[]>;
    },
  ): { lead: Lead | undefined; read: CellValue[][][]; free: Map<string, number[]> } {
    const { reads, reserve, reserved } = extras;
    const done = this.values.anchorRows(SHEETS.leads, [row], false, reads, reserve);
    const [anchored] = done.rows;
    const { read, free } = done;
    const cells = anchored?.cells ?? [];
    const table = new HeaderTable(SHEETS.leads, [header, cells]);
    const lead = table.rows[0] ? this.codec.lead(table, table.rows[0]) : undefined;
    if (lead?.leadId !== leadId || !anchored?.anchor) return { lead: undefined, read, free };
    this.knownRows.set(leadId, row);
    this.fresh = {
      leadId,
      row,
      anchor: anchored.anchor,
      cells: [...cells],
      calls: this.values.calls,
      free: reserved ?? free,
    };
    return { lead, read, free };
  }

  /**
   * `/leads` without reading the whole sheet (Slack waits 3 s): the small sheets, the
   * header and the stage and owner columns where set-up puts them (read again where the
   * header says, if an admin moved them), then only this person's NEW rows. A row read
   * back that is no longer theirs (a sort in between) is left out and the snapshot says
   * so (movedWhileRead): another round would take /leads past Slack's 3 s.
   */
  loadOwnedNewLeads(ownerSlackId: string): WorkbookSnapshot {
    const sheet = quoteSheet(SHEETS.leads);
    const letterOf = (index: number): string => columnLetter(index + 1);
    const column = (c: number): string => `${sheet}!${letterOf(c)}:${letterOf(c)}`;
    const wanted = ['stage', 'sales_slack_id'] as const;
    const guess = wanted.map((h) => LEAD_HEADERS.indexOf(h));
    const small = SMALL_SHEETS.map(quoteSheet);
    const read = this.values.batchGet([...small, `${sheet}!1:1`, ...guess.map(column)]);
    const header = read[small.length]?.[0] ?? [];
    const table = new HeaderTable(SHEETS.leads, [header]);
    table.requireAll(LEAD_HEADERS);
    const actual = wanted.map((h) => table.column(h));
    let columns = read.slice(small.length + 1);
    if (actual.some((c, i) => c !== guess[i])) columns = this.values.batchGet(actual.map(column));
    const rows = ownedNewRows(columns[0], columns[1], ownerSlackId);
    const values = rows.length ? this.values.batchGet(rows.map((r) => `${sheet}!${r}:${r}`)) : [];
    const leads = new HeaderTable(SHEETS.leads, [header, ...values.map((v) => v[0] ?? [])]);
    // Rows read in the second call are checked again: a sort in between shows here.
    const mine = leads.rows
      .map((r) => this.codec.lead(leads, r))
      .filter(
        (lead) =>
          lead.leadId !== '' &&
          lead.salesSlackId === ownerSlackId &&
          parseStage(lead.stage) === 'NEW',
      );
    return {
      ...this.smallSnapshot(read.slice(0, small.length)),
      leads: mine,
      movedWhileRead: mine.length < rows.length,
    };
  }

  /** Settings, reps, holidays and rules from their sheets; no leads, state or outbox. */
  private smallSnapshot(values: CellValue[][][]): WorkbookSnapshot {
    const [settings, sales, holidays, rules] = SMALL_SHEETS.map(
      (name, i) => new HeaderTable(name, values[i] ?? []),
    );
    settings.requireAll(['key', 'value']);
    sales.requireAll(SALES_REQUIRED);
    holidays.requireAll(['date']);
    rules.requireAll(HEADERS[SHEETS.rules]);
    return {
      settings: new Map(
        settings.rows.map((r) => [settings.text(r, 'key'), settings.get(r, 'value')]),
      ),
      reps: sales.rows.map((r, i) => this.codec.rep(sales, r, i)),
      leads: [],
      duplicateLeadIds: [],
      state: new Map(),
      outbox: [],
      holidays: new Set(
        holidays.rows
          .map((r) => localDate(holidays.get(r, 'date')))
          .filter((d): d is string => d !== null),
      ),
      rules: readRules(
        rules.rows.map((r) => ({
          row: r.row,
          field: rules.get(r, 'field'),
          operator: rules.get(r, 'operator'),
          value: rules.get(r, 'value'),
          team: rules.get(r, 'team'),
          slaMinutes: rules.get(r, 'sla_minutes'),
          active: rules.get(r, 'active'),
        })),
      ),
    };
  }

  commit(changes: WorkbookChanges, options: { recordsSent?: boolean } = {}): CommitReport {
    // Messages already sent count as the commit's first write (sheets-values.ts writing).
    const started = options.recordsSent === true;
    if (this.fresh?.oneCall && this.fresh.calls === this.values.calls)
      return this.values.appendsInOneCall(() =>
        this.values.writing(() => this.commitNow(changes), started),
      );
    return this.values.writing(() => this.commitNow(changes), started);
  }

  /**
   * The manager's Take and Reassign (Slack waits 3 s): in one call the small sheets,
   * the lead header and id column, the outbox's header and key columns and the log's
   * header; then the lead's row, anchored and read back with the lead's outbox rows (as
   * loadLeadWithMessages). A commit right after
   * writes from this read: the lead's cells through the anchor, then every new outbox
   * and log row in ONE spreadsheets.batchUpdate (appendCells), four Sheets calls in all.
   * State is left empty: these actions write none.
   */
  loadLeadScope(leadId: string): WorkbookSnapshot {
    const sheet = quoteSheet(SHEETS.leads);
    const small = SMALL_SHEETS.map(quoteSheet);
    const keyRanges = outboxKeyRanges();
    const { values: read, rowCounts } = this.values.readWithGridSizes([
      ...small,
      `${sheet}!1:1`,
      `${sheet}!A:A`,
      ...keyRanges,
      `${quoteSheet(SHEETS.log)}!1:1`,
    ]);
    this.rowCounts = rowCounts;
    const [headerRows, firstColumn] = read.slice(small.length);
    const keys = read.slice(small.length + 2, small.length + 2 + keyRanges.length);
    const [logHeader] = read.slice(small.length + 2 + keyRanges.length);
    const slice = planOutboxSlice(keys, leadId);
    new HeaderTable(SHEETS.outbox, [slice.header]).requireAll(OUTBOX_HEADERS);
    this.headers.set(SHEETS.outbox, slice.header);
    this.headers.set(SHEETS.log, logHeader?.[0] ?? []);
    // Set aside for the action's rows: its log row, and a message per message the lead
    // has (the new owner's notice, and a rewrite of each earlier one but the clicked).
    const messages = Math.min(MAX_RESERVED_MESSAGES, Math.max(1, slice.expected.length));
    const found = this.findLead(leadId, headerRows, firstColumn, {
      reads: slice.reads,
      reserve: [this.reservation(SHEETS.outbox, messages), this.reservation(SHEETS.log, 1)],
    });
    const outboxValues = this.outboxOfLead(slice, found.read, leadId);
    const outbox = new HeaderTable(SHEETS.outbox, outboxValues);
    if (this.fresh) {
      this.fresh.outbox = outboxValues.map((row) => [...row]);
      this.fresh.oneCall = true;
    }
    return {
      ...this.smallSnapshot(read.slice(0, small.length)),
      leads: found.lead ? [found.lead] : [],
      outbox: outbox.rows
        .map((r) => this.codec.outbox(outbox, r))
        .filter((item) => item.id !== '' && item.leadId === leadId),
    };
  }

  /**
   * read (key columns, lead rows anchored) → plan (sheets-commit-plan.ts, pure) → write:
   * new leads first, then every changed cell in one call, then messages, state keys and
   * log rows (a run that dies after the write has routed and queued; the log comes last,
   * and a run that dies before the write is healed by the next sweep).
   */
  private commitNow(changes: WorkbookChanges): CommitReport {
    const shape = commitShape(changes);
    if (!shape) return { skippedLeads: [] };
    const { tables, anchored, free } = this.readForCommit(shape);
    // The lead is written before anything else.
    if (changes.newLeads?.length)
      this.appendRows(
        tables.get(SHEETS.leads)!,
        changes.newLeads.map((lead) => this.codec.leadCells(lead)),
      );
    const plan = planWrites(shape, tables, anchored, this.codec);
    // The first new rows go into rows the anchor call set aside, in the same write.
    const placed = placeInFreeRows(
      changes,
      plan.skipped,
      free ?? new Map(),
      (sheet) => this.tableFor(tables, sheet),
      this.codec,
    );
    const landed = this.values.batchUpdateByDataFilter([...plan.writes, ...placed.writes]);
    unwrittenLeads(plan, new Map([...landed].map(([anchor, w]) => [anchor, w.cells])));
    const belt = this.checkLanded(shape, tables.get(SHEETS.leads), plan, landed);
    this.takeBackPlaced(placed, plan.skipped);
    this.appendAfterWrite(changes, plan, tables, belt, placed.items);
    return { skippedLeads: plan.skippedLeads };
  }

  /**
   * A lead found unwritten only by the write itself (its row deleted meanwhile, or its
   * write landed elsewhere and could not be put right) keeps no row written with it in
   * the set-aside rows: they are cleared (one more call, only then), so the log never
   * says what did not happen.
   */
  private takeBackPlaced(placed: PlacedRows, skipped: ReadonlySet<string>): void {
    const wrong = placed.rows.filter((r) => skipped.has(r.leadId)).map((r) => r.range);
    if (wrong.length) this.values.clearRanges(wrong);
  }

  /**
   * Whose row each lead write landed on, from the write's own response (no extra call):
   * a write on another lead's row is put right where it can be (sheets-write-belt.ts),
   * a lead that never got its change is skipped CHANGED, and every such write becomes
   * ERROR rows and one message to the manager, appended with the commit's own rows.
   */
  private checkLanded(
    shape: CommitShape,
    table: HeaderTable | undefined,
    plan: WritePlan,
    landed: ReadonlyMap<number, LandedWrite>,
  ): { log: LogEntry[]; newOutbox: OutboxItem[] } {
    if (!table || plan.written.size === 0) return { log: [], newOutbox: [] };
    const header = this.headers.get(SHEETS.leads) ?? [];
    // Previous values: the key columns the commit read in its anchor call, else load()'s.
    const keyRows = indexByKey(table, 'lead_id');
    const keyed = new Set(['stage', 'sales_slack_id', 'route_count'].map((h) => table.column(h)));
    const previous = (leadId: string, column: number): CellValue | undefined => {
      const row = keyRows.get(leadId);
      if (row && keyed.has(column)) return row.cells[column] ?? '';
      const name = normaliseHeader(header[column]);
      const at = (this.loaded?.header ?? []).findIndex((h) => normaliseHeader(h) === name);
      const cells = this.loaded?.rows.get(leadId);
      return cells && at >= 0 ? (cells[at] ?? '') : undefined;
    };
    const belt = new WriteBelt(
      {
        values: this.values,
        codec: this.codec,
        header,
        previous,
        knownRow: (id) => this.knownRows.get(id),
        anchorLeads: (t, ids, first) => this.anchorLeads(t, ids, first),
      },
      table,
      shape.leadPatches,
    );
    belt.check(plan.written, landed);
    for (const leadId of belt.unapplied())
      if (!plan.skipped.has(leadId)) {
        plan.skippedLeads.push({ leadId, why: 'CHANGED' });
        plan.skipped.add(leadId);
      }
    if (!belt.records.length || !this.notices) return { log: [], newOutbox: [] };
    return this.notices(belt.records, this.settingsRead);
  }

  /** Messages, then new state keys, then log rows; none of a lead the commit skipped. */
  private appendAfterWrite(
    changes: WorkbookChanges,
    plan: WritePlan,
    tables: ReadonlyMap<SheetName, HeaderTable>,
    belt: { log: LogEntry[]; newOutbox: OutboxItem[] },
    placed: ReadonlySet<object>,
  ): void {
    const { outbox, log } = appendsAfter(
      {
        ...changes,
        newOutbox: [...(changes.newOutbox ?? []), ...belt.newOutbox].filter((i) => !placed.has(i)),
        log: (changes.log ?? []).filter((entry) => !placed.has(entry)),
      },
      plan.skipped,
      this.codec,
    );
    const beltLog = appendsAfter({ log: belt.log }, new Set(), this.codec).log;
    if (outbox.length) this.appendRows(this.tableFor(tables, SHEETS.outbox), outbox);
    // New state keys are typed (USER_ENTERED) so an escalation time becomes a real date-time.
    if (plan.newState.length)
      this.appendRows(tables.get(SHEETS.state)!, plan.newState, 'USER_ENTERED');
    if (log.length + beltLog.length)
      this.appendRows(this.tableFor(tables, SHEETS.log), [...log, ...beltLog]);
  }

  /** The commit's table of `sheet`, or one from the header this execution last read. */
  private tableFor(tables: ReadonlyMap<SheetName, HeaderTable>, sheet: SheetName): HeaderTable {
    const header = this.headers.get(sheet) ?? HEADERS[sheet];
    return tables.get(sheet) ?? new HeaderTable(sheet, [[...header]]);
  }

  /**
   * The tables a commit needs and its patched leads' rows, anchored: from the web app's
   * fresh read when that serves (fromFreshRead; its one lead is anchored already), else
   * one read that is also the anchor call of the leads whose row this execution knows,
   * then anchorLeads for the rest. Either way the fresh read is used up.
   */
  private readForCommit(shape: CommitShape): {
    tables: Map<SheetName, HeaderTable>;
    anchored: Map<string, AnchoredLead>;
    free?: ReadonlyMap<string, readonly number[]>;
  } {
    const fresh = this.fresh;
    const fromFresh = this.fromFreshRead(shape);
    this.fresh = null;
    if (fromFresh && fresh) {
      const row: AnchoredLead = { anchor: fresh.anchor, cells: fresh.cells, row: fresh.row };
      const anchored = shape.leadPatches.length ? [[fresh.leadId, row] as const] : [];
      return { tables: fromFresh, anchored: new Map(anchored), free: fresh.free };
    }
    if (!shape.leadPatches.length)
      return { tables: this.readKeyed(shape, null).tables, anchored: new Map() };
    const leadIds = [...new Set(shape.leadPatches.map((p) => p.leadId))];
    // Leads whose row this execution knows are anchored in the commit's read itself.
    const ids = leadIds.filter((id) => this.knownRows.has(id));
    const at = ids.map((id) => this.knownRows.get(id)!);
    const read = this.readKeyed(shape, at);
    const table = read.tables.get(SHEETS.leads)!;
    const anchored = this.anchorLeads(table, leadIds, { ids, at, anchored: read.anchored });
    return { tables: read.tables, anchored };
  }

  /**
   * The tables a commit needs, from the lead row (and its outbox rows, and the log's
   * header) the web app read just before with no Sheets call since: one patch of that
   * lead, patches of outbox rows, appends to sheets whose header was read in the same
   * call. The read-to-write window is then the same one call as after readKeyed.
   * Null when anything else is needed: then readKeyed reads.
   */
  private fromFreshRead(shape: CommitShape): Map<SheetName, HeaderTable> | null {
    const fresh = this.fresh;
    if (!fresh || fresh.calls !== this.values.calls || !this.freshServes(fresh, shape)) return null;
    const { keyed, appendOnly } = shape;
    const tables = new Map<SheetName, HeaderTable>();
    if (keyed.includes(SHEETS.leads)) tables.set(SHEETS.leads, this.freshLeadTable(fresh));
    if (fresh.outbox && (keyed.includes(SHEETS.outbox) || appendOnly.includes(SHEETS.outbox)))
      tables.set(SHEETS.outbox, new HeaderTable(SHEETS.outbox, fresh.outbox));
    for (const sheet of appendOnly)
      if (!tables.has(sheet))
        tables.set(sheet, new HeaderTable(sheet, [[...(this.headers.get(sheet) ?? [])]]));
    return tables;
  }

  /** lead_sheet as the fresh read saw it: the header, blank rows, then the lead's row. */
  private freshLeadTable(fresh: NonNullable<SheetsWorkbook['fresh']>): HeaderTable {
    const rows: CellValue[][] = [[...(this.headers.get(SHEETS.leads) ?? [])]];
    for (let r = 2; r < fresh.row; r++) rows.push([]);
    rows.push(fresh.cells);
    return new HeaderTable(SHEETS.leads, rows);
  }

  /** Whether the fresh read holds every row and header the commit needs. */
  private freshServes(fresh: NonNullable<SheetsWorkbook['fresh']>, shape: CommitShape): boolean {
    const { keyed, appendOnly, leadPatches } = shape;
    const known = (sheet: SheetName): boolean =>
      sheet === SHEETS.leads || (sheet === SHEETS.outbox && fresh.outbox !== undefined);
    if (!keyed.every(known)) return false;
    const oneLead = leadPatches.length === 1 && leadPatches[0].leadId === fresh.leadId;
    if (keyed.includes(SHEETS.leads) && !oneLead) return false;
    // The fresh outbox holds only this lead's rows (sheets-outbox-slice.ts): a patch of
    // any other message is read for.
    if (fresh.outbox && shape.outboxPatches.length) {
      const table = new HeaderTable(SHEETS.outbox, fresh.outbox);
      const ids = new Set(table.rows.map((r) => table.text(r, 'id')));
      if (!shape.outboxPatches.every((p) => ids.has(p.id))) return false;
    }
    return !appendOnly.some((sheet) => sheet === SHEETS.leads || !this.headers.get(sheet)?.length);
  }

  /**
   * One batchGet for a commit: header rows, plus the key (and guard) columns of the
   * sheets whose rows it changes, addressed by the headers load() saw. If an admin moved
   * those columns since, the header row read now shows it, and that sheet is read whole.
   * A commit that writes lead rows reads in its anchor call (same one call, `anchorAt`
   * not null): the anchors land on the rows this execution last saw its leads on, older
   * anchors are dropped, and the key columns are read at that same instant.
   */
  private readKeyed(
    shape: CommitShape,
    anchorAt: readonly number[] | null,
  ): { tables: Map<SheetName, HeaderTable>; anchored: AnchoredRow[] } {
    const { plans, ranges } = commitReadRanges(this.headers, shape.keyed, shape.appendOnly);
    const done = anchorAt
      ? this.values.anchorRows(SHEETS.leads, anchorAt, true, ranges)
      : { rows: [], read: this.values.batchGet(ranges) };
    const { tables, refetch } = commitReadTables(plans, shape.appendOnly, done.read);
    if (refetch.length)
      this.values
        .batchGet(refetch.map(quoteSheet))
        .forEach((v, i) => tables.set(refetch[i], new HeaderTable(refetch[i], v)));
    return { tables, anchored: done.rows };
  }

  /**
   * Pins each lead's row with an anchor whose row read back in the same call is that
   * lead's. `first` is an anchor call already made (the commit's read); otherwise the
   * first call here drops every older anchor (callers hold the script lock, so no other
   * run is writing by one). A lead whose anchor landed on another lead's row (sorted
   * meanwhile) or whose row was not known is anchored again where the id column, read
   * in the same call as the last anchors, puts it: up to ANCHOR_TRIES calls in all.
   * @returns per lead: its anchored row (and where it was then), or why it cannot be
   *   written (MISSING: no row has its id; CHANGED: it kept moving)
   */
  private anchorLeads(
    table: HeaderTable,
    leadIds: readonly string[],
    first?: { ids: readonly string[]; at: readonly number[]; anchored: readonly AnchoredRow[] },
  ): Map<string, AnchoredLead> {
    const out = new Map<string, AnchoredLead>();
    const idColumn = table.column('lead_id');
    const letter = columnLetter(idColumn + 1);
    const idRange = `${quoteSheet(SHEETS.leads)}!${letter}:${letter}`;
    let positions = new Map([...indexByKey(table, 'lead_id')].map(([id, r]) => [id, r.row]));
    let pending = [...new Set(leadIds)];
    let tried = first;
    let dropStale = first === undefined;
    for (let attempt = 0; attempt < ANCHOR_TRIES && pending.length; attempt++) {
      if (!tried) {
        for (const id of pending) if (!positions.has(id)) out.set(id, 'MISSING');
        pending = pending.filter((id) => positions.has(id));
        if (pending.length === 0) break;
        const at = pending.map((id) => positions.get(id)!);
        const done = this.values.anchorRows(SHEETS.leads, at, dropStale, [idRange]);
        dropStale = false;
        tried = { ids: pending, at, anchored: done.rows };
        positions = idRows(done.read[0] ?? []);
      }
      const pinned = new Set<string>();
      const batch = tried;
      batch.ids.forEach((id, i) => {
        const a = batch.anchored[i];
        if (a?.anchor && String(a.cells[idColumn] ?? '').trim() === id) {
          out.set(id, { ...a, row: batch.at[i] });
          this.knownRows.set(id, batch.at[i]);
          pinned.add(id);
        }
      });
      pending = pending.filter((id) => !pinned.has(id));
      tried = undefined;
    }
    for (const id of pending) if (!out.has(id)) out.set(id, 'CHANGED');
    return out;
  }

  archivedSubmissionKeys(): Set<string> {
    const [header] = this.values.batchGet([`${quoteSheet(SHEETS.archive)}!1:1`]);
    const column = (header?.[0] ?? []).map(normaliseHeader).indexOf('submission_key');
    if (column < 0) return new Set();
    const letter = columnLetter(column + 1);
    const [values] = this.values.batchGet([`${quoteSheet(SHEETS.archive)}!${letter}2:${letter}`]);
    return new Set(
      (values ?? []).flatMap((row) => String(row[0] ?? '').split(/\s+/)).filter((k) => k !== ''),
    );
  }

  /**
   * Moves closed leads to lead_archive and drops sent outbox rows. Rows are deleted by
   * position (the API deletes no other way), so the archive first anchors the rows it
   * moves and reads them back in one call (a lead that a sort moved off its row is
   * looked up again; one still not closed, or not found, stays), copies what it read
   * back, then deletes those positions in one call that also answers the id column as
   * it is after the delete. A sort between the anchor and the delete would make the
   * delete miss an archived lead and take another: the archived lead still there is
   * cleared through its anchor (it follows the row; its row is left blank), and the
   * other lead is written back from this run's read (logged by the use case). So after
   * every run each lead is in exactly one of lead_sheet and lead_archive. The same delete
   * removes the blank rows at the end of slack_outbox but one (blankRowsBelow).
   */
  archive(leadIds: readonly string[], outboxIds: readonly string[], at: number): ArchiveReport {
    const report: ArchiveReport = { archived: 0, outboxDropped: 0, restored: [] };
    if (leadIds.length === 0 && outboxIds.length === 0) return report;
    // Read with the grid sizes (same one call): the outbox's tells its blank rows below.
    const { values: read, rowCounts } = this.values.readWithGridSizes([
      quoteSheet(SHEETS.leads),
      `${quoteSheet(SHEETS.archive)}!1:1`,
      quoteSheet(SHEETS.outbox),
    ]);
    const [leadValues, archiveHeader, outboxValues] = read;
    const leads = new HeaderTable(SHEETS.leads, leadValues);
    const leadRows = indexByKey(leads, 'lead_id');
    const moving = this.anchorClosed(leads, leadRows, leadIds);
    const dropping = finishedOutboxRows(new HeaderTable(SHEETS.outbox, outboxValues), outboxIds);
    if (moving.length)
      this.copyToArchive(leads, [leadValues[0] ?? [], archiveHeader[0] ?? []], moving, at);
    const idLetter = columnLetter(leads.column('lead_id') + 1);
    const [afterIds] = this.values.deleteRows(
      [
        ...runsOf(
          SHEETS.leads,
          moving.map((m) => m.row),
        ),
        ...runsOf(
          SHEETS.outbox,
          dropping.map((r) => r.row),
        ),
        ...blankRowsBelow(SHEETS.outbox, outboxValues.length, rowCounts.get(SHEETS.outbox)),
      ],
      moving.length ? [`${quoteSheet(SHEETS.leads)}!${idLetter}:${idLetter}`] : [],
    );
    report.archived = moving.length;
    report.outboxDropped = dropping.length;
    if (moving.length) this.putRightByKey(moving, leadRows, afterIds, report);
    return report;
  }

  /**
   * The closed leads among `leadIds`, each anchored and read back (looked up again if a
   * sort moved it); one no longer closed on the row read back, or not found, stays.
   */
  private anchorClosed(
    leads: HeaderTable,
    leadRows: ReadonlyMap<string, IndexedRow>,
    leadIds: readonly string[],
  ): MovingLead[] {
    const closed = (cells: readonly CellValue[]): boolean =>
      isClosedStage(parseStage(String(cells[leads.column('stage')] ?? '').trim()));
    const candidates = leadIds.filter((id) => {
      const row = leadRows.get(id);
      return row !== undefined && closed(row.cells);
    });
    const anchored = candidates.length
      ? this.anchorLeads(leads, candidates)
      : new Map<string, AnchoredLead>();
    const moving: MovingLead[] = [];
    for (const id of candidates) {
      const a: AnchoredLead | undefined = anchored.get(id);
      if (a && typeof a !== 'string' && closed(a.cells)) moving.push({ id, ...a });
    }
    return moving;
  }

  /** Appends the moving leads to lead_archive, every lead_sheet column and archived_at. */
  private copyToArchive(
    leads: HeaderTable,
    [leadHeaderRow, archiveHeader]: [readonly CellValue[], readonly CellValue[]],
    moving: readonly MovingLead[],
    at: number,
  ): void {
    // The archive gets every column lead_sheet has, the admin's own included.
    const header = archiveHeader.map((h) => String(h));
    const leadHeader = leadHeaderRow.map((h) => String(h).trim()).filter((h) => h !== '');
    this.widenArchive(header, [...leadHeader, 'archived_at']);
    const archive = new HeaderTable(SHEETS.archive, [header]);
    const archivedAt = this.codec.cell(at, true);
    this.values.append(
      SHEETS.archive,
      moving.map((m) => {
        const out: CellValue[] = new Array<CellValue>(header.length).fill('');
        const row = { row: m.row, cells: m.cells };
        leadHeader.forEach((h) => (out[archive.column(h)] = leads.get(row, h)));
        out[archive.column('archived_at')] = archivedAt;
        return out;
      }),
    );
  }

  /** Adds to lead_archive's header (and `header`) the `wanted` columns it lacks. */
  private widenArchive(header: string[], wanted: readonly string[]): void {
    const missing = wanted.filter(
      (h) => !header.some((existing) => normaliseHeader(existing) === normaliseHeader(h)),
    );
    if (missing.length === 0) return;
    // Room first: a lead_sheet grown wider than the archive's grid would not fit.
    this.values.appendColumns(SHEETS.archive, missing.length);
    this.values.batchUpdate([
      {
        range: rowSegment(SHEETS.archive, 1, header.length + 1, header.length + missing.length),
        values: [missing],
      },
    ]);
    header.push(...missing);
  }

  /**
   * Rows were deleted by position: checks by key that exactly the archived leads left.
   * An archived lead still here (a sort moved it off the deleted row) is cleared through
   * its anchor; a lead gone that was not archived is written back from this run's read
   * (report.restored). The Sheets reference is silent on what a sort does to an anchor:
   * if it stays at its position, the clear can hit another lead's row. So after a clear
   * the id column is read again (one call, only then), a lead the clear took is written
   * back, and an archived lead still here is anchored and cleared again, up to
   * ANCHOR_TRIES rounds; one still left after that is taken out of lead_archive again
   * (keepInSheet), so it is in one place and archived another night.
   * @param afterIds the lead_id column as the delete call answered it (header first)
   */
  private putRightByKey(
    moving: readonly MovingLead[],
    leadRows: ReadonlyMap<string, IndexedRow>,
    afterIds: readonly CellValue[][] | undefined,
    report: ArchiveReport,
  ): void {
    const idsIn = (column: readonly CellValue[][] | undefined): Set<string> =>
      new Set((column ?? []).slice(1).map((row) => String(row[0] ?? '').trim()));
    const moved = new Set(moving.map((m) => m.id));
    const present = idsIn(afterIds);
    const idRange = leadRows.size ? this.idRange() : '';
    let anchors = moving.filter((m) => present.has(m.id)).map((m) => m.anchor);
    report.restored.push(...this.writeBackLost(leadRows, moved, present));
    for (let round = 0; anchors.length && round < ANCHOR_TRIES; round++) {
      this.values.clearAnchored(anchors);
      const column = this.values.batchGet([idRange])[0];
      const now = idsIn(column);
      present.clear();
      now.forEach((id) => present.add(id));
      report.restored.push(...this.writeBackLost(leadRows, moved, present));
      const stayed = moving.filter((m) => present.has(m.id)).map((m) => m.id);
      anchors =
        round === ANCHOR_TRIES - 1
          ? []
          : [...this.anchorLeads(this.idTable(column ?? []), stayed).values()].flatMap((a) =>
              typeof a === 'string' ? [] : [a.anchor],
            );
    }
    const left = moving.filter((m) => present.has(m.id)).map((m) => m.id);
    if (left.length) this.keepInSheet(left, report);
  }

  /** lead_sheet's id column as an A1 range, where the header this execution read puts it. */
  private idRange(): string {
    const header = (this.headers.get(SHEETS.leads) ?? []).map(normaliseHeader);
    const letter = columnLetter(Math.max(0, header.indexOf('lead_id')) + 1);
    return `${quoteSheet(SHEETS.leads)}!${letter}:${letter}`;
  }

  /** lead_sheet as far as its id column read says: each id on its row, for anchorLeads. */
  private idTable(column: readonly CellValue[][]): HeaderTable {
    const header = this.headers.get(SHEETS.leads) ?? [];
    const at = header.map(normaliseHeader).indexOf('lead_id');
    const rows = column.slice(1).map((r) => {
      const cells = new Array<CellValue>(header.length).fill('');
      cells[at] = r[0] ?? '';
      return cells;
    });
    return new HeaderTable(SHEETS.leads, [[...header], ...rows]);
  }

  /** Writes back from this run's read every lead neither archived nor in lead_sheet now. */
  private writeBackLost(
    leadRows: ReadonlyMap<string, IndexedRow>,
    moved: ReadonlySet<string>,
    present: Set<string>,
  ): string[] {
    const lost = [...leadRows.entries()].filter(([id]) => !moved.has(id) && !present.has(id));
    if (lost.length === 0) return [];
    this.values.append(
      SHEETS.leads,
      lost.map(([, row]) => [...row.cells]),
    );
    for (const [id] of lost) present.add(id);
    return lost.map(([id]) => id);
  }

  /**
   * Archived leads a sort kept moving off every row cleared: their rows in lead_archive
   * (found by id, in a sheet nobody sorts during the night run) are deleted again, with
   * the id column read back in the same call, so each is in lead_sheet only.
   */
  private keepInSheet(left: readonly string[], report: ArchiveReport): void {
    const archive = quoteSheet(SHEETS.archive);
    const [header] = this.values.batchGet([`${archive}!1:1`]);
    const letter = columnLetter(
      Math.max(0, (header?.[0] ?? []).map(normaliseHeader).indexOf('lead_id')) + 1,
    );
    const range = `${archive}!${letter}:${letter}`;
    const wanted = new Set(left);
    const rows: number[] = [];
    (this.values.batchGet([range])[0] ?? []).forEach((r, i) => {
      if (i > 0 && wanted.has(String(r[0] ?? '').trim())) rows.push(i + 1);
    });
    const [after] = this.values.deleteRows(runsOf(SHEETS.archive, rows), [range]);
    const still = new Set((after ?? []).slice(1).map((r) => String(r[0] ?? '').trim()));
    report.keptInSheet = left.filter((id) => !still.has(id));
    report.archived -= report.keptInSheet.length;
  }

  /** Appends rows laid out by the sheet's current header order. */
  private appendRows(
    table: HeaderTable,
    rows: readonly RowWrite[],
    input: 'RAW' | 'USER_ENTERED' = 'RAW',
  ): void {
    const laidOut = layOut(table, rows);
    // Date columns carry their format (rows appendCells inserts come without one).
    const formats = dateFormats(table, DATE_TIME_FORMAT);
    const first = this.values.append(table.sheet, laidOut, input, formats);
    if (table.sheet === SHEETS.leads && first > 0)
      rows.forEach((cells, i) => {
        const id = String(cells.get('lead_id') ?? '').trim();
        if (id) this.knownRows.set(id, first + i);
      });
  }
}

/**
 * A row an admin copied keeps its lead_id: only the first row per id is the lead (the one
 * commits write to), and the copies are reported rather than routed twice.
 */
function firstPerLeadId(all: Lead[]): { leads: Lead[]; duplicateLeadIds: string[] } {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const leads = all.filter((lead) => {
    if (seen.has(lead.leadId)) {
      duplicates.add(lead.leadId);
      return false;
    }
    seen.add(lead.leadId);
    return true;
  });
  return { leads, duplicateLeadIds: [...duplicates] };
}

/** A holiday cell as a local date 'yyyy-mm-dd': a date serial (already local) or typed text. */
function localDate(value: CellValue): string | null {
  if (typeof value === 'number' && value > 0)
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(String(value).trim());
  return match ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` : null;
}

/** Lead id → its first 1-based row, from a read of the id column (header first). */
function idRows(column: readonly CellValue[][]): Map<string, number> {
  const rows = new Map<string, number>();
  column.forEach((row, i) => {
    const id = String(row[0] ?? '').trim();
    if (i > 0 && id && !rows.has(id)) rows.set(id, i + 1);
  });
  return rows;
}

/** 1-based rows whose owner is `ownerSlackId` and stage NEW, from those two columns read whole. */
function ownedNewRows(
  stages: readonly CellValue[][] | undefined,
  owners: readonly CellValue[][] | undefined,
  ownerSlackId: string,
): number[] {
  const rows: number[] = [];
  const cell = (column: readonly CellValue[][] | undefined, r: number): string =>
    String(column?.[r]?.[0] ?? '');
  const height = Math.max(stages?.length ?? 0, owners?.length ?? 0);
  for (let r = 1; r < height; r++)
    if (cell(owners, r).trim() === ownerSlackId && parseStage(cell(stages, r)) === 'NEW')
      rows.push(r + 1);
  return rows;
}

/** A closed lead the archive moves: its anchor and the row it was anchored on. */
type MovingLead = { id: string; anchor: number; row: number; cells: CellValue[] };

/** The outbox rows among `outboxIds` that are no longer PENDING (the archive drops them). */
function finishedOutboxRows(outbox: HeaderTable, outboxIds: readonly string[]): IndexedRow[] {
  const rows = indexByKey(outbox, 'id');
  return outboxIds
    .map((id) => rows.get(id))
    .filter(
      (row): row is IndexedRow => row !== undefined && outbox.text(row, 'status') !== 'PENDING',
    );
}

/**
 * The blank rows at the end of `sheet` past the one Set up keeps: rows the manager's
 * Take or Reassign set aside for messages it did not need (sheets-row-reserve.ts; the
 * sweep's appends insert above them).
 * @param lastRow the last row holding a value (the values read's length)
 * @param gridRows the sheet's grid row count, read in the same call (undefined: unknown)
 */
function blankRowsBelow(
  sheet: SheetName,
  lastRow: number,
  gridRows: number | undefined,
): Array<{ sheet: string; first: number; last: number }> {
  if (gridRows === undefined || lastRow < 1 || gridRows <= lastRow + 1) return [];
  return [{ sheet, first: lastRow + 2, last: gridRows }];
}

/** 1-based rows grouped into contiguous runs. */
function runsOf(
  sheet: string,
  rows: readonly number[],
): Array<{ sheet: string; first: number; last: number }> {
  const sorted = [...rows].sort((a, b) => a - b);
  const runs: Array<{ sheet: string; first: number; last: number }> = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && row === last.last + 1) last.last = row;
    else runs.push({ sheet, first: row, last: row });
  }
  return runs;
}

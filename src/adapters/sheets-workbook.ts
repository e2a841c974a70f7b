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
  GuardedLeadPatch,
  Workbook,
  WorkbookChanges,
  WorkbookSnapshot,
} from '../app/ports';
import {
  ESCALATED_PREFIX,
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
import { LEAD_FIELD_HEADERS, RowCodec } from './row-codec';
import type { AnchoredRow, FilteredWrite, SheetsValues, ValueRange } from './sheets-values';

/**
 * Times a commit looks a lead's row up again when its anchor landed on another lead's
 * row (an admin sorted between the look-up and the anchor call). Each try is two calls;
 * a sheet sorted into a new order between every two calls for this long leaves the
 * lead unwritten (reported CHANGED, nothing written), never written on another row.
 */
const ANCHOR_TRIES = 3;

const READ_SHEETS: SheetName[] = [
  SHEETS.settings,
  SHEETS.sales,
  SHEETS.leads,
  SHEETS.state,
  SHEETS.outbox,
  SHEETS.holidays,
  SHEETS.rules,
];

/** The small sheets the web app reads whole (a few rows each). */
const SMALL_SHEETS: SheetName[] = [SHEETS.settings, SHEETS.sales, SHEETS.holidays, SHEETS.rules];

/** Cells to write in one row: header → value. */
type RowWrite = Map<string, CellValue>;

/**
 * Columns a commit needs to find and check rows: the key, and for leads the guards.
 * Reading only these (not whole rows) keeps a commit's read small on a big sheet.
 */
const KEYED_COLUMNS: Partial<Record<SheetName, readonly string[]>> = {
  [SHEETS.leads]: ['lead_id', 'stage', 'sales_slack_id', 'route_count'],
  [SHEETS.outbox]: ['id'],
  [SHEETS.state]: ['key'],
};

export class SheetsWorkbook implements Workbook {
  /** Header rows as this execution last read them (load), to address key columns. */
  private readonly headers = new Map<SheetName, readonly CellValue[]>();
  /**
   * The one lead row the web app just read (findLead), its row number, the whole outbox
   * when it came in the same read, and the Sheets call count at that moment: a commit
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
  } | null = null;

  /**
   * Where this execution last saw each lead's row (load, a fresh read, an append, an
   * anchor). Only a guess for the next anchor call, which reads back whose row it
   * anchored: a guess a sort made wrong costs one more call, never a wrong write.
   */
  private readonly knownRows = new Map<string, number>();

  constructor(
    private readonly values: SheetsValues,
    private readonly codec: RowCodec,
  ) {}

  load(): WorkbookSnapshot {
    const read = this.values.batchGet(READ_SHEETS.map(quoteSheet));
    READ_SHEETS.forEach((sheet, i) => this.headers.set(sheet, read[i]?.[0] ?? []));
    const [settings, sales, leads, state, outbox, holidays, rules] = read.map(
      (v, i) => new HeaderTable(READ_SHEETS[i], v),
    );
    settings.requireAll(['key', 'value']);
    sales.requireAll(SALES_REQUIRED);
    leads.requireAll(LEAD_HEADERS);
    state.requireAll(['key', 'value']);
    outbox.requireAll(OUTBOX_HEADERS);
    holidays.requireAll(['date']);
    rules.requireAll(HEADERS[SHEETS.rules]);
    this.knownRows.clear();
    for (const r of leads.rows) {
      const id = leads.text(r, 'lead_id');
      if (id && !this.knownRows.has(id)) this.knownRows.set(id, r.row);
    }
    return {
      settings: new Map(
        settings.rows.map((r) => [settings.text(r, 'key'), settings.get(r, 'value')]),
      ),
      reps: sales.rows.map((r, i) => this.codec.rep(sales, r, i)),
      ...firstPerLeadId(
        leads.rows.map((r) => this.codec.lead(leads, r)).filter((lead) => lead.leadId !== ''),
      ),
      state: new Map(state.rows.map((r) => [state.text(r, 'key'), String(state.get(r, 'value'))])),
      outbox: outbox.rows.map((r) => this.codec.outbox(outbox, r)).filter((item) => item.id !== ''),
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

  loadLead(leadId: string): Lead | undefined {
    return this.loadLeadWithMessages(leadId).lead;
  }

  loadLeadWithMessages(leadId: string): {
    lead: Lead | undefined;
    messages: OutboxItem[];
    settings: Map<string, unknown>;
  } {
    const sheet = quoteSheet(SHEETS.leads);
    // The contract puts lead_id first, so column A is read with the header; if an admin
    // moved it, the header says where it went and that column is read instead. The
    // outbox comes in the same call (it holds a few days of messages), the log's header
    // row, so that a commit right after can append without reading again, and the
    // settings (the team's language, the manager).
    const [headerRows, firstColumn, outboxValues, logHeader, settingValues] = this.values.batchGet([
      `${sheet}!1:1`,
      `${sheet}!A:A`,
      quoteSheet(SHEETS.outbox),
      `${quoteSheet(SHEETS.log)}!1:1`,
      quoteSheet(SHEETS.settings),
    ]);
    const settingsTable = new HeaderTable(SHEETS.settings, settingValues);
    settingsTable.requireAll(['key', 'value']);
    const settings = new Map(
      settingsTable.rows.map((r) => [settingsTable.text(r, 'key'), settingsTable.get(r, 'value')]),
    );
    const outbox = new HeaderTable(SHEETS.outbox, outboxValues);
    this.headers.set(SHEETS.outbox, outboxValues[0] ?? []);
    this.headers.set(SHEETS.log, logHeader?.[0] ?? []);
    // A click must work while slack_outbox needs repair (Set up fixes it): its messages
    // are then not followed, and the sweep says what is wrong.
    const usable = OUTBOX_HEADERS.every((h) => outbox.has(h));
    const messages = usable
      ? outbox.rows
          .map((r) => this.codec.outbox(outbox, r))
          .filter((item) => item.leadId === leadId)
      : [];
    const lead = this.findLead(leadId, headerRows, firstColumn);
    if (this.fresh && usable) this.fresh.outbox = outboxValues.map((row) => [...row]);
    return { lead, messages, settings };
  }

  private findLead(
    leadId: string,
    headerRows: CellValue[][],
    firstColumn: CellValue[][],
  ): Lead | undefined {
    this.fresh = null;
    const sheet = quoteSheet(SHEETS.leads);
    const header = headerRows?.[0] ?? [];
    this.headers.set(SHEETS.leads, header);
    const table = new HeaderTable(SHEETS.leads, [header]);
    table.requireAll(LEAD_HEADERS);
    const column = table.column('lead_id');
    let ids =
      column === 0
        ? firstColumn
        : this.values.batchGet([
            `${sheet}!${columnLetter(column + 1)}:${columnLetter(column + 1)}`,
          ])[0];
    // The row is anchored and read back in a second call (the anchor follows the row, so
    // a commit right after writes to it wherever it goes): if an admin sorted in between,
    // the row read back is another lead's; then the id column is read again, once. Stale
    // anchors are left for the next commit to drop: this read may run without the lock
    // (a busy click's language), and must not delete an anchor a locked run writes by.
    // No id, no lead (and no anchor): a caller that wants only the settings asks for ''.
    if (leadId.trim() === '') return undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const index = (ids ?? []).findIndex(
        (row, i) => i > 0 && String(row[0] ?? '').trim() === leadId,
      );
      if (index < 0) return undefined;
      const [anchored] = this.values.anchorRows(SHEETS.leads, [index + 1], false).rows;
      const cells = anchored?.cells ?? [];
      const table = new HeaderTable(SHEETS.leads, [header, cells]);
      const lead = table.rows[0] ? this.codec.lead(table, table.rows[0]) : undefined;
      if (lead?.leadId === leadId && anchored?.anchor) {
        this.knownRows.set(leadId, index + 1);
        this.fresh = {
          leadId,
          row: index + 1,
          anchor: anchored.anchor,
          cells: [...cells],
          calls: this.values.calls,
        };
        return lead;
      }
      ids = this.values.batchGet([
        `${sheet}!${columnLetter(column + 1)}:${columnLetter(column + 1)}`,
      ])[0];
    }
    return undefined;
  }

  /**
   * `/leads` without reading the whole sheet (Slack waits 3 s): the small sheets, the
   * header and the stage and owner columns where set-up puts them (read again where the
   * header says, if an admin moved them), then only this person's NEW rows.
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
    const [stages, owners] = columns;
    const rows: number[] = [];
    const height = Math.max(stages?.length ?? 0, owners?.length ?? 0);
    for (let r = 1; r < height; r++)
      if (
        String(owners?.[r]?.[0] ?? '').trim() === ownerSlackId &&
        parseStage(String(stages?.[r]?.[0] ?? '')) === 'NEW'
      )
        rows.push(r + 1);
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
    return { ...this.smallSnapshot(read.slice(0, small.length)), leads: mine };
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

  commit(changes: WorkbookChanges): CommitReport {
    return this.values.writing(() => this.commitNow(changes));
  }

  private commitNow(changes: WorkbookChanges): CommitReport {
    const report: CommitReport = { skippedLeads: [] };
    const leadPatches = changes.leadPatches ?? [];
    // New rows shift the rows below a blank row, so patches located before an append
    // could land on the wrong row: a commit does one or the other.
    if (leadPatches.length && changes.newLeads?.length)
      throw new Error('commit: new leads and lead patches cannot share one commit');
    const outboxPatches = changes.outboxPatches ?? [];
    const stateEntries = Object.entries(changes.state ?? {});
    const keyed: SheetName[] = [];
    if (leadPatches.length) keyed.push(SHEETS.leads);
    if (outboxPatches.length) keyed.push(SHEETS.outbox);
    if (stateEntries.length) keyed.push(SHEETS.state);
    const appendOnly: SheetName[] = [];
    if (changes.newLeads?.length && !keyed.includes(SHEETS.leads)) appendOnly.push(SHEETS.leads);
    if (changes.log?.length) appendOnly.push(SHEETS.log);
    if (changes.newOutbox?.length && !keyed.includes(SHEETS.outbox)) appendOnly.push(SHEETS.outbox);
    if (keyed.length + appendOnly.length === 0) return report;
    const fresh = this.fresh;
    const fromFresh = this.fromFreshRead(keyed, appendOnly, leadPatches);
    this.fresh = null;
    const leadIds = [...new Set(leadPatches.map((p) => p.leadId))];
    // Leads whose row this execution knows are anchored in the commit's read itself.
    const guessed = leadIds.filter((id) => this.knownRows.has(id));
    const guesses = guessed.map((id) => this.knownRows.get(id)!);
    const read = fromFresh
      ? null
      : this.readForCommit(keyed, appendOnly, leadPatches.length ? guesses : null);
    const tables = fromFresh ?? read!.tables;

    // The lead is written before anything else.
    if (changes.newLeads?.length)
      this.appendRows(
        tables.get(SHEETS.leads)!,
        changes.newLeads.map((lead) => this.codec.leadCells(lead)),
      );

    const writes: FilteredWrite[] = [];
    const skipped = new Set<string>();
    /** Lead → the anchor its cells are written through. */
    const written = new Map<string, number>();
    if (leadPatches.length) {
      const table = tables.get(SHEETS.leads)!;
      // The web app's fresh read already anchored its one lead; otherwise anchor now.
      const rows: Map<string, AnchoredLead> =
        fromFresh && fresh
          ? new Map([[fresh.leadId, { anchor: fresh.anchor, cells: fresh.cells, row: fresh.row }]])
          : this.anchorLeads(table, leadIds, {
              ids: guessed,
              at: guesses,
              anchored: read?.anchored ?? [],
            });
      for (const patch of leadPatches) {
        const row = rows.get(patch.leadId);
        if (!row || typeof row === 'string') {
          report.skippedLeads.push({ leadId: patch.leadId, why: row ?? 'MISSING' });
          skipped.add(patch.leadId);
          continue;
        }
        if (!this.stillMatches(table, row, patch)) {
          report.skippedLeads.push({ leadId: patch.leadId, why: 'CHANGED' });
          skipped.add(patch.leadId);
          continue;
        }
        const values = rowValues(table, this.codec.leadCells(patch.changes));
        if (values.length === 0) continue;
        writes.push({ anchor: row.anchor, values: [values] });
        written.set(patch.leadId, row.anchor);
      }
    }
    if (outboxPatches.length) {
      const table = tables.get(SHEETS.outbox)!;
      const rows = indexByKey(table, 'id');
      for (const patch of outboxPatches) {
        if (patch.leadId && skipped.has(patch.leadId)) continue;
        const row = rows.get(patch.id);
        if (row) writes.push(...segments(table, row.row, this.codec.outboxCells(patch.changes)));
      }
    }
    const newState: RowWrite[] = [];
    if (stateEntries.length) {
      const table = tables.get(SHEETS.state)!;
      const rows = indexByKey(table, 'key');
      for (const [key, value] of stateEntries) {
        if (key.startsWith(ESCALATED_PREFIX) && skipped.has(key.slice(ESCALATED_PREFIX.length)))
          continue;
        const row = rows.get(key);
        if (row)
          writes.push(
            ...segments(table, row.row, new Map([['value', this.codec.cell(value, false)]])),
          );
        else
          newState.push(
            new Map<string, CellValue>([
              ['key', this.codec.typed(key)],
              ['value', this.codec.typed(value)],
            ]),
          );
      }
    }
    const cells = this.values.batchUpdateByDataFilter(writes);
    // An anchor that matched nothing: an admin deleted the lead's row after it was
    // anchored (the anchor goes with its row). Nothing was written for that lead.
    for (const [leadId, anchor] of written)
      if (!cells.get(anchor)) {
        report.skippedLeads.push({ leadId, why: 'MISSING' });
        skipped.add(leadId);
      }
    // Messages next: a run that dies after this point has routed and queued; the log
    // rows come last. (A run that dies before it is healed by the next sweep.)
    const outbox = (changes.newOutbox ?? []).filter((item) => !skipped.has(item.leadId));
    if (outbox.length)
      this.appendRows(
        tables.get(SHEETS.outbox)!,
        outbox.map((item) => this.codec.outboxCells(item)),
      );
    // New state keys are typed (USER_ENTERED) so an escalation time becomes a real date-time.
    if (newState.length) this.appendRows(tables.get(SHEETS.state)!, newState, 'USER_ENTERED');
    // Log rows and messages about a change that was not applied are dropped with it.
    const log = (changes.log ?? []).filter((entry) => !skipped.has(entry.leadId));
    if (log.length)
      this.appendRows(
        tables.get(SHEETS.log)!,
        log.map((entry) => this.logCells(entry)),
      );
    return report;
  }

  /**
   * The tables a commit needs, from the lead row (and the whole outbox, and the log's
   * header) the web app read just before with no Sheets call since: one patch of that
   * lead, patches of outbox rows, appends to sheets whose header was read in the same
   * call. The read-to-write window is then the same one call as after readForCommit.
   * Null when anything else is needed: then readForCommit reads.
   */
  private fromFreshRead(
    keyed: readonly SheetName[],
    appendOnly: readonly SheetName[],
    leadPatches: readonly GuardedLeadPatch[],
  ): Map<SheetName, HeaderTable> | null {
    const fresh = this.fresh;
    if (!fresh || fresh.calls !== this.values.calls) return null;
    const known = (sheet: SheetName): boolean =>
      sheet === SHEETS.leads || (sheet === SHEETS.outbox && fresh.outbox !== undefined);
    if (!keyed.every(known)) return null;
    if (
      keyed.includes(SHEETS.leads) &&
      (leadPatches.length !== 1 || leadPatches[0].leadId !== fresh.leadId)
    )
      return null;
    if (appendOnly.some((sheet) => sheet === SHEETS.leads || !this.headers.get(sheet)?.length))
      return null;
    const tables = new Map<SheetName, HeaderTable>();
    if (keyed.includes(SHEETS.leads)) {
      const rows: CellValue[][] = [[...(this.headers.get(SHEETS.leads) ?? [])]];
      for (let r = 2; r < fresh.row; r++) rows.push([]);
      rows.push(fresh.cells);
      tables.set(SHEETS.leads, new HeaderTable(SHEETS.leads, rows));
    }
    if (fresh.outbox && (keyed.includes(SHEETS.outbox) || appendOnly.includes(SHEETS.outbox)))
      tables.set(SHEETS.outbox, new HeaderTable(SHEETS.outbox, fresh.outbox));
    for (const sheet of appendOnly)
      if (!tables.has(sheet))
        tables.set(sheet, new HeaderTable(sheet, [[...(this.headers.get(sheet) ?? [])]]));
    return tables;
  }

  /**
   * One batchGet for a commit: header rows, plus the key (and guard) columns of the
   * sheets whose rows it changes, addressed by the headers load() saw. If an admin moved
   * those columns since, the header row read now shows it, and that sheet is read whole.
   */
  private readForCommit(
    keyed: readonly SheetName[],
    appendOnly: readonly SheetName[],
    anchorAt: readonly number[] | null,
  ): { tables: Map<SheetName, HeaderTable>; anchored: AnchoredRow[] } {
    const plans = keyed.map((sheet) => {
      const header = (this.headers.get(sheet) ?? []).map(normaliseHeader);
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
    // A commit that writes lead rows reads in its anchor call (same one call): the
    // anchors land on the rows this execution last saw its leads on, older anchors are
    // dropped, and the key columns are read at that same instant.
    let anchored: AnchoredRow[] = [];
    let read: CellValue[][][];
    if (anchorAt) {
      const done = this.values.anchorRows(SHEETS.leads, anchorAt, true, ranges);
      anchored = done.rows;
      read = done.read;
    } else read = this.values.batchGet(ranges);
    const tables = new Map<SheetName, HeaderTable>();
    const refetch: SheetName[] = [];
    let at = 0;
    for (const plan of plans) {
      if (!plan.columns) {
        tables.set(plan.sheet, new HeaderTable(plan.sheet, read[at++]));
        continue;
      }
      const header = read[at++]?.[0] ?? [];
      const columns = read.slice(at, at + plan.columns.length);
      at += plan.columns.length;
      const expected = (KEYED_COLUMNS[plan.sheet] ?? []).every(
        (h, i) => normaliseHeader(header[plan.columns![i]]) === h,
      );
      if (!expected) {
        refetch.push(plan.sheet);
        continue;
      }
      const height = Math.max(0, ...columns.map((col) => col.length));
      const rows: CellValue[][] = [header.slice()];
      for (let r = 1; r < height; r++) {
        const cells: CellValue[] = new Array<CellValue>(header.length).fill('');
        plan.columns.forEach((c, i) => (cells[c] = columns[i][r]?.[0] ?? ''));
        rows.push(cells);
      }
      tables.set(plan.sheet, new HeaderTable(plan.sheet, rows));
    }
    for (const sheet of appendOnly) tables.set(sheet, new HeaderTable(sheet, read[at++]));
    if (refetch.length)
      this.values
        .batchGet(refetch.map(quoteSheet))
        .forEach((v, i) => tables.set(refetch[i], new HeaderTable(refetch[i], v)));
    return { tables, anchored };
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
   * every run each lead is in exactly one of lead_sheet and lead_archive.
   */
  archive(leadIds: readonly string[], outboxIds: readonly string[], at: number): ArchiveReport {
    const report: ArchiveReport = { archived: 0, outboxDropped: 0, restored: [] };
    if (leadIds.length === 0 && outboxIds.length === 0) return report;
    const [leadValues, archiveHeader, outboxValues] = this.values.batchGet([
      quoteSheet(SHEETS.leads),
      `${quoteSheet(SHEETS.archive)}!1:1`,
      quoteSheet(SHEETS.outbox),
    ]);
    const leads = new HeaderTable(SHEETS.leads, leadValues);
    const outbox = new HeaderTable(SHEETS.outbox, outboxValues);
    const leadRows = indexByKey(leads, 'lead_id');
    const closed = (cells: readonly CellValue[]): boolean =>
      isClosedStage(parseStage(String(cells[leads.column('stage')] ?? '').trim()));
    const candidates = leadIds.filter((id) => {
      const row = leadRows.get(id);
      return row !== undefined && closed(row.cells);
    });
    const anchored = candidates.length
      ? this.anchorLeads(leads, candidates)
      : new Map<string, AnchoredLead>();
    const moving: Array<{ id: string; anchor: number; row: number; cells: CellValue[] }> = [];
    for (const id of candidates) {
      const a: AnchoredLead | undefined = anchored.get(id);
      if (a && typeof a !== 'string' && closed(a.cells)) moving.push({ id, ...a });
    }
    const outboxRows = indexByKey(outbox, 'id');
    const dropping = outboxIds
      .map((id) => outboxRows.get(id))
      .filter(
        (row): row is IndexedRow => row !== undefined && outbox.text(row, 'status') !== 'PENDING',
      );

    if (moving.length) {
      // The archive gets every column lead_sheet has, the admin's own included.
      const header = (archiveHeader[0] ?? []).map((h) => String(h));
      const leadHeader = (leadValues[0] ?? []).map((h) => String(h).trim()).filter((h) => h !== '');
      const wanted = [...leadHeader, 'archived_at'];
      const missing = wanted.filter(
        (h) => !header.some((existing) => normaliseHeader(existing) === normaliseHeader(h)),
      );
      if (missing.length) {
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
      ],
      moving.length ? [`${quoteSheet(SHEETS.leads)}!${idLetter}:${idLetter}`] : [],
    );
    report.archived = moving.length;
    report.outboxDropped = dropping.length;

    if (moving.length) {
      // Rows were deleted by position: check by key that exactly the archived leads left.
      const after = new Set((afterIds ?? []).slice(1).map((row) => String(row[0] ?? '').trim()));
      const stayed = moving.filter((m) => after.has(m.id));
      // Archived but still here (a sort moved it off the deleted row): its anchor is on
      // its row wherever it is, so clearing through it removes exactly that lead.
      this.values.clearAnchored(stayed.map((m) => m.anchor));
      const moved = new Set(moving.map((m) => m.id));
      const lost = [...leadRows.entries()].filter(([id]) => !moved.has(id) && !after.has(id));
      if (lost.length) {
        this.values.append(
          SHEETS.leads,
          lost.map(([, row]) => [...row.cells]),
        );
        report.restored = lost.map(([id]) => id);
      }
    }
    return report;
  }

  private stillMatches(
    table: HeaderTable,
    row: { cells: readonly CellValue[] },
    patch: GuardedLeadPatch,
  ): boolean {
    const expect = patch.expect;
    if (!expect) return true;
    const current = (field: keyof Lead): string =>
      String(row.cells[table.column(LEAD_FIELD_HEADERS[field])] ?? '').trim();
    if (expect.stage !== undefined && parseStage(current('stage')) !== parseStage(expect.stage))
      return false;
    if (expect.salesSlackId !== undefined && current('salesSlackId') !== expect.salesSlackId)
      return false;
    if (
      expect.routeCount !== undefined &&
      this.codec.count(current('routeCount')) !== expect.routeCount
    )
      return false;
    return true;
  }

  private logCells(entry: LogEntry): RowWrite {
    return new Map<string, CellValue>([
      ['at', this.codec.cell(entry.at, true)],
      ['lead_id', entry.leadId],
      ['event', entry.event],
      ['from_slack_id', entry.fromSlackId],
      ['to_slack_id', entry.toSlackId],
      ['actor', entry.actor],
      ['detail', entry.detail],
    ]);
  }

  /** Appends rows laid out by the sheet's current header order. */
  private appendRows(
    table: HeaderTable,
    rows: readonly RowWrite[],
    input: 'RAW' | 'USER_ENTERED' = 'RAW',
  ): void {
    const required = HEADERS[table.sheet as SheetName] ?? [];
    table.requireAll(required);
    const width = table.width;
    const laidOut = rows.map((cells) => {
      const out: CellValue[] = new Array<CellValue>(width).fill('');
      for (const [header, value] of cells) if (table.has(header)) out[table.column(header)] = value;
      return out;
    });
    const first = this.values.append(table.sheet, laidOut, input);
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

type IndexedRow = { row: number; cells: readonly CellValue[] };

/** A lead's row anchored and read back (and where it was then), or why it is not. */
type AnchoredLead = (AnchoredRow & { row: number }) | 'MISSING' | 'CHANGED';

/** Lead id → its first 1-based row, from a read of the id column (header first). */
function idRows(column: readonly CellValue[][]): Map<string, number> {
  const rows = new Map<string, number>();
  column.forEach((row, i) => {
    const id = String(row[0] ?? '').trim();
    if (i > 0 && id && !rows.has(id)) rows.set(id, i + 1);
  });
  return rows;
}

/** A whole-row array for a write by anchor: the changed cells, null (skipped) elsewhere. */
function rowValues(table: HeaderTable, cells: RowWrite): Array<CellValue | null> {
  const out: Array<CellValue | null> = [];
  for (const [header, value] of cells) {
    const column = table.column(header);
    while (out.length <= column) out.push(null);
    out[column] = value;
  }
  return out;
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

function indexByKey(table: HeaderTable, keyHeader: string): Map<string, IndexedRow> {
  const rows = new Map<string, IndexedRow>();
  const column = table.column(keyHeader);
  for (const row of table.rows) {
    const key = String(row.cells[column] ?? '').trim();
    if (key && !rows.has(key)) rows.set(key, row);
  }
  return rows;
}

/** Contiguous runs of changed cells in one row, as A1 ranges: only changed cells are written. */
function segments(table: HeaderTable, row: number, cells: RowWrite): ValueRange[] {
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

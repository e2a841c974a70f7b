/**
 * The Workbook port in memory, as strict as the real SheetsWorkbook:
 * - a sheet that is missing, or a required header that is missing (an admin deleted
 *   it), stops load / loadLead / commit with the same RoutingError code and text;
 * - commit finds leads by id at commit time and applies a guarded patch only while the
 *   lead still has the expected stage, owner and route count; a skipped lead's outbox
 *   patches, new messages, log rows and `escalated_<id>` state go with it;
 * - new leads and lead patches cannot share one commit (the real one refuses);
 * - a lead_id on two rows (an admin's copy): the first row is the lead, the id is
 *   reported in duplicateLeadIds, and commits write to the first row;
 * - state values come back as the text a cell would show (a Date becomes its date
 *   serial, as UNFORMATTED_VALUE reads a date-time cell);
 * - what load returns is a copy: a use case changing it changes nothing stored.
 * It also records every write made while the script lock was not held (the local
 * runtime's `unlockedWrites`), and counts calls. Tests edit it as an admin would
 * (`editLead`, `copyLeadRow`, `dropHeader`, `dropSheet`) and inject Sheets API failures.
 */
import {
  ESCALATED_PREFIX,
  HEADERS,
  LEAD_HEADERS,
  OUTBOX_HEADERS,
  SALES_REQUIRED,
  SHEETS,
  type ArchiveReport,
  type CommitReport,
  type GuardedLeadPatch,
  type SheetName,
  type Workbook,
  type WorkbookChanges,
  type WorkbookSnapshot,
} from '../../src/app/ports';
import { epochToSerial } from '../../src/adapters/sheet-time';
import { RoutingError } from '../../src/domain/errors';
import type { Lead, LogEntry } from '../../src/domain/lead';
import type { OutboxItem } from '../../src/domain/outbox';
import type { Rep } from '../../src/domain/rep';
import { readRules, type RuleRow } from '../../src/domain/routing-rules';
import { SETTING_SPECS } from '../../src/domain/settings';
import { isClosedStage, parseStage } from '../../src/domain/stage';
import { LEAD_FIELD_HEADERS } from '../../src/adapters/row-codec';
import type { FakeLock } from './lock';

const leadHeader = (field: string): string => LEAD_FIELD_HEADERS[field as keyof Lead];

type Operation = 'load' | 'loadLead' | 'commit' | 'archive';

/** The headers load() requires per sheet, as the real adapter checks them. */
const REQUIRED: Partial<Record<SheetName, readonly string[]>> = {
  [SHEETS.settings]: ['key', 'value'],
  [SHEETS.sales]: SALES_REQUIRED,
  [SHEETS.leads]: LEAD_HEADERS,
  [SHEETS.state]: ['key', 'value'],
  [SHEETS.outbox]: OUTBOX_HEADERS,
  [SHEETS.holidays]: ['date'],
  [SHEETS.rules]: HEADERS[SHEETS.rules],
};

const copy = <T>(value: T): T => structuredClone(value);

export class FakeWorkbook implements Workbook {
  settings = new Map<string, unknown>(SETTING_SPECS.map((s) => [s.key, s.defaultValue]));
  reps: Rep[] = [];
  /** lead_sheet rows, top to bottom (an admin's copied row appears twice). */
  leadRows: Lead[] = [];
  state = new Map<string, string>();
  outbox: OutboxItem[] = [];
  holidays = new Set<string>();
  /** routing_rules rows as an admin typed them (read with the real readRules). */
  rules: Array<Omit<RuleRow, 'row'>> = [];
  log: LogEntry[] = [];
  archived: Lead[] = [];
  /** Writes made while the script lock was not held: the suite expects none. */
  readonly unlockedWrites: string[] = [];
  readonly calls = { load: 0, loadLead: 0, commit: 0, archive: 0 };
  private readonly headers = new Map<SheetName, string[]>(
    Object.values(SHEETS).map((s) => [s, [...HEADERS[s]]]),
  );
  private readonly failures: Array<{ op: Operation; error: Error }> = [];

  constructor(
    private readonly lock: FakeLock,
    /** The spreadsheet's UTC offset in minutes, for date serials. */
    private readonly offsetMinutes = 420,
  ) {}

  // ---- what an admin (or the platform) does to the spreadsheet -------------------

  /** The lead as stored (first row with that id); throws when there is none. */
  lead(leadId: string): Lead {
    const found = this.leadRows.find((l) => l.leadId === leadId);
    if (!found) throw new Error(`no lead ${leadId} in lead_sheet`);
    return found;
  }

  editLead(leadId: string, changes: Partial<Lead>): void {
    Object.assign(this.lead(leadId), changes);
  }

  /** An admin copies a lead's row to the bottom of the sheet. */
  copyLeadRow(leadId: string): void {
    this.leadRows.push(copy(this.lead(leadId)));
  }

  /** An admin deletes a header cell (or renames it). */
  dropHeader(sheet: SheetName, header: string): void {
    this.headers.set(
      sheet,
      (this.headers.get(sheet) ?? []).filter((h) => h !== header),
    );
  }

  /** An admin deletes a whole sheet. */
  dropSheet(sheet: SheetName): void {
    this.headers.delete(sheet);
  }

  /** The next call of `op` fails as the Sheets API would (default: a 500). */
  failNext(
    op: Operation,
    error: Error = new RoutingError(
      'SHEETS_API',
      'Sheets API values.batchGet failed: Internal error encountered.',
    ),
  ): void {
    this.failures.push({ op, error });
  }

  /** Log rows for one lead, oldest first. */
  events(leadId: string): string[] {
    return this.log.filter((e) => e.leadId === leadId).map((e) => e.event);
  }

  // ---- the port ------------------------------------------------------------------

  load(): WorkbookSnapshot {
    this.calls.load++;
    this.maybeFail('load');
    for (const [sheet, required] of Object.entries(REQUIRED))
      this.requireAll(sheet as SheetName, required);
    const seen = new Set<string>();
    const duplicates = new Set<string>();
    const leads: Lead[] = [];
    for (const lead of this.leadRows) {
      if (lead.leadId === '') continue;
      if (seen.has(lead.leadId)) duplicates.add(lead.leadId);
      else leads.push(copy(lead));
      seen.add(lead.leadId);
    }
    return {
      settings: new Map(this.settings),
      reps: this.reps.map((rep, index) => ({ ...copy(rep), index })),
      leads,
      state: new Map(this.state),
      outbox: this.outbox.filter((item) => item.id !== '').map(copy),
      holidays: new Set(this.holidays),
      duplicateLeadIds: [...duplicates],
      rules: readRules(this.rules.map((r, i) => ({ row: i + 2, ...r }))),
    };
  }

  loadLead(leadId: string): Lead | undefined {
    this.calls.loadLead++;
    this.maybeFail('loadLead');
    this.requireAll(SHEETS.leads, LEAD_HEADERS);
    const found = this.leadRows.find((l) => l.leadId === leadId);
    return found ? copy(found) : undefined;
  }

  /**
   * As the real adapter: the outbox comes in the same read; a missing slack_outbox
   * stops it, a slack_outbox short of a header gives no messages (the click still works).
   */
  /** As the adapter: the small sheets and only this person's NEW leads. */
  loadOwnedNewLeads(ownerSlackId: string): WorkbookSnapshot {
    const all = this.load();
    return {
      ...all,
      leads: all.leads.filter(
        (l) => l.salesSlackId === ownerSlackId && parseStage(l.stage) === 'NEW',
      ),
      duplicateLeadIds: [],
      state: new Map(),
      outbox: [],
    };
  }

  loadLeadScope(leadId: string): WorkbookSnapshot {
    const all = this.load();
    return {
      ...all,
      leads: all.leads.filter((l) => l.leadId === leadId),
      duplicateLeadIds: [],
      state: new Map(),
      outbox: all.outbox.filter((item) => item.leadId === leadId),
    };
  }

  loadLeadWithMessages(leadId: string): {
    lead: Lead | undefined;
    messages: OutboxItem[];
    settings: Map<string, unknown>;
  } {
    const lead = this.loadLead(leadId);
    this.requireAll(SHEETS.outbox, []);
    this.requireAll(SHEETS.settings, ['key', 'value']);
    const headers = this.headers.get(SHEETS.outbox) ?? [];
    const messages = OUTBOX_HEADERS.every((h) => headers.includes(h))
      ? this.outbox.filter((item) => item.leadId === leadId).map(copy)
      : [];
    return { lead, messages, settings: new Map(this.settings) };
  }

  /**
   * In the real adapter's order, so a failure part-way leaves what the real one would:
   * one read (key columns and headers), the new leads appended, the changed cells in one
   * batchUpdate (lead and outbox patches, existing state keys), then the appends of new
   * messages, new state keys and log rows, each checking its sheet's headers first.
   */
  commit(changes: WorkbookChanges): CommitReport {
    this.calls.commit++;
    const report: CommitReport = { skippedLeads: [] };
    const leadPatches = changes.leadPatches ?? [];
    if (leadPatches.length && changes.newLeads?.length)
      throw new Error('commit: new leads and lead patches cannot share one commit');
    const outboxPatches = changes.outboxPatches ?? [];
    const stateEntries = Object.entries(changes.state ?? {});
    if (
      !leadPatches.length &&
      !outboxPatches.length &&
      !stateEntries.length &&
      !changes.newLeads?.length &&
      !changes.newOutbox?.length &&
      !changes.log?.length
    )
      return report;
    this.maybeFail('commit');
    if (leadPatches.length)
      this.requireAll(SHEETS.leads, ['lead_id', 'stage', 'sales_slack_id', 'route_count']);
    if (outboxPatches.length) this.requireAll(SHEETS.outbox, ['id']);
    if (stateEntries.length) this.requireAll(SHEETS.state, ['key']);
    const write = (what: string): void => {
      if (!this.lock.held) this.unlockedWrites.push(what);
    };

    if (changes.newLeads?.length) {
      this.requireAll(SHEETS.leads, HEADERS[SHEETS.leads]);
      write('append to lead_sheet');
      for (const lead of changes.newLeads) this.leadRows.push(copy(lead));
    }
    // The batchUpdate: every cell found first (a missing column stops it before any write).
    const skipped = new Set<string>();
    const cellWrites: Array<() => void> = [];
    for (const patch of leadPatches) {
      const lead = this.leadRows.find((l) => l.leadId === patch.leadId);
      const why = !lead ? 'MISSING' : stillMatches(lead, patch) ? null : 'CHANGED';
      if (why || !lead) {
        report.skippedLeads.push({ leadId: patch.leadId, why: why ?? 'MISSING' });
        skipped.add(patch.leadId);
        continue;
      }
      this.requireAll(SHEETS.leads, Object.keys(patch.changes).map(leadHeader));
      cellWrites.push(() => Object.assign(lead, copy(patch.changes)));
    }
    for (const patch of outboxPatches) {
      if (patch.leadId && skipped.has(patch.leadId)) continue;
      const item = this.outbox.find((i) => i.id === patch.id);
      if (item) cellWrites.push(() => Object.assign(item, copy(patch.changes)));
    }
    const newState: Array<[string, string]> = [];
    for (const [key, value] of stateEntries) {
      if (key.startsWith(ESCALATED_PREFIX) && skipped.has(key.slice(ESCALATED_PREFIX.length)))
        continue;
      if (this.state.has(key)) {
        this.requireAll(SHEETS.state, ['value']);
        cellWrites.push(() => this.state.set(key, this.cellText(value)));
      } else newState.push([key, this.cellText(value)]);
    }
    if (cellWrites.length) {
      write('batchUpdate');
      for (const apply of cellWrites) apply();
    }
    const outbox = (changes.newOutbox ?? []).filter((item) => !skipped.has(item.leadId));
    if (outbox.length) {
      this.requireAll(SHEETS.outbox, HEADERS[SHEETS.outbox]);
      write('append to slack_outbox');
      this.outbox.push(...outbox.map(copy));
    }
    if (newState.length) {
      this.requireAll(SHEETS.state, HEADERS[SHEETS.state]);
      write('append to routing_state_sheet');
      for (const [key, value] of newState) this.state.set(key, value);
    }
    const log = (changes.log ?? []).filter((entry) => !skipped.has(entry.leadId));
    if (log.length) {
      this.requireAll(SHEETS.log, HEADERS[SHEETS.log]);
      write('append to routing_log');
      this.log.push(...log.map(copy));
    }
    return report;
  }

  archivedSubmissionKeys(): Set<string> {
    return new Set(this.archived.flatMap((l) => l.submissionKey.split(/\s+/)).filter(Boolean));
  }

  archive(leadIds: readonly string[], outboxIds: readonly string[], at: number): ArchiveReport {
    this.calls.archive++;
    const report: ArchiveReport = { archived: 0, outboxDropped: 0, restored: [] };
    if (leadIds.length === 0 && outboxIds.length === 0) return report;
    this.maybeFail('archive');
    this.requireAll(SHEETS.leads, ['lead_id']);
    this.requireAll(SHEETS.outbox, ['id']);
    if (!this.lock.held) this.unlockedWrites.push('archive');
    const moving = new Set(
      leadIds.filter((id) => {
        const lead = this.leadRows.find((l) => l.leadId === id);
        return lead !== undefined && isClosedStage(parseStage(lead.stage));
      }),
    );
    for (const id of moving) {
      const index = this.leadRows.findIndex((l) => l.leadId === id);
      this.archived.push(this.leadRows.splice(index, 1)[0]);
    }
    const before = this.outbox.length;
    const dropping = new Set(outboxIds);
    this.outbox = this.outbox.filter((i) => !(dropping.has(i.id) && i.status !== 'PENDING'));
    report.archived = moving.size;
    report.outboxDropped = before - this.outbox.length;
    void at;
    return report;
  }

  // ---- internals -----------------------------------------------------------------

  private maybeFail(op: Operation): void {
    const index = this.failures.findIndex((f) => f.op === op);
    if (index >= 0) throw this.failures.splice(index, 1)[0].error;
  }

  private requireAll(sheet: SheetName, required: readonly string[]): void {
    const headers = this.headers.get(sheet);
    if (!headers)
      throw new RoutingError(
        'MISSING_SHEET',
        `Sheet "${sheet}" is missing. Run Lead Routing → Set up to create it.`,
      );
    for (const header of required)
      if (!headers.includes(header))
        throw new RoutingError(
          'MISSING_HEADER',
          `Sheet "${sheet}" has no column "${header}" in its first row. Add it, or run Lead Routing → Set up to repair the sheet.`,
        );
  }

  /** What a state cell reads back as: a Date is a date-time cell, read as its serial. */
  private cellText(value: string | number | Date): string {
    if (value instanceof Date) return String(epochToSerial(value.getTime(), this.offsetMinutes));
    return String(value);
  }
}

function stillMatches(lead: Lead, patch: GuardedLeadPatch): boolean {
  const expect = patch.expect;
  if (!expect) return true;
  if (expect.stage !== undefined && parseStage(lead.stage) !== parseStage(expect.stage))
    return false;
  if (expect.salesSlackId !== undefined && lead.salesSlackId.trim() !== expect.salesSlackId)
    return false;
  if (expect.routeCount !== undefined && lead.routeCount !== expect.routeCount) return false;
  return true;
}

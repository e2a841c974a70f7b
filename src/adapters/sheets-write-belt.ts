/**
 * The belt under the row anchors (sheets-workbook.ts): every lead write through an anchor
 * answers, in its own response, the whole row it landed on (sheets-values.ts
 * batchUpdateByDataFilter, includeValuesInResponse), and that row's lead_id cell, which no
 * write changes, says whose row it was. If it is another lead's (a sort between the anchor
 * call and the write, and Google leaving metadata at its position on a sort: the Sheets
 * reference is silent on sorting), the write is never silent: it becomes a MisplacedWrite
 * record (ERROR rows and a manager notice, domain/misplaced-writes.ts), and in up to
 * ANCHOR_TRIES more rounds of an anchor call (that also reads the whole lead_sheet) and a
 * write, paid only then, the intended lead gets its change where its guard still holds,
 * and the other lead's cells get back the values this execution had read before, where
 * they still hold what was written. Each round's write is checked the same way.
 */
import type { GuardedLeadPatch } from '../app/ports';
import { SHEETS } from '../app/ports';
import type { MisplacedWrite } from '../domain/misplaced-writes';
import { columnLetter, quoteSheet } from './a1';
import { HeaderTable, type CellValue } from './header-table';
import type { RowCodec } from './row-codec';
import {
  indexByKey,
  rowValues,
  stillMatches,
  type AnchoredLead,
  type IndexedRow,
} from './sheets-commit-plan';
import type { AnchoredRow, FilteredWrite, LandedWrite, SheetsValues } from './sheets-values';

/** Rounds of putting right, each an anchor call (two, if a guess was wrong) and a write. */
const ROUNDS = 3;

type RowArray = Array<CellValue | null>;

/** A cell of another lead's row to put back: its value before, what was written over it. */
interface PutBack {
  was: CellValue;
  wrote: CellValue;
  rec: MisplacedWrite;
}

/** What the belt needs from the workbook. */
export interface BeltDeps {
  values: SheetsValues;
  codec: RowCodec;
  /** lead_sheet's header as this execution read it. */
  header: readonly CellValue[];
  /** The value a lead's cell (column index) had before this commit wrote, if read. */
  previous: (leadId: string, column: number) => CellValue | undefined;
  /** Where this execution last saw a lead's row. */
  knownRow: (leadId: string) => number | undefined;
  /** SheetsWorkbook.anchorLeads: anchors leads whose row read back is theirs. */
  anchorLeads: (
    table: HeaderTable,
    ids: readonly string[],
    first: { ids: readonly string[]; at: readonly number[]; anchored: readonly AnchoredRow[] },
  ) => Map<string, AnchoredLead>;
}

/** One planned write of a round: a lead's change, or cells put back on a lead's row. */
interface RoundWrite {
  leadId: string;
  anchor: number;
  values: RowArray[];
  restoring?: number[];
}

const rowAt = (range: string): number => Number(/!\$?[A-Z]*\$?(\d+)/.exec(range)?.[1] ?? 0);

export class WriteBelt {
  readonly records: MisplacedWrite[] = [];
  /** Leads still owed their change. */
  private readonly owed = new Set<string>();
  /** Per lead, cells still to put back (column → value). */
  private readonly putBack = new Map<string, Map<number, PutBack>>();
  /** Where a lead's row was last seen by a write's response. */
  private readonly guess = new Map<string, number>();
  private readonly meant = new Map<string, RowArray[]>();
  private readonly idColumn: number;

  constructor(
    private readonly deps: BeltDeps,
    private readonly table: HeaderTable,
    private readonly patches: readonly GuardedLeadPatch[],
  ) {
    this.idColumn = table.column('lead_id');
    for (const p of patches)
      this.meant.set(p.leadId, [
        ...(this.meant.get(p.leadId) ?? []),
        rowValues(table, deps.codec.leadCells(p.changes)),
      ]);
  }

  /**
   * Checks the commit's lead writes and puts right what landed elsewhere.
   * @returns every misplaced write, with what was done about it
   */
  check(written: ReadonlyMap<string, number>, landed: ReadonlyMap<number, LandedWrite>): void {
    for (const [leadId, anchor] of written) {
      const w = landed.get(anchor);
      if (!w?.cells || this.idOf(w.row) === leadId) continue;
      this.note(leadId, w, this.meant.get(leadId) ?? [], this.deps.previous);
    }
    for (let round = 0; round < ROUNDS && (this.owed.size || this.putBack.size); round++)
      if (!this.round()) break;
    for (const cols of this.putBack.values())
      for (const [c, cell] of cols) cell.rec.stillWritten.push(this.name(c));
  }

  /** Leads meant to change that never got their change. */
  unapplied(): string[] {
    return [
      ...new Set(this.records.filter((r) => !r.reapplied && !r.putBack).map((r) => r.leadId)),
    ];
  }

  private idOf(row: readonly CellValue[]): string {
    return String(row[this.idColumn] ?? '').trim();
  }

  private name(column: number): string {
    return String(this.deps.header[column] ?? columnLetter(column + 1));
  }

  /** Records a write for `leadId` that landed on `w.row` (another lead's, or none). */
  private note(
    leadId: string,
    w: LandedWrite,
    values: readonly RowArray[],
    previous: (leadId: string, column: number) => CellValue | undefined,
    putBackOnly = false,
  ): void {
    const onto = this.idOf(w.row);
    const columns = [
      ...new Set(values.flatMap((v) => v.flatMap((c, i) => (c === null ? [] : [i])))),
    ];
    const rec: MisplacedWrite = {
      leadId,
      ontoLeadId: onto,
      columns: columns.map((c) => this.name(c)),
      reapplied: false,
      restored: [],
      notRestored: [],
      stillWritten: [],
      ...(putBackOnly ? { putBack: true } : {}),
    };
    this.records.push(rec);
    if (!putBackOnly) this.owed.add(leadId);
    if (onto) this.guess.set(onto, rowAt(w.range));
    for (const c of columns) {
      const was = onto ? previous(onto, c) : undefined;
      const wrote = values
        .map((v) => v[c])
        .filter((x): x is CellValue => x !== null && x !== undefined)
        .pop();
      if (was === undefined || wrote === undefined) rec.notRestored.push(this.name(c));
      else {
        const cells = this.putBack.get(onto) ?? new Map<number, PutBack>();
        this.putBack.set(onto, cells.set(c, { was, wrote, rec }));
      }
    }
  }

  /** One round: anchor (reading the whole sheet), write, check. False when nothing to write. */
  private round(): boolean {
    const ids = [...new Set([...this.putBack.keys(), ...this.owed])];
    const at = ids.map((id) => this.guess.get(id) ?? this.deps.knownRow(id) ?? 2);
    const first = this.deps.values.anchorRows(SHEETS.leads, at, false, [quoteSheet(SHEETS.leads)]);
    const whole = new HeaderTable(SHEETS.leads, first.read[0] ?? []);
    const rows = this.deps.anchorLeads(whole, ids, { ids, at, anchored: first.rows });
    const plan = [...this.planPutBack(rows), ...this.planOwed(rows, whole)];
    const writes: FilteredWrite[] = plan.flatMap((p) =>
      p.values.map((v) => ({ anchor: p.anchor, values: [v] })),
    );
    if (writes.length === 0) return false;
    const done = this.deps.values.batchUpdateByDataFilter(writes);
    const wholeRows = indexByKey(whole, 'lead_id');
    const wholePrevious = (leadId: string, column: number): CellValue | undefined => {
      const r: IndexedRow | undefined = wholeRows.get(leadId);
      return r ? (r.cells[column] ?? '') : undefined;
    };
    for (const p of plan) {
      const w = done.get(p.anchor);
      if (!w?.cells) continue;
      // Misplaced again: a new victim, whose cells this round's whole read knows.
      if (this.idOf(w.row) !== p.leadId)
        this.note(p.leadId, w, p.values, wholePrevious, p.restoring !== undefined);
      else if (p.restoring) this.restored(p.leadId, p.restoring);
      else {
        this.owed.delete(p.leadId);
        for (const rec of this.records)
          if (rec.leadId === p.leadId && !rec.putBack) rec.reapplied = true;
      }
    }
    return true;
  }

  /** Cells to put back on each lead's row read back, where they still hold what was written. */
  private planPutBack(rows: ReadonlyMap<string, AnchoredLead>): RoundWrite[] {
    const plan: RoundWrite[] = [];
    for (const [leadId, cols] of this.putBack) {
      const a = rows.get(leadId);
      if (!a || typeof a === 'string') continue;
      const values: RowArray = [];
      const restoring: number[] = [];
      for (const [c, cell] of cols) {
        if (String(a.cells[c] ?? '') !== String(cell.wrote)) {
          // Changed since it was written: not ours to put back any more.
          cell.rec.stillWritten.push(this.name(c));
          cols.delete(c);
          continue;
        }
        while (values.length <= c) values.push(null);
        values[c] = cell.was;
        restoring.push(c);
      }
      if (cols.size === 0) this.putBack.delete(leadId);
      if (restoring.length) plan.push({ leadId, anchor: a.anchor, values: [values], restoring });
    }
    return plan;
  }

  /** The intended leads' changes, where their guard holds on the row read back. */
  private planOwed(rows: ReadonlyMap<string, AnchoredLead>, whole: HeaderTable): RoundWrite[] {
    const plan: RoundWrite[] = [];
    for (const leadId of [...this.owed]) {
      const a = rows.get(leadId);
      const guarded = this.patches.filter((p) => p.leadId === leadId);
      if (
        !a ||
        typeof a === 'string' ||
        !guarded.every((p) => stillMatches(whole, a, p, this.deps.codec))
      ) {
        this.owed.delete(leadId);
        continue;
      }
      plan.push({ leadId, anchor: a.anchor, values: this.meant.get(leadId) ?? [] });
    }
    return plan;
  }

  private restored(leadId: string, columns: readonly number[]): void {
    const cols = this.putBack.get(leadId);
    for (const c of columns) {
      const cell = cols?.get(c);
      if (cell) cell.rec.restored.push(this.name(c));
      cols?.delete(c);
    }
    if (cols && cols.size === 0) this.putBack.delete(leadId);
  }
}

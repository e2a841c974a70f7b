/**
 * Developer metadata of the advanced Sheets service, on ROWS only (what the engine's
 * row anchors use): createDeveloperMetadata / deleteDeveloperMetadata requests of
 * spreadsheets.batchUpdate, and DataFilter matching for the values *ByDataFilter
 * methods. Behaviour follows the REST reference (spreadsheets.developerMetadata,
 * DataFilter, DeveloperMetadataLookup):
 * - an entry needs a key, a visibility (DOCUMENT or PROJECT) and a location; ids are
 *   positive, unique in the file, given by the caller or assigned;
 * - a ROWS location stays with its row as rows are inserted, deleted or sorted, and is
 *   deleted with its row (model.ts, SheetModel.rowMetadata);
 * - a lookup matches on every field it sets (metadataId, metadataKey, metadataValue,
 *   visibility, locationType); a matched row location reads and writes as that whole row;
 * - deleteDeveloperMetadata deletes every entry its filter matches; its reply lists
 *   them (deletedDeveloperMetadata), an empty list when none matched (the reference
 *   gives the list and no error for that case, so nothing is refused).
 * Not modelled (refused loudly, never silently accepted): column, sheet and spreadsheet
 * locations, multi-row locations, metadataLocation / locationMatchingStrategy lookups,
 * gridRange filters, updateDeveloperMetadata. No size limit is modelled: the Sheets
 * documentation stored for this project gives no figure for developer metadata, so the
 * engine keeps its anchors few (see src/adapters/sheets-workbook.ts).
 * Error texts for refused metadata requests are ours (Google publishes none verbatim).
 */
import { quoteSheetName } from './a1';
import type { Ctx } from './context';
import { GoogleJsonResponseException } from './errors';
import type { RowMetadataEntry, SheetModel } from './model';

export interface DeveloperMetadataLookup {
  metadataId?: number;
  metadataKey?: string;
  metadataValue?: string;
  visibility?: string;
  locationType?: string;
  metadataLocation?: unknown;
  locationMatchingStrategy?: string;
}

export interface DataFilter {
  a1Range?: string;
  developerMetadataLookup?: DeveloperMetadataLookup;
  gridRange?: unknown;
}

export interface DataFilterValueRange {
  dataFilter?: DataFilter;
  majorDimension?: string;
  values?: (string | number | boolean | null)[][];
}

interface DimensionRange {
  sheetId?: number;
  dimension?: string;
  startIndex?: number;
  endIndex?: number;
}

export interface MetadataRequest {
  createDeveloperMetadata?: {
    developerMetadata?: {
      metadataId?: number;
      metadataKey?: string;
      metadataValue?: string;
      visibility?: string;
      location?: { dimensionRange?: DimensionRange; sheetId?: number; spreadsheet?: boolean };
    };
  };
  deleteDeveloperMetadata?: { dataFilter?: DataFilter };
}

/** A step of one spreadsheets.batchUpdate, in request order, as the metadata plan sees it. */
export type PlanStep =
  | { kind: 'metadata'; index: number; request: MetadataRequest }
  | { kind: 'delete'; sheet: SheetModel; rows: boolean; start: number; end: number }
  | { kind: 'append'; sheet: SheetModel; rows: boolean; length: number };

export class SheetsMetadata {
  constructor(private readonly ctx: Ctx) {}

  /**
   * Checks every metadata request of a batch against the grid as the requests before
   * it leave it (row counts replayed), before anything changes; returns what applies
   * each one at its turn.
   */
  plan(method: string, steps: readonly PlanStep[]): { apply(index: number): object } {
    const rows = new Map(this.ctx.model.sheets.map((s) => [s, s.maxRows]));
    const newIds = new Set<number>();
    for (const step of steps) {
      if (step.kind === 'delete') {
        if (step.rows) rows.set(step.sheet, (rows.get(step.sheet) ?? 0) - (step.end - step.start));
        continue;
      }
      if (step.kind === 'append') {
        if (step.rows) rows.set(step.sheet, (rows.get(step.sheet) ?? 0) + step.length);
        continue;
      }
      const where = `Invalid requests[${step.index}]`;
      const { createDeveloperMetadata: create, deleteDeveloperMetadata: remove } = step.request;
      if (remove) {
        this.lookupOf(method, remove.dataFilter, `${where}.deleteDeveloperMetadata.dataFilter`);
        continue;
      }
      const meta = create?.developerMetadata;
      const fail = (why: string): never => {
        throw new GoogleJsonResponseException(
          method,
          400,
          `${where}.createDeveloperMetadata: ${why}`,
        );
      };
      if (!meta) return fail('developerMetadata is required.');
      if (!meta.metadataKey) fail('Developer metadata must have a key.');
      if (meta.visibility !== 'DOCUMENT' && meta.visibility !== 'PROJECT')
        fail('Developer metadata must have a visibility (DOCUMENT or PROJECT).');
      if (meta.metadataId !== undefined) {
        if (!Number.isInteger(meta.metadataId) || meta.metadataId <= 0)
          fail(`metadataId must be positive: ${meta.metadataId}`);
        if (this.ctx.model.metadata.has(meta.metadataId) || newIds.has(meta.metadataId))
          fail(`Developer metadata with id ${meta.metadataId} already exists.`);
        newIds.add(meta.metadataId);
      }
      const range = meta.location?.dimensionRange;
      if (!range || range.dimension !== 'ROWS')
        fail('this local runtime models only ROWS dimensionRange locations.');
      const sheet = this.ctx.model.byId(range!.sheetId ?? 0);
      if (!sheet) return fail(`No grid with id: ${range!.sheetId}`);
      const start = range!.startIndex ?? 0;
      const end = range!.endIndex ?? start + 1;
      if (end !== start + 1) fail('this local runtime models only single-row locations.');
      if (start < 0 || end > (rows.get(sheet) ?? 0))
        fail(`Invalid dimensionRange: row ${start} is outside the grid of ${sheet.name}.`);
    }
    return {
      apply: (index: number): object => {
        const step = steps.find((s) => s.kind === 'metadata' && s.index === index);
        if (!step || step.kind !== 'metadata') return {};
        const remove = step.request.deleteDeveloperMetadata;
        if (remove) {
          const lookup = this.lookupOf(method, remove.dataFilter, '');
          const gone = this.matching(lookup).map((m) => this.describe(m));
          for (const m of this.matching(lookup)) {
            this.ctx.model.byId(m.sheetId)?.detachRowMetadata(m.id);
            this.ctx.model.metadata.forget(m.id);
          }
          return { deleteDeveloperMetadata: { deletedDeveloperMetadata: gone } };
        }
        const meta = step.request.createDeveloperMetadata!.developerMetadata!;
        const range = meta.location!.dimensionRange!;
        const sheet = this.ctx.model.byId(range.sheetId ?? 0)!;
        const entry: RowMetadataEntry = {
          id: meta.metadataId ?? this.ctx.model.metadata.nextId(),
          key: meta.metadataKey!,
          value: meta.metadataValue,
          visibility: meta.visibility as 'DOCUMENT' | 'PROJECT',
          sheetId: sheet.sheetId,
        };
        this.ctx.model.metadata.add(entry);
        sheet.attachRowMetadata((range.startIndex ?? 0) + 1, entry.id);
        return { createDeveloperMetadata: { developerMetadata: this.describe(entry) } };
      },
    };
  }

  /**
   * The A1 ranges a DataFilter names now: its a1Range, or the whole row of every
   * developer metadata entry its lookup matches.
   */
  ranges(method: string, filter: DataFilter, what: string): string[] {
    if (filter.a1Range !== undefined && !filter.developerMetadataLookup && !filter.gridRange)
      return [filter.a1Range];
    const lookup = this.lookupOf(method, filter, what);
    return this.matching(lookup).flatMap((m) => {
      const sheet = this.ctx.model.byId(m.sheetId);
      const row = sheet?.rowOfMetadata(m.id) ?? 0;
      return sheet && row ? [`${quoteSheetName(sheet.name)}!${row}:${row}`] : [];
    });
  }

  /** Every entry, as the API describes it (for tests and replies). */
  describeAll(): object[] {
    return this.ctx.model.metadata.all().map((m) => this.describe(m));
  }

  private lookupOf(
    method: string,
    filter: DataFilter | undefined,
    what: string,
  ): DeveloperMetadataLookup {
    const lookup = filter?.developerMetadataLookup;
    const fail = (why: string): never => {
      throw new GoogleJsonResponseException(method, 400, `${what}: ${why}`);
    };
    if (!filter || (!lookup && filter.a1Range === undefined))
      return fail('this local runtime models only a1Range and developerMetadataLookup filters.');
    if (!lookup) return fail('a developerMetadataLookup is required here.');
    if (lookup.metadataLocation !== undefined || lookup.locationMatchingStrategy !== undefined)
      fail('this local runtime does not model metadataLocation lookups.');
    if (
      lookup.metadataId === undefined &&
      lookup.metadataKey === undefined &&
      lookup.metadataValue === undefined &&
      lookup.visibility === undefined &&
      lookup.locationType === undefined
    )
      fail('the developerMetadataLookup sets no criteria.');
    return lookup;
  }

  private matching(lookup: DeveloperMetadataLookup): RowMetadataEntry[] {
    return this.ctx.model.metadata
      .all()
      .filter(
        (m) =>
          (lookup.metadataId === undefined || lookup.metadataId === m.id) &&
          (lookup.metadataKey === undefined || lookup.metadataKey === m.key) &&
          (lookup.metadataValue === undefined || lookup.metadataValue === m.value) &&
          (lookup.visibility === undefined || lookup.visibility === m.visibility) &&
          (lookup.locationType === undefined || lookup.locationType === 'ROW'),
      );
  }

  private describe(m: RowMetadataEntry): object {
    const sheet = this.ctx.model.byId(m.sheetId);
    const row = sheet?.rowOfMetadata(m.id) ?? 0;
    return {
      metadataId: m.id,
      metadataKey: m.key,
      ...(m.value !== undefined ? { metadataValue: m.value } : {}),
      location: {
        locationType: 'ROW',
        dimensionRange: {
          sheetId: m.sheetId,
          dimension: 'ROWS',
          startIndex: row - 1,
          endIndex: row,
        },
      },
      visibility: m.visibility,
    };
  }
}

/**
 * The advanced Sheets service (global `Sheets`), over the same stored cells as
 * SpreadsheetApp. Each method is one counted round trip. Behaviour follows the REST
 * API (spreadsheets.values.*):
 * - reads omit trailing empty cells of each row and trailing empty rows, and drop
 *   `values` altogether when nothing is there; reads past the grid are clamped;
 * - writes reject ranges past the grid ("Range ('s'!A1001) exceeds grid limits. Max
 *   rows: 1000, max columns: 26"), skip null cells ("Null values will be skipped. To
 *   set a cell to an empty value, set the string value to an empty string.") and
 *   need a valueInputOption; RAW stores strings as given, USER_ENTERED parses them;
 * - request bodies travel as JSON, so a Date becomes its ISO string and undefined
 *   becomes null;
 * - append finds the table (the first run of consecutive non-empty rows in the
 *   range's columns) and writes below it, from the table's first column, growing the
 *   grid; INSERT_ROWS inserts fresh rows there, OVERWRITE (default) writes over them;
 * - failures throw GoogleJsonResponseException:
 *   "API call to sheets.spreadsheets.values.batchGet failed with error: Unable to parse range: x";
 * - size limits (model.ts): a change that would take the spreadsheet past 10,000,000 grid
 *   cells fails with "This action would increase the number of cells in the workbook
 *   above the limit of 10000000 cells." (prefixed "Invalid requests[i].<kind>: " in
 *   spreadsheets.batchUpdate, as Google reports it), and a cell over 50,000 characters
 *   with "Your input contains more than the maximum of 50000 characters in a single
 *   cell." ("Invalid data[i]: " in values.batchUpdate). Both change nothing.
 * - every write is an API write: it never counts as a SpreadsheetApp write waiting for
 *   SpreadsheetApp.flush() (see the flush tracker).
 * - every call first takes one read or write request from the per-minute quota
 *   (sheets-quota.ts); a refused call fails with HTTP 429 before touching anything.
 * - developer metadata on ROWS (sheets-metadata.ts): created and deleted by
 *   spreadsheets.batchUpdate, found by DataFilter's developerMetadataLookup in
 *   values.batchGetByDataFilter / batchUpdateByDataFilter / batchClearByDataFilter,
 *   moving with its row (model.ts); spreadsheets.batchUpdate can answer with the grid
 *   data of responseRanges as they are after its requests applied.
 * - `afterCall` (tests only): run after every call, e.g. an admin sorting a sheet
 *   between any two calls of a run.
 */
import {
  alwaysQuoted,
  columnLetter,
  parseCells,
  quoteSheetName,
  rangeA1,
  resolveBox,
  splitSheet,
  type GridBox,
} from './a1';
import { displayValue, storeParsed } from './cells';
import { parseRaw, parseUserEntered } from './coerce';
import type { Ctx } from './context';
import { GoogleJsonResponseException } from './errors';
import type { SpreadsheetFiles } from './files';
import { CELL_LIMIT_MESSAGE, MAX_CELLS_PER_SPREADSHEET as MAX_CELLS } from './model';
import { checkCellText, hasContent, SizeLimitError, type Cell, type SheetModel } from './model';
import { isDateTimeFormat } from './number-format';
import {
  SheetsMetadata,
  type DataFilter,
  type DataFilterValueRange,
  type MetadataRequest,
} from './sheets-metadata';
import {
  applyCellOp,
  checkCellOp,
  readCellRequest,
  rowsToInsert,
  type CellWriteOp,
} from './cell-requests';

type ApiValue = string | number | boolean;
type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';
type MajorDimension = 'ROWS' | 'COLUMNS';

export interface ValueRange {
  range?: string;
  majorDimension?: MajorDimension;
  values?: ApiValue[][];
}

export interface MatchedValueRange {
  valueRange: ValueRange;
  dataFilters: DataFilter[];
}

/** spreadsheets.batchUpdate's body (the parts modelled). */
export interface BatchUpdateResource {
  requests?: object[];
  includeSpreadsheetInResponse?: boolean;
  responseRanges?: string[];
  responseIncludeGridData?: boolean;
}

/** values.batchUpdateByDataFilter's body (BatchUpdateValuesByDataFilterRequest). */
export interface BatchUpdateByDataFilterResource {
  valueInputOption?: string;
  data?: DataFilterValueRange[];
  includeValuesInResponse?: boolean;
  responseValueRenderOption?: ValueRenderOption;
  responseDateTimeRenderOption?: DateTimeRenderOption;
}

export interface ReadOptions {
  valueRenderOption?: ValueRenderOption;
  dateTimeRenderOption?: DateTimeRenderOption;
  majorDimension?: MajorDimension;
}

export interface UpdateValuesResponse {
  spreadsheetId: string;
  updatedRange: string;
  updatedRows: number;
  updatedColumns: number;
  updatedCells: number;
}

/** A range string resolved to a sheet and box; `single` = the reference named one cell. */
interface Resolved {
  sheet: SheetModel;
  box: GridBox;
  single: boolean;
}

const PREFIX = 'sheets.spreadsheets';

export class FakeSheetsService {
  readonly Spreadsheets: {
    get: (
      spreadsheetId: string,
      optionalArgs?: { fields?: string; ranges?: string[]; includeGridData?: boolean },
    ) => unknown;
    batchUpdate: (
      resource: BatchUpdateResource,
      spreadsheetId: string,
    ) => { spreadsheetId: string; replies: object[]; updatedSpreadsheet?: object };
    Values: {
      batchGetByDataFilter: (
        resource: ReadOptions & { dataFilters?: DataFilter[] },
        spreadsheetId: string,
      ) => { spreadsheetId: string; valueRanges: MatchedValueRange[] };
      batchUpdateByDataFilter: (
        resource: BatchUpdateByDataFilterResource,
        spreadsheetId: string,
      ) => unknown;
      batchClearByDataFilter: (
        resource: { dataFilters?: DataFilter[] },
        spreadsheetId: string,
      ) => { spreadsheetId: string; clearedRanges: string[] };
      get: (spreadsheetId: string, range: string, optionalArgs?: ReadOptions) => ValueRange;
      batchGet: (
        spreadsheetId: string,
        optionalArgs?: ReadOptions & { ranges?: string | string[] },
      ) => { spreadsheetId: string; valueRanges: ValueRange[] };
      update: (
        resource: ValueRange,
        spreadsheetId: string,
        range: string,
        optionalArgs?: { valueInputOption?: string },
      ) => UpdateValuesResponse;
      batchUpdate: (
        resource: { valueInputOption?: string; data?: ValueRange[] },
        spreadsheetId: string,
      ) => unknown;
      append: (
        resource: ValueRange,
        spreadsheetId: string,
        range: string,
        optionalArgs?: { valueInputOption?: string; insertDataOption?: string },
      ) => unknown;
      clear: (
        resource: object,
        spreadsheetId: string,
        range: string,
      ) => { spreadsheetId: string; clearedRange: string };
      batchClear: (
        resource: { ranges?: string[] },
        spreadsheetId: string,
      ) => { spreadsheetId: string; clearedRanges: string[] };
    };
  };

  /**
   * Tests only: runs after every call of this service has been answered (or has
   * failed), outside the call, e.g. an admin sorting lead_sheet between any two calls.
   */
  afterCall: (() => void) | null = null;

  private readonly metadata: SheetsMetadata;

  /** Tests only: every developer metadata entry of the file, as the API describes it. */
  anchorsForTest(): object[] {
    return this.metadata.describeAll();
  }

  /** One service per other spreadsheet, made on first use (the methods route by id). */
  private readonly others = new Map<Ctx, FakeSheetsService>();

  constructor(
    private readonly ctx: Ctx,
    /** Every spreadsheet of the runtime's Drive: calls go to the one their id names. */
    private readonly files?: SpreadsheetFiles,
  ) {
    this.metadata = new SheetsMetadata(ctx);
    const hooked =
      <A extends unknown[], R>(fn: (...args: A) => R) =>
      (...args: A): R => {
        try {
          return fn(...args);
        } finally {
          const after = this.afterCall;
          if (after) {
            // Not re-entered: what the hook does is the admin's, not a call of the run.
            this.afterCall = null;
            try {
              after();
            } finally {
              this.afterCall = after;
            }
          }
        }
      };
    this.Spreadsheets = {
      get: hooked((id: string, opts?: object) => this.to(id).getSpreadsheet(id, opts)),
      batchUpdate: hooked((resource: BatchUpdateResource, id: string) =>
        this.to(id).spreadsheetBatchUpdate(resource, id),
      ),
      Values: {
        get: hooked((id: string, range: string, opts?: ReadOptions) =>
          this.to(id).valuesGet(id, range, opts),
        ),
        batchGet: hooked((id: string, opts?: ReadOptions & { ranges?: string | string[] }) =>
          this.to(id).valuesBatchGet(id, opts),
        ),
        batchGetByDataFilter: hooked(
          (resource: ReadOptions & { dataFilters?: DataFilter[] }, id: string) =>
            this.to(id).valuesBatchGetByDataFilter(resource, id),
        ),
        update: hooked(
          (resource: ValueRange, id: string, range: string, opts?: { valueInputOption?: string }) =>
            this.to(id).valuesUpdate(resource, id, range, opts),
        ),
        batchUpdate: hooked(
          (resource: { valueInputOption?: string; data?: ValueRange[] }, id: string) =>
            this.to(id).valuesBatchUpdate(resource, id),
        ),
        batchUpdateByDataFilter: hooked((resource: BatchUpdateByDataFilterResource, id: string) =>
          this.to(id).valuesBatchUpdateByDataFilter(resource, id),
        ),
        append: hooked(
          (
            resource: ValueRange,
            id: string,
            range: string,
            opts?: { valueInputOption?: string; insertDataOption?: string },
          ) => this.to(id).valuesAppend(resource, id, range, opts),
        ),
        clear: hooked((_resource: object, id: string, range: string) =>
          this.to(id).valuesClear(id, range),
        ),
        batchClear: hooked((resource: { ranges?: string[] }, id: string) =>
          this.to(id).valuesBatchClear(resource, id),
        ),
        batchClearByDataFilter: hooked((resource: { dataFilters?: DataFilter[] }, id: string) =>
          this.to(id).valuesBatchClearByDataFilter(resource, id),
        ),
      },
    };
  }

  /**
   * The service of the spreadsheet `id` names: this one, another file's (each with its
   * own grid and cell limit; the per-minute quota is the user's, shared), or this one for
   * an unknown id, whose check answers 404. A file the running account may not open
   * answers 403 (Drive's "The caller does not have permission"), counted like any call.
   */
  private to(id: string): FakeSheetsService {
    if (!this.files || String(id) === this.ctx.model.id) return this;
    const target = this.files.find(String(id));
    if (!target) return this;
    if (!this.files.mayOpen(target)) {
      const denied = new FakeSheetsService(target);
      denied.denied = true;
      return denied;
    }
    let service = this.others.get(target);
    if (!service) {
      service = new FakeSheetsService(target);
      this.others.set(target, service);
    }
    return service;
  }

  /** Set on a service handed out for a file the running account may not open. */
  private denied = false;

  // ---- spreadsheets.get ----

  /**
   * Without `ranges`, every sheet's properties. With `ranges` (A1, as values.batchGet),
   * "only the portions of the spreadsheet that intersect the requested ranges" (REST
   * reference, spreadsheets.get): only the sheets those ranges name, each with its
   * properties (grid size included) and, when grid data is asked for, one GridData per
   * range on that sheet in request order. Grid data comes with `includeGridData`, or with
   * a field mask that names `data` ("If a field mask is set, the includeGridData
   * parameter is ignored"). The reference does not say whether sheets outside the
   * ranges are left out entirely or only their data; leaving them out is the reading
   * harder on a caller (it must name a range on every sheet whose size it wants).
   * Other field-mask filtering is not modelled (the response is a superset).
   */
  private getSpreadsheet(
    id: string,
    opts?: { fields?: string; ranges?: string[]; includeGridData?: boolean },
  ): unknown {
    const method = `${PREFIX}.get`;
    return this.ctx.meter.call(() => {
      this.checkQuota(method, 'read');
      this.checkId(method, id);
      const m = this.ctx.model;
      const properties = {
        title: m.name,
        locale: 'en_US',
        timeZone: m.timeZone,
        autoRecalc: 'ON_CHANGE',
      };
      const spreadsheetUrl = `https://docs.google.com/spreadsheets/d/${m.id}/edit`;
      const ranges = opts?.ranges ?? [];
      if (ranges.length) {
        const resolved = ranges.map((r) => this.resolve(method, r));
        const withData = opts?.fields ? /\bdata\b/.test(opts.fields) : !!opts?.includeGridData;
        const grid = gridDataOf(resolved, withData);
        return {
          result: { spreadsheetId: m.id, properties, sheets: grid.sheets, spreadsheetUrl },
          read: grid.cells,
        };
      }
      return {
        result: {
          spreadsheetId: m.id,
          properties,
          sheets: m.sheets.map((s, index) => ({
            properties: { ...sheetProperties(s), index, sheetType: 'GRID' },
          })),
          spreadsheetUrl,
        },
      };
    });
  }

  // ---- spreadsheets.batchUpdate (structural requests) ----

  /**
   * deleteDimension, appendDimension, createDeveloperMetadata,
   * deleteDeveloperMetadata, updateCells and appendCells (cell-requests.ts) are modelled. Requests apply in order, each against the
   * sheet as the previous ones left it (0-based, end exclusive), atomically: any
   * invalid request fails the whole call and changes nothing, as the API documents.
   * With includeSpreadsheetInResponse, `updatedSpreadsheet` carries the grid data of
   * responseRanges (responseIncludeGridData) read after every request applied.
   */
  private spreadsheetBatchUpdate(
    resource: BatchUpdateResource,
    id: string,
  ): { spreadsheetId: string; replies: object[]; updatedSpreadsheet?: object } {
    const method = `${PREFIX}.batchUpdate`;
    const requests = resource?.requests ?? [];
    return this.ctx.meter.apiWrite(`Sheets.batchUpdate ${requests.length} request(s)`, () => {
      this.checkQuota(method, 'write');
      this.checkId(method, id);
      type Range = { sheetId?: number; dimension?: string; startIndex?: number; endIndex?: number };
      type Op =
        | { kind: 'delete'; sheet: SheetModel; rows: boolean; start: number; end: number }
        | { kind: 'append'; sheet: SheetModel; rows: boolean; length: number }
        | { kind: 'metadata'; index: number; request: MetadataRequest }
        | CellWriteOp;
      const sheetOf = (i: number, what: string, sheetId: number | undefined) => {
        const sheet = this.ctx.model.sheets.find((sh) => sh.sheetId === (sheetId ?? 0));
        if (!sheet)
          throw new GoogleJsonResponseException(
            method,
            400,
            `Invalid requests[${i}].${what}: No grid with id: ${sheetId}`,
          );
        return sheet;
      };
      const plan: Op[] = requests.map((request, i) => {
        const r = request as {
          deleteDimension?: { range?: Range };
          appendDimension?: { sheetId?: number; dimension?: string; length?: number };
        } & MetadataRequest &
          Parameters<typeof readCellRequest>[2];
        if (r.createDeveloperMetadata || r.deleteDeveloperMetadata)
          return { kind: 'metadata', index: i, request: r };
        const cells = readCellRequest(method, i, r, sheetOf);
        if (cells) return cells;
        if (r.appendDimension) {
          const a = r.appendDimension;
          const sheet = sheetOf(i, 'appendDimension', a.sheetId);
          if (a.dimension !== 'ROWS' && a.dimension !== 'COLUMNS')
            throw new GoogleJsonResponseException(
              method,
              400,
              `Invalid requests[${i}].appendDimension: dimension must be ROWS or COLUMNS`,
            );
          if (!Number.isInteger(a.length) || (a.length ?? 0) < 1)
            throw new GoogleJsonResponseException(
              method,
              400,
              `Invalid requests[${i}].appendDimension: length must be at least 1`,
            );
          return {
            kind: 'append',
            sheet,
            rows: a.dimension === 'ROWS',
            length: a.length as number,
          };
        }
        if (!r.deleteDimension)
          throw new GoogleJsonResponseException(
            method,
            400,
            `Invalid requests[${i}]: this local runtime models only deleteDimension, appendDimension, createDeveloperMetadata, deleteDeveloperMetadata, updateCells and appendCells`,
          );
        const range = r.deleteDimension.range ?? {};
        const sheet = sheetOf(i, 'deleteDimension', range.sheetId);
        const start = range.startIndex ?? 0;
        const end =
          range.endIndex ?? (range.dimension === 'COLUMNS' ? sheet.maxCols : sheet.maxRows);
        if (range.dimension !== 'ROWS' && range.dimension !== 'COLUMNS')
          throw new GoogleJsonResponseException(
            method,
            400,
            `Invalid requests[${i}].deleteDimension: dimension must be ROWS or COLUMNS`,
          );
        if (start < 0 || end <= start)
          throw new GoogleJsonResponseException(
            method,
            400,
            `Invalid requests[${i}].deleteDimension: Invalid dimensionRange`,
          );
        return { kind: 'delete', sheet, rows: range.dimension === 'ROWS', start, end };
      });
      // Validate against the changing grid before touching anything (all or nothing).
      const sizes = new Map(
        this.ctx.model.sheets.map((sh) => [sh, { rows: sh.maxRows, cols: sh.maxCols }]),
      );
      let grid = this.ctx.model.gridCells();
      const lastRows = new Map<SheetModel, number>();
      plan.forEach((p, i) => {
        if (p.kind === 'metadata') return;
        const size = sizes.get(p.sheet)!;
        if (p.kind === 'cells') {
          const last = lastRows.get(p.sheet) ?? Math.min(p.sheet.lastRow(), size.rows);
          const inserted = rowsToInsert(p, size.rows, last);
          if (grid + inserted * size.cols > MAX_CELLS)
            throw new GoogleJsonResponseException(
              method,
              400,
              `Invalid requests[${i}].appendCells: ${CELL_LIMIT_MESSAGE}`,
            );
          grid += inserted * size.cols;
          size.rows += inserted;
          checkCellOp(method, i, p, size);
          if (p.mode === 'append') lastRows.set(p.sheet, last + p.rows.length);
          return;
        }
        if (p.kind === 'append') {
          const added = p.rows ? p.length * size.cols : p.length * size.rows;
          if (grid + added > MAX_CELLS)
            throw new GoogleJsonResponseException(
              method,
              400,
              `Invalid requests[${i}].appendDimension: ${CELL_LIMIT_MESSAGE}`,
            );
          grid += added;
          if (p.rows) size.rows += p.length;
          else size.cols += p.length;
          return;
        }
        const limit = p.rows ? size.rows : size.cols;
        if (p.end > limit)
          throw new GoogleJsonResponseException(
            method,
            400,
            `Invalid requests[${i}].deleteDimension: Invalid dimensionRange, end index ${p.end} exceeds grid size ${limit}`,
          );
        if (
          p.rows &&
          p.end - p.start >= size.rows - p.sheet.frozenRows &&
          p.start <= p.sheet.frozenRows
        ) {
          throw new GoogleJsonResponseException(
            method,
            400,
            `Invalid requests[${i}]: Sorry, it is not possible to delete all non-frozen rows.`,
          );
        }
        grid -= (p.end - p.start) * (p.rows ? size.cols : size.rows);
        if (p.rows) size.rows -= p.end - p.start;
        else size.cols -= p.end - p.start;
      });
      // Metadata requests are checked against the grid as the requests before them
      // leave it: a dry run on a copy of every metadata location is not needed, since
      // the only grid changes modelled here are row deletions and appends, which the
      // metadata plan replays (SheetsMetadata.plan).
      // Cell requests (appendCells growing a grid at its end) are not replayed here: the
      // engine never anchors rows in a batch that appends cells.
      const metadataReplies = this.metadata.plan(
        method,
        plan
          .flatMap((p) => (p.kind === 'cells' ? [] : [p]))
          .map((p) =>
            p.kind === 'metadata'
              ? { kind: 'metadata' as const, index: p.index, request: p.request }
              : p.kind === 'delete'
                ? {
                    kind: 'delete' as const,
                    sheet: p.sheet,
                    rows: p.rows,
                    start: p.start,
                    end: p.end,
                  }
                : { kind: 'append' as const, sheet: p.sheet, rows: p.rows, length: p.length },
          ),
      );
      const responseRanges = resource?.includeSpreadsheetInResponse
        ? (resource.responseRanges ?? []).map((r) => this.resolve(method, r))
        : [];
      let written = 0;
      const replies: object[] = [];
      for (const p of plan) {
        if (p.kind === 'metadata') {
          replies.push(metadataReplies.apply(p.index));
          continue;
        }
        replies.push({});
        if (p.kind === 'cells') {
          written += applyCellOp(p);
          continue;
        }
        if (p.kind === 'append') {
          // AppendDimensionRequest: "Appends rows or columns to the end of a sheet." The
          // reference says nothing of formats; the runtime gives the new rows or columns
          // none (the harder reading: a caller that wants a date format sets it).
          if (p.rows) {
            const first = p.sheet.maxRows + 1;
            p.sheet.insertRowsBefore(first, p.length);
            for (let r = first; r < first + p.length; r++)
              for (let c = 1; c <= p.sheet.maxCols; c++) {
                const cell = p.sheet.peek(r, c);
                if (cell) Object.assign(cell, { format: '', validation: null });
              }
          } else p.sheet.insertColumnsBefore(p.sheet.maxCols + 1, p.length);
          continue;
        }
        if (p.rows) p.sheet.deleteRows(p.start + 1, p.end - p.start);
        else p.sheet.deleteColumns(p.start + 1, p.end - p.start);
        written += (p.end - p.start) * (p.rows ? p.sheet.maxCols : p.sheet.maxRows);
      }
      const result: { spreadsheetId: string; replies: object[]; updatedSpreadsheet?: object } = {
        spreadsheetId: this.ctx.model.id,
        replies,
      };
      let read = 0;
      if (resource?.includeSpreadsheetInResponse) {
        const grid = gridDataOf(responseRanges, !!resource.responseIncludeGridData);
        result.updatedSpreadsheet = { spreadsheetId: this.ctx.model.id, sheets: grid.sheets };
        read = grid.cells;
      }
      return { result, written, read };
    });
  }

  // ---- values by data filter ----

  private valuesBatchGetByDataFilter(
    resource: ReadOptions & { dataFilters?: DataFilter[] },
    id: string,
  ): { spreadsheetId: string; valueRanges: MatchedValueRange[] } {
    const method = `${PREFIX}.values.batchGetByDataFilter`;
    return this.ctx.meter.call(() => {
      this.checkQuota(method, 'read');
      this.checkId(method, id);
      const valueRanges: MatchedValueRange[] = [];
      (resource?.dataFilters ?? []).forEach((filter, i) => {
        for (const range of this.metadata.ranges(method, filter, `dataFilters[${i}]`))
          valueRanges.push({
            valueRange: this.readRange(method, range, resource ?? {}),
            dataFilters: [filter],
          });
      });
      const read = valueRanges.reduce((n, m) => n + countCells(m.valueRange.values), 0);
      return { result: { spreadsheetId: this.ctx.model.id, valueRanges }, read };
    });
  }

  /**
   * Each DataFilterValueRange writes its values at every range its filter matches (the
   * reference: "If more than one range is matched by the specified DataFilter the
   * specified values are applied to all of those ranges"). A filter that matches
   * nothing writes nothing and has no entry in `responses`; the reference does not say
   * what happens then, and a silent success is the reading harder on the caller (it
   * must check the responses to know its write landed).
   *
   * With `includeValuesInResponse`, each response's `updatedData` carries "the values of
   * the cells in the range matched by the dataFilter after all updates were applied"
   * (UpdateValuesByDataFilterResponse), the whole matched range even where fewer cells
   * were written (BatchUpdateValuesByDataFilterRequest: "If the range to write was
   * larger than the range actually written, the response includes all values in the
   * requested range (excluding trailing empty rows and columns)"), rendered by
   * `responseValueRenderOption` (default FORMATTED_VALUE) and
   * `responseDateTimeRenderOption` (default SERIAL_NUMBER; ignored for FORMATTED_VALUE).
   * So a caller sees whose row its write landed on, in the write's own response.
   */
  private valuesBatchUpdateByDataFilter(
    resource: BatchUpdateByDataFilterResource,
    id: string,
  ): unknown {
    const method = `${PREFIX}.values.batchUpdateByDataFilter`;
    const data = resource?.data ?? [];
    return this.ctx.meter.apiWrite(`Sheets.Values.batchUpdateByDataFilter ${data.length}`, () => {
      this.checkQuota(method, 'write');
      this.checkId(method, id);
      const option = this.inputOption(method, resource?.valueInputOption);
      const plans = data.flatMap((d, i) =>
        this.metadata.ranges(method, d.dataFilter ?? {}, `data[${i}].dataFilter`).map((range) => ({
          filter: d.dataFilter ?? {},
          range,
          plan: this.planWrite(
            method,
            range,
            { values: d.values as ApiValue[][] | undefined },
            `Invalid data[${i}]: `,
          ),
        })),
      );
      const responses: Array<
        UpdateValuesResponse & { dataFilter: DataFilter; updatedData?: ValueRange }
      > = plans.map((p) => ({
        ...this.applyWrite(p.plan, option),
        dataFilter: p.filter,
      }));
      // Read only once every update has applied ("after all updates were applied").
      if (resource?.includeValuesInResponse)
        plans.forEach((p, i) => {
          responses[i].updatedData = this.readRange(method, p.range, {
            valueRenderOption: resource.responseValueRenderOption,
            dateTimeRenderOption: resource.responseDateTimeRenderOption,
          });
        });
      const totals = {
        spreadsheetId: this.ctx.model.id,
        totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0),
        totalUpdatedColumns: responses.reduce((n, r) => n + r.updatedColumns, 0),
        totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
        totalUpdatedSheets: new Set(plans.map((p) => p.plan.sheet)).size,
        responses,
      };
      return { result: totals, written: totals.totalUpdatedCells };
    });
  }

  private valuesBatchClearByDataFilter(
    resource: { dataFilters?: DataFilter[] },
    id: string,
  ): { spreadsheetId: string; clearedRanges: string[] } {
    const method = `${PREFIX}.values.batchClearByDataFilter`;
    const filters = resource?.dataFilters ?? [];
    return this.ctx.meter.apiWrite(`Sheets.Values.batchClearByDataFilter ${filters.length}`, () => {
      this.checkQuota(method, 'write');
      this.checkId(method, id);
      const ranges = filters.flatMap((f, i) =>
        this.metadata.ranges(method, f, `dataFilters[${i}]`),
      );
      const done = ranges.map((r) => this.clearRange(method, r));
      return {
        result: { spreadsheetId: this.ctx.model.id, clearedRanges: done.map((d) => d.cleared) },
        written: done.reduce((n, d) => n + d.count, 0),
      };
    });
  }

  // ---- reads ----

  private valuesGet(id: string, range: string, opts: ReadOptions = {}): ValueRange {
    const method = `${PREFIX}.values.get`;
    return this.ctx.meter.call(() => {
      this.checkQuota(method, 'read');
      this.checkId(method, id);
      const vr = this.readRange(method, range, opts);
      return { result: vr, read: countCells(vr.values) };
    });
  }

  private valuesBatchGet(
    id: string,
    opts: ReadOptions & { ranges?: string | string[] } = {},
  ): { spreadsheetId: string; valueRanges: ValueRange[] } {
    const method = `${PREFIX}.values.batchGet`;
    return this.ctx.meter.call(() => {
      this.checkQuota(method, 'read');
      this.checkId(method, id);
      const ranges =
        opts.ranges === undefined ? [] : Array.isArray(opts.ranges) ? opts.ranges : [opts.ranges];
      const valueRanges = ranges.map((r) => this.readRange(method, r, opts));
      const result: { spreadsheetId: string; valueRanges: ValueRange[] } = {
        spreadsheetId: this.ctx.model.id,
        valueRanges,
      };
      return { result, read: valueRanges.reduce((n, vr) => n + countCells(vr.values), 0) };
    });
  }

  private readRange(method: string, range: string, opts: ReadOptions): ValueRange {
    const { sheet, box } = this.resolve(method, range);
    // Reads past the grid are clamped to it; a start outside the grid is an error.
    if (box.row > sheet.maxRows || box.col > sheet.maxCols)
      throw this.gridError(method, sheet, box);
    const clamped: GridBox = {
      row: box.row,
      col: box.col,
      numRows: Math.min(box.numRows, sheet.maxRows - box.row + 1),
      numCols: Math.min(box.numCols, sheet.maxCols - box.col + 1),
    };
    const render = opts.valueRenderOption ?? 'FORMATTED_VALUE';
    const dateRender = opts.dateTimeRenderOption ?? 'SERIAL_NUMBER';
    const major = opts.majorDimension ?? 'ROWS';
    const outer = major === 'ROWS' ? clamped.numRows : clamped.numCols;
    const inner = major === 'ROWS' ? clamped.numCols : clamped.numRows;
    const lines: ApiValue[][] = [];
    for (let i = 0; i < outer; i += 1) {
      const line: ApiValue[] = [];
      for (let j = 0; j < inner; j += 1) {
        const [r, c] =
          major === 'ROWS'
            ? [clamped.row + i, clamped.col + j]
            : [clamped.row + j, clamped.col + i];
        line.push(renderCell(sheet.peek(r, c), render, dateRender));
      }
      while (line.length > 0 && line[line.length - 1] === '') line.pop();
      lines.push(line);
    }
    while (lines.length > 0 && lines[lines.length - 1].length === 0) lines.pop();
    const out: ValueRange = {
      range: `${quoteSheetName(sheet.name)}!${rangeA1(clamped.row, clamped.col, clamped.numRows, clamped.numCols)}`,
      majorDimension: major,
    };
    if (lines.length > 0) out.values = lines;
    return out;
  }

  // ---- writes ----

  private valuesUpdate(
    resource: ValueRange,
    id: string,
    range: string,
    opts: { valueInputOption?: string } = {},
  ): UpdateValuesResponse {
    const method = `${PREFIX}.values.update`;
    return this.ctx.meter.apiWrite(`Sheets.Values.update ${range}`, () => {
      this.checkQuota(method, 'write');
      this.checkId(method, id);
      const option = this.inputOption(method, opts.valueInputOption);
      const plan = this.planWrite(method, range, resource);
      const res = this.applyWrite(plan, option);
      return { result: res, written: res.updatedCells };
    });
  }

  private valuesBatchUpdate(
    resource: { valueInputOption?: string; data?: ValueRange[] },
    id: string,
  ): unknown {
    const method = `${PREFIX}.values.batchUpdate`;
    const data = resource?.data ?? [];
    return this.ctx.meter.apiWrite(
      `Sheets.Values.batchUpdate ${data.map((d) => d.range).join(',')}`,
      () => {
        this.checkQuota(method, 'write');
        this.checkId(method, id);
        const option = this.inputOption(method, resource?.valueInputOption);
        // The API validates every range before changing anything.
        const plans = data.map((d, i) =>
          this.planWrite(method, String(d.range), d, `Invalid data[${i}]: `),
        );
        const responses = plans.map((p) => this.applyWrite(p, option));
        const sheets = new Set(plans.map((p) => p.sheet));
        const totals = {
          spreadsheetId: this.ctx.model.id,
          totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0),
          totalUpdatedColumns: responses.reduce((n, r) => n + r.updatedColumns, 0),
          totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
          totalUpdatedSheets: sheets.size,
          responses,
        };
        return { result: totals, written: totals.totalUpdatedCells };
      },
    );
  }

  private valuesAppend(
    resource: ValueRange,
    id: string,
    range: string,
    opts: { valueInputOption?: string; insertDataOption?: string } = {},
  ): unknown {
    const method = `${PREFIX}.values.append`;
    return this.ctx.meter.apiWrite(`Sheets.Values.append ${range}`, () => {
      this.checkQuota(method, 'write');
      this.checkId(method, id);
      const option = this.inputOption(method, opts.valueInputOption);
      const insert = opts.insertDataOption ?? 'OVERWRITE';
      if (insert !== 'OVERWRITE' && insert !== 'INSERT_ROWS')
        throw new GoogleJsonResponseException(
          method,
          400,
          `Invalid value at 'insert_data_option' (type.googleapis.com/google.apps.sheets.v4.InsertDataOption), "${insert}"`,
        );
      const { sheet, box, single } = this.resolve(method, range);
      const values = this.transport(method, resource);
      const searchCols = single
        ? { from: box.col, to: sheet.maxCols }
        : { from: box.col, to: box.col + box.numCols - 1 };
      const searchRows = single
        ? { from: box.row, to: sheet.maxRows }
        : { from: box.row, to: Math.min(sheet.maxRows, box.row + box.numRows - 1) };
      const table = findTable(sheet, searchRows, searchCols);
      const startRow = table ? table.row + table.numRows : box.row;
      const startCol = table ? table.col : box.col;
      const height = values.length;
      const width = values.reduce((w, r) => Math.max(w, r.length), 0);
      this.checkText(method, values, '');
      if (height > 0) {
        // All growth is checked before any of it happens: a refused append changes nothing.
        const inserted = insert === 'INSERT_ROWS' ? height : 0;
        const rowsAfter = Math.max(sheet.maxRows + inserted, startRow + height - 1);
        const colsAfter = Math.max(sheet.maxCols, startCol + width - 1);
        const added = rowsAfter * colsAfter - sheet.gridCells();
        if (added > 0 && this.ctx.model.gridCells() + added > MAX_CELLS)
          throw new GoogleJsonResponseException(method, 400, CELL_LIMIT_MESSAGE);
        if (insert === 'INSERT_ROWS')
          sheet.insertRowsBefore(Math.min(startRow, sheet.maxRows + 1), height);
        const needRows = startRow + height - 1 - sheet.maxRows;
        if (needRows > 0) sheet.insertRowsBefore(sheet.maxRows + 1, needRows);
        const needCols = startCol + width - 1 - sheet.maxCols;
        if (needCols > 0) sheet.insertColumnsBefore(sheet.maxCols + 1, needCols);
      }
      const updates = this.applyWrite({ sheet, row: startRow, col: startCol, values }, option);
      const result: { spreadsheetId: string; tableRange?: string; updates: UpdateValuesResponse } =
        { spreadsheetId: this.ctx.model.id, updates };
      if (table)
        result.tableRange = `${quoteSheetName(sheet.name)}!${rangeA1(table.row, table.col, table.numRows, table.numCols)}`;
      return { result, written: updates.updatedCells };
    });
  }

  private valuesClear(id: string, range: string): { spreadsheetId: string; clearedRange: string } {
    const method = `${PREFIX}.values.clear`;
    return this.ctx.meter.apiWrite(`Sheets.Values.clear ${range}`, () => {
      this.checkQuota(method, 'write');
      this.checkId(method, id);
      const { cleared, count } = this.clearRange(method, range);
      return {
        result: { spreadsheetId: this.ctx.model.id, clearedRange: cleared },
        written: count,
      };
    });
  }

  private valuesBatchClear(
    resource: { ranges?: string[] },
    id: string,
  ): { spreadsheetId: string; clearedRanges: string[] } {
    const method = `${PREFIX}.values.batchClear`;
    const ranges = resource?.ranges ?? [];
    return this.ctx.meter.apiWrite(`Sheets.Values.batchClear ${ranges.join(',')}`, () => {
      this.checkQuota(method, 'write');
      this.checkId(method, id);
      ranges.forEach((r) => this.resolve(method, r));
      const done = ranges.map((r) => this.clearRange(method, r));
      return {
        result: { spreadsheetId: this.ctx.model.id, clearedRanges: done.map((d) => d.cleared) },
        written: done.reduce((n, d) => n + d.count, 0),
      };
    });
  }

  // ---- helpers ----

  /** The per-minute quota (sheets-quota.ts): a refused call fails with HTTP 429 and changes nothing. */
  private checkQuota(method: string, kind: 'read' | 'write'): void {
    const refused = this.ctx.deps.sheetsQuota?.take(kind);
    if (refused) throw new GoogleJsonResponseException(method, 429, refused);
  }

  private checkId(method: string, id: string): void {
    if (this.denied)
      throw new GoogleJsonResponseException(method, 403, 'The caller does not have permission');
    if (id !== this.ctx.model.id)
      throw new GoogleJsonResponseException(method, 404, 'Requested entity was not found.');
  }

  private inputOption(method: string, option: string | undefined): 'RAW' | 'USER_ENTERED' {
    if (option === 'RAW' || option === 'USER_ENTERED') return option;
    if (option === undefined || option === 'INPUT_VALUE_OPTION_UNSPECIFIED')
      throw new GoogleJsonResponseException(
        method,
        400,
        'Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED',
      );
    throw new GoogleJsonResponseException(
      method,
      400,
      `Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "${option}"`,
    );
  }

  /** Resolves 'sheet!A1:B2', "'my sheet'!A:Z", 'settings' (a whole sheet) or 'A1:B2' (first sheet). */
  private resolve(method: string, range: string): Resolved {
    const model = this.ctx.model;
    const fail = (): never => {
      throw new GoogleJsonResponseException(method, 400, `Unable to parse range: ${range}`);
    };
    if (typeof range !== 'string' || range.trim() === '') return fail();
    const split = splitSheet(range);
    if (!split) return fail();
    let sheet: SheetModel | undefined;
    let rest = split.rest;
    if (split.sheetName !== undefined) {
      sheet = model.byName(split.sheetName);
      if (!sheet) return fail();
    } else if (model.byName(split.rest)) {
      sheet = model.byName(split.rest);
      rest = '';
    } else sheet = model.sheets[0];
    if (!sheet) return fail();
    if (rest === '')
      return {
        sheet,
        box: { row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxCols },
        single: false,
      };
    const cells = parseCells(rest);
    if (!cells) return fail();
    const single = !rest.includes(':');
    return { sheet, box: resolveBox(cells, sheet.maxRows, sheet.maxCols), single };
  }

  /** Refuses the whole request when one cell would hold more than 50,000 characters. */
  private checkText(method: string, values: (ApiValue | null)[][], prefix: string): void {
    try {
      for (const line of values) for (const v of line) checkCellText(v);
    } catch (e) {
      if (e instanceof SizeLimitError)
        throw new GoogleJsonResponseException(method, 400, `${prefix}${e.message}`);
      throw e;
    }
  }

  private gridError(method: string, sheet: SheetModel, box: GridBox): GoogleJsonResponseException {
    return new GoogleJsonResponseException(
      method,
      400,
      `Range (${alwaysQuoted(sheet.name)}!${rangeA1(box.row, box.col, box.numRows, box.numCols)}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxCols}`,
    );
  }

  /** The JSON round trip every advanced-service request takes; rejects non-scalar cells. */
  private transport(method: string, resource: ValueRange | undefined): (ApiValue | null)[][] {
    const raw = resource?.values;
    if (raw === undefined || raw === null) return [];
    const values = JSON.parse(JSON.stringify(raw)) as unknown;
    if (!Array.isArray(values))
      throw new GoogleJsonResponseException(
        method,
        400,
        `Invalid JSON payload received. Unknown name "values": Proto field is not repeating, cannot start list.`,
      );
    return values.map((row: unknown, i: number) => {
      if (!Array.isArray(row))
        throw new GoogleJsonResponseException(
          method,
          400,
          `Invalid values[${i}]: ${JSON.stringify(row)}`,
        );
      return row.map((v: unknown, j: number) => {
        if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
          return v;
        throw new GoogleJsonResponseException(
          method,
          400,
          `Invalid values[${i}][${j}]: ${Array.isArray(v) ? 'list_value' : 'struct_value'} ${JSON.stringify(v)}`,
        );
      });
    });
  }

  /** Checks a write against its range and the grid; returns where it lands. */
  private planWrite(
    method: string,
    range: string,
    resource: ValueRange,
    errorPrefix = '',
  ): { sheet: SheetModel; row: number; col: number; values: (ApiValue | null)[][] } {
    const { sheet, box, single } = this.resolve(method, range);
    const values = this.transport(method, resource);
    this.checkText(method, values, errorPrefix);
    const height = values.length;
    const width = values.reduce((w, r) => Math.max(w, r.length), 0);
    if (!single) {
      const label = `${quoteSheetName(sheet.name)}!${rangeA1(box.row, box.col, box.numRows, box.numCols)}`;
      if (height > box.numRows)
        throw new GoogleJsonResponseException(
          method,
          400,
          `Requested writing within range [${label}], but tried writing to row [${box.row + box.numRows}]`,
        );
      if (width > box.numCols)
        throw new GoogleJsonResponseException(
          method,
          400,
          `Requested writing within range [${label}], but tried writing to column [${columnLetter(box.col + box.numCols)}]`,
        );
    }
    const extent: GridBox = {
      row: box.row,
      col: box.col,
      numRows: Math.max(1, height),
      numCols: Math.max(1, width),
    };
    if (
      extent.row + extent.numRows - 1 > sheet.maxRows ||
      extent.col + extent.numCols - 1 > sheet.maxCols
    )
      throw this.gridError(method, sheet, extent);
    return { sheet, row: box.row, col: box.col, values };
  }

  private applyWrite(
    plan: { sheet: SheetModel; row: number; col: number; values: (ApiValue | null)[][] },
    option: 'RAW' | 'USER_ENTERED',
  ): UpdateValuesResponse {
    const { sheet, row, col, values } = plan;
    const tz = this.ctx.model.timeZone;
    let cells = 0;
    let rows = 0;
    let maxCol = 0;
    values.forEach((line, i) => {
      let any = false;
      line.forEach((v, j) => {
        if (v === null) return;
        const r = row + i;
        const c = col + j;
        storeParsed(
          sheet,
          r,
          c,
          option === 'RAW' ? parseRaw(v) : parseUserEntered(v, sheet.peek(r, c)?.format ?? '', tz),
        );
        cells += 1;
        any = true;
        maxCol = Math.max(maxCol, j + 1);
      });
      if (any) rows += 1;
    });
    const height = Math.max(1, values.length);
    const width = Math.max(
      1,
      values.reduce((w, r) => Math.max(w, r.length), 0),
    );
    const out: UpdateValuesResponse = {
      spreadsheetId: this.ctx.model.id,
      updatedRange: `${quoteSheetName(sheet.name)}!${rangeA1(row, col, height, width)}`,
      updatedRows: rows,
      updatedColumns: maxCol,
      updatedCells: cells,
    };
    return out;
  }

  private clearRange(method: string, range: string): { cleared: string; count: number } {
    const { sheet, box } = this.resolve(method, range);
    const rows = Math.min(box.numRows, sheet.maxRows - box.row + 1);
    const cols = Math.min(box.numCols, sheet.maxCols - box.col + 1);
    let count = 0;
    for (let r = box.row; r < box.row + rows; r += 1)
      for (let c = box.col; c < box.col + cols; c += 1) {
        const cell = sheet.peek(r, c);
        if (hasContent(cell)) {
          cell!.value = '';
          cell!.formula = '';
          count += 1;
        }
      }
    return {
      cleared: `${quoteSheetName(sheet.name)}!${rangeA1(box.row, box.col, rows, cols)}`,
      count,
    };
  }
}

/** One cell rendered for a values read. */
function renderCell(
  cell: Cell | undefined,
  render: ValueRenderOption,
  dateRender: DateTimeRenderOption,
): ApiValue {
  if (!cell || !hasContent(cell)) return '';
  if (render === 'FORMATTED_VALUE') return displayValue(cell);
  if (cell.formula) return render === 'FORMULA' ? cell.formula : displayValue(cell);
  if (
    typeof cell.value === 'number' &&
    isDateTimeFormat(cell.format) &&
    dateRender === 'FORMATTED_STRING'
  )
    return displayValue(cell);
  return cell.value;
}

function countCells(values: ApiValue[][] | undefined): number {
  return values ? values.reduce((n, r) => n + r.length, 0) : 0;
}

/**
 * The table values.append writes below: the first run of consecutive rows that have
 * content within the searched columns, spanning the columns that hold that content.
 */
function findTable(
  sheet: SheetModel,
  rows: { from: number; to: number },
  cols: { from: number; to: number },
): GridBox | null {
  const rowSpan = (r: number): { first: number; last: number } | null => {
    let first = 0;
    let last = 0;
    for (let c = cols.from; c <= cols.to; c += 1) {
      if (hasContent(sheet.peek(r, c))) {
        if (!first) first = c;
        last = c;
      }
    }
    return first ? { first, last } : null;
  };
  let start = 0;
  for (let r = rows.from; r <= rows.to; r += 1) {
    if (rowSpan(r)) {
      start = r;
      break;
    }
  }
  if (!start) return null;
  let end = start;
  let left = Infinity;
  let right = 0;
  for (let r = start; r <= rows.to; r += 1) {
    const span = rowSpan(r);
    if (!span) break;
    end = r;
    left = Math.min(left, span.first);
    right = Math.max(right, span.last);
  }
  return { row: start, col: left, numRows: end - start + 1, numCols: right - left + 1 };
}

/**
 * The `sheets` of an updatedSpreadsheet: each sheet once, in the order of its first
 * range, with one GridData per range when grid data was asked for. A cell with content
 * carries userEnteredValue, effectiveValue (a formula's is its stored placeholder) and
 * formattedValue; an empty cell is `{}`; rows end at their last cell with content.
 */
function gridDataOf(
  ranges: readonly Resolved[],
  withData: boolean,
): { sheets: object[]; cells: number } {
  const bySheet = new Map<SheetModel, object[]>();
  let cells = 0;
  for (const { sheet, box } of ranges) {
    const data = bySheet.get(sheet) ?? [];
    bySheet.set(sheet, data);
    if (!withData) continue;
    const rows = Math.max(0, Math.min(box.numRows, sheet.maxRows - box.row + 1));
    const cols = Math.max(0, Math.min(box.numCols, sheet.maxCols - box.col + 1));
    const rowData: object[] = [];
    for (let r = box.row; r < box.row + rows; r += 1) {
      const values: object[] = [];
      for (let c = box.col; c < box.col + cols; c += 1) {
        const cell = sheet.peek(r, c);
        if (!cell || !hasContent(cell)) {
          values.push({});
          continue;
        }
        cells += 1;
        const effective = cell.formula ? displayValue(cell) : cell.value;
        values.push({
          userEnteredValue: cell.formula ? { formulaValue: cell.formula } : typedValue(cell.value),
          effectiveValue: typedValue(effective),
          formattedValue: displayValue(cell),
        });
      }
      while (values.length > 0 && Object.keys(values[values.length - 1]).length === 0) values.pop();
      rowData.push(values.length ? { values } : {});
    }
    // proto3 JSON leaves out zero values, as the API does.
    data.push({
      ...(box.row > 1 ? { startRow: box.row - 1 } : {}),
      ...(box.col > 1 ? { startColumn: box.col - 1 } : {}),
      rowData,
    });
  }
  const sheets = [...bySheet].map(([sheet, data]) => ({
    properties: sheetProperties(sheet),
    ...(withData ? { data } : {}),
  }));
  return { sheets, cells };
}

/** A sheet's SheetProperties: id, title and grid size (proto3 JSON omits zero values). */
function sheetProperties(sheet: SheetModel): object {
  return {
    sheetId: sheet.sheetId,
    title: sheet.name,
    gridProperties: {
      rowCount: sheet.maxRows,
      columnCount: sheet.maxCols,
      ...(sheet.frozenRows ? { frozenRowCount: sheet.frozenRows } : {}),
    },
  };
}

/** An ExtendedValue: the one field that fits the stored value. */
function typedValue(value: string | number | boolean): object {
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return { stringValue: value };
}

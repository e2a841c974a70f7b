/**
 * The advanced Sheets service's values endpoints, the only way this engine reads and
 * writes data rows: one batchGet reads every sheet, one batchUpdate writes scattered
 * cells, and RAW input keeps text as text (no formulas, no numbers from phones).
 * API failures become coded errors that name the sheet to repair.
 *
 * The Sheets API allows 60 read and 60 write requests per minute per user
 * (developers.google.com/sheets/api/limits), and every execution of this project runs
 * as its owner. A call the quota refuses (HTTP 429) changes nothing, so it is retried
 * with exponential backoff (1, 2, 4 … 32 s, Google's advice on that page) for as long as
 * the run's quota budget allows; then it fails with SHEETS_QUOTA. Once a commit's first
 * write has gone through, its remaining writes may wait a minute more than the budget:
 * a half-written commit is worse than a late one.
 */
import { errorText, RoutingError } from '../domain/errors';
import type { CellValue } from './header-table';
import { freeRows, reserveRequests, tailRange, type RowReservation } from './sheets-row-reserve';

export interface ValueRange {
  range: string;
  values: CellValue[][];
}

/**
 * A write located by a row anchor (developer metadata id) or by A1 range; `null` cells
 * are skipped by the API ("Null values will be skipped"), so a whole-row array with
 * nulls changes only the cells it names.
 */
export type FilteredWrite =
  | { anchor: number; values: Array<Array<CellValue | null>> }
  | { range: string; values: CellValue[][] };

/** What a write through an anchor did, from the write's own response. */
export interface LandedWrite {
  /** Cells written. */
  cells: number;
  /** The whole row the write landed on, after the write (unformatted, serial dates). */
  row: CellValue[];
  /** That row's A1 range, e.g. 'lead_sheet'!A7:Z7. */
  range: string;
}

/** A row anchored and read back in the same call. */
export interface AnchoredRow {
  /** The developer metadata id that now follows this row. */
  anchor: number;
  /** The row's cells (unformatted, dates as serial numbers) right after anchoring. */
  cells: CellValue[];
}

/**
 * The developer metadata key of the engine's row anchors. Anchors are transient: a
 * commit anchors only the rows it writes, and deletes every older anchor in the same
 * call (sheets-workbook.ts).
 */
export const ANCHOR_KEY = 'lead_routing_row_anchor';

/** Rows held back by appendsInOneCall; `formats`: number format per column ('' none). */
interface GatheredAppend {
  sheet: string;
  rows: readonly CellValue[][];
  formats?: readonly string[];
}

/** A cell as the API's CellData: text is never parsed (as RAW); '' is left empty. */
function cellData(value: CellValue, format = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof value === 'number') out.userEnteredValue = { numberValue: value };
  else if (typeof value === 'boolean') out.userEnteredValue = { boolValue: value };
  else if (value !== '' && value !== null && value !== undefined)
    out.userEnteredValue = { stringValue: String(value) };
  if (format) out.userEnteredFormat = { numberFormat: { type: 'DATE_TIME', pattern: format } };
  return out;
}

function api(): GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection {
  if (typeof Sheets === 'undefined' || !Sheets) {
    throw new RoutingError(
      'NOT_CONFIGURED',
      'The advanced Sheets service is not enabled: it is declared in appsscript.json; push the manifest again with clasp.',
    );
  }
  return Sheets.Spreadsheets;
}

function explain(err: unknown, what: string): never {
  if (err instanceof RoutingError) throw err;
  const message = errorText(err);
  const missing = /Unable to parse range: '?([^'!]+)'?/.exec(message);
  if (missing)
    throw new RoutingError(
      'MISSING_SHEET',
      `Sheet "${missing[1]}" is missing. Run Lead Routing → Set up to create it.`,
    );
  throw new RoutingError('SHEETS_API', `${what} failed: ${message}`);
}

/** How a run waits out the per-minute quota. */
export interface QuotaBudget {
  /** Ms the run may spend waiting for the quota in all (0 = never wait: the web app). */
  waitMs: number;
  /** Epoch ms now. */
  now(): number;
  /** Waits, counting against the execution's time. */
  sleep(ms: number): void;
}

/** First backoff and its cap, in ms. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 32_000;
/** A quota window is a minute: a started commit may wait this long past the budget to finish. */
const FINISH_COMMIT_MS = 61_000;

/** True for the API's "Quota exceeded …" / 429 RESOURCE_EXHAUSTED answers. */
export function isQuotaError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /Quota exceeded for quota metric|RESOURCE_EXHAUSTED|rateLimitExceeded|\b429\b/.test(
    message,
  );
}

const SHEET_IDS_CACHE_KEY = 'lead-routing:sheet-ids';
/** Seconds sheet ids stay cached; a stale id fails loudly and is forgotten. */
const SHEET_IDS_CACHE_SECONDS = 21_600;

/**
 * Records the sheet ids Set up has just seen (it walks every sheet anyway), so that no
 * run spends a round trip on them, least of all a click (a row anchor needs its sheet's
 * id).
 */
export function rememberSheetIds(ids: Record<string, number>): void {
  CacheService.getScriptCache().put(
    SHEET_IDS_CACHE_KEY,
    JSON.stringify(ids),
    SHEET_IDS_CACHE_SECONDS,
  );
  PropertiesService.getScriptProperties().setProperty(SHEET_IDS_CACHE_KEY, JSON.stringify(ids));
}

export class SheetsValues {
  private readonly startedMs: number;
  /** API calls made so far (each retry counts): tells a commit whether its read is still the last call. */
  calls = 0;
  /** Set while a commit has written something: its other writes must go through. */
  private finishingUntilMs = 0;
  /** Appends held back by appendsInOneCall (null: appends go out at once). */
  private gathered: GatheredAppend[] | null = null;

  constructor(
    private readonly spreadsheetId: string,
    private readonly quota: QuotaBudget = {
      waitMs: 0,
      now: () => Date.now(),
      sleep: (ms) => Utilities.sleep(ms),
    },
  ) {
    this.startedMs = quota.now();
  }

  /**
   * Runs `work` (a commit's writes): after its first write succeeds, a refused write may
   * wait up to a minute past the run's budget, so the commit is not left half done.
   * `started`: what the commit records already happened elsewhere (messages sent), so
   * every call of it may wait so, the first read included.
   */
  writing<T>(work: () => T, started = false): T {
    const outer = this.finishingUntilMs;
    // -1 = armed: the first successful write sets it.
    this.finishingUntilMs = started ? this.quota.now() + FINISH_COMMIT_MS : -1;
    try {
      return work();
    } finally {
      this.finishingUntilMs = outer;
    }
  }

  /**
   * One API call, retried while the per-minute quota refuses it and the budget allows.
   * `arms` = false for a write that changes no cell (an anchor): the commit has not
   * started writing yet.
   */
  private call<T>(kind: 'read' | 'write', request: () => T, arms = true): T {
    for (let attempt = 0; ; attempt++) {
      try {
        this.calls++;
        const result = request();
        if (kind === 'write' && arms && this.finishingUntilMs === -1)
          this.finishingUntilMs = this.quota.now() + FINISH_COMMIT_MS;
        return result;
      } catch (err) {
        if (!isQuotaError(err)) throw err;
        const wait = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
        const deadline = Math.max(this.startedMs + this.quota.waitMs, this.finishingUntilMs);
        // The last try comes at the deadline itself, not a whole backoff step before it.
        const left = deadline - this.quota.now();
        if (left < FIRST_BACKOFF_MS)
          throw new RoutingError(
            'SHEETS_QUOTA',
            `The Sheets API's per-minute ${kind} quota is used up (60 a minute per user); nothing more was ${kind === 'read' ? 'read' : 'written'}. It refills within a minute. (${err instanceof Error ? err.message : String(err)})`,
          );
        this.quota.sleep(Math.min(wait, left));
      }
    }
  }

  /**
   * Sheet ids by title (needed for structural requests and row anchors), kept in the
   * script cache and in Script Properties (a sheet's id never changes, and a click has
   * no round trip to spare when the cache has expired). A stale id (a sheet deleted and
   * made again by Set up) fails loudly once and is forgotten (forgetSheetIds).
   */
  sheetIds(): Map<string, number> {
    const cache = CacheService.getScriptCache();
    const cached =
      cache.get(SHEET_IDS_CACHE_KEY) ??
      PropertiesService.getScriptProperties().getProperty(SHEET_IDS_CACHE_KEY);
    if (cached) return new Map(Object.entries(JSON.parse(cached) as Record<string, number>));
    try {
      const response = this.call('read', () =>
        api().get(this.spreadsheetId, {
          fields: 'sheets.properties(sheetId,title)',
        }),
      );
      const ids: Record<string, number> = {};
      for (const sheet of response.sheets ?? [])
        ids[sheet.properties?.title ?? ''] = sheet.properties?.sheetId ?? 0;
      cache.put(SHEET_IDS_CACHE_KEY, JSON.stringify(ids), SHEET_IDS_CACHE_SECONDS);
      PropertiesService.getScriptProperties().setProperty(SHEET_IDS_CACHE_KEY, JSON.stringify(ids));
      return new Map(Object.entries(ids));
    } catch (err) {
      return explain(err, 'Reading the sheet list');
    }
  }

  /** Every sheet's title, id and grid size, read now (not cached): a spreadsheet's cells in use. */
  grids(): Array<{ title: string; sheetId: number; rows: number; columns: number }> {
    try {
      const response = this.call('read', () =>
        api().get(this.spreadsheetId, {
          fields: 'sheets.properties(sheetId,title,gridProperties(rowCount,columnCount))',
        }),
      );
      return (response.sheets ?? []).map((sheet) => ({
        title: sheet.properties?.title ?? '',
        sheetId: sheet.properties?.sheetId ?? 0,
        rows: sheet.properties?.gridProperties?.rowCount ?? 0,
        columns: sheet.properties?.gridProperties?.columnCount ?? 0,
      }));
    } catch (err) {
      return explain(err, 'Reading the sheet list');
    }
  }

  /** Adds columns at the right of a sheet, so header cells can be written there. */
  appendColumns(sheet: string, count: number): void {
    const sheetId = this.sheetIds().get(sheet);
    if (sheetId === undefined)
      throw new RoutingError(
        'MISSING_SHEET',
        `Sheet "${sheet}" is missing. Run Lead Routing → Set up to create it.`,
      );
    try {
      this.call('write', () =>
        api().batchUpdate(
          { requests: [{ appendDimension: { sheetId, dimension: 'COLUMNS', length: count } }] },
          this.spreadsheetId,
        ),
      );
    } catch (err) {
      this.forgetSheetIds();
      explain(err, `Adding columns to ${sheet}`);
    }
  }

  /**
   * Deletes row runs in one call. `runs` are 1-based sheet rows, inclusive; they are
   * applied bottom-up per sheet so earlier deletions do not shift later ones.
   */
  deleteRows(
    runs: ReadonlyArray<{ sheet: string; first: number; last: number }>,
    readBack: readonly string[] = [],
  ): CellValue[][][] {
    if (runs.length === 0) return [];
    const ids = this.sheetIds();
    const requests = [...runs]
      .sort((a, b) => (a.sheet === b.sheet ? b.first - a.first : a.sheet.localeCompare(b.sheet)))
      .map((run) => {
        const sheetId = ids.get(run.sheet);
        if (sheetId === undefined)
          throw new RoutingError(
            'MISSING_SHEET',
            `Sheet "${run.sheet}" is missing. Run Lead Routing → Set up to create it.`,
          );
        return {
          deleteDimension: {
            range: { sheetId, dimension: 'ROWS', startIndex: run.first - 1, endIndex: run.last },
          },
        };
      });
    try {
      const response = this.call('write', () =>
        api().batchUpdate(
          readBack.length
            ? {
                requests,
                includeSpreadsheetInResponse: true,
                responseRanges: [...readBack],
                responseIncludeGridData: true,
              }
            : { requests },
          this.spreadsheetId,
        ),
      );
      return gridValues(response.updatedSpreadsheet, readBack);
    } catch (err) {
      this.forgetSheetIds();
      return explain(err, 'Deleting archived rows');
    }
  }

  /**
   * Runs `work` with its RAW appends held back and sent at the end as ONE
   * spreadsheets.batchUpdate of appendCells requests (new rows of several sheets in one
   * round trip, applied all or nothing; for the web app, which Slack gives 3 s). Every
   * other call inside `work` goes out at once, in order, before them. Appended rows get
   * `formats` as their number formats: the reference documents none for the rows
   * appendCells inserts.
   */
  appendsInOneCall<T>(work: () => T): T {
    if (this.gathered) return work();
    this.gathered = [];
    try {
      const result = work();
      const appends = this.gathered;
      this.gathered = null;
      if (appends.length) this.sendAppends(appends);
      return result;
    } finally {
      this.gathered = null;
    }
  }

  private sendAppends(appends: readonly GatheredAppend[]): void {
    for (let attempt = 0; ; attempt++) {
      try {
        const requests = appends.map((a) => ({
          appendCells: {
            sheetId: this.sheetId(a.sheet),
            rows: a.rows.map((line) => ({
              values: line.map((v, j) => cellData(v, a.formats?.[j] ?? '')),
            })),
            fields: a.formats?.some((f) => f)
              ? 'userEnteredValue,userEnteredFormat.numberFormat'
              : 'userEnteredValue',
          },
        }));
        this.call('write', () => api().batchUpdate({ requests }, this.spreadsheetId));
        return;
      } catch (err) {
        // An admin made a sheet again since its id was stored: the ids afresh, once.
        if (attempt === 0 && /No grid with id/.test(errorText(err))) {
          this.forgetSheetIds();
          continue;
        }
        explain(err, `Appending to ${appends.map((a) => a.sheet).join(', ')}`);
      }
    }
  }

  private forgetSheetIds(): void {
    CacheService.getScriptCache().remove(SHEET_IDS_CACHE_KEY);
    PropertiesService.getScriptProperties().deleteProperty(SHEET_IDS_CACHE_KEY);
  }

  private sheetId(sheet: string): number {
    const sheetId = this.sheetIds().get(sheet);
    if (sheetId === undefined)
      throw new RoutingError(
        'MISSING_SHEET',
        `Sheet "${sheet}" is missing. Run Lead Routing → Set up to create it.`,
      );
    return sheetId;
  }

  /**
   * Anchors `rows` (1-based) of `sheet` with developer metadata and reads them back, in
   * ONE spreadsheets.batchUpdate: its requests apply atomically and the response's grid
   * data (responseRanges) is read after they applied, so each row read back is the row
   * its anchor is on, and `reads` (any other ranges) show the sheets at that same
   * instant. A ROWS anchor "remains associated" with its row as rows move (REST
   * reference, spreadsheets.developerMetadata), so a write by its data filter lands on
   * that row wherever a later sort or insert puts it. With `dropStale`, every older
   * anchor of the engine is deleted first, in the same call: anchors stay few (metadata
   * has size limits) and a leftover one can never be written through.
   * @returns the anchored rows, and the values of `reads` (as batchGet returns them)
   */
  anchorRows(
    sheet: string,
    rows: readonly number[],
    dropStale: boolean,
    reads: readonly string[] = [],
    reserve: readonly RowReservation[] = [],
  ): { rows: AnchoredRow[]; read: CellValue[][][]; free: Map<string, number[]> } {
    const free = new Map<string, number[]>();
    if (rows.length === 0 && !dropStale && reads.length === 0) return { rows: [], read: [], free };
    for (let attempt = 0; ; attempt++) {
      const sheetId = rows.length || dropStale ? this.sheetId(sheet) : 0;
      const requests: object[] = dropStale
        ? [
            {
              deleteDeveloperMetadata: {
                dataFilter: { developerMetadataLookup: { metadataKey: ANCHOR_KEY } },
              },
            },
          ]
        : [];
      for (const row of rows)
        requests.push({
          createDeveloperMetadata: {
            developerMetadata: {
              metadataKey: ANCHOR_KEY,
              visibility: 'DOCUMENT',
              location: {
                dimensionRange: { sheetId, dimension: 'ROWS', startIndex: row - 1, endIndex: row },
              },
            },
          },
        });
      // Rows set aside for the commit's appends (sheets-row-reserve.ts), after the anchors.
      const reserving = reserve.filter((r) => r.count > 0);
      for (const r of reserving) requests.push(...reserveRequests(r, this.sheetId(r.sheet)));
      const quoted = `'${sheet.replace(/'/g, "''")}'`;
      const ranges = [
        ...reads,
        ...rows.map((row) => `${quoted}!${row}:${row}`),
        ...reserving.map(tailRange),
      ];
      try {
        const response = this.call(
          'write',
          () =>
            api().batchUpdate(
              {
                requests,
                includeSpreadsheetInResponse: ranges.length > 0,
                responseRanges: ranges,
                responseIncludeGridData: ranges.length > 0,
              },
              this.spreadsheetId,
            ),
          false,
        );
        const replies = (response.replies ?? []).slice(dropStale ? 1 : 0);
        const values = gridValues(response.updatedSpreadsheet, ranges);
        reserving.forEach((r, i) =>
          free.set(r.sheet, freeRows(r, values[reads.length + rows.length + i] ?? [])),
        );
        return {
          rows: rows.map((_, i) => ({
            anchor: replies[i]?.createDeveloperMetadata?.developerMetadata?.metadataId ?? 0,
            cells: values[reads.length + i]?.[0] ?? [],
          })),
          read: values.slice(0, reads.length),
          free,
        };
      } catch (err) {
        if (attempt === 0 && /No grid with id/.test(errorText(err))) {
          this.forgetSheetIds();
          continue;
        }
        return explain(err, `Anchoring rows of ${sheet}`);
      }
    }
  }

  /**
   * Writes scattered cells in one call, RAW: anchored rows by their data filter (the
   * row wherever it is now), other ranges by A1. The same call answers, per anchor, the
   * whole row it wrote "after all updates were applied" (includeValuesInResponse,
   * UpdateValuesByDataFilterResponse.updatedData): its lead_id cell, which no write
   * changes, says whose row the write actually landed on, at no extra call.
   * @returns per anchor: cells written (an anchor whose row was deleted matched
   *   nothing: absent), the row as it is after the write, and its A1 range
   */
  batchUpdateByDataFilter(writes: readonly FilteredWrite[]): Map<number, LandedWrite> {
    const written = new Map<number, LandedWrite>();
    if (writes.length === 0) return written;
    try {
      const response = this.call('write', () =>
        api().Values.batchUpdateByDataFilter(
          {
            valueInputOption: 'RAW',
            includeValuesInResponse: true,
            responseValueRenderOption: 'UNFORMATTED_VALUE',
            responseDateTimeRenderOption: 'SERIAL_NUMBER',
            data: writes.map((w) => ({
              dataFilter:
                'anchor' in w
                  ? { developerMetadataLookup: { metadataId: w.anchor } }
                  : { a1Range: w.range },
              values: w.values as unknown as object[][],
            })),
          },
          this.spreadsheetId,
        ),
      );
      for (const r of response.responses ?? []) {
        const id = r.dataFilter?.developerMetadataLookup?.metadataId;
        if (id === undefined) continue;
        const before = written.get(id);
        written.set(id, {
          cells: (before?.cells ?? 0) + (r.updatedCells ?? 0),
          row: (r.updatedData?.values?.[0] ?? []) as CellValue[],
          range: r.updatedData?.range ?? r.updatedRange ?? '',
        });
      }
      return written;
    } catch (err) {
      return explain(err, 'Writing the spreadsheet');
    }
  }

  /** Clears A1 ranges in one call (batchClearByDataFilter, a1Range filters). */
  clearRanges(ranges: readonly string[]): void {
    this.clearByFilters(
      ranges.map((a1Range) => ({ a1Range })),
      'Clearing rows',
    );
  }

  /** Clears the anchored rows (wherever they are now) in one call. */
  clearAnchored(anchors: readonly number[]): void {
    this.clearByFilters(
      anchors.map((metadataId) => ({ developerMetadataLookup: { metadataId } })),
      'Clearing archived rows',
    );
  }

  /** One values.batchClearByDataFilter; `what` names the step in the error. */
  private clearByFilters(dataFilters: readonly object[], what: string): void {
    if (dataFilters.length === 0) return;
    try {
      this.call('write', () =>
        api().Values.batchClearByDataFilter({ dataFilters: [...dataFilters] }, this.spreadsheetId),
      );
    } catch (err) {
      explain(err, what);
    }
  }

  /**
   * Reads ranges as unformatted values with dates as serial numbers (or, with
   * 'FORMATTED_VALUE', as the sheet shows them).
   */
  batchGet(
    ranges: readonly string[],
    render: 'UNFORMATTED_VALUE' | 'FORMATTED_VALUE' = 'UNFORMATTED_VALUE',
  ): CellValue[][][] {
    if (ranges.length === 0) return [];
    try {
      const response = this.call('read', () =>
        api().Values.batchGet(this.spreadsheetId, {
          ranges: [...ranges],
          valueRenderOption: render,
          dateTimeRenderOption: 'SERIAL_NUMBER',
        }),
      );
      return (response.valueRanges ?? []).map((vr) => (vr.values ?? []) as CellValue[][]);
    } catch (err) {
      return explain(err, 'Reading the spreadsheet');
    }
  }

  /**
   * Reads ranges as batchGet does (unformatted, dates as serial numbers), through
   * spreadsheets.get, which also answers the grid size of every sheet a range names: a
   * Slack path learns in its first call where each sheet's grid ends, so its next call
   * can set rows aside there (sheets-row-reserve.ts). Same one read request and the same
   * cells as batchGet.
   * @returns the values per range, and grid row counts by sheet title
   */
  readWithGridSizes(ranges: readonly string[]): {
    values: CellValue[][][];
    rowCounts: Map<string, number>;
  } {
    try {
      const response = this.call('read', () =>
        api().get(this.spreadsheetId, {
          ranges: [...ranges],
          fields:
            'sheets(properties(title,gridProperties(rowCount,columnCount)),data(startRow,startColumn,rowData(values(effectiveValue,formattedValue))))',
        }),
      );
      const rowCounts = new Map<string, number>();
      for (const sheet of response.sheets ?? [])
        rowCounts.set(
          sheet.properties?.title ?? '',
          sheet.properties?.gridProperties?.rowCount ?? 0,
        );
      return { values: gridValues(response, ranges), rowCounts };
    } catch (err) {
      return explain(err, 'Reading the spreadsheet');
    }
  }

  /** Writes scattered ranges in one call, RAW. */
  batchUpdate(data: readonly ValueRange[]): void {
    if (data.length === 0) return;
    try {
      this.call('write', () =>
        api().Values.batchUpdate(
          {
            valueInputOption: 'RAW',
            data: data.map((d) => ({ range: d.range, values: d.values })),
          },
          this.spreadsheetId,
        ),
      );
    } catch (err) {
      explain(err, 'Writing the spreadsheet');
    }
  }

  /**
   * Appends rows after the sheet's data, RAW unless told otherwise. INSERT_ROWS inserts
   * fresh rows, so a blank row an admin left in the middle never makes new rows
   * overwrite the rows below it (the API's "table" ends at the first blank row). New
   * rows take the formats of the row above; setup() gives the header row its column's
   * format for that reason.
   */
  append(
    sheet: string,
    rows: readonly CellValue[][],
    input: 'RAW' | 'USER_ENTERED' = 'RAW',
    formats?: readonly string[],
  ): number {
    if (this.gathered && input === 'RAW') {
      this.gathered.push({ sheet, rows: [...rows], formats });
      return 0;
    }
    try {
      const response = this.call('write', () =>
        api().Values.append(
          { values: rows as CellValue[][] },
          this.spreadsheetId,
          `'${sheet.replace(/'/g, "''")}'!A1`,
          {
            valueInputOption: input,
            insertDataOption: 'INSERT_ROWS',
          },
        ),
      );
      const updated = response.updates?.updatedRange ?? '';
      const match = /!\$?[A-Z]+\$?(\d+)/.exec(updated);
      return match ? Number(match[1]) : 0;
    } catch (err) {
      return explain(err, `Appending to ${sheet}`);
    }
  }
}

/**
 * The values of each response range of an updatedSpreadsheet, as values.batchGet would
 * give them (relative to the range's first row; rows end at their last value). The
 * response holds each sheet once, with one GridData per range on it, in request order.
 */
function gridValues(
  spreadsheet: GoogleAppsScript.Sheets.Schema.Spreadsheet | undefined,
  ranges: readonly string[],
): CellValue[][][] {
  const sheets = spreadsheet?.sheets ?? [];
  const next = new Map<string, number>();
  return ranges.map((range) => {
    const bang = range.lastIndexOf('!');
    const name = bang >= 0 ? range.slice(0, bang) : range;
    const title = name.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    const sheet = sheets.find((s) => s.properties?.title === title);
    const at = next.get(title) ?? 0;
    next.set(title, at + 1);
    const grid = sheet?.data?.[at];
    const rows = (grid?.rowData ?? []).map((row) => (row.values ?? []).map(cellValue));
    while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
    return rows;
  });
}

/** A CellData's value as a values read renders it (UNFORMATTED_VALUE, SERIAL_NUMBER). */
function cellValue(cell: GoogleAppsScript.Sheets.Schema.CellData): CellValue {
  const v = cell.effectiveValue;
  if (!v) return '';
  if (v.numberValue !== undefined && v.numberValue !== null) return v.numberValue;
  if (v.boolValue !== undefined && v.boolValue !== null) return v.boolValue;
  if (v.stringValue !== undefined && v.stringValue !== null) return v.stringValue;
  if (v.errorValue) return cell.formattedValue ?? '#ERROR!';
  return '';
}

/**
 * The advanced Sheets service's values endpoints, the only way this engine reads and
 * writes data rows: one batchGet reads every sheet, one batchUpdate writes scattered
 * cells, and RAW input keeps text as text (no formulas, no numbers from phones).
 * API failures become coded errors that name the sheet to repair.
 */
import { errorText, RoutingError } from '../domain/errors';
import type { CellValue } from './header-table';

export interface ValueRange {
  range: string;
  values: CellValue[][];
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
  const message = errorText(err);
  const missing = /Unable to parse range: '?([^'!]+)'?/.exec(message);
  if (missing)
    throw new RoutingError(
      'MISSING_SHEET',
      `Sheet "${missing[1]}" is missing. Run Lead Routing → Set up to create it.`,
    );
  throw new RoutingError('SHEETS_API', `${what} failed: ${message}`);
}

const SHEET_IDS_CACHE_KEY = 'lead-routing:sheet-ids';
/** Seconds sheet ids stay cached; a stale id fails loudly and is forgotten. */
const SHEET_IDS_CACHE_SECONDS = 21_600;

export class SheetsValues {
  constructor(private readonly spreadsheetId: string) {}

  /** Sheet ids by title (needed for structural requests), cached in the script cache. */
  sheetIds(): Map<string, number> {
    const cache = CacheService.getScriptCache();
    const cached = cache.get(SHEET_IDS_CACHE_KEY);
    if (cached) return new Map(Object.entries(JSON.parse(cached) as Record<string, number>));
    try {
      const response = api().get(this.spreadsheetId, {
        fields: 'sheets.properties(sheetId,title)',
      });
      const ids: Record<string, number> = {};
      for (const sheet of response.sheets ?? [])
        ids[sheet.properties?.title ?? ''] = sheet.properties?.sheetId ?? 0;
      cache.put(SHEET_IDS_CACHE_KEY, JSON.stringify(ids), SHEET_IDS_CACHE_SECONDS);
      return new Map(Object.entries(ids));
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
      api().batchUpdate(
        { requests: [{ appendDimension: { sheetId, dimension: 'COLUMNS', length: count } }] },
        this.spreadsheetId,
      );
    } catch (err) {
      CacheService.getScriptCache().remove(SHEET_IDS_CACHE_KEY);
      explain(err, `Adding columns to ${sheet}`);
    }
  }

  /**
   * Deletes row runs in one call. `runs` are 1-based sheet rows, inclusive; they are
   * applied bottom-up per sheet so earlier deletions do not shift later ones.
   */
  deleteRows(runs: ReadonlyArray<{ sheet: string; first: number; last: number }>): void {
    if (runs.length === 0) return;
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
      api().batchUpdate({ requests }, this.spreadsheetId);
    } catch (err) {
      CacheService.getScriptCache().remove(SHEET_IDS_CACHE_KEY);
      explain(err, 'Deleting archived rows');
    }
  }

  /** Reads ranges as unformatted values with dates as serial numbers. */
  batchGet(ranges: readonly string[]): CellValue[][][] {
    if (ranges.length === 0) return [];
    try {
      const response = api().Values.batchGet(this.spreadsheetId, {
        ranges,
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      });
      return (response.valueRanges ?? []).map((vr) => (vr.values ?? []) as CellValue[][]);
    } catch (err) {
      return explain(err, 'Reading the spreadsheet');
    }
  }

  /** Writes scattered ranges in one call, RAW. */
  batchUpdate(data: readonly ValueRange[]): void {
    if (data.length === 0) return;
    try {
      api().Values.batchUpdate(
        { valueInputOption: 'RAW', data: data.map((d) => ({ range: d.range, values: d.values })) },
        this.spreadsheetId,
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
  ): number {
    try {
      const response = api().Values.append(
        { values: rows as CellValue[][] },
        this.spreadsheetId,
        `'${sheet.replace(/'/g, "''")}'!A1`,
        {
          valueInputOption: input,
          insertDataOption: 'INSERT_ROWS',
        },
      );
      const updated = response.updates?.updatedRange ?? '';
      const match = /!\$?[A-Z]+\$?(\d+)/.exec(updated);
      return match ? Number(match[1]) : 0;
    } catch (err) {
      return explain(err, `Appending to ${sheet}`);
    }
  }
}

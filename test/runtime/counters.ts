/**
 * What the local runtime counts, for exact-count tests and the benchmark.
 *
 * A "spreadsheet call" is one round trip to Google: every method call on a
 * SpreadsheetApp object (app, Spreadsheet, Sheet, Range, TextFinder, Ui, ...) and
 * every call of the advanced Sheets service. Pure builders that never touch the
 * spreadsheet (`SpreadsheetApp.newDataValidation()` and the builder's own methods)
 * are not counted.
 */
export interface Counters {
  /** Round trips to the spreadsheet (see above). */
  spreadsheetCalls: number;
  /** Cells returned by reads (getValues, getValue, batchGet, ...). */
  cellsRead: number;
  /** Cells changed by writes (setValues, appendRow, batchUpdate, append, clear, ...). */
  cellsWritten: number;
  /** HTTP requests sent by UrlFetchApp; fetchAll counts each request. */
  fetches: number;
  /** UrlFetchApp.fetch and UrlFetchApp.fetchAll invocations (one fetchAll = one). */
  fetchCalls: number;
  /**
   * Every spreadsheet write made while the current execution did not hold the script
   * lock: a short description each ("setValues lead_sheet!A2:C2"). Must stay empty.
   */
  unlockedWrites: string[];
}

export function newCounters(): Counters {
  return {
    spreadsheetCalls: 0,
    cellsRead: 0,
    cellsWritten: 0,
    fetches: 0,
    fetchCalls: 0,
    unlockedWrites: [],
  };
}

/** Resets the numeric counters (not the unlocked-write record). */
export function resetCounts(c: Counters): void {
  c.spreadsheetCalls = 0;
  c.cellsRead = 0;
  c.cellsWritten = 0;
  c.fetches = 0;
  c.fetchCalls = 0;
}

/**
 * Errors shaped like the ones Apps Script throws. SpreadsheetApp failures are
 * `Exception` (String(e) → "Exception: The coordinates of the range are outside the
 * dimensions of the sheet."). Advanced-service failures are
 * `GoogleJsonResponseException` with the message
 * "API call to sheets.spreadsheets.values.batchGet failed with error: <API message>".
 */

/** An Apps Script service exception (name 'Exception'). */
export function appsScriptException(message: string): Error {
  const e = new Error(message);
  e.name = 'Exception';
  return e;
}

/** The error the advanced Sheets service throws when the REST call fails. */
export class GoogleJsonResponseException extends Error {
  /** Mirrors the API error body ({ code, message }). */
  readonly details: { code: number; message: string };

  constructor(method: string, code: number, apiMessage: string) {
    super(`API call to ${method} failed with error: ${apiMessage}`);
    this.name = 'GoogleJsonResponseException';
    this.details = { code, message: apiMessage };
  }
}

/** Common Apps Script messages, verbatim. */
export const MESSAGES = {
  outsideGrid: 'The coordinates of the range are outside the dimensions of the sheet.',
  rangeNotFound: 'Range not found',
  rowsTooFew: 'The number of rows in the range must be at least 1.',
  colsTooFew: 'The number of columns in the range must be at least 1.',
  startRowTooSmall: 'The starting row of the range is too small.',
  startColTooSmall: 'The starting column of the range is too small.',
  noUi: 'Cannot call SpreadsheetApp.getUi() from this context.',
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteLastSheet: "You can't remove all the sheets in a document.",
} as const;

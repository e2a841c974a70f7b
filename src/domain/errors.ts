/**
 * Coded errors for broken invariants (a missing header, a malformed setting). Expected
 * outcomes (a click by the wrong rep) are values, never errors; these are for things an
 * admin must fix, so every message says what is wrong and where.
 */
export type ErrorCode =
  | 'MISSING_SHEET'
  | 'MISSING_HEADER'
  | 'BAD_SETTING'
  | 'LOCK_TIMEOUT'
  | 'NOT_CONFIGURED'
  | 'SHEETS_API'
  /** The Sheets API's per-minute quota stayed used up for longer than the run could wait. */
  | 'SHEETS_QUOTA';

export class RoutingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoutingError';
  }
}

/**
 * Anything thrown, as one line for a log or a person: an Error's message (with its name
 * first when `withName`, e.g. "TypeError: x is undefined"), else the value as text.
 */
export function errorText(err: unknown, withName = false): string {
  if (!(err instanceof Error)) return String(err);
  return withName ? `${err.name}: ${err.message}` : err.message;
}

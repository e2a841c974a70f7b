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
  | 'SHEETS_API';

export class RoutingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoutingError';
  }
}

/**
 * SpreadsheetApp batches writes and applies them at SpreadsheetApp.flush() or the end of
 * the execution. Google's LockService guidance: flush before releasing the lock, so the
 * next execution that takes it reads what this one wrote. Adapters that write through
 * SpreadsheetApp (set-up, the dashboard's build, the nightly format refresh) note it here;
 * the script lock flushes before every release that follows such a write. Sheets API
 * writes are applied before they return and need no flush, so the hot paths (intake,
 * click, sweep) spend no extra round trip on it.
 *
 * Module state lives for one execution: Apps Script loads the script afresh for each.
 */
let pending = false;

/** A SpreadsheetApp write was made (or is about to be) in this execution. */
export function noteSpreadsheetAppWrite(): void {
  pending = true;
}

/** SpreadsheetApp.flush() if a SpreadsheetApp write is pending; called before a lock release. */
export function flushSpreadsheetAppWrites(): void {
  if (!pending) return;
  SpreadsheetApp.flush();
  pending = false;
}

/**
 * Counting and lock checks for every bundle-facing call. One method call = one
 * spreadsheet round trip (counters.ts); cells read/written are added; the runtime's
 * cost hook is charged; writes made without the script lock are recorded.
 */
import type { RuntimeDeps } from '../deps';

export class Meter {
  constructor(private readonly deps: RuntimeDeps) {}

  /**
   * Runs one counted call. `fn` returns its result plus the cells it read or wrote;
   * a call that throws still counts as a round trip (Google answered with an error).
   */
  call<T>(fn: () => { result: T; read?: number; written?: number }): T {
    let read = 0;
    let written = 0;
    try {
      const out = fn();
      read = out.read ?? 0;
      written = out.written ?? 0;
      return out.result;
    } finally {
      const c = this.deps.counters;
      c.spreadsheetCalls += 1;
      c.cellsRead += read;
      c.cellsWritten += written;
      this.deps.charge({ kind: 'spreadsheet', cellsRead: read, cellsWritten: written });
    }
  }

  /** A counted call with no cells involved (getName, getSheetByName, ...). */
  simple<T>(fn: () => T): T {
    return this.call(() => ({ result: fn() }));
  }

  /** Records a write attempted without the script lock ("setValues lead_sheet!A2:C2"). */
  checkLock(description: string): void {
    if (!this.deps.lockGuard.currentExecutionHoldsScriptLock())
      this.deps.counters.unlockedWrites.push(description);
  }

  /**
   * A counted SpreadsheetApp write: lock check first, then the call. SpreadsheetApp
   * batches its writes until SpreadsheetApp.flush() or the end of the execution, so the
   * write is also noted as waiting for a flush (see flush-tracker.ts).
   */
  write<T>(description: string, fn: () => { result: T; written?: number }): T {
    this.checkLock(description);
    const result = this.call(fn);
    this.deps.flushes?.wrote(description);
    return result;
  }

  /** A counted advanced Sheets service write: applied by the API at once, nothing to flush. */
  apiWrite<T>(description: string, fn: () => { result: T; read?: number; written?: number }): T {
    this.checkLock(description);
    return this.call(fn);
  }
}

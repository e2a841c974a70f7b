/**
 * Which SpreadsheetApp writes are still waiting for SpreadsheetApp.flush() when an
 * execution releases a lock.
 *
 * SpreadsheetApp "often bundles multiple calls together" and applies pending changes at
 * flush() or the end of the script (reference/spreadsheet/spreadsheet-app#flush). Google's
 * LockService guidance is to call SpreadsheetApp.flush() before releasing a lock so that
 * another execution waiting on it reads what this one wrote
 * (reference/lock/lock#releaseLock, guides/support/best-practices#use-the-lock-service).
 * The local runtime applies writes at once, so it cannot show the stale read itself; it
 * records every lock release that follows a SpreadsheetApp write with no flush in
 * between, and the suite asserts there are none. Advanced Sheets service writes are REST
 * calls applied before they return and never wait for a flush.
 */
import type { Execution, Executions } from './executions';

export interface UnflushedRelease {
  executionId: number;
  entry: string;
  /** The SpreadsheetApp writes made since the last flush ("setValues lead_sheet!A1:T1"). */
  writes: string[];
}

export class FlushTracker {
  private readonly pending = new Map<Execution, string[]>();
  readonly unflushedReleases: UnflushedRelease[] = [];

  constructor(private readonly executions: Executions) {}

  /** A SpreadsheetApp write by the running execution. */
  wrote(description: string): void {
    const ex = this.executions.current();
    if (!ex) return;
    const list = this.pending.get(ex) ?? [];
    list.push(description);
    this.pending.set(ex, list);
  }

  /** SpreadsheetApp.flush() by the running execution. */
  flushed(): void {
    const ex = this.executions.current();
    if (ex) this.pending.delete(ex);
  }

  /** `ex` releases a lock it held: recorded when SpreadsheetApp writes are still pending. */
  releasing(ex: Execution): void {
    const list = this.pending.get(ex);
    if (list?.length)
      this.unflushedReleases.push({ executionId: ex.id, entry: ex.entry, writes: [...list] });
  }

  /** The execution ended: Apps Script applies what is pending itself. */
  ended(ex: Execution): void {
    this.pending.delete(ex);
  }
}

/**
 * What every fake service of the local runtime is built from: one clock, one set of
 * counters, the bundle's Date class, the lock guard that lets the spreadsheet fakes
 * record writes made without the script lock, and the cost hook that lets a run
 * spend modelled Apps Script time.
 */
import type { Clock } from './clock';
import type { Counters } from './counters';
import type { FlushTracker } from './services/flush-tracker';

export interface LockGuard {
  /** True while the execution that is running now holds the script lock. */
  currentExecutionHoldsScriptLock(): boolean;
}

/** One round trip to a Google service, reported by the fakes after counting it. */
export interface RoundTrip {
  kind: 'spreadsheet' | 'fetch';
  /** Cells this call read (spreadsheet reads only). */
  cellsRead?: number;
  /** Cells this call wrote (spreadsheet writes only). */
  cellsWritten?: number;
}

/** The advanced Sheets service's per-minute quotas (spreadsheet/sheets-quota.ts). */
export interface SheetsQuotaGate {
  /**
   * Takes one request of `kind` from the current user's quota: null when allowed, else
   * the API's error message (the call then fails with HTTP 429 and changes nothing).
   */
  take(kind: 'read' | 'write'): string | null;
}

export interface RuntimeDeps {
  clock: Clock;
  counters: Counters;
  /** The Date class handed to the bundle (reads the clock); fakes create Dates with it. */
  DateClass: DateConstructor;
  lockGuard: LockGuard;
  /** IANA time zone of the spreadsheet and the script, e.g. 'Asia/Jakarta'. */
  timeZone: string;
  /**
   * Called by every fake after each counted round trip. The runtime uses it to advance
   * the clock by a latency model (benchmark, time-budget tests) and to end an execution
   * that passes Apps Script's 6-minute limit. Fakes call it and otherwise ignore it.
   */
  charge(trip: RoundTrip): void;
  /** SpreadsheetApp writes waiting for a flush (absent in fakes built without a runtime). */
  flushes?: FlushTracker;
  /** Session.getEffectiveUser() of the running execution ('' between runs): whose access a call has. */
  currentUserEmail?(): string;
  /** Absent = no per-minute quota (hand-built fakes in unit tests). */
  sheetsQuota?: SheetsQuotaGate;
}

/**
 * What every fake service of the local runtime is built from: one clock, one set of
 * counters, the bundle's Date class, and the lock guard that lets the spreadsheet
 * fakes record writes made without the script lock.
 */
import type { Clock } from './clock';
import type { Counters } from './counters';

export interface LockGuard {
  /** True while the execution that is running now holds the script lock. */
  currentExecutionHoldsScriptLock(): boolean;
}

export interface RuntimeDeps {
  clock: Clock;
  counters: Counters;
  /** The Date class handed to the bundle (reads the clock); fakes create Dates with it. */
  DateClass: DateConstructor;
  lockGuard: LockGuard;
  /** IANA time zone of the spreadsheet and the script, e.g. 'Asia/Jakarta'. */
  timeZone: string;
}

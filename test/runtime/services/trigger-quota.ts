/**
 * The daily trigger runtime quota: "Triggers total runtime: 90 min / day" on consumer
 * accounts, "6 hr / day" on Google Workspace; "Quotas are per user and reset 24 hours
 * after the first request" (developers.google.com/apps-script/guides/services/quotas).
 * Past it, Apps Script fails trigger executions with "Service using too much computer
 * time for one day" (guides/support/troubleshooting, "Error messages").
 *
 * What counts: the modelled duration (fake-clock end minus start, plus the script-lock
 * wait charged to a time-driven run the sequential runtime started late: lock-service.ts,
 * LockTable.platformWaitMs) of every execution started by an installable trigger, summed
 * per user the trigger runs as. The quotas page does not say whether time spent waiting
 * for a lock counts; it is time the execution runs (its 6-minute limit runs on), so it
 * counts here, the reading harder on the product. Editor, menu
 * and web-app runs do not count (they are not trigger runtime). Where the documentation
 * is silent we take the reading harder on the product: the window opens at the user's
 * first trigger execution and closes 24 hours later (no calendar-day reset); an
 * execution is ended as soon as the sum passes the quota, mid-run, and every trigger
 * execution of that user fails at its start until the window closes; an execution's
 * whole duration counts in the window it started in.
 */
import type { Clock } from '../clock';
import type { Execution } from './executions';

export type AccountType = 'consumer' | 'workspace';

/** Trigger runtime per user per day, by account type (ms). */
export const TRIGGER_RUNTIME_PER_DAY_MS: Record<AccountType, number> = {
  consumer: 90 * 60_000,
  workspace: 6 * 3_600_000,
};

export const TRIGGER_QUOTA_MESSAGE = 'Service using too much computer time for one day';

const WINDOW_MS = 24 * 3_600_000;

interface Window {
  startMs: number;
  usedMs: number;
}

export class TriggerQuota {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    private readonly accountOf: (email: string) => AccountType,
  ) {}

  /** The user's quota in ms. */
  limitMs(email: string): number {
    return TRIGGER_RUNTIME_PER_DAY_MS[this.accountOf(email)];
  }

  /** Trigger runtime the user has spent in the window open now (finished executions), ms. */
  usedMs(email: string): number {
    return this.current(email, this.clock.now())?.usedMs ?? 0;
  }

  /**
   * Whether `ex` must be ended now: a trigger execution whose user's finished runtime in
   * this window plus its own so far passes the quota.
   */
  exceeded(ex: Execution): boolean {
    if (ex.kind !== 'trigger') return false;
    const w = this.current(ex.effectiveUserEmail, ex.startedMs);
    const used = w?.usedMs ?? 0;
    const spent = used >= this.limitMs(ex.effectiveUserEmail);
    return (
      spent ||
      used + (this.clock.now() - ex.startedMs + ex.lockWaitMs) > this.limitMs(ex.effectiveUserEmail)
    );
  }

  /** Adds a finished trigger execution's duration (charged lock wait included) to its user's window. */
  ended(ex: Execution, endedMs: number): void {
    if (ex.kind !== 'trigger') return;
    const email = ex.effectiveUserEmail;
    let w = this.current(email, ex.startedMs);
    if (!w) {
      w = { startMs: ex.startedMs, usedMs: 0 };
      this.windows.set(email, w);
    }
    w.usedMs += Math.max(0, endedMs - ex.startedMs) + ex.lockWaitMs;
  }

  /** The window that covers `atMs`, or undefined (none yet, or the last one closed). */
  private current(email: string, atMs: number): Window | undefined {
    const w = this.windows.get(email);
    if (w && atMs < w.startMs + WINDOW_MS) return w;
    return undefined;
  }
}

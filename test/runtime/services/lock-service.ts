/**
 * LockService: script, user and document locks shared by every execution, with a
 * single-threaded model of "another execution holds the lock".
 *
 * Real behaviour this keeps (developers.google.com/apps-script/reference/lock/lock):
 * - tryLock(ms) returns false after waiting `ms`; waitLock(ms) throws
 *   "Lock timeout: another process was holding the lock for too long." instead.
 * - hasLock() is false if tryLock/waitLock was never called on that lock, timed out,
 *   or releaseLock() was called.
 * - a lock still held when the execution ends is released by Apps Script; the runtime
 *   records it in `lockLeaks` because our code must release in `finally`.
 * - getDocumentLock() returns null "outside of the context of a containing document
 *   (such as from a standalone script or webapp)".
 * Waiting costs fake-clock time and counts against the execution's time limit.
 *
 * The runtime runs executions one after another, so a time-driven trigger due while
 * another run was under way starts after it here; on Google it starts on time beside it
 * and waits inside its own execution for the script lock. That wait is charged to the
 * late run (Execution.lockWaitMs, LockTable.platformWaitMs) without moving the clock.
 *
 * Ownership is per execution: any Lock handle of the execution that holds the lock may
 * release it, and a second tryLock in the same execution succeeds at once (the lock
 * belongs to the execution, not to the JavaScript object).
 */
import type { Clock } from '../clock';
import type { Execution, Executions, ScriptLockRun } from './executions';

export type LockScope = 'script' | 'user' | 'document';

const DAY_MS = 86_400_000;

export const LOCK_TIMEOUT_MESSAGE =
  'Lock timeout: another process was holding the lock for too long.';

type Holder = { by: 'execution'; ex: Execution } | { by: 'elsewhere'; untilMs?: number };

/** One lockable resource (the script lock, one user's lock, the document lock). */
class LockSlot {
  holder: Holder | null = null;

  constructor(readonly scope: LockScope) {}
}

export interface LockLeak {
  executionId: number;
  entry: string;
  scope: LockScope;
}

/** Every lock of the runtime, and the test controls for the simulated other holder. */
export class LockTable {
  readonly script = new LockSlot('script');
  readonly document = new LockSlot('document');
  private readonly users = new Map<string, LockSlot>();

  /** Finished executions that took the script lock, of the last day, in order of ending. */
  private scriptLockRuns: ScriptLockRun[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly executions: Executions,
    /** Told when an execution releases a lock it held (the flush tracker listens). */
    private readonly onRelease?: (ex: Execution) => void,
  ) {}

  user(email: string): LockSlot {
    let s = this.users.get(email);
    if (!s) this.users.set(email, (s = new LockSlot('user')));
    return s;
  }

  /**
   * Makes "another execution" hold the script lock until `releaseElsewhere()` or, with
   * `untilMs`, until the fake clock reaches that instant (epoch ms).
   */
  holdElsewhere(options: { untilMs?: number } = {}): void {
    const h = this.freshHolder(this.script);
    if (h && h.by === 'execution')
      throw new Error(`local runtime: execution ${h.ex.id} (${h.ex.entry}) holds the script lock`);
    this.script.holder = { by: 'elsewhere', untilMs: options.untilMs };
  }

  /** Ends the simulated other execution's hold on the script lock. */
  releaseElsewhere(): void {
    if (this.script.holder?.by === 'elsewhere') this.script.holder = null;
  }

  /** For the spreadsheet fake: does the running execution hold the script lock? */
  currentExecutionHoldsScriptLock(): boolean {
    const ex = this.executions.current();
    const h = this.freshHolder(this.script);
    return !!ex && !!h && h.by === 'execution' && h.ex === ex;
  }

  /** Releases whatever `ex` still holds at its end, returning the scopes so they can be reported. */
  releaseAllHeldBy(ex: Execution): LockScope[] {
    const released: LockScope[] = [];
    for (const slot of [this.script, this.document, ...this.users.values()]) {
      const h = slot.holder;
      if (h && h.by === 'execution' && h.ex === ex) {
        slot.holder = null;
        released.push(slot.scope);
      }
    }
    return released;
  }

  /** Told at each execution's end, after its locks were released. */
  ended(ex: Execution, endedMs: number): void {
    if (!ex.tookScriptLock) return;
    // A run older than a day cannot hold a lock a trigger run asks for now.
    this.scriptLockRuns = this.scriptLockRuns.filter((r) => r.endedMs > endedMs - DAY_MS);
    this.scriptLockRuns.push({ startedMs: ex.startedMs, endedMs });
  }

  /**
   * For a time-driven trigger due at `dueMs` that the runtime starts only now: the
   * finished runs that took the script lock and ended after `dueMs`, in order of start.
   */
  scriptLockRunsAfter(dueMs: number): ScriptLockRun[] {
    return this.scriptLockRuns
      .filter((r) => r.endedMs > dueMs)
      .sort((a, b) => a.startedMs - b.startedMs);
  }

  /**
   * How long (ms) `ex` would still wait for the script lock on Google, asking for it now.
   *
   * Documented (developers.google.com/apps-script/reference/lock/lock): the script lock
   * lets "only one instance of the script" run a section of code at a time; tryLock
   * "Attempts to acquire the lock, timing out after the provided number of milliseconds"
   * (false then), waitLock the same "with an exception"; releaseLock lets "other
   * processes waiting on the lock" continue. So an execution that asks while another
   * holds it blocks until that one releases it or its timeout passes, and the wait is
   * part of its run (the 6-minute limit and, guides/services/quotas, "Triggers total
   * runtime" 90 min / 6 hr a day, see trigger-quota.ts).
   *
   * Modelling choices (nothing documents how overlapping runs interleave), each the one
   * harder on the product: a trigger run that the sequential runtime started late behind
   * other runs started on Google at its nominal time `dueMs` and ran its own code up to
   * the lock call for the same elapsed time as here, so it asks at dueMs + elapsed. A run
   * that took the script lock held it for the whole overlap, from its start to its end
   * (the real hold may start later and end at its releaseLock). A run that started
   * before the lock came free for us takes it before us (the order in which waiting
   * executions get the lock is not documented), so back-to-back runs make the wait
   * longer. A run that started after we asked, with the lock free, did not hold it then
   * (we had it first; that run's own wait behind us is not modelled). A late run that
   * never asks for the script lock ran beside the others and is charged nothing.
   */
  platformWaitMs(ex: Execution): number {
    if (ex.dueMs === undefined || !ex.earlierScriptLockRuns) return 0;
    const askedAt = ex.dueMs + this.executions.elapsedMs(ex);
    let freeAt = askedAt;
    for (const run of ex.earlierScriptLockRuns) {
      if (run.startedMs > freeAt) break;
      freeAt = Math.max(freeAt, run.endedMs);
    }
    return freeAt - askedAt;
  }

  /** The holder now; a timed hold elsewhere ends when the clock reaches its end. */
  freshHolder(slot: LockSlot): Holder | null {
    const h = slot.holder;
    if (h && h.by === 'elsewhere' && h.untilMs !== undefined && h.untilMs <= this.clock.now())
      slot.holder = null;
    return slot.holder;
  }

  /**
   * Tries to acquire `slot` for `ex`, waiting at most `timeoutMs` of fake time.
   * A hold elsewhere that ends within the timeout is waited out (the clock jumps to
   * its end); a hold by another execution on our stack never ends while we wait,
   * because that execution is suspended under us.
   */
  acquire(slot: LockSlot, ex: Execution, timeoutMs: number): boolean {
    this.executions.check();
    let wait = Math.max(0, Number(timeoutMs) || 0);
    if (slot === this.script) {
      // The wait a late trigger run would have had on Google: charged, not on the clock.
      const owed = this.platformWaitMs(ex);
      if (owed > 0) {
        ex.lockWaitMs += Math.min(owed, wait);
        this.executions.check();
        if (owed > wait) return false;
        wait -= owed;
      }
    }
    const h = this.freshHolder(slot);
    if (!h || (h.by === 'execution' && !this.executions.isRunning(h.ex))) {
      this.take(slot, ex);
      return true;
    }
    if (h.by === 'execution' && h.ex === ex) return true;
    if (h.by === 'elsewhere' && h.untilMs !== undefined && this.clock.now() + wait >= h.untilMs) {
      this.clock.set(h.untilMs);
      this.executions.check();
      this.take(slot, ex);
      return true;
    }
    this.clock.advanceMs(wait);
    this.executions.check();
    return false;
  }

  private take(slot: LockSlot, ex: Execution): void {
    slot.holder = { by: 'execution', ex };
    if (slot === this.script) ex.tookScriptLock = true;
  }

  release(slot: LockSlot, ex: Execution): void {
    const h = slot.holder;
    if (h && h.by === 'execution' && h.ex === ex) {
      this.onRelease?.(ex);
      slot.holder = null;
    }
  }

  holds(slot: LockSlot, ex: Execution): boolean {
    const h = this.freshHolder(slot);
    return !!h && h.by === 'execution' && h.ex === ex;
  }
}

/** The `Lock` object the bundle sees, bound to the execution that asked for it. */
export class Lock {
  private acquired = false;

  constructor(
    private readonly table: LockTable,
    private readonly slot: LockSlot,
    private readonly owner: Execution,
    private readonly executions: Executions,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    this.acquired = this.table.acquire(this.slot, this.owner, timeoutInMillis);
    return this.acquired;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw this.executions.exception(LOCK_TIMEOUT_MESSAGE);
  }

  releaseLock(): void {
    this.table.release(this.slot, this.owner);
    this.acquired = false;
  }

  hasLock(): boolean {
    return this.acquired && this.table.holds(this.slot, this.owner);
  }
}

/** The LockService global. */
export function createLockService(table: LockTable, executions: Executions) {
  const handle = (slot: LockSlot): Lock => {
    executions.check();
    const ex = executions.require('LockService');
    return new Lock(table, slot, ex, executions);
  };
  return {
    getScriptLock: (): Lock => handle(table.script),
    getUserLock: (): Lock =>
      handle(table.user(executions.require('LockService').effectiveUserEmail)),
    getDocumentLock: (): Lock | null => {
      executions.check();
      if (executions.require('LockService').kind === 'webapp') return null;
      return handle(table.document);
    },
  };
}

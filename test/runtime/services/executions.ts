/**
 * The execution model of the local runtime: which Apps Script execution is running
 * now, how long it may run, and how a service fails it.
 *
 * Apps Script runs every entry point (trigger, web-app request, menu or editor run) as
 * its own execution with its own time limit. The runtime is single-threaded, so
 * "another execution" is either a nested run (an entry point called from a test hook
 * while an outer execution is still on the stack) or the simulated holder of
 * `runtime.lock.holdElsewhere()`. Every fake service calls `check()` at the top of each
 * method: that is where the 6-minute limit ends an execution, as close as a fake can
 * get to Google killing it mid-flight.
 */
import type { Clock } from '../clock';

/**
 * How an execution was started. It decides the time limit, the user identity, whether
 * a spreadsheet UI and a document context exist, and what authorization is available.
 * - `editor`: run from the script editor (no spreadsheet UI).
 * - `menu`: a custom-menu click in the spreadsheet (UI available).
 * - `trigger`: an installable trigger (time-driven, form submit); runs as its installer.
 * - `webapp`: `doGet`/`doPost`; anonymous visitor, executing as the deployer, no document.
 * - `simple`: a simple trigger such as `onOpen` (AuthMode.LIMITED, 30-second limit).
 */
export type ExecutionKind = 'editor' | 'menu' | 'trigger' | 'webapp' | 'simple';

/**
 * Limits documented at developers.google.com/apps-script/guides/services/quotas:
 * "Script runtime: 6 min / execution"; simple triggers "cannot run for longer than
 * 30 seconds" (guides/triggers#restrictions).
 */
export const EXECUTION_LIMIT_MS: Record<ExecutionKind, number> = {
  editor: 360_000,
  menu: 360_000,
  trigger: 360_000,
  webapp: 360_000,
  simple: 30_000,
};

/** The message Apps Script reports when it ends an execution at its time limit. */
export const EXCEEDED_MAX_EXECUTION_TIME = 'Exceeded maximum execution time';

export interface Execution {
  /** Increasing from 1 per runtime. */
  readonly id: number;
  readonly kind: ExecutionKind;
  /** The global function that was called. */
  readonly entry: string;
  /** Fake-clock instant the execution started (epoch ms). */
  readonly startedMs: number;
  /** Fake-clock milliseconds the execution may run before Apps Script ends it. */
  readonly limitMs: number;
  /** Session.getActiveUser(): '' for an anonymous web-app visitor. */
  readonly activeUserEmail: string;
  /** Session.getEffectiveUser(): whose authority the code runs with. */
  readonly effectiveUserEmail: string;
  /** Set once the time limit ended the execution; every later service call rethrows it. */
  killedBy?: Error;
  /**
   * A time-driven trigger the sequential runtime started after its nominal time: that
   * time (epoch ms). On Google it would have started then, beside the run that kept it
   * waiting here (see lock-service.ts, LockTable.platformWaitMs).
   */
  readonly dueMs?: number;
  /**
   * With `dueMs`: the finished runs that held the script lock and ended after `dueMs`
   * (fake-clock epoch ms, in order of start); the lock wait it is charged comes from them.
   */
  readonly earlierScriptLockRuns?: readonly ScriptLockRun[];
  /**
   * Script-lock wait (ms) charged to this execution that the sequential runtime did not
   * spend on its clock: the wait it would have had on Google since it started at
   * `dueMs`. Part of its elapsed time (time limit) and its trigger runtime.
   */
  lockWaitMs: number;
  /** Whether it ever held the script lock (it then kept later-due triggers waiting). */
  tookScriptLock: boolean;
}

export interface ExecutionSpec {
  kind: ExecutionKind;
  entry: string;
  activeUserEmail: string;
  effectiveUserEmail: string;
  dueMs?: number;
  earlierScriptLockRuns?: readonly ScriptLockRun[];
}

/** A finished execution that took the script lock: when it started and ended (epoch ms). */
export interface ScriptLockRun {
  startedMs: number;
  endedMs: number;
}

/** The stack of running executions, innermost last. */
export class Executions {
  private readonly stack: Execution[] = [];
  private nextId = 1;
  /**
   * A further limit that can end an execution (the daily trigger quota): returns the
   * message to end it with, or null. Set once by the runtime.
   */
  quotaCheck: ((ex: Execution) => string | null) | null = null;

  constructor(private readonly clock: Clock) {}

  /** The execution running now, or undefined between runs. */
  current(): Execution | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** True while `ex` is on the stack (running, possibly suspended under a nested run). */
  isRunning(ex: Execution): boolean {
    return this.stack.includes(ex);
  }

  begin(spec: ExecutionSpec): Execution {
    const ex: Execution = {
      id: this.nextId++,
      kind: spec.kind,
      entry: spec.entry,
      startedMs: this.clock.now(),
      limitMs: EXECUTION_LIMIT_MS[spec.kind],
      activeUserEmail: spec.activeUserEmail,
      effectiveUserEmail: spec.effectiveUserEmail,
      dueMs: spec.dueMs,
      earlierScriptLockRuns: spec.earlierScriptLockRuns,
      lockWaitMs: 0,
      tookScriptLock: false,
    };
    this.stack.push(ex);
    return ex;
  }

  end(ex: Execution): void {
    const at = this.stack.lastIndexOf(ex);
    if (at !== this.stack.length - 1)
      throw new Error(`local runtime: execution ${ex.id} ended out of order`);
    this.stack.pop();
  }

  /**
   * How long `ex` has run (ms): the fake clock since its start plus the lock wait charged
   * to it (lockWaitMs), which the sequential runtime's clock did not spend.
   */
  elapsedMs(ex: Execution): number {
    return this.clock.now() - ex.startedMs + ex.lockWaitMs;
  }

  /**
   * Called at the top of every fake service method and after every modelled wait.
   * Throws the time-limit error once the current execution has run longer than its
   * limit, and keeps throwing it: a killed execution cannot call services again.
   */
  check(): void {
    const ex = this.current();
    if (!ex) return;
    if (ex.killedBy) throw ex.killedBy;
    if (this.elapsedMs(ex) > ex.limitMs) {
      ex.killedBy = new Error(EXCEEDED_MAX_EXECUTION_TIME);
      throw ex.killedBy;
    }
    const quota = this.quotaCheck?.(ex);
    if (quota) {
      ex.killedBy = this.exception(quota);
      throw ex.killedBy;
    }
  }

  /**
   * An error as Apps Script services throw them: named `Exception`, so `String(e)` reads
   * "Exception: <message>" like the V8 runtime's. It is a host-realm Error; the bundle's
   * `e instanceof Error` still holds (see bundle-context.ts).
   */
  exception(message: string): Error {
    const err = new Error(message);
    err.name = 'Exception';
    return err;
  }

  /** The current execution, or an error saying the service needs one. */
  require(service: string): Execution {
    const ex = this.current();
    if (!ex)
      throw new Error(
        `local runtime: ${service} was called outside runtime.run(); start an execution first`,
      );
    return ex;
  }
}

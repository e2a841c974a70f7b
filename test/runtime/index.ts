/**
 * The local Apps Script runtime: loads the built dist/Code.js and runs its entry points
 * as Apps Script executions against faithful fakes of every service it uses, all on one
 * fake clock.
 *
 *   const rt = createRuntime();
 *   rt.run('setup');                      // an editor run
 *   rt.fireFormSubmit({ Name: ['Ana'] }); // the installed form trigger, if any
 *   rt.clock.advanceMinutes(5);
 *   rt.fireDueTriggers();                 // the sweep, if installed
 *   expect(rt.lockLeaks).toEqual([]);
 *
 * Each run is one execution: fresh bundle globals (Apps Script re-evaluates global code
 * per execution), its own 6-minute limit (30 s for simple triggers), its own identity,
 * locks released at its end and reported as leaks when our code forgot to. Everything
 * the bundle logs is in `logs`; nothing is printed unless LOCAL_RUNTIME_VERBOSE=1.
 */
import path from 'node:path';
import { Clock, makeClockDate } from './clock';
import { newCounters, type Counters } from './counters';
import type { RoundTrip, RuntimeDeps } from './deps';
import { createUrlFetchApp, SlackEmulator } from './slack';
import { createSpreadsheetServices, FakeBook, type FakeSheetsService } from './spreadsheet';
import { requireAuthorization } from './services/authorization';
import { loadBundle } from './services/bundle-context';
import { createCacheService, newCacheStores, type CacheStore } from './services/cache-service';
import { createContentService } from './services/content-service';
import { createHtmlService } from './services/html-service';
import { Executions, type Execution, type ExecutionKind } from './services/executions';
import { FlushTracker, type UnflushedRelease } from './services/flush-tracker';
import { TriggerQuota, TRIGGER_QUOTA_MESSAGE, type AccountType } from './services/trigger-quota';
import { createLockService, LockTable, type LockLeak } from './services/lock-service';
import { createConsole, createLogger, LogSink, type LogLine } from './services/logger';
import {
  createPropertiesService,
  newPropertyStores,
  type PropertyStore,
} from './services/properties-service';
import {
  AuthMode,
  clockEvent,
  createScriptApp,
  TriggerTable,
  type InstalledTrigger,
} from './services/script-app';
import { createSession, User } from './services/session';
import { createUtilities, stringify } from './services/utilities';
import { tripMs, type LatencyModel } from './latency';
import { SheetsApiQuota } from './spreadsheet/sheets-quota';

export type { ExecutionKind } from './services/executions';
export type { LockLeak } from './services/lock-service';
export type { LogLine } from './services/logger';
export type { InstalledTrigger } from './services/script-app';
export type { UnflushedRelease } from './services/flush-tracker';
export type { AccountType } from './services/trigger-quota';

export type { LatencyModel } from './latency';
export { PESSIMISTIC_LATENCY, TYPICAL_LATENCY } from './latency';
export type { FakeBook } from './spreadsheet';

export interface RuntimeOptions {
  /** Fake-clock start (default 2026-11-26T02:00:00Z). */
  start?: Date | number;
  /** Script and spreadsheet time zone (default 'Asia/Jakarta', as in appsscript.json). */
  timeZone?: string;
  botToken?: string;
  verificationToken?: string;
  teamId?: string;
  /** Enterprise Grid org of the workspace (see the Slack emulator's EnterpriseSpec). */
  enterprise?: { id: string; name: string; orgWide?: boolean };
  users?: Array<{ id: string; name: string; isBot?: boolean }>;
  channels?: Array<{ id: string; name: string; members: string[] }>;
  /**
   * Advance the clock per round trip, per execution start and per web-app answer
   * (benchmarks, time-budget tests; figures in latency.ts). Default: no cost.
   */
  latency?: LatencyModel;
  /**
   * The advanced Sheets service's per-minute quotas (sheets-quota.ts). Default: on, at
   * Google's documented 60 read and 60 write requests per minute per user; `false`
   * turns them off (tests about something else that make hundreds of calls at one instant).
   */
  sheetsApiQuota?: false | { readsPerMinutePerUser?: number; writesPerMinutePerUser?: number };
  /**
   * UrlFetch calls per 24-hour window before "Service invoked too many times for one
   * day: urlfetch." (default 20,000, consumer accounts; slack/daily-quota.ts).
   */
  urlFetchDailyQuota?: number;
  /** Folder of the built bundle (default <repo>/dist). */
  bundleDir?: string;
  spreadsheetName?: string;
  spreadsheetId?: string;
  scriptId?: string;
  /** The script owner: deploys the web app, runs editor runs (default owner@example.com). */
  ownerEmail?: string;
  /** The person using the spreadsheet: menu clicks and simple triggers (default ownerEmail). */
  userEmail?: string;
  /** Makes Utilities.getUuid() reproducible. */
  uuidSeed?: number;
  /**
   * Account type of every user (default 'consumer'): sets the daily trigger runtime quota
   * (90 min consumer, 6 h Workspace). `workspaceUsers` lists exceptions.
   */
  accountType?: AccountType;
  /** Users on Google Workspace when accountType is 'consumer'. */
  workspaceUsers?: string[];
  /**
   * Extra globals for hand-written test bundles only (hooks back into the test, e.g. to
   * start a nested execution). Never used with the real dist.
   */
  testGlobals?: Record<string, unknown>;
}

/** How to start one execution (runAs). */
export interface RunOptions {
  kind: ExecutionKind;
  activeUserEmail?: string;
  effectiveUserEmail?: string;
}

/** What happened in one execution. */
export interface ExecutionRecord {
  executionId: number;
  kind: ExecutionKind;
  entry: string;
  /** When the runtime started it (epoch ms). */
  startedMs: number;
  endedMs: number;
  /**
   * A time-driven trigger the sequential runtime started after its nominal time (behind
   * another run): that time, epoch ms. On Google it started then.
   */
  dueMs?: number;
  /**
   * Script-lock wait (ms) charged because of that: on Google the run would have waited
   * this long for the lock another run held (lock-service.ts, platformWaitMs). Not on the
   * fake clock; 0 for every other run.
   */
  lockWaitMs: number;
  /**
   * Its modelled duration, ms: endedMs − startedMs + lockWaitMs. What it costs of the
   * daily trigger runtime quota (trigger runs) and of its 6-minute limit.
   */
  durationMs: number;
  ok: boolean;
  /** The entry point's return value (ok runs). */
  value?: unknown;
  /** What ended it (failed runs). */
  error?: unknown;
  /**
   * doPost only: ms from the request reaching Google to its answer reaching the caller
   * (execution start, the run, and the web app's redirect, under the latency model).
   */
  answeredAfterMs?: number;
}

export interface LocalRuntime {
  readonly clock: Clock;
  readonly counters: Counters;
  /** The deps the fakes were built from (for extra fakes in a test). */
  readonly deps: RuntimeDeps;
  /** Test-facing, uncounted handle to the bound spreadsheet. */
  readonly book: ReturnType<typeof createSpreadsheetServices>['book'];
  /**
   * Test-facing handles to the spreadsheets the script made with SpreadsheetApp.create,
   * in order of creation (the bound one is `book`).
   */
  createdSpreadsheets(): FakeBook[];
  readonly slack: SlackEmulator;
  /**
   * The advanced Sheets service object the bundle calls (not a copy): a test may wrap
   * one of its methods to make a call fail, as a run dying halfway would.
   */
  readonly sheetsApi: FakeSheetsService;
  /** The Sheets API's per-minute quotas (undefined when turned off), for tests to use up. */
  readonly sheetsQuota: SheetsApiQuota | undefined;
  /** Script Properties, uncounted (seed tokens, read state). */
  readonly properties: PropertyStore;
  /** The script cache, uncounted. */
  readonly cache: CacheStore;
  /** Installed triggers, every user's. */
  readonly triggers: readonly InstalledTrigger[];
  /** Every line logged by the bundle (Logger, console, uncaught errors), in order. */
  readonly logs: readonly LogLine[];
  /** All log text joined with newlines, for grepping. */
  logText(): string;
  /** Locks an execution still held when it ended (Apps Script releases them; we must not rely on it). */
  readonly lockLeaks: readonly LockLeak[];
  /** Lock releases that followed SpreadsheetApp writes with no SpreadsheetApp.flush() between. */
  readonly unflushedLockReleases: readonly UnflushedRelease[];
  /** Trigger runtime (ms) `email` has spent in its open 24-hour quota window. */
  triggerRuntimeMs(email: string): number;
  /** `email`'s daily trigger runtime quota (ms). */
  triggerQuotaMs(email: string): number;
  /** Every finished execution, in order of ending. */
  readonly executions: readonly ExecutionRecord[];
  /** Trigger executions that failed (fireDueTriggers / fireFormSubmit / openSpreadsheet do not throw). */
  readonly failures: readonly ExecutionRecord[];
  readonly lock: {
    /** "Another execution" holds the script lock, until releaseElsewhere() or the clock reaches untilMs. */
    holdElsewhere(options?: { untilMs?: number }): void;
    releaseElsewhere(): void;
  };
  /** Names of the bundle's top-level functions (its possible entry points). */
  globalFunctions(): string[];
  /** Publishes the web app: ScriptApp.getService().getUrl() returns `url` from now on. */
  deployWebApp(url: string): void;
  /**
   * Runs a global function as one execution and returns its result; throws what it
   * throws. Kind: 'webapp' for doGet/doPost, 'simple' for onOpen/onEdit, else 'editor'.
   */
  run(entryName: string, ...args: unknown[]): unknown;
  /** run() with an explicit kind and identity. */
  runAs(options: RunOptions | ExecutionKind, entryName: string, ...args: unknown[]): unknown;
  /**
   * Runs each time-driven trigger whose interval has elapsed since its last nominal fire
   * time (or creation), once, even if several intervals passed; it keeps its phase.
   * One that runs after that nominal time (its record's dueMs) and takes the script lock
   * is charged the wait it would have had for it on Google behind the runs that kept it
   * waiting here (its record's lockWaitMs; lock-service.ts, platformWaitMs).
   */
  fireDueTriggers(): ExecutionRecord[];
  /**
   * A form response: book.submitForm(answers), then every installed ON_FORM_SUBMIT
   * trigger of this spreadsheet with that event. `duplicate` delivers it twice, as
   * Apps Script is known to do.
   */
  fireFormSubmit(
    answers: Record<string, string>,
    options?: { duplicate?: boolean },
  ): ExecutionRecord[];
  /** A user opens the spreadsheet: the simple onOpen (if defined), then installable ON_OPEN triggers. */
  openSpreadsheet(): ExecutionRecord[];
}

const WEB_APP_ENTRIES = new Set(['doGet', 'doPost']);
const SIMPLE_TRIGGER_ENTRIES = new Set(['onOpen', 'onEdit', 'onInstall', 'onSelectionChange']);

/**
 * A time-driven trigger's schedule after it fires at `firedAt`: the latest nominal fire
 * time (`lastNominalMs` plus whole intervals) not after it, so the trigger keeps its phase
 * however late the sequential runtime got to it (e.g. behind a 6 s form intake in the
 * same minute); the next run is due one interval after that nominal time, not after the
 * late firing. Google's installable-triggers guide
 * (developers.google.com/apps-script/guides/triggers/installable) says only that a
 * time-driven trigger's time "may be slightly randomized" (its example: a recurring 9 a.m.
 * trigger runs at a time Apps Script picks between 9 and 10 a.m. and keeps from day to day,
 * so that 24 hours pass between runs); nothing ties the schedule to how long other
 * executions take. It documents nothing about runs missed while the clock jumped several
 * intervals: we fire once, then resume the phase (no catch-up burst), the reading harder
 * on the product (fewer runs, each later than the missed ones); the old rule also fired once.
 * @param lastNominalMs the previous nominal fire time (or creation), fake-clock epoch ms
 * @param intervalMs the trigger's interval, ms
 * @param firedAt when the runtime fires it, epoch ms; at least one interval after lastNominalMs
 */
function latestNominalFire(lastNominalMs: number, intervalMs: number, firedAt: number): number {
  return lastNominalMs + Math.floor((firedAt - lastNominalMs) / intervalMs) * intervalMs;
}

export function createRuntime(options: RuntimeOptions = {}): LocalRuntime {
  const clock = new Clock(options.start);
  const counters = newCounters();
  const timeZone = options.timeZone ?? 'Asia/Jakarta';
  const ownerEmail = options.ownerEmail ?? 'owner@example.com';
  const userEmail = options.userEmail ?? ownerEmail;
  const bundleDir = options.bundleDir ?? path.resolve(__dirname, '..', '..', 'dist');
  const scriptId = options.scriptId ?? '1LocalRuntimeScriptId0000000000000000000000000000000000';
  const executions = new Executions(clock);
  const flushes = new FlushTracker(executions);
  const locks = new LockTable(clock, executions, (ex) => flushes.releasing(ex));
  const workspaceUsers = new Set(options.workspaceUsers ?? []);
  const triggerQuota = new TriggerQuota(clock, (email) =>
    workspaceUsers.has(email) ? 'workspace' : (options.accountType ?? 'consumer'),
  );
  executions.quotaCheck = (ex) => (triggerQuota.exceeded(ex) ? TRIGGER_QUOTA_MESSAGE : null);
  const sink = new LogSink(executions, () => clock.now());
  const triggerTable = new TriggerTable();
  const propertyStores = newPropertyStores();
  const cacheStores = newCacheStores(clock);
  const lockLeaks: LockLeak[] = [];
  const history: ExecutionRecord[] = [];
  const failures: ExecutionRecord[] = [];
  let webAppUrl: string | null = null;
  /** While > 0, round trips are platform bookkeeping (event objects), not the bundle's. */
  let platformDepth = 0;

  const DateClass = makeClockDate(clock);
  const deps: RuntimeDeps = {
    clock,
    counters,
    DateClass,
    timeZone,
    lockGuard: { currentExecutionHoldsScriptLock: () => locks.currentExecutionHoldsScriptLock() },
    flushes,
    currentUserEmail: () => executions.current()?.effectiveUserEmail ?? '',
    charge(trip: RoundTrip) {
      if (platformDepth > 0) return;
      const l = options.latency;
      if (l) {
        const ms = tripMs(l, trip);
        if (ms > 0) clock.advanceMs(ms);
      }
      // Ends the execution from inside the fake call once it passes its limit.
      executions.check();
    },
  };

  if (options.sheetsApiQuota !== false)
    deps.sheetsQuota = new SheetsApiQuota(
      clock,
      () => executions.current()?.effectiveUserEmail ?? '',
      {
        ...options.sheetsApiQuota,
      },
    );
  const { SpreadsheetApp, Sheets, book, files } = createSpreadsheetServices(deps, {
    name: options.spreadsheetName,
    id: options.spreadsheetId,
  });
  const slack = new SlackEmulator(deps, {
    botToken: options.botToken ?? 'xoxb-local-runtime-bot-token',
    verificationToken: options.verificationToken ?? 'local-runtime-verification-token',
    teamId: options.teamId,
    enterprise: options.enterprise,
    users: options.users ?? [],
    channels: options.channels ?? [],
  });
  const UrlFetchApp = createUrlFetchApp(deps, slack, { dailyQuota: options.urlFetchDailyQuota });
  // The script owner owns the bound spreadsheet; tests share it with others (book.setSharing).
  book.setSharing({ owner: ownerEmail });

  /** Runs platform bookkeeping that must not count as the bundle's round trips. */
  const uncounted = <T>(fn: () => T): T => {
    const saved = { ...counters, unlockedWrites: [...counters.unlockedWrites] };
    platformDepth++;
    try {
      return fn();
    } finally {
      platformDepth--;
      Object.assign(counters, saved);
    }
  };

  const services = {
    SpreadsheetApp,
    Sheets: requireAuthorization(
      Sheets as object,
      'Sheets',
      'https://www.googleapis.com/auth/spreadsheets',
      executions,
    ),
    UrlFetchApp: requireAuthorization(
      UrlFetchApp as object,
      'UrlFetchApp',
      'https://www.googleapis.com/auth/script.external_request',
      executions,
    ),
    PropertiesService: createPropertiesService(propertyStores, executions),
    CacheService: createCacheService(cacheStores, executions),
    LockService: createLockService(locks, executions),
    ScriptApp: createScriptApp({
      clock,
      executions,
      triggers: triggerTable,
      scriptId,
      webAppUrl: () => webAppUrl,
      spreadsheetIdOf: (ss) => uncounted(() => String((ss as { getId(): string }).getId())),
    }),
    ContentService: createContentService(executions),
    HtmlService: createHtmlService(executions, bundleDir),
    Utilities: createUtilities({ clock, executions, uuidSeed: options.uuidSeed }),
    Session: createSession({ executions, timeZone, ownerEmail }),
    Logger: createLogger(sink, executions),
    console: createConsole(sink, executions),
  };

  /** The only globals a bundle context gets: the services and the fake-clock Date. */
  const platformGlobals = (): Record<string, unknown> => ({
    ...services,
    ...options.testGlobals,
    Date: DateClass,
  });

  /** Identity and UI per kind (see ExecutionKind). */
  const identity = (kind: ExecutionKind): { active: string; effective: string } => {
    switch (kind) {
      case 'webapp':
        return { active: '', effective: ownerEmail }; // executeAs USER_DEPLOYING, ANYONE_ANONYMOUS
      case 'menu':
      case 'simple':
        return { active: userEmail, effective: userEmail };
      default:
        return { active: ownerEmail, effective: ownerEmail };
    }
  };

  let uiAvailable = false;
  const setUi = (available: boolean): void => {
    uiAvailable = available;
    book.setUiAvailable(available);
  };
  setUi(false);

  /**
   * One execution. `makeArgs` runs inside it (event objects that read the spreadsheet
   * are built by the platform, uncounted).
   */
  const execute = (
    spec: RunOptions & { entry: string; ui?: boolean; dueMs?: number },
    makeArgs: () => unknown[],
  ): unknown => {
    const who = identity(spec.kind);
    const ex: Execution = executions.begin({
      kind: spec.kind,
      entry: spec.entry,
      activeUserEmail: spec.activeUserEmail ?? who.active,
      effectiveUserEmail: spec.effectiveUserEmail ?? who.effective,
      dueMs: spec.dueMs,
      earlierScriptLockRuns:
        spec.dueMs === undefined ? undefined : locks.scriptLockRunsAfter(spec.dueMs),
    });
    const outerUi = uiAvailable;
    setUi(spec.ui ?? (spec.kind === 'menu' || spec.kind === 'simple'));
    const requestedAt = clock.now();
    const outerLogger = sink.enterExecution();
    const record: ExecutionRecord = {
      executionId: ex.id,
      kind: ex.kind,
      entry: ex.entry,
      startedMs: ex.startedMs,
      endedMs: 0,
      ...(ex.dueMs === undefined ? {} : { dueMs: ex.dueMs }),
      lockWaitMs: 0,
      durationMs: 0,
      ok: false,
    };
    let args: unknown[] = [];
    try {
      // A trigger whose user has spent the day's trigger runtime fails before it starts.
      executions.check();
      // Starting an execution (loading the project) costs time before any code runs.
      if (options.latency?.perExecutionMs) clock.advanceMs(options.latency.perExecutionMs);
      const context = loadBundle(bundleDir, platformGlobals());
      const fn = (context as Record<string, unknown>)[spec.entry];
      if (typeof fn !== 'function')
        throw executions.exception(`Script function not found: ${spec.entry}`);
      args = uncounted(makeArgs);
      const value = (fn as (...a: unknown[]) => unknown)(...args);
      // A killed execution is over even if the bundle caught the error.
      if (ex.killedBy) throw ex.killedBy;
      record.ok = true;
      record.value = value;
      return value;
    } catch (e) {
      const error = ex.killedBy ?? e;
      record.error = error;
      // exceptionLogging STACKDRIVER: uncaught errors are logged by the platform.
      sink.write('uncaught', stringify(error));
      throw error;
    } finally {
      for (const scope of locks.releaseAllHeldBy(ex))
        lockLeaks.push({ executionId: ex.id, entry: ex.entry, scope });
      record.endedMs = clock.now();
      record.lockWaitMs = ex.lockWaitMs;
      record.durationMs = record.endedMs - record.startedMs + ex.lockWaitMs;
      locks.ended(ex, record.endedMs);
      flushes.ended(ex);
      triggerQuota.ended(ex, record.endedMs);
      executions.end(ex);
      setUi(outerUi);
      sink.leaveExecution(outerLogger);
      if (spec.kind === 'webapp' && spec.entry === 'doPost') {
        // doPost's output reaches the caller through Google's redirect, after it returns.
        if (options.latency?.webAppResponseMs) clock.advanceMs(options.latency.webAppResponseMs);
        record.answeredAfterMs = clock.now() - requestedAt;
        slack.judgeWebAppAnswer(args[0], record.answeredAfterMs);
      }
      history.push(record);
    }
  };

  /** A trigger-style execution: never throws; failures are recorded. */
  const fire = (
    spec: RunOptions & { entry: string; ui?: boolean; dueMs?: number },
    makeArgs: () => unknown[],
  ): ExecutionRecord => {
    try {
      execute(spec, makeArgs);
    } catch {
      failures.push(history[history.length - 1]);
    }
    return history[history.length - 1];
  };

  /** Global functions of the bundle, from one load outside any execution (loading touches no service). */
  let probed: string[] | undefined;
  const globalFunctions = (): string[] => {
    if (!probed) {
      const globals = platformGlobals();
      const context = loadBundle(bundleDir, globals);
      probed = Object.keys(context).filter(
        (k) => typeof (context as Record<string, unknown>)[k] === 'function' && !(k in globals),
      );
    }
    return [...probed];
  };

  const kindOf = (entry: string): ExecutionKind =>
    WEB_APP_ENTRIES.has(entry) ? 'webapp' : SIMPLE_TRIGGER_ENTRIES.has(entry) ? 'simple' : 'editor';

  const runtime: LocalRuntime = {
    clock,
    counters,
    deps,
    book,
    createdSpreadsheets: () =>
      files
        .all()
        .filter((c) => c !== files.bound)
        .map((c) => new FakeBook(c)),
    slack,
    sheetsApi: Sheets,
    sheetsQuota: deps.sheetsQuota as SheetsApiQuota | undefined,
    properties: propertyStores.script,
    cache: cacheStores.script,
    get triggers() {
      return triggerTable.all;
    },
    logs: sink.lines,
    logText: () => sink.text(),
    lockLeaks,
    unflushedLockReleases: flushes.unflushedReleases,
    triggerRuntimeMs: (email) => triggerQuota.usedMs(email),
    triggerQuotaMs: (email) => triggerQuota.limitMs(email),
    executions: history,
    failures,
    lock: {
      holdElsewhere: (o) => locks.holdElsewhere(o),
      releaseElsewhere: () => locks.releaseElsewhere(),
    },
    globalFunctions,
    deployWebApp(url: string) {
      webAppUrl = url;
    },
    run(entryName, ...args) {
      return execute({ kind: kindOf(entryName), entry: entryName }, () => args);
    },
    runAs(o, entryName, ...args) {
      const spec = typeof o === 'string' ? { kind: o } : o;
      return execute({ ...spec, entry: entryName }, () => args);
    },
    fireDueTriggers() {
      const now = clock.now();
      const due = triggerTable.all
        .filter(
          (t): t is InstalledTrigger & { intervalMs: number } =>
            t.eventType === 'CLOCK' &&
            t.intervalMs !== undefined &&
            now - t.lastFiredMs >= t.intervalMs,
        )
        .sort((a, b) => a.lastFiredMs + a.intervalMs - (b.lastFiredMs + b.intervalMs));
      const out: ExecutionRecord[] = [];
      for (const t of due) {
        if (!triggerTable.all.includes(t)) continue; // deleted by an earlier run
        const at = clock.now();
        t.lastFiredMs = latestNominalFire(t.lastFiredMs, t.intervalMs, at);
        out.push(
          fire(
            {
              kind: 'trigger',
              entry: t.handler,
              activeUserEmail: t.ownerEmail,
              effectiveUserEmail: t.ownerEmail,
              // Late behind another run: a script-lock wait may be owed (lock-service.ts).
              ...(t.lastFiredMs < at ? { dueMs: t.lastFiredMs } : {}),
            },
            () => [clockEvent(at, t.uniqueId)],
          ),
        );
      }
      return out;
    },
    fireFormSubmit(answers, o = {}) {
      // The response lands in the sheet whether or not a trigger is installed.
      const event = book.submitForm(answers);
      const handlers = triggerTable.all.filter(
        (t) => t.eventType === 'ON_FORM_SUBMIT' && t.sourceId === book.id,
      );
      const out: ExecutionRecord[] = [];
      for (let copy = 0; copy < (o.duplicate ? 2 : 1); copy++) {
        for (const t of handlers) {
          const spec = {
            kind: 'trigger' as const,
            entry: t.handler,
            activeUserEmail: t.ownerEmail,
            effectiveUserEmail: t.ownerEmail,
          };
          out.push(
            fire(spec, () => [{ ...event, authMode: AuthMode.FULL, triggerUid: t.uniqueId }]),
          );
        }
      }
      return out;
    },
    openSpreadsheet() {
      const out: ExecutionRecord[] = [];
      const openEvent =
        (authMode: string, extra: Record<string, unknown> = {}) =>
        () => [
          {
            authMode,
            source: (SpreadsheetApp as { getActiveSpreadsheet(): unknown }).getActiveSpreadsheet(),
            user: new User(executions.current()?.activeUserEmail ?? ''),
            ...extra,
          },
        ];
      // A simple trigger runs only if the project defines it.
      if (globalFunctions().includes('onOpen'))
        out.push(fire({ kind: 'simple', entry: 'onOpen' }, openEvent(AuthMode.LIMITED)));
      for (const t of triggerTable.all.filter(
        (x) => x.eventType === 'ON_OPEN' && x.sourceId === book.id,
      )) {
        out.push(
          fire(
            {
              kind: 'trigger',
              entry: t.handler,
              activeUserEmail: userEmail,
              effectiveUserEmail: t.ownerEmail,
              ui: true,
            },
            openEvent(AuthMode.FULL, { triggerUid: t.uniqueId }),
          ),
        );
      }
      return out;
    },
  };
  return runtime;
}

/**
 * A time-driven run the sequential runtime starts late, behind another run, is charged
 * the script-lock wait it would have had on Google. Sources:
 * - developers.google.com/apps-script/reference/lock/lock: the script lock lets only one
 *   instance of the script run a section of code at a time; tryLock "Attempts to acquire
 *   the lock, timing out after the provided number of milliseconds", waitLock the same
 *   "with an exception"; releaseLock lets "other processes waiting on the lock" continue.
 * - developers.google.com/apps-script/guides/services/quotas: "Triggers total runtime"
 *   90 min / day (consumer), 6 hr / day (Workspace); "Script runtime" 6 min / execution.
 * - developers.google.com/apps-script/guides/triggers/installable: a time-driven trigger
 *   runs at its time; nothing ties it to other executions, so it starts while one runs.
 * Modelling choices (undocumented; lock-service.ts, platformWaitMs): the late run started
 * at its nominal time; a run that took the script lock held it from its start to its end;
 * runs that started before the lock came free take it first; one that started after the
 * late run asked, with the lock free, did not hold it then.
 */
import { LOCK_TIMEOUT_MESSAGE } from './lock-service';
import { EXCEEDED_MAX_EXECUTION_TIME } from './executions';
import { runtimeWith } from './test-bundle';

const bundle = `
function install(minutes, handler) {
  ScriptApp.newTrigger(handler).timeBased().everyMinutes(minutes).create();
}
function lockedIntake(ms) {
  var lock = LockService.getScriptLock();
  lock.waitLock(30000);
  try { Utilities.sleep(ms); } finally { lock.releaseLock(); }
}
function unlockedIntake(ms) { Utilities.sleep(ms); }
function locked(beforeMs, underMs) {
  if (beforeMs) Utilities.sleep(beforeMs);
  var lock = LockService.getScriptLock();
  lock.waitLock(30000);
  try {
    for (var left = underMs; left > 0; left -= 300000) Utilities.sleep(Math.min(left, 300000));
  } finally { lock.releaseLock(); }
}
function lockingSweep() { locked(0, 500); }
function slowStartSweep() { locked(2000, 500); }
function longSweep() { locked(0, 340000); }
function skippingSweep() { Utilities.sleep(500); }
function shortTrySweep() {
  var lock = LockService.getScriptLock();
  var ok = lock.tryLock(2000);
  if (ok) lock.releaseLock();
  return ok;
}
function shortWaitSweep() {
  try { LockService.getScriptLock().waitLock(2000); } catch (e) { return String(e); }
}
`;

const MINUTE = 60_000;
const OWNER = 'owner@example.com';

/**
 * A runtime with `handler` on a 1-minute trigger, the clock `beforeMs` before its first
 * nominal time `due`.
 */
function dueAtOneMinute(handler: string, beforeMs = 0) {
  const rt = runtimeWith(bundle);
  rt.run('install', 1, handler);
  const due = rt.triggers[0].createdMs + MINUTE;
  rt.clock.set(due - beforeMs);
  return { rt, due };
}

/** `handler` fired late behind a 6 s `intake` run in its trigger's first minute. */
function lateBehind(handler: string, intake = 'lockedIntake') {
  const { rt, due } = dueAtOneMinute(handler);
  rt.run(intake, 6_000);
  const [late] = rt.fireDueTriggers();
  return { rt, due, late };
}

describe('lock wait of a late time-driven run', () => {
  test('a late run that takes the script lock is charged the wait behind the run that held it', () => {
    const { rt, due } = dueAtOneMinute('lockingSweep');
    rt.run('lockedIntake', 6_000); // an editor run in the trigger's minute: 6 s under the lock
    const [late] = rt.fireDueTriggers();
    expect(late).toMatchObject({
      entry: 'lockingSweep',
      ok: true,
      startedMs: due + 6_000,
      endedMs: due + 6_500,
      dueMs: due,
      lockWaitMs: 6_000,
      durationMs: 6_500,
    });
    // The daily trigger runtime counts the wait (the editor run is not trigger runtime).
    expect(rt.triggerRuntimeMs(OWNER)).toBe(6_500);
  });

  test('its own work before the lock call ran beside the other run: only the rest is charged', () => {
    const { rt, due, late } = lateBehind('slowStartSweep');
    // On Google: starts at due, asks for the lock at due + 2 s, gets it at due + 6 s.
    expect(late).toMatchObject({ dueMs: due, lockWaitMs: 4_000, durationMs: 6_500 });
    expect(rt.triggerRuntimeMs(OWNER)).toBe(6_500);
  });

  test('a late run that never takes the script lock is not charged', () => {
    const { rt, due, late } = lateBehind('skippingSweep');
    expect(late).toMatchObject({ dueMs: due, lockWaitMs: 0, durationMs: 500 });
    expect(rt.triggerRuntimeMs(OWNER)).toBe(500);
  });

  test('a run that kept it waiting without taking the script lock does not make it wait', () => {
    const { due, late } = lateBehind('lockingSweep', 'unlockedIntake');
    expect(late).toMatchObject({ startedMs: due + 6_000, dueMs: due, lockWaitMs: 0 });
  });

  test('a run on time, or late only because the clock jumped, is not charged', () => {
    const { rt, due } = dueAtOneMinute('lockingSweep', 7_000);
    rt.run('lockedIntake', 6_000); // ends 1 s before the trigger is due
    rt.clock.set(due);
    const [onTime] = rt.fireDueTriggers();
    expect(onTime).toMatchObject({ startedMs: due, lockWaitMs: 0, durationMs: 500 });
    expect(onTime.dueMs).toBeUndefined();
    rt.clock.set(due + 2 * MINUTE + 30_000); // nothing ran since: no one held the lock
    const [jumped] = rt.fireDueTriggers();
    expect(jumped).toMatchObject({ dueMs: due + 2 * MINUTE, lockWaitMs: 0, durationMs: 500 });
  });

  test('a run that started after the late run asked for the lock did not hold it then', () => {
    const { rt, due } = dueAtOneMinute('lockingSweep');
    rt.clock.set(due + 7_000); // the runtime gets to the trigger only after this run
    rt.run('lockedIntake', 6_000);
    const [late] = rt.fireDueTriggers();
    expect(late).toMatchObject({ startedMs: due + 13_000, dueMs: due, lockWaitMs: 0 });
  });

  test('runs back to back that took the lock each go first; one that started once it was free does not', () => {
    const { rt, due } = dueAtOneMinute('lockingSweep', 1_000);
    rt.run('lockedIntake', 6_000); // due − 1 s to due + 5 s
    rt.run('lockedIntake', 6_000); // due + 5 s to due + 11 s: started before the lock was free
    const [chained] = rt.fireDueTriggers();
    expect(chained).toMatchObject({ dueMs: due, lockWaitMs: 11_000, durationMs: 11_500 });

    const next = due + MINUTE;
    rt.clock.set(next - 1_000);
    rt.run('lockedIntake', 6_000); // next − 1 s to next + 5 s
    rt.clock.set(next + 8_000);
    rt.run('lockedIntake', 6_000); // starts 3 s after the lock came free: the sweep had it
    const [gap] = rt.fireDueTriggers();
    expect(gap).toMatchObject({ startedMs: next + 14_000, dueMs: next, lockWaitMs: 5_000 });
  });

  test('tryLock with a shorter timeout than the wait returns false after that timeout', () => {
    const { due, late } = lateBehind('shortTrySweep');
    expect(late).toMatchObject({ value: false, dueMs: due, lockWaitMs: 2_000, durationMs: 2_000 });
  });

  test('waitLock with a shorter timeout than the wait throws the lock timeout', () => {
    const { late } = lateBehind('shortWaitSweep');
    expect(late).toMatchObject({ value: `Exception: ${LOCK_TIMEOUT_MESSAGE}`, lockWaitMs: 2_000 });
  });

  test('the charged wait counts toward the 6-minute execution limit', () => {
    const { rt } = dueAtOneMinute('longSweep');
    rt.run('lockedIntake', 25_000);
    // 340 s under the lock is within 6 minutes on the runtime's clock, not with 25 s of wait.
    const [late] = rt.fireDueTriggers();
    expect(late).toMatchObject({ ok: false, lockWaitMs: 25_000 });
    expect(String(late.error)).toContain(EXCEEDED_MAX_EXECUTION_TIME);
  });

  test('a trigger run that held the lock makes the next due trigger wait', () => {
    const rt = runtimeWith(bundle);
    rt.run('install', 1, 'slowStartSweep');
    rt.run('install', 1, 'lockingSweep');
    const due = rt.triggers[0].createdMs + MINUTE;
    rt.clock.set(due);
    const [first, second] = rt.fireDueTriggers();
    expect(first).toMatchObject({ entry: 'slowStartSweep', lockWaitMs: 0, durationMs: 2_500 });
    expect(first.dueMs).toBeUndefined();
    expect(second).toMatchObject({
      entry: 'lockingSweep',
      startedMs: due + 2_500,
      dueMs: due,
      lockWaitMs: 2_500,
      durationMs: 3_000,
    });
    expect(rt.triggerRuntimeMs(OWNER)).toBe(5_500);
  });
});

import { LOCK_TIMEOUT_MESSAGE } from './lock-service';
import { runtimeWith } from './test-bundle';

const bundle = `
function waitThenRelease(ms) {
  var lock = LockService.getScriptLock();
  lock.waitLock(ms);
  try { return lock.hasLock(); } finally { lock.releaseLock(); }
}
function tryOnly(ms) {
  var lock = LockService.getScriptLock();
  var ok = lock.tryLock(ms);
  if (ok) lock.releaseLock();
  return ok;
}
function forgetToRelease() { LockService.getScriptLock().waitLock(1000); }
function hasLockLifecycle() {
  var lock = LockService.getScriptLock();
  var before = lock.hasLock();
  lock.tryLock(0);
  var during = lock.hasLock();
  lock.releaseLock();
  return [before, during, lock.hasLock()];
}
function documentLockIsNull() { return LockService.getDocumentLock() === null; }
function holdAndCallNested() {
  var lock = LockService.getScriptLock();
  lock.waitLock(1000);
  try { return callHook(); } finally { lock.releaseLock(); }
}
function nestedTry() { return LockService.getScriptLock().tryLock(2000); }
function timeoutIsAnError() {
  try { LockService.getScriptLock().waitLock(10); } catch (e) { return [e instanceof Error, String(e)]; }
}
`;

describe('LockService', () => {
  test('waitLock timing out throws Apps Script message after waiting the timeout on the clock', () => {
    const rt = runtimeWith(bundle);
    rt.lock.holdElsewhere();
    const t0 = rt.clock.now();
    expect(() => rt.run('waitThenRelease', 30_000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(rt.clock.now() - t0).toBe(30_000);
    expect(rt.lockLeaks).toEqual([]);
  });

  test('tryLock succeeding when the other holder time ends within the timeout', () => {
    const rt = runtimeWith(bundle);
    const t0 = rt.clock.now();
    rt.lock.holdElsewhere({ untilMs: t0 + 5_000 });
    expect(rt.run('tryOnly', 10_000)).toBe(true);
    expect(rt.clock.now()).toBe(t0 + 5_000);
  });

  test('tryLock fails, and costs its timeout, when the other holder outlasts it', () => {
    const rt = runtimeWith(bundle);
    const t0 = rt.clock.now();
    rt.lock.holdElsewhere({ untilMs: t0 + 60_000 });
    expect(rt.run('tryOnly', 10_000)).toBe(false);
    expect(rt.clock.now()).toBe(t0 + 10_000);
    rt.clock.advanceMs(50_000);
    expect(rt.run('tryOnly', 0)).toBe(true);
  });

  test('releaseElsewhere frees the lock', () => {
    const rt = runtimeWith(bundle);
    rt.lock.holdElsewhere();
    expect(rt.run('tryOnly', 0)).toBe(false);
    rt.lock.releaseElsewhere();
    expect(rt.run('tryOnly', 0)).toBe(true);
  });

  test('lock leak recorded when an execution ends holding the lock, and the lock is freed', () => {
    const rt = runtimeWith(bundle);
    rt.run('forgetToRelease');
    expect(rt.lockLeaks).toEqual([{ executionId: 1, entry: 'forgetToRelease', scope: 'script' }]);
    expect(rt.run('tryOnly', 0)).toBe(true);
  });

  test('hasLock is false before acquiring and after releasing', () => {
    expect(runtimeWith(bundle).run('hasLockLifecycle')).toEqual([false, true, false]);
  });

  test('webapp execution has no document lock', () => {
    const rt = runtimeWith(bundle);
    expect(rt.runAs('webapp', 'documentLockIsNull')).toBe(true);
    expect(rt.run('documentLockIsNull')).toBe(false);
  });

  test('a nested execution sees the outer execution lock as held elsewhere', () => {
    const seen: Record<string, unknown> = {};
    const rt = runtimeWith(bundle, {
      testGlobals: {
        // Stands in for a test hook (e.g. during a fetch) that runs another entry point.
        callHook: () => {
          seen.outerHolds = rt.deps.lockGuard.currentExecutionHoldsScriptLock();
          const t0 = rt.clock.now();
          seen.nestedGotLock = rt.run('nestedTry');
          seen.nestedWaitedMs = rt.clock.now() - t0;
          return 'outer done';
        },
      },
    });
    expect(rt.run('holdAndCallNested')).toBe('outer done');
    expect(seen).toEqual({ outerHolds: true, nestedGotLock: false, nestedWaitedMs: 2000 });
    expect(rt.deps.lockGuard.currentExecutionHoldsScriptLock()).toBe(false);
    expect(rt.lockLeaks).toEqual([]);
  });

  test('a service error is an Error in the bundle and reads "Exception: ..."', () => {
    const rt = runtimeWith(bundle);
    rt.lock.holdElsewhere();
    expect(rt.run('timeoutIsAnError')).toEqual([true, `Exception: ${LOCK_TIMEOUT_MESSAGE}`]);
  });
});

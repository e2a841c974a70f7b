/**
 * The daily trigger runtime quota (developers.google.com/apps-script/guides/services/quotas:
 * "Triggers total runtime 90 min / day" consumer, "6 hr / day" Google Workspace; "Quotas
 * are per user and reset 24 hours after the first request"), with the message Apps
 * Script fails executions with past it, "Service using too much computer time for one
 * day" (guides/support/troubleshooting). Durations are the modelled (fake-clock) ones.
 */
import { TRIGGER_QUOTA_MESSAGE } from './trigger-quota';
import { runtimeWith } from './test-bundle';

const bundle = `
function install() { ScriptApp.newTrigger('work').timeBased().everyMinutes(5).create(); }
function work() { Utilities.sleep(240000); }
function manual() { Utilities.sleep(240000); return 'done'; }
`;

const ADMIN = 'admin2@example.com';

describe('daily trigger runtime quota', () => {
  test('a consumer account: 90 minutes of trigger runs, then every trigger run fails until 24 h after the first', () => {
    const rt = runtimeWith(bundle);
    rt.run('install');
    const firstAt = rt.clock.now();
    const results: boolean[] = [];
    rt.clock.advanceMinutes(5);
    while (results.length < 25) {
      results.push(...rt.fireDueTriggers().map((r) => r.ok)); // each run sleeps 4 minutes
      rt.clock.advanceMinutes(1);
    }
    // 22 runs × 4 min = 88 min; the 23rd passes 90 min mid-run and is ended there.
    expect(results.slice(0, 22).every(Boolean)).toBe(true);
    expect(results.slice(22)).toEqual([false, false, false]);
    const failed = rt.failures.map((f) => String(f.error));
    expect(failed).toEqual(Array(3).fill(`Exception: ${TRIGGER_QUOTA_MESSAGE}`));
    expect(rt.triggerQuotaMs('owner@example.com')).toBe(90 * 60_000);
    // Editor runs are not trigger runtime: they still work.
    expect(rt.run('manual')).toBe('done');
    // 24 hours after the first trigger run the quota is back.
    rt.clock.set(firstAt + 24 * 3_600_000);
    rt.clock.advanceMinutes(5);
    expect(rt.fireDueTriggers().map((r) => r.ok)).toEqual([true]);
    expect(rt.triggerRuntimeMs('owner@example.com')).toBe(4 * 60_000);
  });

  test('counted per user: another account has its own 90 minutes', () => {
    const rt = runtimeWith(bundle);
    rt.run('install');
    rt.runAs({ kind: 'menu', activeUserEmail: ADMIN, effectiveUserEmail: ADMIN }, 'install');
    expect(rt.triggers.map((t) => t.ownerEmail)).toEqual(['owner@example.com', ADMIN]);
    for (let i = 0; i < 12; i++) {
      rt.clock.advanceMinutes(5);
      rt.fireDueTriggers();
    }
    // 12 firings of each user's trigger, 4 minutes each: 48 minutes per user, none failed.
    expect(rt.failures).toEqual([]);
    expect(rt.triggerRuntimeMs('owner@example.com')).toBe(48 * 60_000);
    expect(rt.triggerRuntimeMs(ADMIN)).toBe(48 * 60_000);
  });

  test('a Google Workspace account has 6 hours', () => {
    const rt = runtimeWith(bundle, { accountType: 'workspace' });
    rt.run('install');
    for (let i = 0; i < 30; i++) {
      rt.clock.advanceMinutes(5);
      rt.fireDueTriggers();
    }
    expect(rt.failures).toEqual([]);
    expect(rt.triggerRuntimeMs('owner@example.com')).toBe(120 * 60_000);
    expect(rt.triggerQuotaMs('owner@example.com')).toBe(6 * 3_600_000);
  });
});

/**
 * Issue 10's daily trigger budget, shown by a test rather than only by the bench: a
 * whole simulated day at 2,000 open leads (scripts/bench-limits.ts, triggerDay: 200 new
 * leads 09:00–21:00 through the form, 80% contacted within 20 minutes, the rest
 * re-routed once), every trigger firing when due, with 5- and with 1-minute checks.
 * Trigger-minutes are the runtime's modelled durations on the project's one latency
 * model at its slow end (test/runtime/latency.ts PESSIMISTIC_LATENCY, start-up of each
 * execution included; counts × costs), never wall clock; a
 * sweep's wait for a deadline just after its pass (Utilities.sleep) is among them.
 * The runtime fires every trigger at its nominal time, or right after the run under way
 * then (a sweep behind a form response in its minute), and keeps its phase: a late sweep
 * does not push the next one back (test/runtime/services/clock-trigger-phase.test.ts).
 * The day starts at the sweep's nominal time, so each form response arrives the instant
 * a sweep falls due and runs first: the worst case for the sweep's wait for the script
 * lock, which on Google it spends inside its own execution. The runtime charges that
 * wait to a late sweep that takes the lock (test/runtime/services/lock-wait.test.ts), and
 * it is among the trigger-minutes (lockWaitMinutes). A sweep with nothing due yet does
 * not wait for the lock (src/domain/sweep-timing.ts, readsOnlyAhead). In this day a
 * deadline (an assignment's time plus the 60-minute SLA) falls seconds after a 1-minute
 * sweep's read, so those sweeps wait for it and re-route in a second pass; whether a
 * 5-minute sweep finds a deadline within its 15 s horizon depends on the timings (none
 * does in this day; test/app/sweep.test.ts has the second pass's cases).
 * Google documents only that trigger times may be slightly randomized, so on the
 * platform the lateness bound holds relative to when the trigger actually fires (README,
 * Performance).
 *
 * The two days run side by side in fresh Node processes (scripts/trigger-day.ts): each
 * is a whole day (1,440 minutes, about 330 runs that read 2,000 rows), and inside this
 * long-lived test process the same day took several times longer.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CONSUMER_QUOTA_MIN, type DayResult } from '../../scripts/bench-limits';
import { SECOND_PASS_HORIZON_MS } from '../../src/domain/sweep-timing';

jest.setTimeout(900_000);

const root = join(__dirname, '..', '..');

async function day(everyMinutes: number): Promise<DayResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'trigger-day.ts'), '2000', String(everyMinutes)],
    { cwd: root, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as DayResult;
}

let fiveMinute: DayResult;
let oneMinute: DayResult;

beforeAll(async () => {
  [fiveMinute, oneMinute] = await Promise.all([day(5), day(1)]);
});

test('a day at 2,000 open leads with 5-minute checks costs at most 45 trigger-minutes', () => {
  const d = fiveMinute;
  expect(d).toMatchObject({ openLeads: 2_000, everyMinutes: 5, newLeads: 200, failedRuns: 0 });
  // One in five is not contacted in time and is re-routed once.
  expect(d.reroutes).toBe(40);
  expect(d.triggerRuns).toBeGreaterThanOrEqual((24 * 60) / 5);
  // The sweep fires every 5 minutes of the day, also after one it ran late behind an intake.
  expect(d.sweepRuns).toBeGreaterThanOrEqual((24 * 60) / 5 - 1);
  expect(d.triggerMinutes).toBeLessThanOrEqual(CONSUMER_QUOTA_MIN / 2);
  // Counted in it: the lock waits of sweeps due while a form response was taken in.
  expect(d.lockWaitRuns).toBeGreaterThan(0);
  expect(d.lockWaitMinutes).toBeGreaterThan(0);
  expect(d.lockWaitMinutes * 60_000).toBeLessThanOrEqual(
    d.lockWaitRuns * d.longestIntakeMin * 60_000,
  );
  // Most sweeps skip reading: the plan says when the next one has work.
  expect(d.sweepsThatRead).toBeLessThan(((24 * 60) / 5) * 0.6);
  // Never before its deadline (the rep has the full SLA), at most one interval after it:
  // a sweep waits for a deadline just after its pass (domain/sweep-timing.ts), and a
  // later one is read by the next sweep even after a form response it waited behind.
  expect(d.minLatenessMin).toBeGreaterThanOrEqual(0);
  expect(d.maxLatenessMin).toBeLessThanOrEqual(5);
  expect(d.longestIntakeMin * 60_000).toBeLessThan(SECOND_PASS_HORIZON_MS);
});

test('with 1-minute checks the same day stays inside the 90 minutes, every re-route within a minute of its deadline and none before it', () => {
  const d = oneMinute;
  expect(d).toMatchObject({ openLeads: 2_000, everyMinutes: 1, newLeads: 200, failedRuns: 0 });
  expect(d.reroutes).toBe(40);
  expect(d.triggerRuns).toBeGreaterThanOrEqual(24 * 60);
  // Every minute of the day but the first (the trigger was installed less than a minute
  // before it): a sweep fired late behind an intake does not skip the next minute.
  expect(d.sweepRuns).toBeGreaterThanOrEqual(24 * 60 - 1);
  expect(d.triggerMinutes).toBeLessThan(CONSUMER_QUOTA_MIN);
  expect(d.lockWaitRuns).toBeGreaterThan(0);
  expect(d.lockWaitMinutes).toBeGreaterThan(0);
  // Issue 10's flat bound: at most a minute late, never early. Here the sweeps wait for a
  // deadline seconds after their read and re-route in a second pass (see above); a sweep
  // that first waits behind a form response reads after that wait, under the horizon.
  expect(d.minLatenessMin).toBeGreaterThanOrEqual(0);
  expect(d.maxLatenessMin).toBeLessThanOrEqual(1);
  expect(d.secondPasses).toBeGreaterThan(0);
  expect(d.longestIntakeMin * 60_000).toBeLessThan(SECOND_PASS_HORIZON_MS);
});

/**
 * Issue 10's daily trigger budget, shown by a test rather than only by the bench: a
 * whole simulated day at 2,000 open leads (scripts/bench-limits.ts, triggerDay: 200 new
 * leads 09:00–21:00 through the form, 80% contacted within 20 minutes, the rest
 * re-routed once), every trigger firing when due, with 5- and with 1-minute checks.
 * Trigger-minutes are the runtime's modelled durations on the bench's pessimistic
 * latency model plus 1 s start-up per execution (counts × costs), never wall clock.
 *
 * The two days run side by side in fresh Node processes (scripts/trigger-day.ts): each
 * is a whole day (about 1,440 minutes, 300 runs that read 2,000 rows), and inside this
 * long-lived test process the same day took several times longer.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CONSUMER_QUOTA_MIN, type DayResult } from '../../scripts/bench-limits';

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
  expect(d.triggerMinutes).toBeLessThanOrEqual(CONSUMER_QUOTA_MIN / 2);
  // Most sweeps skip reading: the plan says when the next one has work.
  expect(d.sweepsThatRead).toBeLessThan(((24 * 60) / 5) * 0.6);
  // The first sweep after a deadline re-routes (checks every 5 minutes), after the form
  // response it may have waited behind in that minute.
  expect(d.maxLatenessMin).toBeLessThanOrEqual(5 + d.longestIntakeMin);
});

test('with 1-minute checks the same day stays inside the 90 minutes, every re-route within a minute of its deadline plus one intake', () => {
  const d = oneMinute;
  expect(d).toMatchObject({ openLeads: 2_000, everyMinutes: 1, newLeads: 200, failedRuns: 0 });
  expect(d.reroutes).toBe(40);
  expect(d.triggerRuns).toBeGreaterThanOrEqual(24 * 60);
  expect(d.triggerMinutes).toBeLessThan(CONSUMER_QUOTA_MIN);
  // At most a minute after its deadline, plus the form response the sweep may have
  // waited behind in that minute (runs take turns): issue 10 asks for 1 minute flat,
  // which this does not meet by those seconds (README, Performance).
  expect(d.maxLatenessMin).toBeLessThanOrEqual(1 + d.longestIntakeMin);
  expect(d.longestIntakeMin).toBeLessThan(0.25);
});

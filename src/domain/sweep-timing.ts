/**
 * When a sweep reads the sheets: whether it may skip reading (the schedule says nothing
 * is due before the next sweep), and whether it waits for work due just after its own
 * pass and runs one more pass (the second pass). Pure: app/sweep.ts reads the schedule
 * and the clock, sleeps through the pause port and runs the passes.
 *
 * Why a second pass: a deadline that falls just after a sweep's read is otherwise seen
 * only by the next sweep, which may itself wait for the script lock behind another run
 * (runs take turns), so a re-route came up to one check interval plus that wait after
 * its deadline (1.10 minutes with 1-minute checks). Re-routing before the deadline is
 * no way out: the rep is promised the full SLA. So the sweep waits for it instead.
 */

/**
 * How far past its own work (ms) a sweep waits for the next deadline and re-routes at
 * it. It must exceed the longest time the next sweep can wait for the script lock behind
 * another run before it reads: a deadline later than this is left to the next sweep,
 * which then reads it at most (interval − horizon + that wait) late, under one interval.
 * The longest such run in the simulated day at 2,000 open leads is a form intake, 5.5 s
 * on the pessimistic latency model (test/runtime/latency.ts; scripts/bench-limits.ts);
 * 15 s is more than twice that (an intake reaches 15 s at about 17,000 open leads). A longer horizon costs trigger time: the wait counts against the
 * execution (Utilities.sleep) and so against the daily trigger quota.
 */
export const SECOND_PASS_HORIZON_MS = 15_000;

/** What the schedule says: the earliest known work (epoch ms) and the sweep interval (ms). */
export interface PlannedWork {
  atMs: number;
  everyMs: number;
}

/**
 * A sweep skips reading only when the next sweep still comes no later than the planned
 * work (so work waits no longer than without a schedule) and nothing is parked.
 * @param startedAt when this sweep started (epoch ms)
 */
export function skipsReading(
  planned: PlannedWork | null,
  startedAt: number,
  parkedCount: number,
): boolean {
  return planned !== null && startedAt + planned.everyMs <= planned.atMs && parkedCount === 0;
}

/**
 * A sweep that reads only ahead of its work: the planned work is due after this sweep's
 * second-pass horizon, so its read cannot do that work (a deadline is acted on only once
 * passed; one within the horizon gets the second pass) and serves only to notice edits
 * made by hand sooner. Such a sweep does not wait for the script lock: on Google a
 * sweep due while a form response is being taken in waits for it inside its own
 * execution, and that wait (about 6 s at 2,000 open leads) counts as trigger runtime.
 * When the lock is busy it leaves the read to the next sweep, which comes no later than
 * the work (it did not skip, so its work is due before the next sweep): nothing planned
 * waits longer.
 * @param startedAt when this sweep started (epoch ms)
 */
export function readsOnlyAhead(
  planned: PlannedWork | null,
  startedAt: number,
  parkedCount: number,
): boolean {
  return planned !== null && planned.atMs > startedAt + SECOND_PASS_HORIZON_MS && parkedCount === 0;
}

export interface SecondPassInput {
  /** The schedule's next work (epoch ms) after this sweep's pass; null = unknown. */
  nextWorkAt: number | null;
  /** When this sweep's pass read the sheets (epoch ms); null = it skipped reading. */
  readAt: number | null;
  /** Now, after this sweep's own work (epoch ms). */
  now: number;
  /** When the execution started (epoch ms). */
  startedAt: number;
  /**
   * Elapsed time since the start (ms) after which no second pass starts, so that it ends
   * as a first pass would, well inside Apps Script's 6-minute limit.
   */
  latestStartMs: number;
}

/**
 * How long (ms) to wait before the second pass, or null for none. Asked once per
 * execution, after its first pass (or its skip): a second pass is never followed by a
 * third. Work due at or before the read was seen by it (a waiting lead's "now" among
 * it), so only work due after the read and within the horizon after `now` counts; work
 * already due by `now` (a deadline that fell during the sweep's own commit or delivery)
 * gets the pass at once.
 *
 * A sweep that skipped reading gets the same rule; as it skips only when the next sweep
 * comes no later than the work (skipsReading), and the shortest interval (1 minute)
 * exceeds the horizon, such a sweep never finds its work within the horizon.
 */
export function secondPassWaitMs(input: SecondPassInput): number | null {
  const { nextWorkAt, readAt, now, startedAt } = input;
  if (nextWorkAt === null || !Number.isFinite(nextWorkAt)) return null;
  if (readAt !== null && nextWorkAt <= readAt) return null;
  if (nextWorkAt > now + SECOND_PASS_HORIZON_MS) return null;
  const wait = Math.max(0, nextWorkAt - now);
  return now + wait - startedAt <= input.latestStartMs ? wait : null;
}

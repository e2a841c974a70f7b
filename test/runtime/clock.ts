/**
 * The clock the tests control. The bundle's `new Date()` and `Date.now()` read it,
 * because the runtime hands the bundle `ClockDate` in place of the global `Date`.
 * Every fake that stamps time (Slack `ts`, rate limits, cache expiry, lock waits)
 * reads the same clock, so a test can move a whole day forward in one call.
 */
export class Clock {
  private nowMs: number;

  /** @param start the initial instant (epoch milliseconds or a Date) */
  constructor(start: number | Date = Date.UTC(2026, 10, 26, 2, 0, 0)) {
    this.nowMs = typeof start === 'number' ? start : start.getTime();
  }

  /** Current instant in epoch milliseconds. */
  now(): number {
    return this.nowMs;
  }

  /** Jumps to an instant; the clock never runs backwards. */
  set(at: number | Date): void {
    const ms = typeof at === 'number' ? at : at.getTime();
    if (ms < this.nowMs)
      throw new Error(
        `Clock cannot go back from ${new Date(this.nowMs).toISOString()} to ${new Date(ms).toISOString()}`,
      );
    this.nowMs = ms;
  }

  /** Moves forward by a number of milliseconds. */
  advanceMs(ms: number): void {
    this.set(this.nowMs + ms);
  }

  /** Moves forward by a number of minutes. */
  advanceMinutes(minutes: number): void {
    this.advanceMs(minutes * 60_000);
  }
}

/**
 * A `Date` whose no-argument constructor and `now()` read the fake clock. All other
 * constructor forms behave exactly like `Date`, and instances are real Dates
 * (`instanceof Date` holds in the host realm).
 */
export function makeClockDate(clock: Clock): DateConstructor {
  class ClockDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now());
      else super(...(args as [string | number | Date]));
    }

    static override now(): number {
      return clock.now();
    }
  }
  return ClockDate as unknown as DateConstructor;
}

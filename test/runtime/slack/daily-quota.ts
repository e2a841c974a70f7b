/**
 * The UrlFetch daily quota: 20,000 calls a day on consumer accounts (100,000 on
 * Workspace). Google documents that daily quotas refresh at the end of a 24-hour window
 * whose exact start varies by user; we start the window at the first counted call and
 * reset it 24 hours later, on the fake clock.
 */
import type { Clock } from '../clock';

const DAY_MS = 24 * 60 * 60 * 1000;

export class DailyQuota {
  private windowStartMs: number | undefined;
  private used = 0;

  /** @param limit calls allowed per 24-hour window */
  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
  ) {}

  /** Takes one call from the quota; false when the quota is exhausted (nothing taken). */
  tryTake(): boolean {
    const now = this.clock.now();
    if (this.windowStartMs === undefined || now - this.windowStartMs >= DAY_MS) {
      this.windowStartMs = now;
      this.used = 0;
    }
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }

  /** Calls taken in the current window. */
  usedToday(): number {
    return this.used;
  }
}

/**
 * Failures a test schedules: "the next N matching requests fail like this", and an
 * outage switch. Entries are used in the order they were scheduled; an entry restricted
 * to a method ('chat.postMessage', or 'response_url') skips requests for other methods.
 */
import type { SlackFailure } from './types';

interface Scheduled {
  remaining: number;
  failure: SlackFailure;
  method?: string;
}

export class FailureInjector {
  private readonly scheduled: Scheduled[] = [];
  private down = false;

  /** The next `count` requests (for `method`, when given) fail with `failure`. */
  failNext(count: number, failure: SlackFailure, method?: string): void {
    if (!Number.isInteger(count) || count < 1)
      throw new Error(`failNext count must be a positive integer, got ${count}`);
    this.scheduled.push({ remaining: count, failure, method });
  }

  /** While down, every request to Slack answers HTTP 500. */
  setDown(down: boolean): void {
    this.down = down;
  }

  /** The failure for this request, consuming one use of the scheduled entry. */
  take(method: string): SlackFailure | undefined {
    if (this.down) return { status: 500 };
    const index = this.scheduled.findIndex((s) => s.method === undefined || s.method === method);
    if (index < 0) return undefined;
    const entry = this.scheduled[index];
    entry.remaining -= 1;
    if (entry.remaining === 0) this.scheduled.splice(index, 1);
    return entry.failure;
  }
}

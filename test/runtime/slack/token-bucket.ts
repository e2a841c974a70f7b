/**
 * Token buckets on the fake clock, one per key, for Slack's rate limits.
 *
 * Slack documents chat.postMessage as "Special": "generally allows posting one message
 * per second per channel, while also maintaining a workspace-wide limit", and "Posting
 * messages: 1 per second. Short bursts >1 allowed. If you attempt bursts, there is no
 * guarantee...". The burst size is not published; we default to 3 so a sweep that posts
 * a handful of leads into one channel at once hits the limit in tests, as it can in
 * production. Tiered methods: Tier 3 is "50+ per minute", Tier 4 "100+ per minute".
 */
import type { Clock } from '../clock';

export interface BucketShape {
  /** Requests allowed back to back. */
  capacity: number;
  /** Refill rate, requests per second. */
  perSecond: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly shape: BucketShape,
  ) {}

  /** Spends one token for `key`, or says how many whole seconds until one is available. */
  take(key: string): TakeResult {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.shape.capacity, atMs: now };
    const refilled = Math.min(
      this.shape.capacity,
      bucket.tokens + ((now - bucket.atMs) / 1000) * this.shape.perSecond,
    );
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, atMs: now });
      return { ok: true };
    }
    this.buckets.set(key, { tokens: refilled, atMs: now });
    const waitSeconds = (1 - refilled) / this.shape.perSecond;
    // Retry-After is a whole number of seconds, at least 1.
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds - 1e-9)) };
  }
}

/**
 * Slack message timestamps ("1764122400.000100"): epoch seconds, a dot, six digits.
 * They identify a message within a conversation, so they are unique and strictly
 * increasing; we derive them from the fake clock and step by 100 microseconds when the
 * clock has not moved.
 */
import type { Clock } from '../clock';

const STEP_MICROS = 100;

export class MessageTsClock {
  private lastMicros = 0;

  constructor(private readonly clock: Clock) {}

  next(): string {
    const micros = Math.max(this.clock.now() * 1000, this.lastMicros) + STEP_MICROS;
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    const fraction = String(micros % 1_000_000).padStart(6, '0');
    return `${seconds}.${fraction}`;
  }
}

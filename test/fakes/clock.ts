/**
 * The Clock port in memory: time stands still until a test (or a modelled wait: the
 * lock, `pause`) moves it. Epoch milliseconds.
 */
import type { Clock } from '../../src/app/ports';

export class FakeClock implements Clock {
  constructor(private ms: number) {}

  now(): number {
    return this.ms;
  }

  /** Moves time on by `ms` (never back). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`FakeClock.advance: ${ms} ms is not a forward step`);
    this.ms += ms;
  }
}

/**
 * The ScriptLock port in memory, modelled on LockService's script lock as the real
 * adapter uses it (tryLock, then releaseLock in `finally`):
 * - another run may hold it (`holdElsewhere`); a wait costs clock time, and one longer
 *   than the timeout throws the adapter's RoutingError LOCK_TIMEOUT, changing nothing;
 * - the lock belongs to the execution, so a nested withLock gets it at once, and its
 *   release in `finally` releases it for the outer one too (as Apps Script does): the
 *   workbook fake then records the outer run's later writes as unlocked.
 */
import type { ScriptLock } from '../../src/app/ports';
import { RoutingError } from '../../src/domain/errors';
import type { FakeClock } from './clock';

export class FakeLock implements ScriptLock {
  /** Whether this execution holds the lock now. */
  held = false;
  /** Calls to withLock, and how many timed out. */
  readonly stats = { acquired: 0, timedOut: 0 };
  /** Another execution's hold: until this epoch ms (Infinity = until released). */
  private elsewhereUntil: number | null = null;

  constructor(private readonly clock: FakeClock) {}

  /** Another run takes the lock, until `untilMs` (epoch ms) or for good. */
  holdElsewhere(untilMs = Infinity): void {
    this.elsewhereUntil = untilMs;
  }

  releaseElsewhere(): void {
    this.elsewhereUntil = null;
  }

  withLock<T>(timeoutMs: number, work: () => T): T {
    if (!this.held && this.elsewhereUntil !== null) {
      const wait = this.elsewhereUntil - this.clock.now();
      if (wait > timeoutMs) {
        this.clock.advance(timeoutMs);
        this.stats.timedOut++;
        throw new RoutingError(
          'LOCK_TIMEOUT',
          `Another run held the script lock for more than ${Math.round(timeoutMs / 1000)} s; nothing was changed.`,
        );
      }
      if (wait > 0) this.clock.advance(wait);
      this.elsewhereUntil = null;
    }
    this.held = true;
    this.stats.acquired++;
    try {
      return work();
    } finally {
      this.held = false;
    }
  }
}

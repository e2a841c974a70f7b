/**
 * The WorkSchedule port in memory, with the real adapter's rules (adapters/
 * cache-schedule.ts over CacheService): the next work time is capped at MAX_IDLE_MINUTES ahead,
 * and the entry expires (then nothing is known: the next sweep reads everything) a
 * minute after that time, at most MAX_IDLE_MINUTES + 1 minute after it was set.
 */
import type { WorkSchedule } from '../../src/app/ports';
import type { FakeClock } from './clock';

const MAX_IDLE_MS = 15 * 60_000;

export class FakeSchedule implements WorkSchedule {
  private entry: { atMs: number; everyMs: number; expiresAt: number } | null = null;

  constructor(private readonly clock: FakeClock) {}

  nextWorkAt(): { atMs: number; everyMs: number } | null {
    if (this.entry && this.clock.now() >= this.entry.expiresAt) this.entry = null;
    return this.entry ? { atMs: this.entry.atMs, everyMs: this.entry.everyMs } : null;
  }

  setNextWorkAt(atMs: number, everyMs: number): void {
    const now = this.clock.now();
    const capped = Math.min(atMs, now + MAX_IDLE_MS);
    const seconds = Math.max(1, Math.ceil((capped - now) / 1000) + 60);
    const ttl = Math.min(seconds, MAX_IDLE_MS / 1000 + 60);
    this.entry = { atMs: capped, everyMs, expiresAt: now + ttl * 1000 };
  }

  workAt(atMs: number): void {
    const current = this.nextWorkAt();
    if (current === null || current.atMs <= atMs) return;
    this.setNextWorkAt(atMs, current.everyMs);
  }

  forget(): void {
    this.entry = null;
  }
}

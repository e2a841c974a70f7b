/**
 * When the next sweep has work, kept in the script cache: the earliest SLA deadline or
 * message retry the engine knows of. A sweep before then skips reading the sheets. The
 * entry expires after MAX_IDLE_MINUTES, so changes made by hand in the sheets (a rep
 * activated, a setting changed) are seen within that time even when nothing is due.
 */
import type { WorkSchedule } from '../app/ports';

const KEY = 'lead-routing:next-work-at';
/** Longest a sweep may skip reading, in minutes (also the cache entry's lifetime). */
export const MAX_IDLE_MINUTES = 15;

export class CacheWorkSchedule implements WorkSchedule {
  private readonly cache = CacheService.getScriptCache();

  constructor(private readonly now: () => number) {}

  nextWorkAt(): { atMs: number; everyMs: number } | null {
    const [at, every] = String(this.cache.get(KEY) ?? '')
      .split('/')
      .map(Number);
    return Number.isFinite(at) && at > 0 && Number.isFinite(every) && every > 0
      ? { atMs: at, everyMs: every }
      : null;
  }

  setNextWorkAt(atMs: number, everyMs: number): void {
    const now = this.now();
    const capped = Math.min(atMs, now + MAX_IDLE_MINUTES * 60_000);
    const seconds = Math.max(1, Math.ceil((capped - now) / 1000) + 60);
    this.cache.put(KEY, `${capped}/${everyMs}`, Math.min(seconds, MAX_IDLE_MINUTES * 60 + 60));
  }

  workAt(atMs: number): void {
    const current = this.nextWorkAt();
    if (current === null) return; // nothing set: the next sweep reads everything anyway
    if (current.atMs <= atMs) return;
    this.setNextWorkAt(atMs, current.everyMs);
  }

  forget(): void {
    this.cache.remove(KEY);
  }
}

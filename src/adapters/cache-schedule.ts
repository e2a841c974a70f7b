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

  nextWorkAt(): number | null {
    const value = Number(this.cache.get(KEY));
    return Number.isFinite(value) && value > 0 ? value : null;
  }

  plan(atMs: number): void {
    const now = this.now();
    const capped = Math.min(atMs, now + MAX_IDLE_MINUTES * 60_000);
    const seconds = Math.max(1, Math.ceil((capped - now) / 1000) + 60);
    this.cache.put(KEY, String(capped), Math.min(seconds, MAX_IDLE_MINUTES * 60 + 60));
  }

  workAt(atMs: number): void {
    const current = this.nextWorkAt();
    if (current !== null && current <= atMs) return;
    if (current === null) return; // nothing planned: the next sweep reads everything anyway
    this.plan(atMs);
  }

  forget(): void {
    this.cache.remove(KEY);
  }
}

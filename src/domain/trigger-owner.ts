/**
 * Whose triggers run the engine. Installable triggers belong to the account that
 * created them, run as that account, and Apps Script shows each account only its own
 * (ScriptApp.getProjectTriggers), so a second admin's Set up cannot see the first
 * admin's set. The engine remembers the owner's email and when the owner's sweep last
 * ran; from those, Set up decides whether to install, to leave the owner's set alone,
 * or to take over a set that has stopped running (the owner left, or removed them).
 * Pure: time and identities come in as values.
 */

/** A set whose sweep has not run for this long (or three intervals, if longer) has stopped. */
export const TAKE_OVER_AFTER_MS = 30 * 60_000;

export interface OwnershipFacts {
  /** The account recorded as owning the triggers; '' when none is recorded. */
  owner: string;
  /** The account running Set up now; '' when Apps Script does not reveal it. */
  me: string;
  /** When the owner's sweep last ran (epoch ms), or null when never recorded. */
  lastSweepAt: number | null;
  now: number;
  /** The sweep interval (ms). */
  sweepEveryMs: number;
}

export type OwnershipDecision =
  /** Nobody else owns them: install (or repair) this account's set. */
  | { kind: 'install' }
  /** Another account's set is running: leave it; install nothing. */
  | { kind: 'theirs'; owner: string; lastSweepAt: number | null }
  /** Another account's set has stopped: this account installs its own and becomes the owner. */
  | { kind: 'take_over'; previousOwner: string; lastSweepAt: number | null };

/** How long without a sweep before another admin may take the triggers over (ms). */
export function staleAfterMs(sweepEveryMs: number): number {
  return Math.max(TAKE_OVER_AFTER_MS, 3 * sweepEveryMs);
}

export function decideOwnership(f: OwnershipFacts): OwnershipDecision {
  if (!f.owner || !f.me || f.owner.toLowerCase() === f.me.toLowerCase()) return { kind: 'install' };
  const running = f.lastSweepAt !== null && f.now - f.lastSweepAt <= staleAfterMs(f.sweepEveryMs);
  if (running) return { kind: 'theirs', owner: f.owner, lastSweepAt: f.lastSweepAt };
  return { kind: 'take_over', previousOwner: f.owner, lastSweepAt: f.lastSweepAt };
}

/**
 * Whether a trigger running as `runningAs` belongs to a set that is no longer the
 * engine's (another account took over): such a run removes its own account's triggers
 * and does no work, so two sets never both run.
 */
export function isRetiredSet(owner: string, runningAs: string): boolean {
  return owner !== '' && runningAs !== '' && owner.toLowerCase() !== runningAs.toLowerCase();
}

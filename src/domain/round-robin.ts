/**
 * Round-robin over the reps in sheet order. The pointer remembers the last rep by
 * Slack id as well as by position, so an admin inserting, deleting or reordering rows
 * never hands someone two turns in a row or skips someone: the rotation resumes after
 * the rep who had the last turn, wherever that rep now sits.
 */
import { eligibleReps, type Rep } from './rep';

export interface RotationPointer {
  /** Seed-compatible 0-based position of the last rep who got a lead; -1 = none yet. */
  lastIndex: number;
  /** Slack id of that rep; '' when unknown (older sheets only had last_index). */
  lastSlackId: string;
}

/** Position to continue after: the last rep's current row if still listed, else the stored index. */
function resumePosition(reps: readonly Rep[], pointer: RotationPointer): number {
  if (pointer.lastSlackId) {
    const found = reps.find((rep) => rep.slackId === pointer.lastSlackId);
    if (found) return found.index;
  }
  return pointer.lastIndex;
}

/** Eligible reps in rotation order, starting with the one right after `position`. */
function rotationFrom(reps: readonly Rep[], position: number): Rep[] {
  const eligible = eligibleReps(reps);
  const after = eligible.filter((rep) => rep.index > position);
  const before = eligible.filter((rep) => rep.index <= position);
  return [...after, ...before];
}

/** The rep who gets the next new lead, or null when nobody is eligible. */
export function nextRepForNewLead(reps: readonly Rep[], pointer: RotationPointer): Rep | null {
  return rotationFrom(reps, resumePosition(reps, pointer))[0] ?? null;
}

/** Pointer after a new lead went to `rep`. */
export function advancePointer(rep: Rep): RotationPointer {
  return { lastIndex: rep.index, lastSlackId: rep.slackId };
}

/**
 * The rep a lead is re-routed to: the next eligible rep after the current owner who
 * has not held the lead yet; when everyone eligible has held it, the one who held it
 * longest ago. Never the current owner while anyone else is eligible. Null when nobody
 * but (at most) the current owner is eligible.
 *
 * @param history Slack ids of the lead's holders, oldest first (the owner is last)
 */
export function nextRepForReroute(reps: readonly Rep[], currentSlackId: string, history: readonly string[]): Rep | null {
  const owner = reps.find((rep) => rep.slackId === currentSlackId);
  const candidates = rotationFrom(reps, owner ? owner.index : -1).filter((rep) => rep.slackId !== currentSlackId);
  if (candidates.length === 0) return null;
  const fresh = candidates.find((rep) => !history.includes(rep.slackId));
  if (fresh) return fresh;
  const lastHeld = (rep: Rep): number => history.lastIndexOf(rep.slackId);
  return candidates.reduce((best, rep) => (lastHeld(rep) < lastHeld(best) ? rep : best));
}

/**
 * Who gets the next new lead: a fair rotation over the reps who can take one now.
 *
 * Each rep's turns (leads given) are kept by Slack id; the next lead goes to the rep
 * who, after one more, would be least ahead for their weight ((turns + 1) / weight),
 * ties broken in sheet order starting after the rep who had the last turn. With equal
 * weights that is plain round-robin in sheet order; a weight-2 rep gets two leads to a
 * weight-1 rep's one, interleaved (A B A, A B A). Because turns are counted by rep and
 * not by row, reordering, inserting or deleting rows never gives anyone two turns in a
 * row or skips anyone. A rep who was not available (inactive, away, at their cap) comes
 * back level with the least-served rep, at their place in the order, with no catch-up
 * flood. The seed's `last_index` pointer is kept up to date alongside.
 */
import { availableReps, type Rep } from './rep';

export interface Rotation {
  /** Seed-compatible 0-based position of the last rep who got a lead; -1 = none yet. */
  lastIndex: number;
  /** Slack id of that rep; '' when unknown (older sheets only had last_index). */
  lastSlackId: string;
  /** Leads given per available rep (Slack id → count, may be fractional after levelling). */
  turns: Record<string, number>;
}

export const NEW_ROTATION: Rotation = { lastIndex: -1, lastSlackId: '', turns: {} };

/** Position to continue after: the last rep's current row; if they are gone, just before the row they had. */
function resumePosition(reps: readonly Rep[], rotation: Rotation): number {
  if (rotation.lastSlackId) {
    const found = reps.find((rep) => rep.slackId === rotation.lastSlackId);
    if (found) return found.index;
    return rotation.lastIndex - 0.5;
  }
  return rotation.lastIndex;
}

/** Reps in rotation order, starting with the one right after `position`. */
function rotationFrom(reps: readonly Rep[], position: number): Rep[] {
  return [
    ...reps.filter((rep) => rep.index > position),
    ...reps.filter((rep) => rep.index <= position),
  ];
}

/**
 * The rep who gets the next new lead and the rotation after it, or null when nobody can
 * take one now.
 * @param openLeads NEW leads held per Slack id (for `max_open_leads`)
 */
export function nextRepForNewLead(
  reps: readonly Rep[],
  rotation: Rotation,
  now: number,
  openLeads: ReadonlyMap<string, number>,
): { rep: Rep; rotation: Rotation } | null {
  const available = availableReps(reps, now, openLeads);
  if (available.length === 0) return null;
  const known = available.filter((rep) => rotation.turns[rep.slackId] !== undefined);
  const level = known.length
    ? Math.min(...known.map((rep) => rotation.turns[rep.slackId] / rep.weight))
    : 0;
  const turns: Record<string, number> = {};
  for (const rep of available)
    turns[rep.slackId] = rotation.turns[rep.slackId] ?? level * rep.weight;
  const after = (rep: Rep): number => (turns[rep.slackId] + 1) / rep.weight;
  const order = rotationFrom(available, resumePosition(reps, rotation));
  const rep = order.reduce((best, candidate) =>
    after(candidate) < after(best) - 1e-9 ? candidate : best,
  );
  turns[rep.slackId] += 1;
  return { rep, rotation: { lastIndex: rep.index, lastSlackId: rep.slackId, turns } };
}

/**
 * The rep a lead is re-routed to: the next available rep after the current owner who
 * has not held the lead yet; when everyone available has held it, the one who held it
 * longest ago. Never the current owner while anyone else is available. Null when nobody
 * else can take it.
 *
 * @param history Slack ids of the lead's holders, oldest first (the owner is last)
 */
export function nextRepForReroute(
  reps: readonly Rep[],
  currentSlackId: string,
  history: readonly string[],
  now: number,
  openLeads: ReadonlyMap<string, number>,
): Rep | null {
  const owner = reps.find((rep) => rep.slackId === currentSlackId);
  const candidates = rotationFrom(
    availableReps(reps, now, openLeads),
    owner ? owner.index : -1,
  ).filter((rep) => rep.slackId !== currentSlackId);
  if (candidates.length === 0) return null;
  const fresh = candidates.find((rep) => !history.includes(rep.slackId));
  if (fresh) return fresh;
  const lastHeld = (rep: Rep): number => history.lastIndexOf(rep.slackId);
  return candidates.reduce((best, rep) => (lastHeld(rep) < lastHeld(best) ? rep : best));
}

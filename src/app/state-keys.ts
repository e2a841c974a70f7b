/**
 * Keys of `routing_state_sheet`: the seed's `last_index` and `escalated_<lead_id>`,
 * plus `last_slack_id`, which lets the rotation survive reordered rows.
 */
import type { Rotation } from '../domain/round-robin';

export const LAST_INDEX = 'last_index';
export const LAST_SLACK_ID = 'last_slack_id';
/** JSON: leads given per available rep, for the fair rotation. */
export const ROTATION_TURNS = 'rotation_turns';
/** When nobody could take a lead (a date-time); '' once someone can. The manager is told once per stretch. */
export const NOBODY_AVAILABLE_SINCE = 'nobody_available_since';
export const ROSTER_PROBLEMS = 'roster_problems';
export const ESCALATED_PREFIX = 'escalated_';

export function rotationFrom(state: ReadonlyMap<string, string>): Rotation {
  const raw = state.get(LAST_INDEX);
  const index = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  let turns: Record<string, number> = {};
  try {
    const parsed = JSON.parse(state.get(ROTATION_TURNS) || '{}') as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      turns = Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>).filter(
          ([, v]) => typeof v === 'number' && Number.isFinite(v),
        ),
      ) as Record<string, number>;
    }
  } catch {
    turns = {}; // an admin's edit broke it: everyone starts level, nothing else is lost
  }
  return {
    lastIndex: Number.isInteger(index) ? index : -1,
    lastSlackId: state.get(LAST_SLACK_ID) ?? '',
    turns,
  };
}

export function rotationState(rotation: Rotation): Record<string, string | number> {
  return {
    [LAST_INDEX]: rotation.lastIndex,
    [LAST_SLACK_ID]: rotation.lastSlackId,
    [ROTATION_TURNS]: JSON.stringify(rotation.turns),
  };
}

export function escalatedLeadIds(state: ReadonlyMap<string, string>): Set<string> {
  const ids = new Set<string>();
  for (const [key, value] of state)
    if (key.startsWith(ESCALATED_PREFIX) && value !== '')
      ids.add(key.slice(ESCALATED_PREFIX.length));
  return ids;
}

/**
 * Keys of `routing_state_sheet`: the seed's `last_index` and `escalated_<lead_id>`,
 * plus `last_slack_id`, which lets the rotation survive reordered rows.
 */
import type { RotationPointer } from '../domain/round-robin';

export const LAST_INDEX = 'last_index';
export const LAST_SLACK_ID = 'last_slack_id';
export const ROSTER_PROBLEMS = 'roster_problems';
export const ESCALATED_PREFIX = 'escalated_';

export function pointerFrom(state: ReadonlyMap<string, string>): RotationPointer {
  const index = Number(state.get(LAST_INDEX));
  return { lastIndex: Number.isInteger(index) ? index : -1, lastSlackId: state.get(LAST_SLACK_ID) ?? '' };
}

export function pointerState(pointer: RotationPointer): Record<string, string | number> {
  return { [LAST_INDEX]: pointer.lastIndex, [LAST_SLACK_ID]: pointer.lastSlackId };
}

export function escalatedLeadIds(state: ReadonlyMap<string, string>): Set<string> {
  const ids = new Set<string>();
  for (const [key, value] of state) if (key.startsWith(ESCALATED_PREFIX) && value !== '') ids.add(key.slice(ESCALATED_PREFIX.length));
  return ids;
}

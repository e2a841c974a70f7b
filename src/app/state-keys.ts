/**
 * Keys of `routing_state_sheet`: the seed's `last_index` and `escalated_<lead_id>`,
 * plus `last_slack_id`, which lets the rotation survive reordered rows. Those three
 * keep the rotation of leads without a team; each team has its own rotation in one key,
 * `team_rotation_<team>` (JSON), and its own `nobody_available_since_team_<team>`.
 */
import { NEW_ROTATION, type Rotation } from '../domain/round-robin';
import { teamKey } from '../domain/routing-rules';
import type { Rotations } from '../domain/teams';

export const LAST_INDEX = 'last_index';
export const LAST_SLACK_ID = 'last_slack_id';
/** JSON: leads given per available rep, for the fair rotation. */
export const ROTATION_TURNS = 'rotation_turns';
/** When nobody could take a lead (a date-time); '' once someone can. The manager is told once per stretch. */
export const NOBODY_AVAILABLE_SINCE = 'nobody_available_since';
/** When a form response first could not be read as a name, phone or email; '' once one can. The manager is told once per stretch. */
export const FORM_UNREADABLE_SINCE = 'form_unreadable_since';
export const ROSTER_PROBLEMS = 'roster_problems';
export const ESCALATED_PREFIX = 'escalated_';
/** One team's rotation: JSON {"last_index", "last_slack_id", "turns"}. */
export const TEAM_ROTATION_PREFIX = 'team_rotation_';
/** NOBODY_AVAILABLE_SINCE for one team's leads. */
export const TEAM_NOBODY_PREFIX = 'nobody_available_since_team_';

/** The NOBODY_AVAILABLE_SINCE key for a team ('' = leads without a team). */
export function nobodyAvailableKey(team: string): string {
  const key = teamKey(team);
  return key === '' ? NOBODY_AVAILABLE_SINCE : `${TEAM_NOBODY_PREFIX}${key}`;
}

/** Turns as JSON may hold them: finite numbers only (an admin's edit may break the rest). */
function turnsFrom(parsed: unknown): Record<string, number> {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).filter(
      ([, v]) => typeof v === 'number' && Number.isFinite(v),
    ),
  ) as Record<string, number>;
}

function teamRotationFrom(raw: string): Rotation {
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    if (!parsed || typeof parsed !== 'object') return NEW_ROTATION;
    const index = Number(parsed.last_index);
    return {
      lastIndex: Number.isInteger(index) ? index : -1,
      lastSlackId: typeof parsed.last_slack_id === 'string' ? parsed.last_slack_id : '',
      turns: turnsFrom(parsed.turns),
    };
  } catch {
    return NEW_ROTATION; // broken by an edit: the team starts level, nothing else is lost
  }
}

/** The global rotation and every team's, from routing_state_sheet. */
export function rotationsFrom(state: ReadonlyMap<string, string>): Rotations {
  const teams: Record<string, Rotation> = {};
  for (const [key, value] of state)
    if (key.startsWith(TEAM_ROTATION_PREFIX))
      teams[teamKey(key.slice(TEAM_ROTATION_PREFIX.length))] = teamRotationFrom(value);
  return { global: rotationFrom(state), teams };
}

/**
 * State keys for the rotations that changed from `before` (the global one in the seed's
 * keys, each team's in its own key), so a run writes only what it moved.
 */
export function rotationsState(
  before: Rotations,
  after: Rotations,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (after.global !== before.global) Object.assign(out, rotationState(after.global));
  for (const [team, rotation] of Object.entries(after.teams))
    if (rotation !== before.teams[team])
      out[`${TEAM_ROTATION_PREFIX}${team}`] = JSON.stringify({
        last_index: rotation.lastIndex,
        last_slack_id: rotation.lastSlackId,
        turns: rotation.turns,
      });
  return out;
}

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

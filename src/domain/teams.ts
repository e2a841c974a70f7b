/**
 * Teams: a lead picked by a routing rule goes only to reps of the rule's team, through
 * that team's own fair rotation; a lead without a team goes to every rep through the
 * global rotation, as before teams existed. A rep may be in several teams; each team's
 * rotation counts only the leads it gave.
 */
import { eligibleReps, type Rep } from './rep';
import { NEW_ROTATION, type Rotation } from './round-robin';
import { teamKey, type RuleTable } from './routing-rules';

/** The global rotation (leads without a team) and one per team, by team key. */
export interface Rotations {
  global: Rotation;
  teams: Record<string, Rotation>;
}

export const NEW_ROTATIONS: Rotations = { global: NEW_ROTATION, teams: {} };

/** Reps a lead of `team` may go to: the team's members, or everyone when team is ''. */
export function teamReps(reps: readonly Rep[], team: string): Rep[] {
  const key = teamKey(team);
  return key === '' ? [...reps] : reps.filter((rep) => rep.teams.includes(key));
}

/**
 * Reps the manager's "Reassign to…" offers for a lead of `team`: the eligible members
 * of its team; every eligible rep when the team has none (the manager decides then).
 */
export function reassignTargets(eligible: readonly Rep[], team: string): Rep[] {
  const members = teamReps(eligible, team);
  return members.length ? members : [...eligible];
}

export function rotationOf(rotations: Rotations, team: string): Rotation {
  const key = teamKey(team);
  return key === '' ? rotations.global : (rotations.teams[key] ?? NEW_ROTATION);
}

export function withRotation(rotations: Rotations, team: string, rotation: Rotation): Rotations {
  const key = teamKey(team);
  return key === ''
    ? { ...rotations, global: rotation }
    : { ...rotations, teams: { ...rotations.teams, [key]: rotation } };
}

/**
 * What is wrong with the routing rules, in words an admin can act on: rows skipped
 * because they cannot be read, and rules naming a team nobody can take leads for (no
 * active rep with a usable Slack id has it), whose leads would wait.
 */
export function routingProblems(table: RuleTable, reps: readonly Rep[]): string[] {
  const eligible = eligibleReps(reps);
  const problems = table.problems.map((p) => p.text);
  for (const rule of table.rules) {
    if (rule.team === '' || teamReps(eligible, rule.team).length > 0) continue;
    problems.push(
      `routing_rules row ${rule.row} sends leads to team "${rule.team}", but no active rep with a Slack id has that team in sales_sheet's team column; its leads wait unassigned`,
    );
  }
  return problems;
}

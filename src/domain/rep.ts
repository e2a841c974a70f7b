/**
 * Sales reps as the admin keeps them in `sales_sheet`, and the checks that keep a
 * broken row from ever being routed to: an empty or malformed Slack id, or two rows
 * sharing one id, makes a rep ineligible and is reported, never silently used.
 */

export interface Rep {
  name: string;
  email: string;
  slackId: string;
  active: boolean;
  /** Position in the sheet's order, 0-based among data rows (the rotation's order). */
  index: number;
  /** Share of new leads relative to others (optional `weight` column; 1 when empty, 0 = none). */
  weight: number;
  /** Most NEW leads the rep may hold at once (optional `max_open_leads`); null = no cap. */
  maxOpenLeads: number | null;
  /** Epoch ms until which the rep gets no leads (optional `away_until`); null = here. */
  awayUntil: number | null;
  /** Teams the rep is in (optional `team` column, comma-separated), as keys (see teamKey); [] = none. */
  teams: string[];
}

/** Why an eligible rep gets no lead right now. */
export type Unavailable = 'AWAY' | 'AT_CAP' | 'NO_WEIGHT';

/** Whether an eligible rep can take a lead at `now`, given how many NEW leads each holds. */
export function unavailability(
  rep: Rep,
  now: number,
  openLeads: ReadonlyMap<string, number>,
): Unavailable | null {
  if (rep.weight <= 0) return 'NO_WEIGHT';
  if (rep.awayUntil !== null && rep.awayUntil > now) return 'AWAY';
  if (rep.maxOpenLeads !== null && (openLeads.get(rep.slackId) ?? 0) >= rep.maxOpenLeads)
    return 'AT_CAP';
  return null;
}

/** Eligible reps who can take a lead now: not away, below their cap, weight above 0. */
export function availableReps(
  reps: readonly Rep[],
  now: number,
  openLeads: ReadonlyMap<string, number>,
): Rep[] {
  return eligibleReps(reps).filter((rep) => unavailability(rep, now, openLeads) === null);
}

export interface RosterProblem {
  slackId: string;
  name: string;
  problem: 'EMPTY_SLACK_ID' | 'BAD_SLACK_ID' | 'DUPLICATE_SLACK_ID';
}

/** `active` as admins type it: ON, TRUE, yes, 1, ✓ or a ticked checkbox. */
export function parseActive(value: unknown): boolean {
  if (value === true) return true;
  if (typeof value === 'number') return value === 1;
  const text = String(value ?? '')
    .trim()
    .toUpperCase();
  return ['ON', 'TRUE', 'YES', 'Y', '1', 'ACTIVE', '✓', 'X'].includes(text);
}

/** Slack user ids: U… or W… followed by upper-case letters and digits. */
export function isSlackUserId(id: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(id);
}

/** Problems with active reps that keep them out of the rotation. */
export function rosterProblems(reps: readonly Rep[]): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const seen = new Map<string, number>();
  for (const rep of reps) if (rep.slackId) seen.set(rep.slackId, (seen.get(rep.slackId) ?? 0) + 1);
  for (const rep of reps) {
    if (!rep.active) continue;
    if (!rep.slackId) problems.push({ slackId: '', name: rep.name, problem: 'EMPTY_SLACK_ID' });
    else if (!isSlackUserId(rep.slackId))
      problems.push({ slackId: rep.slackId, name: rep.name, problem: 'BAD_SLACK_ID' });
    else if ((seen.get(rep.slackId) ?? 0) > 1)
      problems.push({ slackId: rep.slackId, name: rep.name, problem: 'DUPLICATE_SLACK_ID' });
  }
  return problems;
}

/** Active reps with a usable, unique Slack id: the only ones leads are routed to. */
export function eligibleReps(reps: readonly Rep[]): Rep[] {
  const bad = new Set(rosterProblems(reps).map((p) => `${p.name}|${p.slackId}`));
  return reps.filter((rep) => rep.active && rep.slackId && !bad.has(`${rep.name}|${rep.slackId}`));
}

/** Human wording of a roster problem, for logs and the set-up report. */
export function describeRosterProblem(p: RosterProblem): string {
  const who = p.name || '(no name)';
  switch (p.problem) {
    case 'EMPTY_SLACK_ID':
      return `sales_sheet: active rep ${who} has no slack_id; they get no leads until one is filled in`;
    case 'BAD_SLACK_ID':
      return `sales_sheet: active rep ${who} has slack_id "${p.slackId}", which is not a Slack member id (U… or W…); they get no leads`;
    case 'DUPLICATE_SLACK_ID':
      return `sales_sheet: slack_id ${p.slackId} appears on more than one row (${who}); those rows get no leads until it is unique`;
  }
}

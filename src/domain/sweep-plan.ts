/**
 * The SLA sweep's pure steps around planSweep (domain/routing.ts): the leads as the
 * sweep leaves them, its decisions as guarded lead patches, the roster and rule
 * problems it reports, how many decisions the commit applied, and when it next has
 * work. app/sweep.ts reads, plans with these, commits, then sends.
 */
import type { ExpectingLeadPatch, Lead } from './lead';
import type { OutboxItem } from './outbox';
import { describeRosterProblem, rosterProblems, type Rep } from './rep';
import { nextDeadline, type RoutingDecision } from './routing';
import type { RuleTable } from './routing-rules';
import type { SlaClock } from './sla';
import { routingProblems } from './teams';

/** Longest roster and rule problem text kept in routing_state_sheet and the log (characters). */
export const MAX_PROBLEMS_CHARS = 5_000;

/** The leads with the decisions' changes applied, in sheet order. */
export function leadsAfter(
  leads: readonly Lead[],
  decisions: readonly Pick<RoutingDecision, 'lead' | 'patch'>[],
): Lead[] {
  const changed = new Map(decisions.map((d) => [d.lead.leadId, d.patch.changes]));
  return leads.map((lead) => ({ ...lead, ...(changed.get(lead.leadId) ?? {}) }));
}

/** Each decision's patch, applied only while its lead is as the sweep read it. */
export function guardedPatches(decisions: readonly RoutingDecision[]): ExpectingLeadPatch[] {
  return decisions.map((d) => ({
    ...d.patch,
    expect: {
      stage: d.lead.stage,
      salesSlackId: d.lead.salesSlackId,
      routeCount: d.lead.routeCount,
    },
  }));
}

/**
 * The roster, rule and duplicate-row problems, '; '-joined. One cell holds at most 50,000
 * characters: a long list (many broken rows) is cut well short of it, so the sweep's own
 * write never fails on it; Check set-up lists all.
 */
export function sweepProblems(
  reps: readonly Rep[],
  rules: RuleTable,
  duplicateLeadIds: readonly string[],
): string {
  const problems = [
    ...rosterProblems(reps).map(describeRosterProblem),
    ...routingProblems(rules, reps),
    ...duplicateLeadIds.map(
      (id) =>
        `lead_sheet: lead_id ${id} is on more than one row; only the first row is routed (delete the copy)`,
    ),
  ].join('; ');
  return problems.length > MAX_PROBLEMS_CHARS
    ? `${problems.slice(0, MAX_PROBLEMS_CHARS - 60)}… (more: run Lead Routing → Check set-up)`
    : problems;
}

/** Decisions of each kind the commit applied (a skipped lead's decision is not counted). */
export function countApplied(
  decisions: readonly RoutingDecision[],
  skipped: ReadonlySet<string>,
): { assigned: number; rerouted: number; escalated: number } {
  const count = (kind: RoutingDecision['kind']): number =>
    decisions.filter((d) => d.kind === kind && !skipped.has(d.lead.leadId)).length;
  return {
    assigned: count('ASSIGNED'),
    rerouted: count('REROUTED'),
    escalated: count('ESCALATED'),
  };
}

export interface NextWorkInput {
  leads: readonly Lead[];
  decisions: readonly RoutingDecision[];
  /** Lead ids whose decision the commit skipped. */
  skipped: ReadonlySet<string>;
  /** Lead ids escalated before this sweep (routing_state_sheet). */
  escalated: ReadonlySet<string>;
  sla: SlaClock;
  /** Every outbox item after the commit, old and new, cancelled ones left out. */
  outbox: readonly OutboxItem[];
  /** When the next daily digest may be owed (Infinity = off). */
  digestAt: number;
  now: number;
}

/** When the sweep next has work (epoch ms): a deadline, a message due, the digest, or now while leads wait. */
export function nextSweepWork(input: NextWorkInput): number {
  const { now } = input;
  const applied = input.decisions.filter((d) => !input.skipped.has(d.lead.leadId));
  let next = nextDeadline(leadsAfter(input.leads, applied), input.escalated, input.sla, now);
  for (const item of input.outbox)
    if (item.status === 'PENDING') next = Math.min(next, item.nextAttemptAt ?? now);
  return Math.min(next, input.digestAt);
}

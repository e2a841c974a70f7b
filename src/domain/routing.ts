/**
 * The routing decisions, pure: who gets a new lead, and what the SLA sweep does to
 * every NEW lead (assign the unassigned, re-route the overdue, escalate once at the
 * threshold). Each decision is returned as a lead patch plus an event; nothing here
 * writes anything or talks to Slack. A lead with a `team` only ever goes to reps of that
 * team (through the team's rotation); this is enforced here, in the functions every
 * use case calls (assignNewLead, rerouteTarget).
 */
import { type Lead, type LeadPatch } from './lead';
import { nextRepForNewLead, nextRepForReroute } from './round-robin';
import { availableReps, type Rep } from './rep';
import { teamKey } from './routing-rules';
import type { Settings } from './settings';
import { isSlaExpired, slaDeadline, type SlaClock } from './sla';
import { parseStage } from './stage';
import { rotationOf, teamReps, withRotation, type Rotations } from './teams';

export type RoutingDecision =
  | { kind: 'ASSIGNED'; lead: Lead; patch: LeadPatch; to: Rep }
  | { kind: 'REROUTED'; lead: Lead; patch: LeadPatch; from: string; to: Rep }
  | { kind: 'ESCALATED'; lead: Lead; patch: LeadPatch };

/** Patch that hands `lead` to `rep` at `now`, counting one more assignment. */
export function assignmentPatch(lead: Lead, rep: Rep, now: number): LeadPatch {
  return {
    leadId: lead.leadId,
    changes: {
      assignedSales: rep.name,
      salesSlackId: rep.slackId,
      routeCount: lead.routeCount + 1,
      assignedAt: now,
      lastRoutedAt: now,
      slackChannel: '',
      slackTs: '',
      routeHistory: [...lead.routeHistory, rep.slackId],
    },
  };
}

/** NEW leads held per rep (for `max_open_leads`). */
export function openLeadCounts(leads: readonly Lead[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const lead of leads)
    if (lead.salesSlackId && parseStage(lead.stage) === 'NEW')
      counts.set(lead.salesSlackId, (counts.get(lead.salesSlackId) ?? 0) + 1);
  return counts;
}

/**
 * First assignment of a new or waiting lead, within its team (everyone when it has none);
 * advances that team's rotation only. Null when nobody in the team can take it now.
 */
export function assignNewLead(
  lead: Lead,
  reps: readonly Rep[],
  rotations: Rotations,
  now: number,
  openLeads: ReadonlyMap<string, number>,
): { decision: RoutingDecision; rotations: Rotations } | null {
  const next = nextRepForNewLead(
    teamReps(reps, lead.team),
    rotationOf(rotations, lead.team),
    now,
    openLeads,
  );
  if (!next) return null;
  return {
    decision: { kind: 'ASSIGNED', lead, patch: assignmentPatch(lead, next.rep, now), to: next.rep },
    rotations: withRotation(rotations, lead.team, next.rotation),
  };
}

/**
 * Who a NEW lead moves to when it leaves its owner (SLA expired, or passed on): the next
 * rep of its team (everyone when it has none) who has not held it, as nextRepForReroute
 * says; when nobody else in the team can take it, the owner again (a reminder) if they
 * are here; null when not even the owner can.
 */
export function rerouteTarget(
  lead: Lead,
  reps: readonly Rep[],
  now: number,
  openLeads: ReadonlyMap<string, number>,
): Rep | null {
  return (
    handOnTarget(lead, reps, now, openLeads) ??
    availableReps(reps, now, new Map()).find(
      (r) => r.slackId === lead.salesSlackId && (r.awayUntil === null || r.awayUntil <= now),
    ) ??
    null
  );
}

/**
 * Who a lead goes to when its owner hands it on (pass_lead) and the first choice of a
 * re-route: the next eligible rep of its team (everyone when it has none) who has not
 * held it (tried reps, weights, caps, away), never the owner. Null when nobody else can
 * take it now.
 */
export function handOnTarget(
  lead: Lead,
  reps: readonly Rep[],
  now: number,
  openLeads: ReadonlyMap<string, number>,
): Rep | null {
  return nextRepForReroute(
    teamReps(reps, lead.team),
    lead.salesSlackId,
    lead.routeHistory,
    now,
    openLeads,
  );
}

export interface SweepInput {
  leads: readonly Lead[];
  reps: readonly Rep[];
  rotations: Rotations;
  settings: Settings;
  now: number;
  /** Lead ids with an `escalated_<lead_id>` key in routing_state_sheet. */
  escalated: ReadonlySet<string>;
  sla: SlaClock;
}

export interface SweepPlan {
  decisions: RoutingDecision[];
  rotations: Rotations;
  /** NEW leads left unassigned because nobody is eligible. */
  waiting: number;
  /** Of those, per team key ('' = leads without a team): the team as a lead names it, and how many. */
  waitingByTeam: Map<string, { team: string; count: number }>;
}

/** What one sweep does, lead by lead, in sheet order. */
export function planSweep(input: SweepInput): SweepPlan {
  const { reps, settings, now, sla } = input;
  const open = sla.isOpen(now);
  let rotations = input.rotations;
  let waiting = 0;
  const waitingByTeam = new Map<string, { team: string; count: number }>();
  const decisions: RoutingDecision[] = [];
  const held = openLeadCounts(input.leads);
  // One open lead moves from `from` ('' = nobody) to `to`: caps count what this sweep gave.
  const moveHeld = (from: string, to: string): void => {
    if (from) held.set(from, Math.max(0, (held.get(from) ?? 0) - 1));
    held.set(to, (held.get(to) ?? 0) + 1);
  };
  for (const lead of input.leads) {
    if (parseStage(lead.stage) !== 'NEW' || !lead.leadId) continue;
    if (!lead.salesSlackId) {
      const assigned = assignNewLead(lead, reps, rotations, now, held);
      if (!assigned) {
        waiting++;
        const key = teamKey(lead.team);
        const team = waitingByTeam.get(key) ?? { team: lead.team.trim(), count: 0 };
        team.count++;
        waitingByTeam.set(key, team);
        continue;
      }
      decisions.push(assigned.decision);
      rotations = assigned.rotations;
      moveHeld('', assigned.decision.patch.changes.salesSlackId ?? '');
      continue;
    }
    // Outside business hours nothing is re-routed or escalated; waiting leads are still assigned.
    if (!open || !isSlaExpired(lead, sla, now)) continue;
    if (lead.escalatedAt !== null || input.escalated.has(lead.leadId)) continue;
    if (lead.routeCount >= settings.escalationThreshold) {
      decisions.push({
        kind: 'ESCALATED',
        lead,
        patch: { leadId: lead.leadId, changes: { escalatedAt: now } },
      });
      continue;
    }
    const to = rerouteTarget(lead, reps, now, held);
    if (!to) continue;
    decisions.push({
      kind: 'REROUTED',
      lead,
      patch: assignmentPatch(lead, to, now),
      from: lead.salesSlackId,
      to,
    });
    moveHeld(lead.salesSlackId, to.slackId);
  }
  return { decisions, rotations, waiting, waitingByTeam };
}

/**
 * When the sweep will next have work, after this sweep's decisions: the earliest SLA
 * deadline of a NEW lead that can still be re-routed or escalated, or now when leads
 * wait for a rep (someone may have been made available by hand). Infinity = none known.
 * @param leads the leads as this sweep leaves them
 */
export function nextDeadline(
  leads: readonly Lead[],
  escalated: ReadonlySet<string>,
  sla: SlaClock,
  now: number,
): number {
  let next = Infinity;
  for (const lead of leads) {
    if (parseStage(lead.stage) !== 'NEW' || !lead.leadId) continue;
    if (!lead.salesSlackId) return now;
    const deadline = slaDeadline(lead, sla);
    if (lead.escalatedAt !== null || escalated.has(lead.leadId) || deadline === null) continue;
    // An overdue lead left alone because the team is closed is work at the next opening.
    next = Math.min(next, deadline > now ? deadline : sla.nextOpening(now));
  }
  return next;
}

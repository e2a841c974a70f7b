/**
 * The routing decisions, pure: who gets a new lead, and what the SLA sweep does to
 * every NEW lead (assign the unassigned, re-route the overdue, escalate once at the
 * threshold). Each decision is returned as a lead patch plus an event; nothing here
 * writes anything or talks to Slack.
 */
import { type Lead, type LeadPatch } from './lead';
import { advancePointer, nextRepForNewLead, nextRepForReroute, type RotationPointer } from './round-robin';
import type { Rep } from './rep';
import type { Settings } from './settings';
import { isSlaExpired } from './sla';
import { parseStage } from './stage';

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

/** First assignment of a new or waiting lead; advances the rotation pointer. */
export function assignNewLead(
  lead: Lead,
  reps: readonly Rep[],
  pointer: RotationPointer,
  now: number,
): { decision: RoutingDecision; pointer: RotationPointer } | null {
  const rep = nextRepForNewLead(reps, pointer);
  if (!rep) return null;
  return { decision: { kind: 'ASSIGNED', lead, patch: assignmentPatch(lead, rep, now), to: rep }, pointer: advancePointer(rep) };
}

export interface SweepInput {
  leads: readonly Lead[];
  reps: readonly Rep[];
  pointer: RotationPointer;
  settings: Settings;
  now: number;
  /** Lead ids with an `escalated_<lead_id>` key in routing_state_sheet. */
  escalated: ReadonlySet<string>;
}

export interface SweepPlan {
  decisions: RoutingDecision[];
  pointer: RotationPointer;
  /** NEW leads left unassigned because nobody is eligible. */
  waiting: number;
}

/** What one sweep does, lead by lead, in sheet order. */
export function planSweep(input: SweepInput): SweepPlan {
  const { reps, settings, now } = input;
  let pointer = input.pointer;
  let waiting = 0;
  const decisions: RoutingDecision[] = [];
  for (const lead of input.leads) {
    if (parseStage(lead.stage) !== 'NEW' || !lead.leadId) continue;
    if (!lead.salesSlackId) {
      const assigned = assignNewLead(lead, reps, pointer, now);
      if (!assigned) {
        waiting++;
        continue;
      }
      decisions.push(assigned.decision);
      pointer = assigned.pointer;
      continue;
    }
    if (!isSlaExpired(lead, settings.slaMinutes, now)) continue;
    if (lead.escalatedAt !== null || input.escalated.has(lead.leadId)) continue;
    if (lead.routeCount >= settings.escalationThreshold) {
      decisions.push({ kind: 'ESCALATED', lead, patch: { leadId: lead.leadId, changes: { escalatedAt: now } } });
      continue;
    }
    const to = nextRepForReroute(reps, lead.salesSlackId, lead.routeHistory) ?? reps.find((r) => r.slackId === lead.salesSlackId && r.active);
    if (!to) continue;
    decisions.push({ kind: 'REROUTED', lead, patch: assignmentPatch(lead, to, now), from: lead.salesSlackId, to });
  }
  return { decisions, pointer, waiting };
}

/**
 * Who may hand a lead on now (pass_lead): only its current owner, only while it is NEW
 * and not escalated (after an escalation the manager decides where it goes). Refusals
 * are values with the reason the rep is shown, as for "Mark as CONTACTED".
 */
import { decideContact, type ContactDecision } from './contact';
import type { Lead } from './lead';

export type PassDecision = ContactDecision | { ok: false; reason: 'ESCALATED' };

/** @param escalated lead ids with an `escalated_<lead_id>` key in routing_state_sheet */
export function decidePass(
  lead: Lead | undefined,
  userId: string,
  escalated: ReadonlySet<string>,
): PassDecision {
  const decision = decideContact(lead, userId);
  if (!decision.ok || !lead) return decision;
  if (lead.escalatedAt !== null || escalated.has(lead.leadId))
    return { ok: false, reason: 'ESCALATED' };
  return decision;
}

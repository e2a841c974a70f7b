/**
 * Who may mark a lead CONTACTED: only its current owner, only while it is NEW.
 * Every refusal is a value with the reason the rep is shown.
 */
import type { Lead } from './lead';
import { clip, escapeMrkdwn, mention } from './slack-text';
import { parseStage } from './stage';

export type ContactDecision =
  | { ok: true }
  | { ok: false; reason: 'UNKNOWN_LEAD' }
  | { ok: false; reason: 'ALREADY_CONTACTED'; byOwner: boolean }
  | { ok: false; reason: 'NOT_NEW'; stage: string }
  | { ok: false; reason: 'REROUTED'; owner: string }
  | { ok: false; reason: 'NOT_OWNER'; owner: string };

export function decideContact(lead: Lead | undefined, userId: string): ContactDecision {
  if (!lead) return { ok: false, reason: 'UNKNOWN_LEAD' };
  const stage = parseStage(lead.stage);
  if (stage === 'CONTACTED')
    return { ok: false, reason: 'ALREADY_CONTACTED', byOwner: lead.salesSlackId === userId };
  if (stage !== 'NEW') return { ok: false, reason: 'NOT_NEW', stage: lead.stage || '(empty)' };
  if (lead.salesSlackId === userId) return { ok: true };
  const owner = lead.salesSlackId
    ? `${escapeMrkdwn(clip(lead.assignedSales, 80))}${lead.assignedSales ? ' ' : ''}(${mention(lead.salesSlackId)})`
    : 'nobody yet';
  if (lead.routeHistory.includes(userId)) return { ok: false, reason: 'REROUTED', owner };
  return { ok: false, reason: 'NOT_OWNER', owner };
}

/**
 * Recording a contacted lead's outcome from Slack (mark_qualified / mark_lost): the
 * owner or the manager, only while the lead is CONTACTED. An admin may still change
 * stages in the sheet; a click on a message an admin's edit made outdated is refused
 * with the stage the lead is at now.
 */
import type { Lead } from './lead';
import { clip, escapeMrkdwn, mention } from './slack-text';
import { parseStage } from './stage';

export type Outcome = 'QUALIFIED' | 'CLOSED_LOST';

export type OutcomeDecision =
  | { ok: true }
  | { ok: false; reason: 'UNKNOWN_LEAD' }
  | { ok: false; reason: 'NOT_CONTACTED'; stage: string }
  | { ok: false; reason: 'OUTCOME_SET'; stage: string }
  | { ok: false; reason: 'NOT_OWNER_OR_MANAGER'; owner: string };

/** @param managerSlackId settings.manager_slack_id ('' = nobody but the owner) */
export function decideOutcome(
  lead: Lead | undefined,
  userId: string,
  managerSlackId: string,
): OutcomeDecision {
  if (!lead) return { ok: false, reason: 'UNKNOWN_LEAD' };
  const stage = parseStage(lead.stage);
  if (stage === 'QUALIFIED' || stage === 'CLOSED_LOST')
    return { ok: false, reason: 'OUTCOME_SET', stage };
  if (stage !== 'CONTACTED')
    return { ok: false, reason: 'NOT_CONTACTED', stage: lead.stage || '(empty)' };
  if (userId === lead.salesSlackId || (managerSlackId !== '' && userId === managerSlackId))
    return { ok: true };
  const owner = lead.salesSlackId
    ? `${escapeMrkdwn(clip(lead.assignedSales, 80))}${lead.assignedSales ? ' ' : ''}(${mention(lead.salesSlackId)})`
    : 'nobody';
  return { ok: false, reason: 'NOT_OWNER_OR_MANAGER', owner };
}

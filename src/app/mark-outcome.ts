/**
 * "Qualified" / "Lost" on a contacted lead's message (mark_qualified / mark_lost): the
 * owner or the manager sets stage QUALIFIED or CLOSED_LOST, logged under the same
 * name; the message then shows the outcome without buttons. The write is guarded on
 * stage and owner, so an admin's edit that lands first wins. Runs under the router's
 * lock over the narrow click read (the lead's row and the settings).
 */
import { logEntry, type Lead } from '../domain/lead';
import { outcomeMessage, refusalText, type RefusalReason } from '../domain/messages';
import { decideOutcome, type Outcome } from '../domain/outcome';
import type { Texts } from '../domain/texts';
import type { Services } from './ports';
import { ephemeral, type SlackAnswer } from './slack-answer';

export function markOutcome(
  services: Services,
  lead: Lead | undefined,
  leadId: string,
  userId: string,
  outcome: Outcome,
  managerSlackId: string,
  now: number,
  t: Texts,
): SlackAnswer<Outcome | RefusalReason> {
  const decision = decideOutcome(lead, userId, managerSlackId);
  if (!decision.ok || !lead) {
    const reason = decision.ok ? 'UNKNOWN_LEAD' : decision.reason;
    services.workbook.commit({
      log: [
        logEntry(now, 'REJECTED', {
          leadId,
          fromSlackId: userId,
          actor: userId,
          detail: `${outcome}: ${reason}`,
        }),
      ],
    });
    return {
      body: ephemeral(refusalText(reason, { leadId, ...(decision.ok ? {} : decision) }, t)),
      outcome: reason,
    };
  }
  const commit = services.workbook.commit({
    leadPatches: [
      {
        leadId,
        changes: { stage: outcome },
        expect: { stage: lead.stage, salesSlackId: lead.salesSlackId },
      },
    ],
    log: [
      logEntry(now, outcome, {
        leadId,
        fromSlackId: lead.salesSlackId,
        actor: userId,
        detail: userId === lead.salesSlackId ? 'marked by the owner' : 'marked by the manager',
      }),
    ],
  });
  if (commit.skippedLeads.length)
    return { body: ephemeral(refusalText('CHANGED', { leadId }, t)), outcome: 'CHANGED' };
  const message = outcomeMessage(lead, outcome, userId, t);
  return {
    body: { replace_original: true, text: message.text, blocks: message.blocks },
    outcome,
  };
}

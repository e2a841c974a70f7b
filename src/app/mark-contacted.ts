/**
 * A click on "Mark as CONTACTED". Only the lead's current owner, only while it is NEW;
 * the write is guarded so a re-route or an admin's edit that lands first wins. Runs
 * under the lock the router holds; returns what to answer through response_url.
 */
import { decideContact } from '../domain/contact';
import { logEntry } from '../domain/lead';
import { contactedMessage, refusalText } from '../domain/messages';
import type { Lead } from '../domain/lead';
import type { Services } from './ports';
import { ephemeral, type SlackAnswer } from './slack-answer';

export function markContacted(
  services: Services,
  lead: Lead | undefined,
  leadId: string,
  userId: string,
  now: number,
): SlackAnswer {
  const decision = decideContact(lead, userId);
  if (decision.ok && lead) {
    const commit = services.workbook.commit({
      leadPatches: [
        {
          leadId,
          changes: { stage: 'CONTACTED', contactedAt: now },
          expect: { stage: lead.stage, salesSlackId: userId },
        },
      ],
      log: [
        logEntry(now, 'CONTACTED', {
          leadId,
          fromSlackId: userId,
          actor: userId,
          detail: `route ${lead.routeCount}`,
        }),
      ],
    });
    if (commit.skippedLeads.length === 0) {
      const minutes = lead.assignedAt === null ? 0 : (now - lead.assignedAt) / 60_000;
      const waited = lead.createdAt === null ? minutes : (now - lead.createdAt) / 60_000;
      const message = contactedMessage(lead, userId, minutes, waited);
      return {
        body: { replace_original: true, text: message.text, blocks: message.blocks },
        outcome: 'CONTACTED',
      };
    }
    return { body: ephemeral(refusalText('CHANGED', { leadId })), outcome: 'CHANGED' };
  }
  const reason = decision.ok ? 'UNKNOWN_LEAD' : decision.reason;
  services.workbook.commit({
    log: [
      logEntry(now, 'REJECTED', { leadId, fromSlackId: userId, actor: userId, detail: reason }),
    ],
  });
  return {
    body: ephemeral(refusalText(reason, { leadId, ...(decision.ok ? {} : decision) })),
    outcome: reason,
  };
}

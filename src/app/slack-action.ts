/**
 * A click on "Mark as CONTACTED". Only the lead's current owner, only while it is NEW;
 * the write is guarded so a re-route or an admin's edit that lands first wins. The
 * lock is waited for only briefly (Slack gives the web app 3 s): a click that cannot
 * get it changes nothing and the rep is asked to click again.
 */
import { decideContact } from '../domain/contact';
import { RoutingError } from '../domain/errors';
import { logEntry } from '../domain/lead';
import { contactedMessage, refusalText } from '../domain/messages';
import type { Services } from './ports';
import { readInteraction, type WebRequest } from './slack-request';

/** How long a click waits for the script lock, in ms. */
export const CLICK_LOCK_MS = 1_500;

export type ClickResult = { kind: 'IGNORED'; reason: string } | { kind: 'CONTACTED'; leadId: string } | { kind: 'REFUSED'; leadId: string; reason: string };

export function handleSlackRequest(services: Services, request: WebRequest | undefined): ClickResult {
  const interaction = readInteraction(request, services.secrets.verificationToken(), services.secrets.webappSecret());
  if (interaction.kind === 'IGNORED') {
    services.log.warn(`Slack request ignored: ${interaction.reason}`);
    return interaction;
  }
  const { leadId, userId, responseUrl } = interaction;
  let answer: Record<string, unknown>;
  let result: ClickResult;
  try {
    ({ answer, result } = services.lock.withLock(CLICK_LOCK_MS, () => {
      const now = services.clock.now();
      const snapshot = services.workbook.load();
      const lead = snapshot.leads.find((l) => l.leadId === leadId);
      const decision = decideContact(lead, userId);
      if (decision.ok && lead) {
        const commit = services.workbook.commit({
          leadPatches: [{ leadId, changes: { stage: 'CONTACTED', contactedAt: now }, expect: { stage: lead.stage, salesSlackId: userId } }],
          log: [logEntry(now, 'CONTACTED', { leadId, fromSlackId: userId, actor: userId, detail: `route ${lead.routeCount}` })],
        });
        if (commit.skippedLeads.length === 0) {
          const minutes = lead.assignedAt === null ? 0 : (now - lead.assignedAt) / 60_000;
          const waited = lead.createdAt === null ? minutes : (now - lead.createdAt) / 60_000;
          const message = contactedMessage(lead, userId, minutes, waited);
          return { answer: { replace_original: true, text: message.text, blocks: message.blocks }, result: { kind: 'CONTACTED', leadId } as ClickResult };
        }
        return { answer: ephemeral(refusalText('CHANGED', { leadId })), result: { kind: 'REFUSED', leadId, reason: 'CHANGED' } as ClickResult };
      }
      const reason = decision.ok ? 'UNKNOWN_LEAD' : decision.reason;
      const detail = decision.ok ? {} : decision;
      services.workbook.commit({ log: [logEntry(now, 'REJECTED', { leadId, fromSlackId: userId, actor: userId, detail: reason })] });
      return { answer: ephemeral(refusalText(reason, { leadId, ...detail })), result: { kind: 'REFUSED', leadId, reason } as ClickResult };
    }));
  } catch (err) {
    if (!(err instanceof RoutingError && err.code === 'LOCK_TIMEOUT')) throw err;
    answer = ephemeral(refusalText('BUSY', { leadId }));
    result = { kind: 'REFUSED', leadId, reason: 'BUSY' };
  }
  const outcome = services.slack.respond(responseUrl, answer);
  if (outcome.kind !== 'ok') services.log.warn(`could not answer click on ${leadId} through response_url: ${JSON.stringify(outcome)}`);
  return result;
}

function ephemeral(text: string): Record<string, unknown> {
  return { response_type: 'ephemeral', replace_original: false, text };
}

/**
 * Keeps Slack true to the lead. For the leads given, queues a chat.update for every
 * recorded message whose buttons no longer act (the lead was contacted, closed, moved
 * on, reminded or handed over, by the engine or by hand) and marks it rewritten in the
 * same commit; and cancels, with a log row, every owed message that is no longer true.
 */
import { buttonGoneMessage } from '../domain/button-messages';
import { liveByLead, noLongerOwed, staleButtons } from '../domain/buttons';
import { logEntry, type Lead, type LogEntry } from '../domain/lead';
import { newOutboxItem, type OutboxItem, type OutboxPatch } from '../domain/outbox';
import type { Texts } from '../domain/texts';
import type { Services } from './ports';

export interface FollowUp {
  newOutbox: OutboxItem[];
  outboxPatches: OutboxPatch[];
  log: LogEntry[];
  /** Ids of pending items cancelled here (not to be leased). */
  cancelled: Set<string>;
}

/** The chat.update that takes a recorded message's buttons away. */
export function rewriteOf(
  services: Services,
  item: OutboxItem,
  lead: Lead | undefined,
  now: number,
  t: Texts,
): OutboxItem {
  const message = buttonGoneMessage(item, lead, t);
  return newOutboxItem({
    id: `M-${services.ids.uuid()}`,
    leadId: item.leadId,
    kind: 'BUTTON_UPDATE',
    route: item.route,
    method: 'chat.update',
    body: JSON.stringify({
      channel: item.messageChannel,
      ts: item.messageTs,
      text: message.text,
      blocks: message.blocks,
    }),
    createdAt: now,
  });
}

/**
 * @param leads the leads as they will be after this run's changes, by id (a lead id
 *   absent from the map but present in `only` means the lead is gone)
 * @param only when given, just these leads are looked at
 */
export function followLeads(
  services: Services,
  leads: ReadonlyMap<string, Lead>,
  outbox: readonly OutboxItem[],
  now: number,
  t: Texts,
  only?: ReadonlySet<string>,
): FollowUp {
  const out: FollowUp = { newOutbox: [], outboxPatches: [], log: [], cancelled: new Set() };
  const wanted = (leadId: string): boolean => (only ? only.has(leadId) : true);
  for (const item of outbox) {
    // Only what is due now: a message leased by a run that is sending it right now is
    // checked by that run when it records the outcome (deliver), not cancelled under it.
    if (item.status !== 'PENDING' || !wanted(item.leadId) || !item.leadId) continue;
    if (item.nextAttemptAt !== null && item.nextAttemptAt > now) continue;
    const why = noLongerOwed(item, leads.get(item.leadId));
    if (why === null) continue;
    out.cancelled.add(item.id);
    // Patches carry their lead: a commit drops them with a decision whose lead changed.
    out.outboxPatches.push({
      id: item.id,
      leadId: item.leadId,
      changes: { status: 'CANCELLED', nextAttemptAt: null, lastError: `not sent: ${why}` },
    });
    out.log.push(
      logEntry(now, 'NOTIFY_CANCELLED', {
        leadId: item.leadId,
        toSlackId: item.toSlackId,
        detail: `${item.kind} for route ${item.route} not sent: ${why}`,
      }),
    );
  }
  for (const [leadId, items] of liveByLead(outbox)) {
    if (!wanted(leadId)) continue;
    const lead = leads.get(leadId);
    for (const item of staleButtons(items, lead)) {
      out.newOutbox.push(rewriteOf(services, item, lead, now, t));
      out.outboxPatches.push({ id: item.id, leadId, changes: { button: '' } });
    }
  }
  return out;
}

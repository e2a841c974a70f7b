/**
 * Slack follows the lead: which sent messages may keep their live buttons, and which
 * owed messages are still true when their turn to be sent comes. A lead's "Mark as
 * CONTACTED" button stays live in one message only: the newest one sent to its current
 * owner for its current route, while it is NEW. The manager's escalation controls stay
 * live while the lead is NEW and nobody has taken or reassigned it (its route has not
 * moved since). Everything else that still shows a button is rewritten.
 */
import type { Lead } from './lead';
import type { OutboxItem, OutboxPatch } from './outbox';
import { parseStage } from './stage';

/** Kinds of message that carry live buttons while their lead allows it. */
export function carriesButtons(item: Pick<OutboxItem, 'kind'>): boolean {
  return item.kind === 'ASSIGNMENT' || item.kind === 'ESCALATION';
}

/** Why an owed message is no longer true, or null while it still is. */
export function noLongerOwed(item: OutboxItem, lead: Lead | undefined): string | null {
  if (!carriesButtons(item)) return null;
  if (!lead) return 'the lead is no longer in lead_sheet';
  if (parseStage(lead.stage) !== 'NEW') return `the lead is ${lead.stage || 'without a stage'}`;
  if (lead.routeCount !== item.route)
    return `the lead moved on (route ${lead.routeCount}, the message was for route ${item.route})`;
  if (item.kind === 'ASSIGNMENT' && item.toSlackId && item.toSlackId !== lead.salesSlackId)
    return `the lead now belongs to ${lead.salesSlackId || 'nobody'}`;
  return null;
}

/**
 * Sent messages of one lead whose buttons must go: every live one except the newest
 * assignment that is still owed (and an escalation that is still owed).
 */
export function staleButtons(items: readonly OutboxItem[], lead: Lead | undefined): OutboxItem[] {
  const live = items.filter((item) => item.button === 'LIVE' && item.messageTs !== '');
  const newestOwed = live
    .filter((item) => item.kind === 'ASSIGNMENT' && noLongerOwed(item, lead) === null)
    .reduce<OutboxItem | undefined>(
      (newest, item) => (!newest || (item.sentAt ?? 0) > (newest.sentAt ?? 0) ? item : newest),
      undefined,
    );
  return live.filter((item) =>
    item.kind === 'ESCALATION' ? noLongerOwed(item, lead) !== null : item !== newestOwed,
  );
}

/** Live-button messages by lead id (sent, recorded, button still showing). */
export function liveByLead(items: readonly OutboxItem[]): Map<string, OutboxItem[]> {
  const byLead = new Map<string, OutboxItem[]>();
  for (const item of items)
    if (item.button === 'LIVE') byLead.set(item.leadId, [...(byLead.get(item.leadId) ?? []), item]);
  return byLead;
}

/**
 * The patch that records a clicked message's buttons as gone: the click's own answer
 * replaces that message, so no chat.update is owed. Dropped with the lead change it
 * belongs to when that change is skipped. None when the message was not recorded live.
 */
export function answeredInPlace(item: OutboxItem | undefined, leadId: string): OutboxPatch[] {
  return item?.button === 'LIVE' ? [{ id: item.id, leadId, changes: { button: '' } }] : [];
}

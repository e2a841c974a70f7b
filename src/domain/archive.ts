/**
 * Which leads leave lead_sheet for lead_archive: closed ones (CONTACTED, QUALIFIED,
 * CLOSED_LOST) untouched for `archive_after_days`, so the sheet every run reads stays
 * small. Finished outbox rows are dropped after a shorter while: they only explain
 * what was sent.
 */
import type { Lead } from './lead';
import type { OutboxItem } from './outbox';
import { isClosedStage, parseStage } from './stage';

const DAY_MS = 86_400_000;
/** Days a sent, failed or cancelled outbox row is kept. */
export const OUTBOX_KEEP_DAYS = 2;
/** Rows moved per run at most, so one run stays well inside its time. */
export const MAX_ARCHIVED_PER_RUN = 5_000;

/** The last thing that happened to a lead (epoch ms). */
function lastActivity(lead: Lead): number {
  return Math.max(
    lead.contactedAt ?? 0,
    lead.lastRoutedAt ?? 0,
    lead.assignedAt ?? 0,
    lead.createdAt ?? 0,
    lead.escalatedAt ?? 0,
  );
}

export function leadsToArchive(leads: readonly Lead[], now: number, afterDays: number): string[] {
  const cutoff = now - afterDays * DAY_MS;
  return leads
    .filter(
      (lead) =>
        isClosedStage(parseStage(lead.stage)) &&
        lastActivity(lead) > 0 &&
        lastActivity(lead) < cutoff,
    )
    .slice(0, MAX_ARCHIVED_PER_RUN)
    .map((lead) => lead.leadId);
}

/**
 * Finished outbox rows older than OUTBOX_KEEP_DAYS. A lead's message that was given up
 * stays while the lead is still NEW on that route: it is the record that the message
 * was owed and failed, so the sweep does not queue it again.
 */
export function outboxToDrop(
  items: readonly OutboxItem[],
  leads: readonly Lead[],
  now: number,
): string[] {
  const cutoff = now - OUTBOX_KEEP_DAYS * DAY_MS;
  const current = new Set(
    leads
      .filter((lead) => parseStage(lead.stage) === 'NEW')
      .map((lead) => `${lead.leadId}#${lead.routeCount}`),
  );
  return (
    items
      .filter((item) => item.status !== 'PENDING' && (item.sentAt ?? item.createdAt) < cutoff)
      // A message still showing a live button is the record the sweep rewrites it from.
      .filter((item) => item.button !== 'LIVE')
      .filter(
        (item) =>
          !(
            item.kind === 'ASSIGNMENT' &&
            item.status === 'FAILED' &&
            current.has(`${item.leadId}#${item.route}`)
          ),
      )
      .map((item) => item.id)
  );
}

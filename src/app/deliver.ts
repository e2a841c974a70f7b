/**
 * Sends owed Slack messages outside the lock, then writes each outcome back under it.
 * Items are leased (their next attempt pushed out) in the same commit that picks them,
 * so two executions never send one message twice; a run that dies mid-send leaves the
 * lease to expire and a later sweep sends it (at least once, never lost).
 */
import { judgeDelivery } from '../domain/delivery';
import { logEntry, type LogEntry } from '../domain/lead';
import { pickBatch, type OutboxItem, type OutboxPatch } from '../domain/outbox';
import type { GuardedLeadPatch, Services } from './ports';

/** Messages to one channel or person per run: Slack allows about one per second per channel, with short bursts. */
export const PER_TARGET_PER_RUN = 3;
/** Messages per run in all (one UrlFetchApp.fetchAll batch). */
export const MAX_PER_RUN = 50;
/** Minutes a picked item is reserved for the run sending it. */
export const LEASE_MINUTES = 10;
/** How long delivery waits for the lock to write outcomes back. */
const LOCK_MS = 30_000;

/** Picks what this run sends and leases it; the patches go into the caller's commit. */
export function leaseBatch(outbox: readonly OutboxItem[], now: number): { batch: OutboxItem[]; leases: OutboxPatch[] } {
  const batch = pickBatch(outbox, now, PER_TARGET_PER_RUN, MAX_PER_RUN);
  const until = now + LEASE_MINUTES * 60_000;
  return { batch, leases: batch.map((item) => ({ id: item.id, changes: { nextAttemptAt: until } })) };
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Sends a leased batch and records the outcomes. */
export function deliver(services: Services, batch: readonly OutboxItem[]): DeliveryReport {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  if (batch.length === 0) return report;
  const outcomes = services.slack.sendAll(batch.map((item) => ({ method: item.method, body: JSON.parse(item.body) as Record<string, unknown> })));
  const now = services.clock.now();
  const outboxPatches: OutboxPatch[] = [];
  const leadPatches: GuardedLeadPatch[] = [];
  const log: LogEntry[] = [];
  batch.forEach((item, i) => {
    const attempts = item.attempts + 1;
    const verdict = judgeDelivery(outcomes[i], attempts, now);
    if (verdict.kind === 'SENT') {
      report.sent++;
      outboxPatches.push({ id: item.id, changes: { status: 'SENT', attempts, sentAt: now, nextAttemptAt: null, lastError: '' } });
      if (item.kind === 'ASSIGNMENT') {
        leadPatches.push({ leadId: item.leadId, changes: { slackChannel: verdict.channel, slackTs: verdict.ts }, expect: { routeCount: item.route } });
      }
    } else if (verdict.kind === 'RETRY') {
      report.retrying++;
      outboxPatches.push({ id: item.id, changes: { attempts, nextAttemptAt: verdict.at, lastError: verdict.reason } });
      services.log.warn(`Slack ${item.method} for ${item.leadId} (${item.kind}) will be retried: ${verdict.reason}`);
    } else {
      report.failed++;
      outboxPatches.push({ id: item.id, changes: { status: 'FAILED', attempts, nextAttemptAt: null, lastError: verdict.reason } });
      log.push(logEntry(now, 'NOTIFY_FAILED', { leadId: item.leadId, detail: `${item.kind}: ${verdict.reason}` }));
      services.log.error(`Slack ${item.method} for ${item.leadId} (${item.kind}) failed for good: ${verdict.reason}`);
    }
  });
  services.lock.withLock(LOCK_MS, () => services.workbook.commit({ outboxPatches, leadPatches, log }));
  return report;
}

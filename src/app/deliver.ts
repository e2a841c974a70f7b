/**
 * Sends owed Slack messages outside the lock, then writes each outcome back under it.
 * Items are leased (their next attempt pushed out) in the same commit that picks them,
 * so two executions never send one message twice; a run that dies mid-send leaves the
 * lease to expire and a later sweep sends it (at least once, never lost).
 *
 * Pacing follows Slack's chat.postMessage limit (about one message per second per
 * channel, short bursts allowed): a first wave of up to BURST per channel, then one
 * per channel per wave, a second apart, all channels in parallel through fetchAll.
 * A channel that answers 429 gets nothing more this run; its rest waits Retry-After.
 */
import { languageOf } from '../domain/settings';
import { textsFor } from '../domain/texts';
import type { SlackOutcome } from '../domain/delivery';
import { planOutcomes, type DeliveryReport, type OutcomePlan } from '../domain/delivery-plan';
import { paceKey, pickBatch, type OutboxItem, type OutboxPatch } from '../domain/outbox';
import type { Services } from './ports';
import { rewriteOf } from './follow-lead';

/** Messages a channel takes at once before the one-per-second pace applies. */
export const BURST_PER_TARGET = 3;
/** Paced waves per run after the burst (≈ seconds spent sending). */
export const MAX_WAVES = 30;
/** Messages per run in all. */
export const MAX_PER_RUN = 200;
/** Pause between waves, ms (a little over Slack's one second). */
export const WAVE_GAP_MS = 1_100;
/** Minutes a picked item is reserved for the run sending it. */
export const LEASE_MINUTES = 10;
/** How long delivery waits for the lock to write outcomes back. */
const LOCK_MS = 30_000;

/** Picks what this run sends and leases it; the patches go into the caller's commit. */
export function leaseBatch(
  outbox: readonly OutboxItem[],
  now: number,
): { batch: OutboxItem[]; leases: OutboxPatch[] } {
  const batch = pickBatch(outbox, now, BURST_PER_TARGET + MAX_WAVES, MAX_PER_RUN);
  const until = now + LEASE_MINUTES * 60_000;
  return {
    batch,
    leases: batch.map((item) => ({ id: item.id, changes: { nextAttemptAt: until } })),
  };
}

/**
 * Leases messages that are about to be appended: what this run sends gets its lease
 * written into the item itself (no patch needed for a row that does not exist yet).
 * @returns the items to send after the commit
 */
export function leaseNew(items: OutboxItem[], now: number): OutboxItem[] {
  const { batch, leases } = leaseBatch(items, now);
  for (const lease of leases)
    Object.assign(items.find((item) => item.id === lease.id) ?? {}, lease.changes);
  return batch;
}

export type { DeliveryReport };

/** chat.update is a Tier 3 method (about 50 a minute), not held to one per second per channel. */
export const UPDATES_PER_WAVE = 10;

/**
 * Splits a batch into waves, order kept within each channel: new messages BURST first,
 * then one per channel per wave; updates of existing messages up to UPDATES_PER_WAVE.
 */
export function waves(batch: readonly OutboxItem[]): OutboxItem[][] {
  const queues = new Map<string, OutboxItem[]>();
  for (const item of batch) {
    const key = paceKey(item);
    queues.set(key, [...(queues.get(key) ?? []), item]);
  }
  const out: OutboxItem[][] = [];
  for (let wave = 0; [...queues.values()].some((q) => q.length); wave++) {
    out.push(
      [...queues.values()].flatMap((q) =>
        q.splice(
          0,
          q[0]?.method === 'chat.update' ? UPDATES_PER_WAVE : wave === 0 ? BURST_PER_TARGET : 1,
        ),
      ),
    );
  }
  return out;
}

/**
 * Sends a leased batch, paced, and records the outcomes: send (waves through the Slack
 * port), plan (pure, domain/delivery-plan.ts), commit under the lock; rewrites of
 * assignments whose lead changed meanwhile are sent the same way.
 * @param stopAt epoch ms after which no further wave starts (the run's time budget);
 *   what is left waits for the next run without counting as an attempt
 */
export function deliver(
  services: Services,
  batch: readonly OutboxItem[],
  stopAt = Infinity,
): DeliveryReport {
  if (batch.length === 0) return { sent: 0, retrying: 0, failed: 0 };
  const outcomes = sendWaves(services, batch, stopAt);
  const now = services.clock.now();
  const plan = planOutcomes(batch, outcomes, now);
  for (const note of plan.notes) services.log[note.level](note.text);
  // A new message Slack took (chat.postMessage answered ok) must be recorded whatever the
  // quota: unrecorded, it would be posted again when its lease ends. An edit (chat.update)
  // done twice shows the same thing, so those need not wait.
  const posted = batch.some(
    (item) => item.method === 'chat.postMessage' && outcomes.get(item.id)?.kind === 'ok',
  );
  const rewrites = commitOutcomes(services, plan, now, posted);
  if (rewrites.length) deliver(services, rewrites, stopAt);
  return plan.report;
}

/**
 * Sends the batch in waves (see `waves`), a little over a second apart, until `stopAt`;
 * a channel that answers 429 is deferred for the rest of the run.
 * @returns Slack's answer per item id; items not sent are 'deferred'
 */
function sendWaves(
  services: Services,
  batch: readonly OutboxItem[],
  stopAt: number,
): Map<string, SlackOutcome> {
  const outcomes = new Map<string, SlackOutcome>();
  const deferredUntil = new Map<string, number>();
  const planned = waves(batch);
  let stopped = false;
  planned.forEach((wave, index) => {
    const now = services.clock.now();
    if (stopped || now >= stopAt) {
      for (const item of wave) outcomes.set(item.id, { kind: 'deferred', untilMs: now });
      return;
    }
    const sendable = wave.filter((item) => !deferredUntil.has(paceKey(item)));
    for (const item of wave)
      if (deferredUntil.has(paceKey(item)))
        outcomes.set(item.id, { kind: 'deferred', untilMs: deferredUntil.get(paceKey(item))! });
    sendWave(services, sendable, outcomes, deferredUntil, now);
    if (index < planned.length - 1) {
      if (services.clock.now() + WAVE_GAP_MS < stopAt) services.pause(WAVE_GAP_MS);
      else stopped = true;
    }
  });
  return outcomes;
}

/**
 * One wave: one fetchAll per method. UrlFetchApp.fetchAll throws as a whole when one
 * request fails in transit, so an edit that fails never makes new messages look unsent
 * (and be posted twice).
 */
function sendWave(
  services: Services,
  sendable: readonly OutboxItem[],
  outcomes: Map<string, SlackOutcome>,
  deferredUntil: Map<string, number>,
  now: number,
): void {
  for (const method of ['chat.postMessage', 'chat.update'] as const) {
    const group = sendable.filter((item) => item.method === method);
    if (group.length === 0) continue;
    const results = services.slack.sendAll(
      group.map((item) => ({
        method: item.method,
        body: JSON.parse(item.body) as Record<string, unknown>,
      })),
    );
    group.forEach((item, i) => {
      const outcome = results[i];
      outcomes.set(item.id, outcome);
      if (outcome.kind === 'http' && outcome.status === 429)
        deferredUntil.set(paceKey(item), now + (outcome.retryAfterSeconds ?? 60) * 1000);
    });
  }
}

/**
 * Writes the outcomes under the lock; assignments whose lead changed while they were
 * on their way get their rewrite queued in the same lock.
 * @returns the rewrites, leased, to send after the lock
 */
function commitOutcomes(
  services: Services,
  plan: OutcomePlan,
  now: number,
  recordsSent: boolean,
): OutboxItem[] {
  return services.lock.withLock(LOCK_MS, () => {
    const commit = services.workbook.commit(
      { outboxPatches: plan.outboxPatches, leadPatches: plan.leadPatches, log: plan.log },
      { recordsSent },
    );
    const rewrites = rewriteOvertaken(
      services,
      commit.skippedLeads
        .map((s) => plan.sentAssignments.get(s.leadId))
        .filter((item): item is OutboxItem => item !== undefined),
      now,
    );
    if (plan.retryAt < Infinity) services.schedule.workAt(plan.retryAt);
    return rewrites;
  });
}

/**
 * Assignments sent while their lead changed (contacted, closed, handed on between the
 * lease and the send): their buttons are taken away now, in the same lock.
 * @returns the rewrites, leased, to send after the lock
 */
function rewriteOvertaken(
  services: Services,
  sent: readonly OutboxItem[],
  now: number,
): OutboxItem[] {
  if (sent.length === 0) return [];
  // Read with the settings (same round trip), for the team's language.
  const reads = sent.map((item) => services.workbook.loadLeadWithMessages(item.leadId));
  const leads = reads.map((read) => read.lead);
  const t = textsFor(languageOf(reads[0].settings));
  const rewrites = sent.map((item, i) => rewriteOf(services, item, leads[i], now, t));
  const batch = leaseNew(rewrites, now);
  services.workbook.commit({
    newOutbox: rewrites,
    outboxPatches: sent.map((item) => ({ id: item.id, changes: { button: '' } })),
  });
  // Still the lead's message for that route (contacted or closed meanwhile): its slack_ts
  // is kept on the lead as usual.
  services.workbook.commit({
    leadPatches: sent
      .filter((item, i) => leads[i]?.routeCount === item.route)
      .map((item) => ({
        leadId: item.leadId,
        changes: { slackChannel: item.messageChannel, slackTs: item.messageTs },
        expect: { routeCount: item.route },
      })),
  });
  return batch;
}

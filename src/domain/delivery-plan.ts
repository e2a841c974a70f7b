/**
 * What one delivery run's Slack answers mean for the workbook, pure: each sent item's
 * outbox row (sent, retried when, failed for good, or deferred by the channel's rate
 * limit), an assignment's message recorded on its lead, the NOTIFY_FAILED log rows, and
 * the earliest retry. app/deliver.ts sends, then commits this plan under the lock.
 */
import { carriesButtons } from './buttons';
import { judgeDelivery, type SlackOutcome } from './delivery';
import { logEntry, type ExpectingLeadPatch, type LogEntry } from './lead';
import type { OutboxItem, OutboxPatch } from './outbox';

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

export interface OutcomePlan {
  report: DeliveryReport;
  outboxPatches: OutboxPatch[];
  /** Where each sent assignment's message is, for its lead's slack_channel and slack_ts. */
  leadPatches: ExpectingLeadPatch[];
  /**
   * Sent assignments by lead id, as recorded now (channel, ts, button LIVE): those whose
   * lead patch the commit skips (the lead changed meanwhile) lose their buttons at once.
   */
  sentAssignments: Map<string, OutboxItem>;
  log: LogEntry[];
  /** Lines for the execution log. */
  notes: Array<{ level: 'warn' | 'error'; text: string }>;
  /** Earliest next attempt among the items left PENDING (epoch ms); Infinity when none. */
  retryAt: number;
}

/**
 * @param outcomes Slack's answer per item id (every item of `batch` has one)
 * @param now epoch ms the answers are recorded at
 */
export function planOutcomes(
  batch: readonly OutboxItem[],
  outcomes: ReadonlyMap<string, SlackOutcome>,
  now: number,
): OutcomePlan {
  const plan: OutcomePlan = {
    report: { sent: 0, retrying: 0, failed: 0 },
    outboxPatches: [],
    leadPatches: [],
    sentAssignments: new Map(),
    log: [],
    notes: [],
    retryAt: Infinity,
  };
  for (const item of batch) {
    const outcome = outcomes.get(item.id);
    if (!outcome) throw new Error(`no Slack outcome for outbox item ${item.id}`);
    planOne(plan, item, outcome, now);
  }
  plan.retryAt = plan.outboxPatches.reduce(
    (at, p) =>
      p.changes.status === undefined && typeof p.changes.nextAttemptAt === 'number'
        ? Math.min(at, p.changes.nextAttemptAt)
        : at,
    Infinity,
  );
  return plan;
}

function planOne(plan: OutcomePlan, item: OutboxItem, outcome: SlackOutcome, now: number): void {
  if (outcome.kind === 'deferred') {
    plan.report.retrying++;
    plan.outboxPatches.push({
      id: item.id,
      changes: {
        nextAttemptAt: outcome.untilMs,
        lastError: 'waiting for Slack rate limit on this channel',
      },
    });
    return;
  }
  const attempts = item.attempts + 1;
  const verdict = judgeDelivery(outcome, attempts, now);
  const what = `Slack ${item.method} for ${item.leadId} (${item.kind})`;
  if (verdict.kind === 'SENT') {
    plan.report.sent++;
    planSent(plan, item, verdict, attempts, now);
  } else if (verdict.kind === 'RETRY') {
    plan.report.retrying++;
    plan.outboxPatches.push({
      id: item.id,
      changes: {
        attempts: verdict.free ? item.attempts : attempts,
        nextAttemptAt: verdict.at,
        lastError: verdict.reason,
      },
    });
    plan.notes.push({ level: 'warn', text: `${what} will be retried: ${verdict.reason}` });
  } else {
    plan.report.failed++;
    plan.outboxPatches.push({
      id: item.id,
      changes: { status: 'FAILED', attempts, nextAttemptAt: null, lastError: verdict.reason },
    });
    plan.log.push(
      logEntry(now, 'NOTIFY_FAILED', {
        leadId: item.leadId,
        detail: `${item.kind}: ${verdict.reason}`,
      }),
    );
    plan.notes.push({ level: 'error', text: `${what} failed for good: ${verdict.reason}` });
  }
}

function planSent(
  plan: OutcomePlan,
  item: OutboxItem,
  verdict: { channel: string; ts: string },
  attempts: number,
  now: number,
): void {
  // A message with buttons is recorded, so every later change of its lead can rewrite
  // it (Slack follows the lead).
  const recorded = carriesButtons(item) && item.method === 'chat.postMessage';
  plan.outboxPatches.push({
    id: item.id,
    changes: {
      status: 'SENT',
      attempts,
      sentAt: now,
      nextAttemptAt: null,
      lastError: '',
      ...(recorded
        ? { messageChannel: verdict.channel, messageTs: verdict.ts, button: 'LIVE' as const }
        : {}),
    },
  });
  if (item.kind !== 'ASSIGNMENT') return;
  plan.sentAssignments.set(item.leadId, {
    ...item,
    messageChannel: verdict.channel,
    messageTs: verdict.ts,
    button: 'LIVE',
    sentAt: now,
  });
  plan.leadPatches.push({
    leadId: item.leadId,
    changes: { slackChannel: verdict.channel, slackTs: verdict.ts },
    // Still NEW with that owner on that route: otherwise the lead changed while the
    // message was on its way, and its button is taken away at once.
    expect: {
      routeCount: item.route,
      stage: 'NEW',
      ...(item.toSlackId ? { salesSlackId: item.toSlackId } : {}),
    },
  });
}

/**
 * The Slack outbox: every message the engine owes someone is first written down
 * (sheet `slack_outbox`), then sent outside the lock, and its outcome written back.
 * A lead's state therefore never waits on Slack, and a message Slack could not take
 * is tried again by a later sweep, in order.
 */
import { parseStage } from './stage';

export type OutboxKind =
  | 'ASSIGNMENT'
  | 'REROUTED_NOTICE'
  | 'ESCALATION'
  | 'NOBODY_AVAILABLE'
  | 'DUPLICATE_NOTICE'
  | 'BUTTON_UPDATE'
  | 'INTAKE_PROBLEM'
  | 'WRITE_PROBLEM'
  | 'DIGEST'
  | 'TEST';
export type OutboxStatus = 'PENDING' | 'SENT' | 'FAILED' | 'CANCELLED';

export interface OutboxItem {
  id: string;
  leadId: string;
  kind: OutboxKind;
  /** The lead's route_count when queued: an ASSIGNMENT is stale once the lead moved on. */
  route: number;
  method: 'chat.postMessage' | 'chat.update';
  /** The Slack request body as JSON (never the token). */
  body: string;
  status: OutboxStatus;
  attempts: number;
  /** Epoch ms before which it is not tried again; null = now. */
  nextAttemptAt: number | null;
  lastError: string;
  createdAt: number;
  sentAt: number | null;
  /** Who the message is for (an assignment's owner); '' when not recorded. */
  toSlackId: string;
  /** Where Slack put it, once sent (for rewriting it later). */
  messageChannel: string;
  messageTs: string;
  /** 'LIVE' while the sent message shows buttons that still act; '' otherwise. */
  button: '' | 'LIVE';
}

export type OutboxChanges = Partial<Omit<OutboxItem, 'id'>>;

export interface OutboxPatch {
  id: string;
  changes: OutboxChanges;
  /** Set when the change belongs to a lead change in the same commit: dropped with it. */
  leadId?: string;
}

export function newOutboxItem(
  fields: Pick<OutboxItem, 'id' | 'leadId' | 'kind' | 'route' | 'method' | 'body' | 'createdAt'> &
    Partial<Pick<OutboxItem, 'toSlackId'>>,
): OutboxItem {
  return {
    status: 'PENDING',
    attempts: 0,
    nextAttemptAt: null,
    lastError: '',
    sentAt: null,
    toSlackId: '',
    messageChannel: '',
    messageTs: '',
    button: '',
    ...fields,
  };
}

/** Pending items due at `now`, oldest first. */
export function dueItems(items: readonly OutboxItem[], now: number): OutboxItem[] {
  return items.filter(
    (item) =>
      item.status === 'PENDING' && (item.nextAttemptAt === null || item.nextAttemptAt <= now),
  );
}

/** The Slack channel an item posts to (a user id for a direct message). */
export function targetOf(item: OutboxItem): string {
  try {
    const body = JSON.parse(item.body) as { channel?: unknown };
    return typeof body.channel === 'string' ? body.channel : '';
  } catch {
    return '';
  }
}

/** Messages share Slack's pace when they use the same method on the same channel. */
export function paceKey(item: OutboxItem): string {
  return `${item.method}|${targetOf(item)}`;
}

/**
 * What one run sends: due items in order, at most `perTarget` of one method to any one
 * channel or person, so a burst does not run into Slack's ~1 message per second per
 * channel limit (edits of old messages do not count against new ones); the rest wait
 * for the next run, still in order.
 */
export function pickBatch(
  items: readonly OutboxItem[],
  now: number,
  perTarget: number,
  total: number,
): OutboxItem[] {
  const counts = new Map<string, number>();
  const batch: OutboxItem[] = [];
  const blocked = new Set<string>();
  for (const item of dueItems(items, now)) {
    if (batch.length >= total) break;
    const target = paceKey(item);
    const n = counts.get(target) ?? 0;
    if (blocked.has(target) || n >= perTarget) {
      blocked.add(target);
      continue;
    }
    counts.set(target, n + 1);
    batch.push(item);
  }
  return batch;
}

/**
 * NEW, assigned leads whose owner has no message for the current assignment: not
 * delivered (no slack_ts) and none queued, sent or given up. Only a run that stopped
 * halfway leaves such a lead; the sweep queues the message again.
 */
export function leadsWithoutMessage<
  L extends {
    leadId: string;
    stage: string;
    salesSlackId: string;
    slackTs: string;
    routeCount: number;
  },
>(leads: readonly L[], items: readonly OutboxItem[]): L[] {
  const owed = new Set(
    items
      .filter((i) => i.kind === 'ASSIGNMENT' && i.status !== 'CANCELLED')
      .map((i) => `${i.leadId}#${i.route}`),
  );
  return leads.filter(
    (lead) =>
      parseStage(lead.stage) === 'NEW' &&
      lead.salesSlackId &&
      !lead.slackTs &&
      !owed.has(`${lead.leadId}#${lead.routeCount}`),
  );
}

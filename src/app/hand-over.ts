/**
 * The commit a hand-over a person asks for from Slack shares (pass_lead, the manager's
 * Reassign and Take): the lead patch guarded by the lead as it was read, its log row
 * with the rows of the messages that follow the lead, the new messages, and the clicked
 * message answered in place. When the lead changed meanwhile the guarded commit drops
 * everything that belongs to the lead (its patch, rows and messages) and the person is
 * told so (CHANGED).
 */
import { answeredInPlace } from '../domain/buttons';
import type { Lead, LeadPatch, LogEntry } from '../domain/lead';
import { refusalText } from '../domain/messages';
import type { OutboxItem, OutboxPatch } from '../domain/outbox';
import type { Texts } from '../domain/texts';
import type { Workbook } from './ports';
import { ephemeral, type SlackAnswer } from './slack-answer';

export interface HandOver {
  /** The lead as read: the patch applies only while it still looks so. */
  lead: Lead;
  patch: LeadPatch;
  /** The hand-over's own row (PASSED, REASSIGNED). */
  log: LogEntry;
  /** The new owner's message and the rewrites, leased already. */
  newOutbox: OutboxItem[];
  /** What followLeads made of the lead's other messages. */
  follow: { log: LogEntry[]; outboxPatches: OutboxPatch[] };
  /** The clicked message, replaced by the answer; undefined when it cannot be (ephemeral). */
  clicked: OutboxItem | undefined;
}

/** Writes the hand-over in one commit; false when the lead changed since it was read (its part dropped). */
export function commitHandOver(workbook: Workbook, handOver: HandOver): boolean {
  const { lead } = handOver;
  const commit = workbook.commit({
    leadPatches: [
      {
        ...handOver.patch,
        expect: { stage: lead.stage, salesSlackId: lead.salesSlackId, routeCount: lead.routeCount },
      },
    ],
    log: [handOver.log, ...handOver.follow.log],
    newOutbox: handOver.newOutbox,
    outboxPatches: [
      ...handOver.follow.outboxPatches,
      ...answeredInPlace(handOver.clicked, lead.leadId),
    ],
  });
  return commit.skippedLeads.length === 0;
}

/** The answer when the lead changed under a hand-over: nothing was done, nothing to send. */
export function changedAnswer(
  leadId: string,
  t: Texts,
): { answer: SlackAnswer<'CHANGED'>; toSend: OutboxItem[] } {
  return {
    answer: { body: ephemeral(refusalText('CHANGED', { leadId }, t)), outcome: 'CHANGED' },
    toSend: [],
  };
}

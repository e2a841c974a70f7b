/**
 * A click on "Mark as CONTACTED". Only the lead's current owner, only while it is NEW;
 * the write is guarded so a re-route or an admin's edit that lands first wins. Runs
 * under the lock the router holds; returns what to answer through response_url and the
 * rewrites owed to the lead's other messages (older copies, or its own message when the
 * click came from the ephemeral `/leads` list), so no button for it stays live. Texts are
 * in the team's language `t`; the contacted message offers the outcome buttons.
 */
import { answeredInPlace } from '../domain/buttons';
import { decideContact } from '../domain/contact';
import { logEntry } from '../domain/lead';
import { contactedMessage, refusalText, type RefusalReason } from '../domain/messages';
import type { Lead } from '../domain/lead';
import type { OutboxItem } from '../domain/outbox';
import type { Texts } from '../domain/texts';
import { leaseNew } from './deliver';
import { followLeads } from './follow-lead';
import type { Services } from './ports';
import { ephemeral, type SlackAnswer } from './slack-answer';
import type { ClickSource } from './slack-request';

export interface ClickDone {
  answer: SlackAnswer<'CONTACTED' | RefusalReason>;
  /** Rewrites to send after the lock. */
  toSend: OutboxItem[];
  /** Set when the answer replaces the clicked message: if it fails, chat.update does it. */
  replaces?: {
    leadId: string;
    route: number;
    channel: string;
    ts: string;
    lead: Lead;
    /** The team's texts, for the rewrite. */
    t: Texts;
  };
}

/** What every step of a click needs: the services, the click's time, the team's texts. */
interface Click {
  services: Services;
  now: number;
  t: Texts;
}

type ContactRequest = { leadId: string; userId: string } & ClickSource;

export function markContacted(
  services: Services,
  loaded: { lead: Lead | undefined; messages: OutboxItem[] },
  request: ContactRequest,
  now: number,
  t: Texts,
): ClickDone {
  const { lead, messages } = loaded;
  const decision = decideContact(lead, request.userId);
  const click: Click = { services, now, t };
  if (decision.ok && lead) return contact(click, lead, messages, request);
  return refuse(click, { lead, messages }, request, decision.ok ? null : decision);
}

/**
 * The owner's click on a NEW lead: the guarded write, the lead's other live messages
 * rewritten (their rewrites sent after the lock), the log row; CHANGED when a re-route
 * or an admin's edit landed first.
 */
function contact(
  click: Click,
  lead: Lead,
  messages: readonly OutboxItem[],
  request: ContactRequest,
): ClickDone {
  const { services, now, t } = click;
  const { leadId, userId } = request;
  const after: Lead = { ...lead, stage: 'CONTACTED', contactedAt: now };
  // The clicked message is replaced by the answer itself; every other live one is rewritten.
  const clicked = request.fromEphemeral
    ? undefined
    : messages.find((m) => m.messageTs !== '' && m.messageTs === request.messageTs);
  // Sent messages only: owed ones are checked when their turn to be sent comes.
  const follow = followLeads(
    services,
    new Map([[leadId, after]]),
    messages.filter((m) => m !== clicked && m.status !== 'PENDING'),
    now,
    t,
  );
  const toSend = leaseNew(follow.newOutbox, now);
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
        detail: `route ${lead.routeCount}${request.fromEphemeral ? ' (from /leads)' : ''}`,
      }),
      ...follow.log,
    ],
    newOutbox: follow.newOutbox,
    outboxPatches: [...follow.outboxPatches, ...answeredInPlace(clicked, leadId)],
  });
  if (commit.skippedLeads.length)
    return {
      answer: { body: ephemeral(refusalText('CHANGED', { leadId }, t)), outcome: 'CHANGED' },
      toSend: [],
    };
  return { ...contactedAnswer(click, { lead, after, clicked }, request), toSend };
}

/**
 * The answer to a click that marked the lead: it replaces the clicked message (or, from
 * the rep's `/leads` list, which stays, comes as an ephemeral line; the lead's own
 * message is then rewritten by chat.update).
 */
function contactedAnswer(
  click: Click,
  { lead, after, clicked }: { lead: Lead; after: Lead; clicked: OutboxItem | undefined },
  request: ContactRequest,
): Omit<ClickDone, 'toSend'> {
  const { now, t } = click;
  const { leadId, userId } = request;
  const minutes = lead.assignedAt === null ? 0 : (now - lead.assignedAt) / 60_000;
  const waited = lead.createdAt === null ? minutes : (now - lead.createdAt) / 60_000;
  const message = contactedMessage(lead, userId, minutes, waited, t);
  if (request.fromEphemeral)
    return {
      answer: { body: ephemeral(`:white_check_mark: ${message.text}`), outcome: 'CONTACTED' },
    };
  return {
    answer: {
      body: { replace_original: true, text: message.text, blocks: message.blocks },
      outcome: 'CONTACTED',
    },
    replaces: request.messageTs
      ? {
          leadId,
          route: lead.routeCount,
          channel: clicked?.messageChannel || request.channelId,
          ts: request.messageTs,
          lead: { ...after, salesSlackId: userId },
          t,
        }
      : undefined,
  };
}

/**
 * A click that may not mark the lead (not the owner, not NEW, no such lead): the
 * refusal is logged and every button of the lead that should be gone is taken away.
 */
function refuse(
  click: Click,
  { lead, messages }: { lead: Lead | undefined; messages: readonly OutboxItem[] },
  request: ContactRequest,
  refused: Exclude<ReturnType<typeof decideContact>, { ok: true }> | null,
): ClickDone {
  const { services, now, t } = click;
  const { leadId, userId } = request;
  const reason = refused ? refused.reason : 'UNKNOWN_LEAD';
  // A click on a message whose button should be gone: take every such button away now.
  const follow = followLeads(
    services,
    lead ? new Map([[leadId, lead]]) : new Map<string, Lead>(),
    messages.filter((m) => m.status !== 'PENDING'),
    now,
    t,
    new Set([leadId]),
  );
  const toSend = leaseNew(follow.newOutbox, now);
  services.workbook.commit({
    log: [
      logEntry(now, 'REJECTED', { leadId, fromSlackId: userId, actor: userId, detail: reason }),
      ...follow.log,
    ],
    newOutbox: follow.newOutbox,
    outboxPatches: follow.outboxPatches,
  });
  return {
    answer: {
      body: ephemeral(refusalText(reason, { leadId, ...(refused ?? {}) }, t)),
      outcome: reason,
    },
    toSend,
  };
}

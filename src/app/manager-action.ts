/**
 * The manager's answer to an escalation: "Reassign to…" a rep who can take the lead
 * (of its team), or "I'll take it". Only `manager_slack_id` may act; anyone else gets an
 * ephemeral refusal. The lead gets a fresh SLA clock and its new owner the usual message
 * with the button; the escalation stays recorded. Runs under the lock the router holds,
 * over a lead-scoped read (Workbook.loadLeadScope): Slack waits 3 s.
 *
 * The new owner's message is queued, due at once, and the sweep's schedule is moved to now, so
 * the next sweep sends it: sending it here would not fit in Slack's 3 s
 * (SEND_INLINE_WITHIN_MS).
 */
import { logEntry } from '../domain/lead';
import { managerActedMessage, refusalText, type RefusalReason } from '../domain/messages';
import type { OutboxItem } from '../domain/outbox';
import { eligibleReps, type Rep } from '../domain/rep';
import { assignmentPatch } from '../domain/routing';
import { parseSettings } from '../domain/settings';
import { mention } from '../domain/slack-text';
import { parseStage } from '../domain/stage';
import { reassignTargets } from '../domain/teams';
import { textsFor } from '../domain/texts';
import { leaseNew } from './deliver';
import { followLeads } from './follow-lead';
import { changedAnswer, commitHandOver } from './hand-over';
import { assignmentNotice, movedOnNotice, patched } from './notifications';
import type { Services, WorkbookSnapshot } from './ports';
import { runContext } from './run-context';
import { ephemeral, type SlackAnswer } from './slack-answer';
import type { ClickSource } from './slack-request';

/**
 * Ms the doPost may have run before the commit for the new owner's message to be sent
 * inline. Slack waits 3,000 ms; Google's execution start and web-app redirect take
 * 1,000 (test/runtime/latency.ts), so doPost has 2,000. After this point come the
 * commit (two Sheets calls), recording the message's outcome (two more) and the
 * response_url answer and the message (two HTTP round trips): 4 x 300 + 2 x 600 =
 * 2,400 ms on the pessimistic model, already more than 2,000. So no run that spent any
 * time reading sends inline: on Apps Script (and on both latency models) the message
 * always goes with the next sweep. Only the latency-free local runtime, where timing
 * cannot matter, still sends it inline.
 */
export const SEND_INLINE_WITHIN_MS = 0;

/** What the manager picked: a rep from "Reassign to…", or "I'll take it". */
export type ManagerRequest = (
  | { kind: 'REASSIGN'; leadId: string; toSlackId: string; userId: string }
  | { kind: 'TAKE'; leadId: string; userId: string }
) &
  ClickSource & {
    /** Epoch ms the doPost began handling the request (for SEND_INLINE_WITHIN_MS). */
    receivedAt?: number;
  };

export type ManagerOutcome = 'TAKEN' | 'REASSIGNED' | RefusalReason;

export function managerAction(
  services: Services,
  snapshot: WorkbookSnapshot,
  request: ManagerRequest,
  now: number,
): { answer: SlackAnswer<ManagerOutcome>; toSend: OutboxItem[] } {
  const settings = parseSettings(snapshot.settings);
  const t = textsFor(settings.language);
  const { leadId, userId } = request;
  const refuse = (
    reason: RefusalReason,
    detail: { owner?: string; stage?: string } = {},
  ): { answer: SlackAnswer<ManagerOutcome>; toSend: OutboxItem[] } => {
    services.workbook.commit({
      log: [
        logEntry(now, 'REJECTED', {
          leadId,
          fromSlackId: userId,
          actor: userId,
          detail: `${request.kind}: ${reason}`,
        }),
      ],
    });
    return {
      answer: { body: ephemeral(refusalText(reason, { leadId, ...detail }, t)), outcome: reason },
      toSend: [],
    };
  };
  if (!settings.managerSlackId || userId !== settings.managerSlackId)
    return refuse('NOT_MANAGER', {
      owner: settings.managerSlackId ? mention(settings.managerSlackId) : undefined,
    });
  const lead = snapshot.leads.find((l) => l.leadId === leadId);
  if (!lead) return refuse('UNKNOWN_LEAD');
  const stage = parseStage(lead.stage);
  if (stage === 'CONTACTED') return refuse('ALREADY_CONTACTED');
  if (stage !== 'NEW') return refuse('NOT_NEW', { stage: lead.stage });

  let to: Rep | undefined;
  if (request.kind === 'REASSIGN') {
    to = reassignTargets(eligibleReps(snapshot.reps), lead.team).find(
      (rep) => rep.slackId === request.toSlackId,
    );
    if (!to) return refuse('NOT_A_REP', { owner: mention(request.toSlackId) });
  } else {
    to = snapshot.reps.find((rep) => rep.slackId === userId) ?? {
      name: 'Manager',
      email: '',
      slackId: userId,
      active: true,
      index: -1,
      weight: 0,
      maxOpenLeads: null,
      awayUntil: null,
      teams: [],
    };
  }
  // The same action twice (a double click, Slack retrying) is applied once: the lead
  // was already handed to this person since its escalation (an escalation comes an SLA
  // after the assignment, so only a hand-over makes assigned_at reach escalated_at).
  if (
    lead.salesSlackId === to.slackId &&
    lead.escalatedAt !== null &&
    lead.assignedAt !== null &&
    lead.assignedAt >= lead.escalatedAt
  ) {
    services.workbook.commit({
      log: [
        logEntry(now, 'REJECTED', {
          leadId,
          fromSlackId: userId,
          actor: userId,
          detail: `${request.kind}: already done (the lead is with ${to.slackId} since the escalation)`,
        }),
      ],
    });
    return {
      answer: {
        body: ephemeral(refusalText('ALREADY_DONE', { leadId, owner: mention(to.slackId) }, t)),
        outcome: 'ALREADY_DONE',
      },
      toSend: [],
    };
  }
  const patch = assignmentPatch(lead, to, now);
  const after = patched(lead, patch.changes);
  const ctx = runContext(services, settings, snapshot.holidays, now);
  const notice = assignmentNotice(ctx, after, { assignedBy: userId });
  const newOutbox: OutboxItem[] = [notice];
  const mine = snapshot.outbox.filter((item) => item.leadId === leadId);
  // Every earlier message of the lead loses its button (the escalation itself is
  // replaced by this answer); one only known from the lead's slack_ts gets the old notice.
  const escalation = mine.find(
    (item) => item.messageTs !== '' && item.messageTs === request.messageTs,
  );
  const follow = followLeads(
    services,
    new Map([[leadId, after]]),
    mine.filter((item) => item !== escalation && item.status !== 'PENDING'),
    now,
    t,
  );
  newOutbox.push(...follow.newOutbox);
  if (!mine.some((item) => item.messageTs !== '' && item.messageTs === lead.slackTs)) {
    const movedOn = movedOnNotice(ctx, lead, to.slackId);
    if (movedOn) newOutbox.push(movedOn);
  }
  const inline =
    request.receivedAt === undefined ||
    services.clock.now() - request.receivedAt <= SEND_INLINE_WITHIN_MS;
  const batch = inline ? leaseNew(newOutbox, now) : [];
  const written = commitHandOver(services.workbook, {
    lead,
    patch,
    log: logEntry(now, 'REASSIGNED', {
      leadId,
      fromSlackId: lead.salesSlackId,
      toSlackId: to.slackId,
      actor: userId,
      detail:
        request.kind === 'TAKE'
          ? `escalated lead taken by the manager; route ${after.routeCount}`
          : `escalated lead reassigned by the manager; route ${after.routeCount}`,
    }),
    newOutbox,
    follow,
    clicked: escalation,
  });
  if (!written) return changedAnswer(leadId, t);
  // Queued, not sent: the next sweep reads and sends it.
  if (!inline) services.schedule.workAt(now);
  const message = managerActedMessage(lead, userId, to.slackId, t);
  return {
    answer: {
      body: { replace_original: true, text: message.text, blocks: message.blocks },
      outcome: request.kind === 'TAKE' ? 'TAKEN' : 'REASSIGNED',
    },
    toSend: batch,
  };
}

/**
 * "Pass to next rep" (pass_lead): the owner hands a NEW lead on now instead of letting
 * the SLA run out. The lead goes where the sweep would re-route it (handOnTarget: tried
 * reps, weights, caps, away), route_count goes up (so it counts toward escalation),
 * PASSED is logged with the owner as actor, the new owner gets the usual message and
 * the old one is replaced by "handed on". Nobody else eligible: the owner is told and
 * keeps the lead. Runs under the lock the router holds, over a full read.
 */
import { logEntry, type Lead } from '../domain/lead';
import { passedAwayMessage, refusalText, type RefusalReason } from '../domain/messages';
import type { OutboxItem } from '../domain/outbox';
import { decidePass } from '../domain/pass';
import { assignmentPatch, handOnTarget, openLeadCounts } from '../domain/routing';
import type { Rep } from '../domain/rep';
import { parseSettings } from '../domain/settings';
import { slaDeadline } from '../domain/sla';
import { textsFor } from '../domain/texts';
import { leaseNew } from './deliver';
import { followLeads } from './follow-lead';
import { changedAnswer, commitHandOver } from './hand-over';
import { assignmentNotice, patched } from './notifications';
import type { Services, WorkbookSnapshot } from './ports';
import { runContext, type RunContext } from './run-context';
import { ephemeral, type SlackAnswer } from './slack-answer';
import type { ClickSource } from './slack-request';
import { escalatedLeadIds } from './state-keys';

export type PassOutcome = 'PASSED' | RefusalReason;

type PassRequest = { leadId: string } & ClickSource;
type PassDone = { answer: SlackAnswer<PassOutcome>; toSend: OutboxItem[] };

export function passLead(
  services: Services,
  snapshot: WorkbookSnapshot,
  request: PassRequest,
  userId: string,
  now: number,
): PassDone {
  const ctx = runContext(services, parseSettings(snapshot.settings), snapshot.holidays, now);
  const lead = snapshot.leads.find((l) => l.leadId === request.leadId);
  const refused = (reason: RefusalReason, detail: RefusalDetail = {}): PassDone =>
    refuse(ctx, request.leadId, userId, { reason, detail });
  const decision = decidePass(lead, userId, escalatedLeadIds(snapshot.state));
  if (!decision.ok)
    return refused(decision.reason, 'owner' in decision || 'stage' in decision ? decision : {});
  if (!lead) return refused('UNKNOWN_LEAD');
  const to = handOnTarget(lead, snapshot.reps, now, openLeadCounts(snapshot.leads));
  if (!to) return refused('NOBODY_ELSE');
  return handOn(ctx, snapshot, { lead, to, userId }, request);
}

type RefusalDetail = { owner?: string; stage?: string };

/** A pass that may not happen: logged (REJECTED), and the owner told why. */
function refuse(
  ctx: RunContext,
  leadId: string,
  userId: string,
  { reason, detail }: { reason: RefusalReason; detail: RefusalDetail },
): PassDone {
  ctx.services.workbook.commit({
    log: [
      logEntry(ctx.now, 'REJECTED', {
        leadId,
        fromSlackId: userId,
        actor: userId,
        detail: `pass_lead: ${reason}`,
      }),
    ],
  });
  const t = textsFor(ctx.settings.language);
  return {
    answer: { body: ephemeral(refusalText(reason, { leadId, ...detail }, t)), outcome: reason },
    toSend: [],
  };
}

/**
 * The hand-over itself: the guarded commit (new owner, route_count up, PASSED logged,
 * the new owner's message queued, the lead's other live messages losing their buttons),
 * then the new owner's deadline given to the sweep's schedule.
 */
function handOn(
  ctx: RunContext,
  snapshot: WorkbookSnapshot,
  { lead, to, userId }: { lead: Lead; to: Rep; userId: string },
  request: PassRequest,
): PassDone {
  const { services, now } = ctx;
  const { leadId } = request;
  const t = textsFor(ctx.settings.language);
  const patch = assignmentPatch(lead, to, now);
  patch.changes.passedBy = [...lead.passedBy, userId];
  const after = patched(lead, patch.changes);
  const notice = assignmentNotice(ctx, after, { reroutedFrom: userId, passed: true });
  // The clicked message is replaced by the answer; every other live one loses its buttons.
  const mine = snapshot.outbox.filter((item) => item.leadId === leadId);
  const clicked = request.fromEphemeral
    ? undefined
    : mine.find((item) => item.messageTs !== '' && item.messageTs === request.messageTs);
  const follow = followLeads(
    services,
    new Map([[leadId, after]]),
    mine.filter((item) => item !== clicked && item.status !== 'PENDING'),
    now,
    t,
  );
  const newOutbox = [notice, ...follow.newOutbox];
  const batch = leaseNew(newOutbox, now);
  const written = commitHandOver(services.workbook, {
    lead,
    patch,
    log: logEntry(now, 'PASSED', {
      leadId,
      fromSlackId: userId,
      toSlackId: to.slackId,
      actor: userId,
      detail: `route ${after.routeCount}; handed on by the owner before the SLA ran out`,
    }),
    newOutbox,
    follow,
    clicked,
  });
  if (!written) return changedAnswer(leadId, t);
  // The new owner's deadline is work for the sweep: due no later than that.
  services.schedule.workAt(slaDeadline(after, ctx.sla) ?? now);
  const message = passedAwayMessage(lead, userId, to.slackId, t);
  return {
    answer: {
      body: { replace_original: true, text: message.text, blocks: message.blocks },
      outcome: 'PASSED',
    },
    toSend: batch,
  };
}

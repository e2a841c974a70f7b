/**
 * Turns routing decisions into outbox items: the new owner's message with the button,
 * the previous owner's message rewritten without it, and the manager's escalation.
 * When the previous owner's message was never delivered, it is cancelled instead.
 */
import {
  escalationMessage,
  assignmentMessage,
  leadReturnedMessage,
  nobodyAvailableMessage,
  reroutedAwayMessage,
  unreadableResponseMessage,
  type SlackMessage,
} from '../domain/messages';
import { dayAndTime, textsFor, type Texts } from '../domain/texts';
import type { Lead, LogEntry } from '../domain/lead';
import { logEntry } from '../domain/lead';
import {
  newOutboxItem,
  type OutboxItem,
  type OutboxKind,
  type OutboxPatch,
} from '../domain/outbox';
import type { RoutingDecision } from '../domain/routing';
import type { Settings } from '../domain/settings';
import { leadSlaMinutes, slaDeadline } from '../domain/sla';
import type { Services } from './ports';
import type { RunContext } from './run-context';
import { eligibleReps, type Rep } from '../domain/rep';
import { reassignTargets } from '../domain/teams';
import {
  FORM_UNREADABLE_SINCE,
  NOBODY_AVAILABLE_SINCE,
  TEAM_NOBODY_PREFIX,
  nobodyAvailableKey,
} from './state-keys';

export interface Notices {
  newOutbox: OutboxItem[];
  outboxPatches: OutboxPatch[];
  log: LogEntry[];
}

/** A notice that also moves a stretch's state key: what to add to the commit. */
export interface StateNotice {
  newOutbox: OutboxItem[];
  log: LogEntry[];
  state: Record<string, string | number | Date>;
}

/** A new message to post, as the outbox keeps it. */
interface NewPost {
  leadId: string;
  kind: OutboxKind;
  route: number;
  channel: string;
  message: SlackMessage;
  toSlackId?: string;
}

function post(ctx: Pick<RunContext, 'services' | 'now'>, spec: NewPost): OutboxItem {
  const body = {
    channel: spec.channel,
    text: spec.message.text,
    blocks: spec.message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
  return newOutboxItem({
    id: `M-${ctx.services.ids.uuid()}`,
    leadId: spec.leadId,
    kind: spec.kind,
    route: spec.route,
    method: 'chat.postMessage',
    body: JSON.stringify(body),
    createdAt: ctx.now,
    toSlackId: spec.toSlackId ?? '',
  });
}

/** How a lead came to its owner, for the assignment message's wording. */
export interface AssignmentHow {
  /** Slack id of the owner the sweep moved it from (re-route). */
  reroutedFrom?: string;
  /** Slack id of the manager who reassigned it or the rep who took it. */
  assignedBy?: string;
  /** Handed on by the previous owner (pass_lead). */
  passed?: boolean;
}

/** The message owed to a lead's (new) owner. `lead` is the lead after assignment. */
export function assignmentNotice(ctx: RunContext, lead: Lead, how: AssignmentHow = {}): OutboxItem {
  const { services, settings, now } = ctx;
  const deadline = slaDeadline(lead, ctx.sla) ?? now;
  const t = textsFor(settings.language);
  const message = assignmentMessage(
    lead,
    {
      ownerSlackId: lead.salesSlackId,
      slaMinutes: leadSlaMinutes(lead, settings.slaMinutes),
      deadlineText: localDayAndTime(services, deadline, t),
      reroutedFromSlackId: how.reroutedFrom,
      assignedBySlackId: how.assignedBy,
      passed: how.passed ?? false,
    },
    t,
  );
  return post(ctx, {
    leadId: lead.leadId,
    kind: 'ASSIGNMENT',
    route: lead.routeCount,
    channel: settings.leadsChannelId || lead.salesSlackId,
    message,
    toSlackId: lead.salesSlackId,
  });
}

/** "; team solar (routing_rules row 3)" for a log detail; '' for a lead without a team or rule. */
export function teamNote(lead: Pick<Lead, 'team' | 'routingRule'>): string {
  if (!lead.team && !lead.routingRule) return '';
  const team = lead.team ? `team ${lead.team}` : 'every rep';
  return `; ${team}${lead.routingRule ? ` (routing_rules ${lead.routingRule})` : ''}`;
}

/** "Thu 15:30" (or "Kam 15:30") in the spreadsheet's zone and the team's language. */
export function localDayAndTime(services: Services, epochMs: number, t: Texts): string {
  return dayAndTime(epochMs, services.localTime.offsetMinutes(epochMs), t);
}

/** Applies a lead patch in memory (the sheet write happens in the commit). */
export function patched(lead: Lead, changes: Partial<Lead>): Lead {
  return { ...lead, ...changes };
}

/** Outbox work and log rows for a sweep's decisions. */
export function noticesFor(
  ctx: RunContext,
  decisions: readonly RoutingDecision[],
  outbox: readonly OutboxItem[],
  reps: readonly Rep[],
): Notices {
  const { settings, now } = ctx;
  const notices: Notices = { newOutbox: [], outboxPatches: [], log: [] };
  // Messages recorded in the outbox are followed by followLeads; only an older message
  // known just from the lead's slack_ts gets the moved-on rewrite here.
  const tracked = new Set(outbox.map((item) => item.messageTs).filter((ts) => ts !== ''));
  for (const decision of decisions) {
    const lead = decision.lead;
    const after = patched(lead, decision.patch.changes);
    if (decision.kind === 'ASSIGNED') {
      notices.newOutbox.push(assignmentNotice(ctx, after));
      notices.log.push(
        logEntry(now, 'ASSIGNED', {
          leadId: lead.leadId,
          toSlackId: decision.to.slackId,
          detail: `route ${after.routeCount}; was waiting for an eligible rep${teamNote(lead)}`,
        }),
      );
    } else if (decision.kind === 'REROUTED') {
      notices.newOutbox.push(assignmentNotice(ctx, after, { reroutedFrom: decision.from }));
      const same = decision.from === decision.to.slackId;
      const notice = tracked.has(lead.slackTs)
        ? null
        : movedOnNotice(ctx, lead, decision.to.slackId);
      if (notice) notices.newOutbox.push(notice);
      notices.log.push(
        logEntry(now, 'REROUTED', {
          leadId: lead.leadId,
          fromSlackId: decision.from,
          toSlackId: decision.to.slackId,
          detail: same
            ? `route ${after.routeCount}; SLA of ${leadSlaMinutes(lead, settings.slaMinutes)} min expired${teamNote(lead)}; no other eligible rep, reminder sent`
            : `route ${after.routeCount}; SLA of ${leadSlaMinutes(lead, settings.slaMinutes)} min expired${teamNote(lead)}`,
        }),
      );
    } else {
      const repsTried = new Set(lead.routeHistory).size;
      const message = escalationMessage(
        lead,
        {
          managerSlackId: settings.managerSlackId,
          repsTried,
          lastOwnerSlackId: lead.salesSlackId,
          routeCount: lead.routeCount,
          reps: reassignTargets(eligibleReps(reps), lead.team).map((r) => ({
            name: r.name,
            slackId: r.slackId,
          })),
        },
        textsFor(settings.language),
      );
      const channel = settings.escalationChannelId || settings.managerSlackId;
      const item = post(ctx, {
        leadId: lead.leadId,
        kind: 'ESCALATION',
        route: lead.routeCount,
        channel,
        message,
      });
      if (!channel) {
        item.status = 'FAILED';
        item.lastError = 'manager_slack_id is not set in settings';
        notices.log.push(
          logEntry(now, 'NOTIFY_FAILED', {
            leadId: lead.leadId,
            detail: 'escalation not sent: manager_slack_id is not set in settings',
          }),
        );
      }
      notices.newOutbox.push(item);
      notices.log.push(
        logEntry(now, 'ESCALATED', {
          leadId: lead.leadId,
          fromSlackId: lead.salesSlackId,
          toSlackId: settings.managerSlackId,
          detail: `route ${lead.routeCount} reached escalation_threshold ${settings.escalationThreshold}; ${repsTried} rep(s) tried`,
        }),
      );
    }
  }
  return notices;
}

/**
 * The manager's one message for a stretch in which nobody can take a lead (of one team,
 * or without a team): queued only when the stretch starts (its state key empty). Returns
 * what to add to the commit.
 * @param team the waiting leads' team, as the rule names it ('' = leads without a team)
 */
export function nobodyAvailableNotice(
  ctx: RunContext,
  state: ReadonlyMap<string, string>,
  waiting: number,
  leadId = '',
  team = '',
): StateNotice {
  const { settings, now } = ctx;
  const key = nobodyAvailableKey(team);
  if ((state.get(key) ?? '') !== '') return { newOutbox: [], log: [], state: {} };
  const channel = settings.escalationChannelId || settings.managerSlackId;
  const who = team ? `no rep of team ${team} can take new leads` : 'no rep can take new leads';
  const detail = `${who}; ${waiting} waiting${channel ? '; the manager is told' : '; manager_slack_id is not set, nobody is told'}`;
  const log = [logEntry(now, 'UNASSIGNED', { leadId, toSlackId: settings.managerSlackId, detail })];
  const newOutbox = channel
    ? [
        post(ctx, {
          leadId,
          kind: 'NOBODY_AVAILABLE',
          route: 0,
          channel,
          message: nobodyAvailableMessage(
            settings.managerSlackId,
            waiting,
            team,
            textsFor(settings.language),
          ),
        }),
      ]
    : [];
  return { newOutbox, log, state: { [key]: new Date(now) } };
}

/** Ends the stretch of a team ('' = leads without a team) once one of its leads was taken. */
export function availableAgain(
  state: ReadonlyMap<string, string>,
  team = '',
): Record<string, string> {
  const key = nobodyAvailableKey(team);
  return (state.get(key) ?? '') !== '' ? { [key]: '' } : {};
}

/** Ends every stretch (of a team or not) whose leads no longer wait and whose team can take leads again. */
export function availableAgainExcept(
  state: ReadonlyMap<string, string>,
  stillWaiting: ReadonlySet<string>,
  canReceiveLeads: (team: string) => boolean = () => true,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of state) {
    if (value === '') continue;
    if (key === NOBODY_AVAILABLE_SINCE && !stillWaiting.has('') && canReceiveLeads(''))
      out[key] = '';
    else if (key.startsWith(TEAM_NOBODY_PREFIX)) {
      const team = key.slice(TEAM_NOBODY_PREFIX.length);
      if (!stillWaiting.has(team) && canReceiveLeads(team)) out[key] = '';
    }
  }
  return out;
}

/**
 * The previous owner's message rewritten to say the lead moved on, without its button;
 * null when there is nothing to rewrite (never delivered, or the owner keeps the lead).
 * `lead` is the lead before the change.
 */
export function movedOnNotice(
  ctx: Pick<RunContext, 'services' | 'now'> & { settings: Pick<Settings, 'language'> },
  lead: Lead,
  toSlackId: string,
): OutboxItem | null {
  const { services, settings, now } = ctx;
  if (!lead.slackChannel || !lead.slackTs || lead.salesSlackId === toSlackId) return null;
  const message = reroutedAwayMessage(
    lead,
    lead.salesSlackId,
    toSlackId,
    textsFor(settings.language),
  );
  const body = {
    channel: lead.slackChannel,
    ts: lead.slackTs,
    text: message.text,
    blocks: message.blocks,
  };
  return newOutboxItem({
    id: `M-${services.ids.uuid()}`,
    leadId: lead.leadId,
    kind: 'REROUTED_NOTICE',
    route: lead.routeCount,
    method: 'chat.update',
    body: JSON.stringify(body),
    createdAt: now,
  });
}

/** Tells a lead's owner the lead submitted the form again (merged, no new lead). */
export function returnedNotice(ctx: RunContext, lead: Lead): OutboxItem {
  const { settings } = ctx;
  return post(ctx, {
    leadId: lead.leadId,
    kind: 'DUPLICATE_NOTICE',
    route: lead.routeCount,
    channel: settings.leadsChannelId || lead.salesSlackId,
    message: leadReturnedMessage(lead, lead.salesSlackId, textsFor(settings.language)),
  });
}

/**
 * A response kept as a lead without a readable name, phone or email: logged as ERROR
 * every time; the manager is told once per stretch (until a response is read again).
 */
export function unreadableNotice(
  ctx: RunContext,
  state: ReadonlyMap<string, string>,
  input: { unreadable: string; actor: string },
  leadId: string,
): StateNotice {
  const { services, settings, now } = ctx;
  const since = state.get(FORM_UNREADABLE_SINCE) ?? '';
  if (!input.unreadable)
    return {
      newOutbox: [],
      log: [],
      state: input.actor === 'form' && since !== '' ? { [FORM_UNREADABLE_SINCE]: '' } : {},
    };
  const channel = settings.escalationChannelId || settings.managerSlackId;
  const tell = since === '';
  const detail = `kept without a name, phone or email: ${input.unreadable}. Fix the form_*_field settings (Lead Routing → Set up finds the usual titles; Check set-up lists what it cannot)${tell ? (channel ? '; the manager is told' : '; manager_slack_id is not set, nobody is told') : '; the manager was already told'}`;
  services.log.error(`intake: lead ${leadId} ${detail}`);
  return {
    log: [logEntry(now, 'ERROR', { leadId, actor: input.actor, detail })],
    newOutbox:
      tell && channel
        ? [
            post(ctx, {
              leadId,
              kind: 'INTAKE_PROBLEM',
              route: 0,
              channel,
              message: unreadableResponseMessage(
                settings.managerSlackId,
                leadId,
                input.unreadable,
                textsFor(settings.language),
              ),
            }),
          ]
        : [],
    state: tell ? { [FORM_UNREADABLE_SINCE]: new Date(now) } : {},
  };
}

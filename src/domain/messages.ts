/**
 * What people read in Slack, built as typed Block Kit (@slack/types) with a plain
 * `text` fallback for notifications and screen readers, in the team's `language`
 * (every word comes from the texts table given as `t`). Lead-supplied text is always
 * escaped; ids and mentions are ours.
 */
import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Lead } from './lead';
import { contactLinks } from './contact-links';
import { parseStage } from './stage';
import { clip, escapeMrkdwn, mention } from './slack-text';
import type { Texts } from './texts';
import { parseAnswers } from './answers';

/** The action_id of every control the engine puts in Slack (one source; the router keys on them). */
export const MARK_CONTACTED_ACTION = 'mark_contacted';
export const PASS_ACTION = 'pass_lead';
export const QUALIFIED_ACTION = 'mark_qualified';
export const LOST_ACTION = 'mark_lost';
export const REASSIGN_ACTION = 'reassign_lead';
export const TAKE_ACTION = 'take_lead';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function button(
  actionId: string,
  leadId: string,
  text: string,
  style?: 'primary' | 'danger',
): Button {
  return {
    type: 'button',
    action_id: actionId,
    value: leadId,
    text: { type: 'plain_text', text },
    ...(style ? { style } : {}),
  };
}

/** The lead's name as shown in Slack: escaped and of bounded length. */
function leadName(lead: Lead, t: Texts): string {
  return escapeMrkdwn(clip(lead.name || t.noName));
}

/** The phone as a person reads it: tel: and WhatsApp links when valid, else flagged. */
function phoneText(lead: Lead, t: Texts): string {
  const links = contactLinks(lead);
  if (!links)
    return `${escapeMrkdwn(clip(lead.phoneRaw || t.noPhone, 60))} :warning: ${t.phoneNeedsChecking}`;
  return `<${links.tel}|${links.display}> · <${links.whatsApp}|${t.linkWhatsApp}>`;
}

function leadFacts(lead: Lead, t: Texts): string {
  const lines = [
    `*${t.labelLead}:* ${leadName(lead, t)}`,
    `*${t.labelPhone}:* ${phoneText(lead, t)}`,
  ];
  if (lead.email) lines.push(`*${t.labelEmail}:* ${escapeMrkdwn(clip(lead.email))}`);
  if (lead.source && lead.source !== 'form')
    lines.push(`*${t.labelSource}:* ${escapeMrkdwn(clip(lead.source, 60))}`);
  lines.push(`*${t.labelLeadId}:* ${lead.leadId}`);
  return lines.join('\n');
}

/** Slack's limit on a section block's text, in characters (Block Kit reference, section). */
const SECTION_TEXT_MAX = 3000;

/**
 * The lead's other answers as one section, "*Question:* answer" per line, escaped and
 * clipped to the section limit (the rest stays readable in lead_sheet); none when empty.
 */
function answersSection(lead: Lead, t: Texts): SectionBlock[] {
  const answers = parseAnswers(lead.answers ?? '');
  if (answers.length === 0) return [];
  const more = `\n${t.answersMore}`;
  let text = '';
  for (const a of answers) {
    const line = `\n${a.question ? `*${escapeMrkdwn(clip(a.question, 150))}:* ` : ''}${escapeMrkdwn(clip(a.answer, 1000))}`;
    if (text.length + line.length > SECTION_TEXT_MAX - more.length) {
      text += more;
      break;
    }
    text += line;
  }
  return [section(text.replace(/^\n/, ''))];
}

export interface AssignmentContext {
  /** Owner's Slack id (mentioned in channel messages). */
  ownerSlackId: string;
  /** Set when the manager handed the lead over after an escalation. */
  assignedBySlackId?: string;
  slaMinutes: number;
  /** Deadline as a person reads it, in the spreadsheet's time zone ("Thu 15:30"). */
  deadlineText: string;
  /** Set when the lead came from another rep who missed the SLA (or passed it, see `passed`). */
  reroutedFromSlackId?: string;
  /** True when the previous owner handed the lead on (pass_lead) rather than missing the SLA. */
  passed?: boolean;
}

/** The new owner's message, with "Mark as CONTACTED" and "Pass to next rep". */
export function assignmentMessage(lead: Lead, ctx: AssignmentContext, t: Texts): SlackMessage {
  const owner = mention(ctx.ownerSlackId);
  const from = ctx.reroutedFromSlackId;
  const headline = ctx.assignedBySlackId
    ? t.headlineAssignedBy(owner, mention(ctx.assignedBySlackId))
    : !from
      ? t.headlineNew(owner)
      : from === ctx.ownerSlackId
        ? t.headlineReminder(owner)
        : ctx.passed
          ? t.headlinePassed(owner, mention(from))
          : t.headlineRerouted(owner, mention(from));
  const duration = t.duration(ctx.slaMinutes);
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: `lead:${lead.leadId}`,
    elements: [
      button(MARK_CONTACTED_ACTION, lead.leadId, t.buttonContacted, 'primary'),
      button(PASS_ACTION, lead.leadId, t.buttonPass),
    ],
  };
  const fallbackPhone = lead.phone ? `+${lead.phone}` : t.phoneNeedsChecking;
  return {
    text: t.assignmentFallback(lead.leadId, owner, leadName(lead, t), fallbackPhone, duration),
    blocks: [
      section(headline),
      section(leadFacts(lead, t)),
      ...answersSection(lead, t),
      context(t.slaLine(duration, ctx.deadlineText)),
      actions,
    ],
  };
}

/** Replaces the previous owner's message: the lead moved on, the buttons are gone. */
export function reroutedAwayMessage(
  lead: Lead,
  previousOwnerSlackId: string,
  newOwnerSlackId: string,
  t: Texts,
): SlackMessage {
  const text = t.reroutedAway(lead.leadId, mention(newOwnerSlackId));
  return {
    text,
    blocks: [
      section(`:arrow_right: ${text}`),
      section(leadFacts(lead, t)),
      context(t.previouslyAssigned(mention(previousOwnerSlackId))),
    ],
  };
}

/** Replaces the message of a rep who handed the lead on: who got it, no buttons left. */
export function passedAwayMessage(
  lead: Lead,
  fromSlackId: string,
  toSlackId: string,
  t: Texts,
): SlackMessage {
  const text = t.passedAway(lead.leadId, mention(fromSlackId), mention(toSlackId));
  return { text, blocks: [section(`:arrow_right: ${text}`), section(leadFacts(lead, t))] };
}

/**
 * Replaces the owner's message once contacted: who, how long it took, and the outcome
 * buttons (QUALIFIED / CLOSED_LOST).
 * @param minutesTaken since this owner got the lead
 * @param minutesWaited since the lead came in (shown when it differs)
 */
export function contactedMessage(
  lead: Lead,
  ownerSlackId: string,
  minutesTaken: number,
  minutesWaited: number,
  t: Texts,
): SlackMessage {
  const total =
    Math.round(minutesWaited) > Math.round(minutesTaken)
      ? t.contactedSinceIn(t.duration(minutesWaited))
      : '';
  const text = `:white_check_mark: ${t.contacted(mention(ownerSlackId), lead.leadId, t.duration(minutesTaken))}${total}.`;
  return {
    text,
    blocks: [
      section(text),
      section(leadFacts(lead, t)),
      context(t.contactedNext),
      {
        type: 'actions',
        block_id: `outcome:${lead.leadId}`,
        elements: [
          button(QUALIFIED_ACTION, lead.leadId, t.buttonQualified, 'primary'),
          button(LOST_ACTION, lead.leadId, t.buttonLost, 'danger'),
        ],
      },
    ],
  };
}

/** Replaces the message once the outcome is recorded: who marked what, no buttons left. */
export function outcomeMessage(
  lead: Lead,
  outcome: 'QUALIFIED' | 'CLOSED_LOST',
  bySlackId: string,
  t: Texts,
): SlackMessage {
  const text =
    outcome === 'QUALIFIED'
      ? `:trophy: ${t.qualified(mention(bySlackId), lead.leadId)}`
      : `:x: ${t.lost(mention(bySlackId), lead.leadId)}`;
  return { text, blocks: [section(text), section(leadFacts(lead, t))] };
}

/** Slack allows at most 100 options in a static_select. */
const MAX_PICKER_OPTIONS = 100;

export interface EscalationContext {
  managerSlackId: string;
  /** How many reps the lead went through. */
  repsTried: number;
  lastOwnerSlackId: string;
  routeCount: number;
  /** Active reps the manager may hand the lead to (name and Slack id). */
  reps: ReadonlyArray<{ name: string; slackId: string }>;
}

/** Slack's plain_text option labels are at most 75 characters. */
function label(text: string): string {
  return text.length > 75 ? `${text.slice(0, 74)}…` : text;
}

/** The one message the manager gets when a lead keeps missing its SLA, with "Reassign to…" and "I'll take it". */
export function escalationMessage(lead: Lead, ctx: EscalationContext, t: Texts): SlackMessage {
  const to = ctx.managerSlackId ? `${mention(ctx.managerSlackId)}: ` : '';
  const text = t.escalation(
    to,
    lead.leadId,
    ctx.routeCount,
    ctx.repsTried,
    mention(ctx.lastOwnerSlackId),
  );
  const options = ctx.reps.slice(0, MAX_PICKER_OPTIONS).map((rep) => ({
    text: { type: 'plain_text' as const, text: label(rep.name || rep.slackId) },
    value: `${lead.leadId}|${rep.slackId}`,
  }));
  const elements: ActionsBlock['elements'] = [];
  if (options.length)
    elements.push({
      type: 'static_select',
      action_id: REASSIGN_ACTION,
      placeholder: { type: 'plain_text', text: t.reassignPlaceholder },
      options,
    });
  elements.push(button(TAKE_ACTION, lead.leadId, t.buttonTake));
  return {
    text,
    blocks: [
      section(`:rotating_light: ${text}`),
      section(leadFacts(lead, t)),
      context(t.escalationNote),
      { type: 'actions', block_id: `escalation:${lead.leadId}`, elements },
    ],
  };
}

/** Replaces the escalation message once the manager acted: who did what, no controls left. */
export function managerActedMessage(
  lead: Lead,
  managerSlackId: string,
  toSlackId: string,
  t: Texts,
): SlackMessage {
  const did =
    managerSlackId === toSlackId
      ? t.managerTook(mention(managerSlackId), lead.leadId)
      : t.managerReassigned(mention(managerSlackId), lead.leadId, mention(toSlackId));
  const text = `:white_check_mark: ${did}. ${t.escalationStays}`;
  return { text, blocks: [section(text), section(leadFacts(lead, t))] };
}

/** The /leads answer: the rep's open leads, soonest deadline first, each with its button. */
export function openLeadsMessage(
  leads: ReadonlyArray<{ lead: Lead; timeLeft: string }>,
  more: number,
  t: Texts,
  moved = false,
): SlackMessage {
  // Rows moved between the list's two reads: never "no open leads" when some may be missed.
  if (leads.length === 0 && moved)
    return { text: t.openLeadsMoved, blocks: [section(t.openLeadsMoved)] };
  if (leads.length === 0)
    return { text: t.noOpenLeads, blocks: [section(`${t.noOpenLeads} :tada:`)] };
  const text = t.openLeadsTitle(leads.length + more);
  const blocks: KnownBlock[] = [section(`*${text}*`)];
  for (const { lead, timeLeft } of leads) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${leadName(lead, t)}* · ${phoneText(lead, t)} · ${lead.leadId}\n${timeLeft}`,
      },
      accessory: button(MARK_CONTACTED_ACTION, lead.leadId, t.buttonContacted, 'primary'),
    });
  }
  if (more > 0) blocks.push(context(t.openLeadsMore(more)));
  if (moved) blocks.push(context(t.openLeadsMoved));
  return { text, blocks };
}

/** To the owner when the same person submits the form again (merged into their lead). */
export function leadReturnedMessage(lead: Lead, ownerSlackId: string, t: Texts): SlackMessage {
  const still =
    parseStage(lead.stage) === 'NEW' ? t.returnedStillWaiting : t.returnedAlreadyContacted;
  const text = t.leadReturned(
    mention(ownerSlackId),
    lead.leadId,
    leadName(lead, t),
    lead.submissionCount,
    still,
  );
  return { text, blocks: [section(`:repeat: ${text}`), section(leadFacts(lead, t))] };
}

/** To the manager, once per stretch in which no rep can take a lead. */
/** @param team the team whose leads wait ('' = leads without a team, which any rep may take) */
export function nobodyAvailableMessage(
  managerSlackId: string,
  waiting: number,
  team: string,
  t: Texts,
): SlackMessage {
  const to = managerSlackId ? `${mention(managerSlackId)}: ` : '';
  const who = team ? t.nobodyInTeam(escapeMrkdwn(clip(team, 100))) : t.nobodyAtAll;
  const text = t.nobodyAvailable(to, who, waiting);
  return {
    text,
    blocks: [section(`:warning: ${text}`), context(t.nobodyAvailableOnce)],
  };
}

/** To the manager, once per stretch in which form responses cannot be read as a contact. */
export function unreadableResponseMessage(
  managerSlackId: string,
  leadId: string,
  reason: string,
  t: Texts,
): SlackMessage {
  const to = managerSlackId ? `${mention(managerSlackId)}: ` : '';
  const text = t.unreadableResponse(to, leadId, escapeMrkdwn(clip(reason, 1500)));
  return {
    text,
    blocks: [section(`:warning: ${text}`), context(t.unreadableFix)],
  };
}

/**
 * To the manager, once per commit in which changes landed on other leads' rows.
 * @param pairs each change as [meant for, landed on] lead ids ('' = a row without an id)
 */
export function misplacedWriteMessage(
  managerSlackId: string,
  pairs: ReadonlyArray<readonly [string, string]>,
  t: Texts,
): SlackMessage {
  const to = managerSlackId ? `${mention(managerSlackId)}: ` : '';
  const list = pairs.map(([meant, onto]) => `${meant} → ${onto || '?'}`).join(', ');
  const text = t.misplacedWrite(to, pairs.length, escapeMrkdwn(clip(list, 1500)));
  return { text, blocks: [section(`:warning: ${text}`), context(t.misplacedWriteFix)] };
}

/** Why a click changed nothing (each shown to the clicker only). */
export type RefusalReason =
  | 'UNKNOWN_LEAD'
  | 'ALREADY_CONTACTED'
  | 'NOT_NEW'
  | 'REROUTED'
  | 'NOT_OWNER'
  | 'BUSY'
  | 'QUOTA'
  | 'NOT_MANAGER'
  | 'NOT_A_REP'
  | 'ALREADY_DONE'
  | 'CHANGED'
  | 'NOT_CONTACTED'
  | 'OUTCOME_SET'
  | 'NOT_OWNER_OR_MANAGER'
  | 'ESCALATED'
  | 'NOBODY_ELSE';

/** Ephemeral answers to a click that changes nothing. */
export function refusalText(
  reason: RefusalReason,
  detail: { leadId: string; owner?: string; stage?: string },
  t: Texts,
): string {
  const { leadId } = detail;
  switch (reason) {
    case 'UNKNOWN_LEAD':
      return t.refuseUnknownLead(leadId);
    case 'ALREADY_CONTACTED':
      return t.refuseAlreadyContacted(leadId);
    case 'NOT_NEW':
      return t.refuseNotNew(leadId, detail.stage ?? '');
    case 'REROUTED':
      return t.refuseRerouted(leadId, detail.owner ?? '');
    case 'NOT_OWNER':
      return t.refuseNotOwner(leadId, detail.owner ?? '');
    case 'BUSY':
      return t.refuseBusy;
    case 'QUOTA':
      return t.refuseQuota;
    case 'NOT_MANAGER':
      return t.refuseNotManager(detail.owner ?? '');
    case 'NOT_A_REP':
      return t.refuseNotARep(detail.owner ?? '');
    case 'ALREADY_DONE':
      return t.refuseAlreadyDone(leadId, detail.owner ?? '');
    case 'CHANGED':
      return t.refuseChanged(leadId);
    case 'NOT_CONTACTED':
      return t.refuseNotContacted(leadId, detail.stage ?? '');
    case 'OUTCOME_SET':
      return t.refuseOutcomeSet(leadId, detail.stage ?? '');
    case 'NOT_OWNER_OR_MANAGER':
      return t.refuseNotOwnerOrManager(leadId, detail.owner ?? '');
    case 'ESCALATED':
      return t.refuseEscalated(leadId);
    case 'NOBODY_ELSE':
      return t.passNobodyElse(leadId);
    default:
      return t.refuseOther(leadId);
  }
}

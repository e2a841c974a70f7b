/**
 * What people read in Slack, built as typed Block Kit (@slack/types) with a plain
 * `text` fallback for notifications and screen readers. Lead-supplied text is always
 * escaped; ids and mentions are ours.
 */
import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Lead } from './lead';
import { parseStage } from './stage';
import { clip, durationInWords, escapeMrkdwn, mention } from './slack-text';
import { parseAnswers } from './answers';

export const MARK_CONTACTED_ACTION = 'mark_contacted';

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

/** The lead's name as shown in Slack: escaped and of bounded length. */
function leadName(lead: Lead): string {
  return escapeMrkdwn(clip(lead.name || '(no name)'));
}

function leadFacts(lead: Lead): string {
  const phone = lead.phone
    ? `+${lead.phone}`
    : `${escapeMrkdwn(clip(lead.phoneRaw || '(none)', 60))} :warning: number needs checking`;
  const lines = [`*Lead:* ${leadName(lead)}`, `*Phone:* ${phone}`];
  if (lead.email) lines.push(`*Email:* ${escapeMrkdwn(clip(lead.email))}`);
  if (lead.source && lead.source !== 'form')
    lines.push(`*Source:* ${escapeMrkdwn(clip(lead.source, 60))}`);
  lines.push(`*Lead id:* ${lead.leadId}`);
  return lines.join('\n');
}

/** Slack's limit on a section block's text, in characters (Block Kit reference, section). */
const SECTION_TEXT_MAX = 3000;

/**
 * The lead's other answers as one section, "*Question:* answer" per line, escaped and
 * clipped to the section limit (the rest stays readable in lead_sheet); none when empty.
 */
function answersSection(lead: Lead): SectionBlock[] {
  const answers = parseAnswers(lead.answers ?? '');
  if (answers.length === 0) return [];
  const more = '\n…more in lead_sheet (answers)';
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
  /** Set when the lead came from another rep who missed the SLA. */
  reroutedFromSlackId?: string;
}

/** The new owner's message, with the "Mark as CONTACTED" button. */
export function assignmentMessage(lead: Lead, ctx: AssignmentContext): SlackMessage {
  const headline = ctx.assignedBySlackId
    ? `${mention(ctx.ownerSlackId)}, ${mention(ctx.assignedBySlackId)} assigned you an escalated lead`
    : !ctx.reroutedFromSlackId
      ? `${mention(ctx.ownerSlackId)}, you have a new lead`
      : ctx.reroutedFromSlackId === ctx.ownerSlackId
        ? `${mention(ctx.ownerSlackId)}, reminder: this lead is still waiting and nobody else is available, so it stays with you`
        : `${mention(ctx.ownerSlackId)}, a lead was re-routed to you (${mention(ctx.reroutedFromSlackId)} did not contact it in time)`;
  const sla = `Please contact within ${durationInWords(ctx.slaMinutes)} (by ${ctx.deadlineText}) and then press the button.`;
  const button: Button = {
    type: 'button',
    style: 'primary',
    action_id: MARK_CONTACTED_ACTION,
    value: lead.leadId,
    text: { type: 'plain_text', text: 'Mark as CONTACTED' },
  };
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: `lead:${lead.leadId}`,
    elements: [button],
  };
  const fallbackPhone = lead.phone ? `+${lead.phone}` : 'number needs checking';
  return {
    text: `New lead ${lead.leadId} for ${mention(ctx.ownerSlackId)}: ${leadName(lead)}, ${fallbackPhone}. Please contact within ${durationInWords(ctx.slaMinutes)}.`,
    blocks: [
      section(headline),
      section(leadFacts(lead)),
      ...answersSection(lead),
      context(sla),
      actions,
    ],
  };
}

/** Replaces the previous owner's message: the lead moved on, the button is gone. */
export function reroutedAwayMessage(
  lead: Lead,
  previousOwnerSlackId: string,
  newOwnerSlackId: string,
): SlackMessage {
  const text = `Lead ${lead.leadId} was re-routed to ${mention(newOwnerSlackId)}: the SLA ran out before it was marked CONTACTED.`;
  return {
    text,
    blocks: [
      section(`:arrow_right: ${text}`),
      section(leadFacts(lead)),
      context(`Previously assigned to ${mention(previousOwnerSlackId)}.`),
    ],
  };
}

/**
 * Replaces the owner's message once contacted: who, and how long it took.
 * @param minutesTaken since this owner got the lead
 * @param minutesWaited since the lead came in (shown when it differs)
 */
export function contactedMessage(
  lead: Lead,
  ownerSlackId: string,
  minutesTaken: number,
  minutesWaited = minutesTaken,
): SlackMessage {
  const total =
    Math.round(minutesWaited) > Math.round(minutesTaken)
      ? ` (${durationInWords(minutesWaited)} since the lead came in)`
      : '';
  const text = `:white_check_mark: ${mention(ownerSlackId)} contacted lead ${lead.leadId} after ${durationInWords(minutesTaken)}${total}.`;
  return { text, blocks: [section(text), section(leadFacts(lead))] };
}

export const REASSIGN_ACTION = 'reassign_lead';
export const TAKE_ACTION = 'take_lead';
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
export function escalationMessage(lead: Lead, ctx: EscalationContext): SlackMessage {
  const to = ctx.managerSlackId ? `${mention(ctx.managerSlackId)}: ` : '';
  const text = `${to}lead ${lead.leadId} is still not contacted after ${ctx.routeCount} assignments across ${ctx.repsTried} rep${ctx.repsTried === 1 ? '' : 's'}. Last owner: ${mention(ctx.lastOwnerSlackId)}.`;
  const options = ctx.reps.slice(0, MAX_PICKER_OPTIONS).map((rep) => ({
    text: { type: 'plain_text' as const, text: label(rep.name || rep.slackId) },
    value: `${lead.leadId}|${rep.slackId}`,
  }));
  const elements: ActionsBlock['elements'] = [];
  if (options.length)
    elements.push({
      type: 'static_select',
      action_id: REASSIGN_ACTION,
      placeholder: { type: 'plain_text', text: 'Reassign to…' },
      options,
    });
  elements.push({
    type: 'button',
    action_id: TAKE_ACTION,
    value: lead.leadId,
    text: { type: 'plain_text', text: "I'll take it" },
  });
  return {
    text,
    blocks: [
      section(`:rotating_light: ${text}`),
      section(leadFacts(lead)),
      context('It will not be re-routed again; the last owner can still mark it CONTACTED.'),
      { type: 'actions', block_id: `escalation:${lead.leadId}`, elements },
    ],
  };
}

/** Replaces the escalation message once the manager acted: who did what, no controls left. */
export function managerActedMessage(
  lead: Lead,
  managerSlackId: string,
  toSlackId: string,
): SlackMessage {
  const did =
    managerSlackId === toSlackId
      ? `${mention(managerSlackId)} took lead ${lead.leadId}`
      : `${mention(managerSlackId)} reassigned lead ${lead.leadId} to ${mention(toSlackId)}`;
  const text = `:white_check_mark: ${did}. The escalation stays on record.`;
  return { text, blocks: [section(text), section(leadFacts(lead))] };
}

/** The /leads answer: the rep's open leads, soonest deadline first, each with its button. */
export function openLeadsMessage(
  leads: ReadonlyArray<{ lead: Lead; timeLeft: string }>,
  more: number,
): SlackMessage {
  if (leads.length === 0)
    return {
      text: 'You have no open leads right now.',
      blocks: [section('You have no open leads right now. :tada:')],
    };
  const text = `Your open leads (${leads.length + more}):`;
  const blocks: KnownBlock[] = [section(`*${text}*`)];
  for (const { lead, timeLeft } of leads) {
    const phone = lead.phone
      ? `+${lead.phone}`
      : `${escapeMrkdwn(clip(lead.phoneRaw || '(none)', 60))} :warning:`;
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${leadName(lead)}* · ${phone} · ${lead.leadId}\n${timeLeft}`,
      },
      accessory: {
        type: 'button',
        style: 'primary',
        action_id: MARK_CONTACTED_ACTION,
        value: lead.leadId,
        text: { type: 'plain_text', text: 'Mark as CONTACTED' },
      },
    });
  }
  if (more > 0) blocks.push(context(`…and ${more} more in lead_sheet.`));
  return { text, blocks };
}

/** To the owner when the same person submits the form again (merged into their lead). */
export function leadReturnedMessage(lead: Lead, ownerSlackId: string): SlackMessage {
  const still =
    parseStage(lead.stage) === 'NEW'
      ? 'It is still waiting for your call.'
      : 'You already contacted them; they asked again, so a follow-up may help.';
  const text = `${mention(ownerSlackId)}, lead ${lead.leadId} (${leadName(lead)}) submitted the form again (${lead.submissionCount} times in all). ${still}`;
  return { text, blocks: [section(`:repeat: ${text}`), section(leadFacts(lead))] };
}

/** To the manager, once per stretch in which no rep can take a lead. */
/** @param team the team whose leads wait ('' = leads without a team, which any rep may take) */
export function nobodyAvailableMessage(
  managerSlackId: string,
  waiting: number,
  team = '',
): SlackMessage {
  const to = managerSlackId ? `${mention(managerSlackId)}: ` : '';
  const who = team
    ? `no rep of team ${escapeMrkdwn(clip(team, 100))} can take new leads right now (every rep with that team in sales_sheet is inactive, away or at their max_open_leads)`
    : 'no rep can take new leads right now (everyone is inactive, away or at their max_open_leads)';
  const text = `${to}${who}. ${waiting} lead${waiting === 1 ? ' is' : 's are'} waiting unassigned in lead_sheet; they are assigned as soon as someone is available.`;
  return {
    text,
    blocks: [
      section(`:warning: ${text}`),
      context('You get this once until someone is available again.'),
    ],
  };
}

/** To the manager, once per stretch in which form responses cannot be read as a contact. */
export function unreadableResponseMessage(
  managerSlackId: string,
  leadId: string,
  reason: string,
): SlackMessage {
  const to = managerSlackId ? `${mention(managerSlackId)}: ` : '';
  const text = `${to}a form response came in without a readable name, phone or email. It is kept as lead ${leadId} with all its answers and routed as usual, but check the form settings: ${escapeMrkdwn(clip(reason, 1500))}`;
  return {
    text,
    blocks: [
      section(`:warning: ${text}`),
      context(
        'Fix form_name_field, form_phone_field and form_email_field in settings (or run Lead Routing → Set up). You get this once until a response is read again.',
      ),
    ],
  };
}

/** Ephemeral answers to a click that changes nothing. */
export function refusalText(
  reason: string,
  detail: { leadId: string; owner?: string; stage?: string },
): string {
  switch (reason) {
    case 'UNKNOWN_LEAD':
      return `I can't find lead ${detail.leadId}. It may have been archived or deleted from the sheet.`;
    case 'ALREADY_CONTACTED':
      return `Lead ${detail.leadId} is already marked CONTACTED. Nothing changed.`;
    case 'NOT_NEW':
      return `Lead ${detail.leadId} is at stage ${detail.stage}; only NEW leads can be marked CONTACTED.`;
    case 'REROUTED':
      return `Lead ${detail.leadId} was re-routed away from you after the SLA ran out; it now belongs to ${detail.owner}.`;
    case 'NOT_OWNER':
      return `Lead ${detail.leadId} is not yours; it belongs to ${detail.owner}. Only the assigned rep can mark it CONTACTED.`;
    case 'BUSY':
      return `The lead sheet is busy right now; nothing changed. Please click again in a few seconds.`;
    case 'QUOTA':
      return `Could not save: Google Sheets is at its per-minute limit right now, so nothing changed. Please click again in a minute.`;
    case 'NOT_MANAGER':
      return `Only the manager${detail.owner ? ` (${detail.owner})` : ''} can reassign or take an escalated lead. Nothing changed.`;
    case 'NOT_A_REP':
      return `${detail.owner ?? 'That person'} is not an active rep in sales_sheet any more; pick someone else. Nothing changed.`;
    case 'ALREADY_DONE':
      return `Already done: lead ${detail.leadId} is with ${detail.owner ?? 'its new owner'} since the escalation. Nothing changed.`;
    case 'CHANGED':
      return `Lead ${detail.leadId} changed while you clicked (it was re-routed or edited); nothing changed. Check its latest message.`;
    default:
      return `Nothing changed for lead ${detail.leadId}.`;
  }
}

/**
 * What a lead message says once its buttons no longer act: the lead was contacted,
 * closed, moved on, or has a newer message. Sent as chat.update of the recorded
 * message, so the person sees the truth where the button was.
 */
import type { KnownBlock } from '@slack/types';
import type { Lead } from './lead';
import { reroutedAwayMessage, type SlackMessage } from './messages';
import { en } from './texts/en';
import type { OutboxItem } from './outbox';
import { clip, escapeMrkdwn, mention } from './slack-text';
import { parseStage } from './stage';

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** The rewrite of a message whose buttons must go; `lead` is the lead now (undefined = gone). */
export function buttonGoneMessage(
  item: Pick<OutboxItem, 'leadId' | 'kind' | 'toSlackId'>,
  lead: Lead | undefined,
): SlackMessage {
  if (
    lead &&
    item.kind === 'ASSIGNMENT' &&
    parseStage(lead.stage) === 'NEW' &&
    lead.salesSlackId &&
    item.toSlackId &&
    lead.salesSlackId !== item.toSlackId
  )
    return reroutedAwayMessage(lead, item.toSlackId, lead.salesSlackId, en);
  const who = lead
    ? `${escapeMrkdwn(clip(lead.name || '(no name)'))} (${item.leadId})`
    : item.leadId;
  const stage = lead ? parseStage(lead.stage) : null;
  const text = !lead
    ? `Lead ${who} is no longer in the lead sheet; nothing to do here.`
    : stage === 'CONTACTED'
      ? `:white_check_mark: Lead ${who} was marked CONTACTED${lead.salesSlackId ? ` by ${mention(lead.salesSlackId)}` : ''}.`
      : stage !== 'NEW'
        ? `Lead ${who} is now ${escapeMrkdwn(clip(lead.stage || 'without a stage', 40))}; nothing to do here.`
        : item.kind === 'ESCALATION'
          ? `:white_check_mark: Escalated lead ${who} has been handed over; it is now with ${lead.salesSlackId ? mention(lead.salesSlackId) : 'nobody yet'}.`
          : lead.salesSlackId && lead.salesSlackId === item.toSlackId
            ? `Lead ${who} has a newer message for you; use the button there.`
            : `:arrow_right: Lead ${who} moved on${lead.salesSlackId ? ` to ${mention(lead.salesSlackId)}` : ''}; nothing to do here.`;
  return { text, blocks: [section(text)] };
}

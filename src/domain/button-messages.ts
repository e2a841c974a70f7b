/**
 * What a lead message says once its buttons no longer act: the lead was contacted,
 * closed, moved on, or has a newer message. Sent as chat.update of the recorded
 * message, so the person sees the truth where the button was.
 */
import type { KnownBlock } from '@slack/types';
import type { Lead } from './lead';
import { reroutedAwayMessage, type SlackMessage } from './messages';
import type { Texts } from './texts';
import type { OutboxItem } from './outbox';
import { clip, escapeMrkdwn, mention } from './slack-text';
import { parseStage } from './stage';

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/**
 * The rewrite of a message whose buttons must go; `lead` is the lead now (undefined = gone).
 * @param t the team's texts (setting `language`)
 */
export function buttonGoneMessage(
  item: Pick<OutboxItem, 'leadId' | 'kind' | 'toSlackId'>,
  lead: Lead | undefined,
  t: Texts,
): SlackMessage {
  if (
    lead &&
    item.kind === 'ASSIGNMENT' &&
    parseStage(lead.stage) === 'NEW' &&
    lead.salesSlackId &&
    item.toSlackId &&
    lead.salesSlackId !== item.toSlackId
  )
    return reroutedAwayMessage(lead, item.toSlackId, lead.salesSlackId, t);
  const who = lead ? `${escapeMrkdwn(clip(lead.name || t.noName))} (${item.leadId})` : item.leadId;
  const stage = lead ? parseStage(lead.stage) : null;
  const owner = lead?.salesSlackId ? mention(lead.salesSlackId) : '';
  const text = !lead
    ? t.goneNotInSheet(who)
    : stage === 'CONTACTED'
      ? t.goneContacted(who, owner)
      : stage !== 'NEW'
        ? t.goneStage(who, escapeMrkdwn(clip(lead.stage || t.noStage, 40)))
        : item.kind === 'ESCALATION'
          ? t.goneHandedOver(who, owner)
          : lead.salesSlackId && lead.salesSlackId === item.toSlackId
            ? t.goneNewerMessage(who)
            : t.goneMovedOn(who, owner);
  return { text, blocks: [section(text)] };
}

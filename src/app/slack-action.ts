/**
 * Everything Slack posts to the web app, bolt-js style: parse, verify, classify, route
 * by action, answer through response_url. The lock is waited for only briefly (Slack
 * gives the web app 3 s): a request that cannot get it changes nothing and the person
 * is asked to try again. Owed Slack messages (a reassigned rep's) go out after.
 */
import { RoutingError } from '../domain/errors';
import { refusalText } from '../domain/messages';
import type { OutboxItem } from '../domain/outbox';
import { deliver } from './deliver';
import { leadsList } from './leads-command';
import { managerAction } from './manager-action';
import { markContacted } from './mark-contacted';
import type { Services } from './ports';
import { ephemeral, type SlackAnswer } from './slack-answer';
import { readInteraction, type WebRequest } from './slack-request';

/** How long a click waits for the script lock, in ms. */
export const CLICK_LOCK_MS = 1_500;

export type ClickResult =
  { kind: 'IGNORED'; reason: string } | { kind: string; leadId: string; outcome: string };

export function handleSlackRequest(
  services: Services,
  request: WebRequest | undefined,
): ClickResult {
  const interaction = readInteraction(
    request,
    services.secrets.verificationToken(),
    services.secrets.webappSecret(),
  );
  if (interaction.kind === 'IGNORED') {
    services.log.warn(`Slack request ignored: ${interaction.reason}`);
    return interaction;
  }
  if (interaction.kind === 'LEADS_COMMAND') {
    const answer = leadsList(services, interaction.userId);
    respond(services, interaction.responseUrl, answer.body, 'the /leads list');
    return { kind: interaction.kind, leadId: '', outcome: answer.outcome };
  }
  let answer: SlackAnswer;
  let toSend: OutboxItem[] = [];
  try {
    answer = services.lock.withLock(CLICK_LOCK_MS, () => {
      const now = services.clock.now();
      if (interaction.kind === 'MARK_CONTACTED')
        return markContacted(
          services,
          services.workbook.loadLead(interaction.leadId),
          interaction.leadId,
          interaction.userId,
          now,
        );
      const done = managerAction(services, services.workbook.load(), interaction, now);
      toSend = done.toSend;
      return done.answer;
    });
  } catch (err) {
    if (!(err instanceof RoutingError && err.code === 'LOCK_TIMEOUT')) throw err;
    answer = {
      body: ephemeral(refusalText('BUSY', { leadId: interaction.leadId })),
      outcome: 'BUSY',
    };
  }
  respond(services, interaction.responseUrl, answer.body, interaction.leadId);
  if (toSend.length) deliver(services, toSend);
  return { kind: interaction.kind, leadId: interaction.leadId, outcome: answer.outcome };
}

function respond(
  services: Services,
  responseUrl: string,
  body: Record<string, unknown>,
  what: string,
): void {
  const outcome = services.slack.respond(responseUrl, body);
  if (outcome.kind !== 'ok')
    services.log.warn(
      `could not answer Slack about ${what} through response_url: ${JSON.stringify(outcome)}`,
    );
}

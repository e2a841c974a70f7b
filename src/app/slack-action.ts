/**
 * Everything Slack posts to the web app, bolt-js style: parse, verify, classify, route
 * by action, answer through response_url. The lock is waited for only briefly (Slack
 * gives the web app 3 s): a request that cannot get it changes nothing and the person
 * is asked to try again. Owed Slack messages (a reassigned rep's) go out after.
 */
import { RoutingError } from '../domain/errors';
import { refusalText } from '../domain/messages';
import type { OutboxItem } from '../domain/outbox';
import { leadsList } from './leads-command';
import { managerAction } from './manager-action';
import { markContacted, type ClickDone } from './mark-contacted';
import { rewriteOf } from './follow-lead';
import { deliver, leaseNew } from './deliver';
import { newOutboxItem } from '../domain/outbox';
import type { Services } from './ports';
import { ephemeral, type SlackAnswer } from './slack-answer';
import { readInteraction, type WebRequest } from './slack-request';

/**
 * How long a click or a manager action waits for the script lock, in ms. Slack waits
 * 3,000 ms for the answer; on the pessimistic latency model (test/runtime/latency.ts) a
 * click at 5,000 leads answers in about 2,960 ms without waiting (1,000 ms of Google's
 * start and redirect, 600 ms answering through response_url, four Sheets API calls), so
 * a click that meets a busy lock is told at once to click again, changing nothing,
 * instead of Slack showing operation_timeout.
 */
export const CLICK_LOCK_MS = 30;
/** How long the fallback rewrite waits for the lock (Slack has had its answer by then). */
const FALLBACK_LOCK_MS = 10_000;

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
    let answer: SlackAnswer;
    try {
      answer = leadsList(services, interaction.userId);
    } catch (err) {
      if (!(err instanceof RoutingError && err.code === 'SHEETS_QUOTA')) throw err;
      answer = {
        body: ephemeral(
          'Google Sheets is at its per-minute limit right now, so I could not read your leads. Please try /leads again in a minute.',
        ),
        outcome: 'QUOTA',
      };
    }
    respond(services, interaction.responseUrl, answer.body, 'the /leads list');
    return { kind: interaction.kind, leadId: '', outcome: answer.outcome };
  }
  let answer: SlackAnswer;
  let toSend: OutboxItem[] = [];
  let replaces: ClickDone['replaces'];
  try {
    answer = services.lock.withLock(CLICK_LOCK_MS, () => {
      const now = services.clock.now();
      if (interaction.kind === 'MARK_CONTACTED') {
        const done = markContacted(
          services,
          services.workbook.loadLeadWithMessages(interaction.leadId),
          interaction,
          now,
        );
        toSend = done.toSend;
        replaces = done.replaces;
        return done.answer;
      }
      const done = managerAction(services, services.workbook.load(), interaction, now);
      toSend = done.toSend;
      return done.answer;
    });
  } catch (err) {
    // Both refusals change nothing: the lock was never taken, or the Sheets API refused
    // before the commit wrote (a commit that has started writing finishes, sheets-values.ts).
    const refusal =
      err instanceof RoutingError && err.code === 'LOCK_TIMEOUT'
        ? 'BUSY'
        : err instanceof RoutingError && err.code === 'SHEETS_QUOTA'
          ? 'QUOTA'
          : null;
    if (!refusal) throw err;
    toSend = [];
    answer = {
      body: ephemeral(refusalText(refusal, { leadId: interaction.leadId })),
      outcome: refusal,
    };
  }
  const answered = respond(services, interaction.responseUrl, answer.body, interaction.leadId);
  if (!answered && replaces) toSend = [...toSend, ...fallBackToUpdate(services, replaces)];
  if (toSend.length) deliver(services, toSend);
  return { kind: interaction.kind, leadId: interaction.leadId, outcome: answer.outcome };
}

/** @returns whether Slack took the answer */
function respond(
  services: Services,
  responseUrl: string,
  body: Record<string, unknown>,
  what: string,
): boolean {
  const outcome = services.slack.respond(responseUrl, body);
  if (outcome.kind !== 'ok')
    services.log.warn(
      `could not answer Slack about ${what} through response_url: ${JSON.stringify(outcome)}`,
    );
  return outcome.kind === 'ok';
}

/**
 * The click's answer did not reach Slack, so its message still shows the button: it is
 * rewritten by chat.update through the outbox instead (retried like any message).
 */
function fallBackToUpdate(
  services: Services,
  replaces: NonNullable<ClickDone['replaces']>,
): OutboxItem[] {
  try {
    return services.lock.withLock(FALLBACK_LOCK_MS, () => {
      const now = services.clock.now();
      const rewrite = rewriteOf(
        services,
        {
          ...newOutboxItem({
            id: '',
            leadId: replaces.leadId,
            kind: 'ASSIGNMENT',
            route: replaces.route,
            method: 'chat.postMessage',
            body: '',
            createdAt: now,
          }),
          messageChannel: replaces.channel,
          messageTs: replaces.ts,
        },
        replaces.lead,
        now,
      );
      const batch = leaseNew([rewrite], now);
      services.workbook.commit({ newOutbox: [rewrite] });
      return batch;
    });
  } catch (err) {
    services.log.error(
      `the click's message for ${replaces.leadId} still shows its button and could not be queued for rewriting: ${err instanceof Error ? err.message : String(err)}`,
    );
    return [];
  }
}

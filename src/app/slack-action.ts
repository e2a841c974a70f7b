/**
 * Everything Slack posts to the web app, bolt-js style: parse, verify, classify, then
 * route by action_id through one table (like bolt-js `app.action`), answer through
 * response_url. Each route reads what its action carries, says how much of the
 * workbook it needs (a click on a lead's own message reads only that row and the
 * settings, so it answers within Slack's 3 s on a big sheet) and runs its use case.
 * The lock is waited for only briefly (Slack gives the web app 3 s): a request that
 * cannot get it changes nothing and the person is asked to try again. Owed Slack
 * messages (a new owner's) go out after the lock is released.
 */
import { RoutingError } from '../domain/errors';
import type { Lead } from '../domain/lead';
import {
  LOST_ACTION,
  MARK_CONTACTED_ACTION,
  PASS_ACTION,
  QUALIFIED_ACTION,
  REASSIGN_ACTION,
  TAKE_ACTION,
  refusalText,
  type RefusalReason,
} from '../domain/messages';
import type { Outcome } from '../domain/outcome';
import type { OutboxItem } from '../domain/outbox';
import { languageOf } from '../domain/settings';
import { TEXTS, textsFor, type Texts } from '../domain/texts';
import { newOutboxItem } from '../domain/outbox';
import { deliver, leaseNew } from './deliver';
import { rewriteOf } from './follow-lead';
import { leadsList } from './leads-command';
import { managerAction, type ManagerOutcome } from './manager-action';
import { markContacted, type ClickDone } from './mark-contacted';
import { markOutcome } from './mark-outcome';
import { passLead, type PassOutcome } from './pass-lead';
import type { Services, WorkbookSnapshot } from './ports';
import { ephemeral, type SlackAnswer } from './slack-answer';
import {
  buttonLeadId,
  pickedLeadAndRep,
  readInteraction,
  type ClickSource,
  type WebRequest,
} from './slack-request';

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

/** Every action_id the engine answers. */
export type ActionId =
  | typeof MARK_CONTACTED_ACTION
  | typeof PASS_ACTION
  | typeof QUALIFIED_ACTION
  | typeof LOST_ACTION
  | typeof REASSIGN_ACTION
  | typeof TAKE_ACTION;

/** What an action did: its success, or why it changed nothing. */
export type ActionOutcome = 'CONTACTED' | PassOutcome | Outcome | ManagerOutcome | RefusalReason;

/** What handleSlackRequest did, for the log line of doPost. */
export type SlackRequestResult =
  | { kind: 'IGNORED'; reason: string }
  | { kind: 'LEADS_COMMAND'; outcome: string }
  | { kind: 'ACTION'; actionId: ActionId; leadId: string; outcome: ActionOutcome };

interface Handled {
  answer: SlackAnswer<ActionOutcome>;
  toSend: OutboxItem[];
  /** Set when the answer replaces the clicked message: if it fails, chat.update does it. */
  replaces?: ClickDone['replaces'];
}

/** What an action carries that its use case needs. */
interface ActionFields {
  leadId: string;
  /** The rep picked in "Reassign to…". */
  toSlackId?: string;
}
/** The fields, where the click came from, and when doPost began handling it (epoch ms). */
type Request = ActionFields & ClickSource & { receivedAt: number };

interface RouteBase {
  /** The fields the action carries; null when they are unusable (the request is ignored). */
  read(action: Record<string, unknown>): ActionFields | null;
  /** Why an action whose fields are unusable is ignored (logged). */
  unusable: string;
}

/**
 * A route: 'lead' = the use case gets only the lead's row and the settings (one narrow
 * read); 'all' = it gets one full read of the workbook (it routes).
 */
type ActionRoute =
  | (RouteBase & {
      scope: 'lead';
      run(
        services: Services,
        request: Request,
        userId: string,
        read: { lead: Lead | undefined; messages: OutboxItem[]; settings: Map<string, unknown> },
        now: number,
      ): Handled;
    })
  | (RouteBase & {
      /** 'all' = one full read (it routes); 'leadScope' = the lead, its messages, the small sheets. */
      scope: 'all' | 'leadScope';
      run(
        services: Services,
        request: Request,
        userId: string,
        snapshot: WorkbookSnapshot,
        now: number,
      ): Handled;
    });

const BUTTON_UNUSABLE = 'button has no usable lead id';

const leadButton = (action: Record<string, unknown>): ActionFields | null => {
  const leadId = buttonLeadId(action);
  return leadId ? { leadId } : null;
};

function outcomeRoute(outcome: Outcome): ActionRoute {
  return {
    read: leadButton,
    unusable: BUTTON_UNUSABLE,
    scope: 'lead',
    run: (services, { leadId }, userId, { lead, settings }, now) => {
      const manager = String(settings.get('manager_slack_id') ?? '').trim();
      const t = textsFor(languageOf(settings));
      return {
        answer: markOutcome(services, lead, leadId, userId, outcome, manager, now, t),
        toSend: [],
      };
    },
  };
}

/** The routing table: action_id → how to read it and which use case answers it. */
const ACTIONS: { [id in ActionId]: ActionRoute } = {
  [MARK_CONTACTED_ACTION]: {
    read: leadButton,
    unusable: BUTTON_UNUSABLE,
    scope: 'lead',
    run: (services, request, userId, read, now) =>
      markContacted(
        services,
        read,
        { ...request, userId },
        now,
        textsFor(languageOf(read.settings)),
      ),
  },
  [PASS_ACTION]: {
    read: leadButton,
    unusable: BUTTON_UNUSABLE,
    scope: 'all',
    run: (services, request, userId, snapshot, now) =>
      passLead(services, snapshot, request, userId, now),
  },
  [QUALIFIED_ACTION]: outcomeRoute('QUALIFIED'),
  [LOST_ACTION]: outcomeRoute('CLOSED_LOST'),
  [REASSIGN_ACTION]: {
    read: pickedLeadAndRep,
    unusable: 'reassign menu has no usable lead id or rep',
    scope: 'leadScope',
    run: (services, request, userId, snapshot, now) =>
      managerAction(
        services,
        snapshot,
        { ...request, kind: 'REASSIGN', toSlackId: request.toSlackId ?? '', userId },
        now,
      ),
  },
  [TAKE_ACTION]: {
    read: leadButton,
    unusable: BUTTON_UNUSABLE,
    scope: 'leadScope',
    run: (services, request, userId, snapshot, now) =>
      managerAction(services, snapshot, { ...request, kind: 'TAKE', userId }, now),
  },
};

function isActionId(id: string): id is ActionId {
  return Object.prototype.hasOwnProperty.call(ACTIONS, id);
}

export function handleSlackRequest(
  services: Services,
  request: WebRequest | undefined,
): SlackRequestResult {
  const interaction = readInteraction(
    request,
    services.secrets.verificationToken(),
    services.secrets.webappSecret(),
  );
  if (interaction.kind === 'IGNORED') return ignore(services, interaction.reason);
  if (interaction.kind === 'LEADS_COMMAND') return answerLeadsCommand(services, interaction);
  const { actionId, userId, responseUrl } = interaction;
  if (!isActionId(actionId))
    return ignore(services, `unknown action ${JSON.stringify(actionId.slice(0, 40))}`);
  const route = ACTIONS[actionId];
  const carried = route.read(interaction.action);
  const receivedAt = carried ? services.clock.now() : 0;
  const fields: Request | null = carried && {
    ...carried,
    messageTs: interaction.messageTs,
    channelId: interaction.channelId,
    fromEphemeral: interaction.fromEphemeral,
    receivedAt,
  };
  if (!fields) return ignore(services, `${actionId}: ${route.unusable}`);
  const handled = runClick(services, route, fields, userId);
  const answered = respond(services, responseUrl, handled.answer.body, fields.leadId);
  const toSend = [...handled.toSend];
  if (!answered && handled.replaces) toSend.push(...fallBackToUpdate(services, handled.replaces));
  if (toSend.length) deliver(services, toSend);
  return { kind: 'ACTION', actionId, leadId: fields.leadId, outcome: handled.answer.outcome };
}

/** A request that changes nothing, logged with why. */
function ignore(services: Services, reason: string): SlackRequestResult {
  services.log.warn(`Slack request ignored: ${reason}`);
  return { kind: 'IGNORED', reason };
}

/** `/leads`: the person's NEW leads, answered through response_url. */
function answerLeadsCommand(
  services: Services,
  command: { userId: string; responseUrl: string },
): SlackRequestResult {
  let answer: SlackAnswer;
  try {
    answer = leadsList(services, command.userId);
  } catch (err) {
    if (!(err instanceof RoutingError && err.code === 'SHEETS_QUOTA')) throw err;
    answer = {
      // The sheet could not be read, so neither could the team's language: both texts.
      body: ephemeral(`${TEXTS.en.leadsQuota}\n${TEXTS.id.leadsQuota}`),
      outcome: 'QUOTA',
    };
  }
  respond(services, command.responseUrl, answer.body, 'the /leads list');
  return { kind: 'LEADS_COMMAND', outcome: answer.outcome };
}

/**
 * Runs the route's use case under the lock, over the read its scope asks for. A busy
 * lock or the Sheets quota is answered BUSY / QUOTA: both change nothing (the lock was
 * never taken, or the Sheets API refused before the commit wrote; a commit that has
 * started writing finishes, sheets-values.ts).
 */
function runClick(
  services: Services,
  route: ActionRoute,
  fields: Request,
  userId: string,
): Handled {
  try {
    return services.lock.withLock(CLICK_LOCK_MS, () => {
      const now = services.clock.now();
      return route.scope === 'lead'
        ? route.run(
            services,
            fields,
            userId,
            services.workbook.loadLeadWithMessages(fields.leadId, { logsAnEvent: true }),
            now,
          )
        : route.run(
            services,
            fields,
            userId,
            route.scope === 'leadScope'
              ? services.workbook.loadLeadScope(fields.leadId)
              : services.workbook.load(),
            now,
          );
    });
  } catch (err) {
    const refusal =
      err instanceof RoutingError && err.code === 'LOCK_TIMEOUT'
        ? 'BUSY'
        : err instanceof RoutingError && err.code === 'SHEETS_QUOTA'
          ? 'QUOTA'
          : null;
    if (!refusal) throw err;
    return {
      answer: {
        body: ephemeral(refusalText(refusal, { leadId: fields.leadId }, busyTexts(services))),
        outcome: refusal,
      },
      toSend: [],
    };
  }
}

/**
 * The team's language for a "busy, click again" answer: the settings are read without
 * the lock (a read changes nothing; no lead is asked for, so no lead row is anchored
 * for a write outside the lock); if even that fails, English.
 */
function busyTexts(services: Services): Texts {
  try {
    return textsFor(languageOf(services.workbook.loadLeadWithMessages('').settings));
  } catch {
    return textsFor('en');
  }
}

/** One line for the log: what came in and what it did. */
export function describeSlackResult(result: SlackRequestResult): string {
  switch (result.kind) {
    case 'IGNORED':
      return `IGNORED ${result.reason}`;
    case 'LEADS_COMMAND':
      return `/leads ${result.outcome}`;
    default:
      return `${result.actionId} ${result.leadId} ${result.outcome}`;
  }
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
        replaces.t,
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

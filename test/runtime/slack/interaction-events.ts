/**
 * What Apps Script's doPost(e) receives when Slack calls the web app.
 *
 * Slack posts interactions as `application/x-www-form-urlencoded` with one field,
 * `payload`, holding the JSON (block_actions reference); slash commands as plain form
 * fields (token, team_id, team_domain, channel_id, channel_name, user_id, user_name,
 * command, text, api_app_id, is_enterprise_install, response_url, trigger_id; in an
 * Enterprise Grid org also enterprise_id and enterprise_name). Grid interaction payloads:
 * see gridFields below and enterprise-grid.test.ts for the sources.
 *
 * Apps Script's event object (Web Apps guide): `queryString` (null without one),
 * `parameter` (first value per name), `parameters` (all values), `contextPath` '',
 * `contentLength`, and for a POST `postData` { length, type, contents, name: 'postData' }.
 * Form-encoded body fields are merged into parameter/parameters after the query's.
 */
import { createHash } from 'crypto';
import type { Clock } from '../clock';
import { messageJson } from './chat-methods';
import { webAppPostEvent } from '../services/web-app-request';
import type { ResponseUrls } from './response-urls';
import type { SlackBlock, SlackMessage } from './types';
import type { Conversation, Workspace } from './workspace';

export interface DoPostEvent {
  queryString: string | null;
  parameter: Record<string, string>;
  parameters: Record<string, string[]>;
  contextPath: string;
  contentLength: number;
  pathInfo?: string;
  postData: { length: number; type: string; contents: string; name: 'postData' };
}

export interface ClickOptions {
  userId: string;
  actionId: string;
  /** The button's value; when given it must match the button the user sees. */
  value?: string;
  message: { channel: string; ts: string };
  /** Query parameters of the Request URL (e.g. { k: secret }). */
  queryParams?: Record<string, string>;
  /** Overrides the verification token in the payload (forged or stale requests). */
  token?: string;
  /** For a static_select menu (actionId names it): the value of the option picked. */
  selectedOption?: string;
}

export interface SlashCommandOptions {
  userId: string;
  command: string;
  text?: string;
  /** Where the command was typed; default the user's DM with the app. */
  channelId?: string;
  queryParams?: Record<string, string>;
  token?: string;
}

export interface EventContext {
  workspace: Workspace;
  clock: Clock;
  responseUrls: ResponseUrls;
  verificationToken: string;
}

const FORM = 'application/x-www-form-urlencoded';

/** The doPost event for a form-encoded POST with an optional query string. */
export function formPostEvent(body: string, queryParams: Record<string, string> = {}): DoPostEvent {
  return webAppPostEvent({ body, contentType: FORM, query: queryParams });
}

/** A person clicks a button on a message they can see. */
export function clickEvent(ctx: EventContext, options: ClickOptions): DoPostEvent {
  const { workspace: ws } = ctx;
  const user = ws.user(options.userId);
  if (!user) throw new Error(`clickEvent: unknown user ${options.userId}`);
  const conv = ws.conversation(options.message.channel);
  if (!conv) throw new Error(`clickEvent: unknown conversation ${options.message.channel}`);
  if (!canSee(conv, options.userId))
    throw new Error(`clickEvent: ${options.userId} cannot see ${conv.id}`);
  const message = ws.findMessage(conv.id, options.message.ts);
  if (!message || message.deleted)
    throw new Error(`clickEvent: no message ${options.message.ts} in ${conv.id}`);
  const action =
    options.selectedOption !== undefined
      ? selectAction(message, options.actionId, options.selectedOption, ctx.clock)
      : undefined;
  const found = action ? undefined : findButton(message, options.actionId, options.value);
  if (!action && !found)
    throw new Error(`clickEvent: no button ${options.actionId} on message ${message.ts}`);

  const responseUrl = ctx.responseUrls.create('actions', conv.id, user.id, message.ts);
  const payload = {
    ...blockActionsEnvelope(
      ctx,
      { user, conv, messageTs: message.ts, ephemeral: false },
      responseUrl,
      options.token,
    ),
    message: messageJson(ws, message),
    actions: [action ?? buttonAction(found!, ctx.clock)],
  };
  return formPostEvent(
    `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    options.queryParams,
  );
}

export interface EphemeralClickOptions {
  userId: string;
  actionId: string;
  value?: string;
  /** The ephemeral message's ts (as shown to that user) and its conversation. */
  ephemeral: { channel: string; messageTs: string };
  queryParams?: Record<string, string>;
  token?: string;
}

/**
 * A person clicks a button on an ephemeral message only they see (a /leads list).
 * Slack's block_actions payload then has `container.is_ephemeral` true and carries no
 * `message` (docs.slack.dev, reference/interaction-payloads/block_actions-payload:
 * `message` is present only for interactions with non-ephemeral messages); its
 * response_url acts on the ephemeral message.
 */
export function ephemeralClickEvent(
  ctx: EventContext,
  options: EphemeralClickOptions,
): DoPostEvent {
  const { workspace: ws } = ctx;
  const user = ws.user(options.userId);
  if (!user) throw new Error(`ephemeralClickEvent: unknown user ${options.userId}`);
  const conv = ws.conversation(options.ephemeral.channel);
  if (!conv)
    throw new Error(`ephemeralClickEvent: unknown conversation ${options.ephemeral.channel}`);
  const shown = ws.ephemerals.find(
    (e) =>
      e.user === user.id &&
      e.channel === conv.id &&
      e.messageTs === options.ephemeral.messageTs &&
      !e.deleted,
  );
  if (!shown)
    throw new Error(
      `ephemeralClickEvent: ${user.id} sees no ephemeral message ${options.ephemeral.messageTs}`,
    );
  const found = findButtonIn(shown.blocks ?? [], options.actionId, options.value);
  if (!found)
    throw new Error(`ephemeralClickEvent: no button ${options.actionId} on that ephemeral message`);
  const responseUrl = ctx.responseUrls.create('actions', conv.id, user.id, shown.messageTs, true);
  const payload = {
    ...blockActionsEnvelope(
      ctx,
      { user, conv, messageTs: shown.messageTs, ephemeral: true },
      responseUrl,
      options.token,
    ),
    actions: [buttonAction(found, ctx.clock)],
  };
  return formPostEvent(
    `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    options.queryParams,
  );
}

/** A person types a slash command. */
export function slashCommandEvent(ctx: EventContext, options: SlashCommandOptions): DoPostEvent {
  const { workspace: ws } = ctx;
  const user = ws.user(options.userId);
  if (!user) throw new Error(`slashCommandEvent: unknown user ${options.userId}`);
  const conv =
    options.channelId === undefined ? ws.openIm(user.id) : ws.conversation(options.channelId);
  if (!conv)
    throw new Error(`slashCommandEvent: unknown conversation ${String(options.channelId)}`);
  if (!canSee(conv, user.id)) throw new Error(`slashCommandEvent: ${user.id} is not in ${conv.id}`);
  const responseUrl = ctx.responseUrls.create('commands', conv.id, user.id);
  const fields = new URLSearchParams({
    token: options.token ?? ctx.verificationToken,
    team_id: ws.teamId,
    team_domain: ws.teamDomain,
    channel_id: conv.id,
    channel_name: conv.imUser ? 'directmessage' : conv.name,
    user_id: user.id,
    user_name: user.name,
    command: options.command,
    text: options.text ?? '',
    api_app_id: ws.apiAppId,
    ...(ws.enterprise
      ? { enterprise_id: ws.enterprise.id, enterprise_name: ws.enterprise.name }
      : {}),
    is_enterprise_install: ws.enterprise?.orgWide ? 'true' : 'false',
    response_url: responseUrl,
    trigger_id: triggerId(ctx, responseUrl),
  });
  return formPostEvent(fields.toString(), options.queryParams);
}

/**
 * team / enterprise / is_enterprise_install of an interaction payload. A plain workspace:
 * team {id, domain}, enterprise null. A workspace of an Enterprise Grid org: team also
 * names the org (enterprise_id, enterprise_name) and enterprise is {id, name}. An app
 * installed on the whole org: team is null (bolt-js types `team` as nullable for org-wide
 * installs; Slack's payload reference does not say when, so the runtime takes the harder
 * reading: always null) and is_enterprise_install is true.
 */
function gridFields(ws: Workspace): Record<string, unknown> {
  const org = ws.enterprise;
  if (!org)
    return {
      team: { id: ws.teamId, domain: ws.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
    };
  return {
    team: org.orgWide
      ? null
      : { id: ws.teamId, domain: ws.teamDomain, enterprise_id: org.id, enterprise_name: org.name },
    enterprise: { id: org.id, name: org.name },
    is_enterprise_install: Boolean(org.orgWide),
  };
}

function canSee(conv: Conversation, userId: string): boolean {
  return conv.imUser !== undefined ? conv.imUser === userId : conv.members.has(userId);
}

/** Where a click happened: who, in which conversation, on which (ephemeral or not) message. */
interface ClickPlace {
  user: NonNullable<ReturnType<Workspace['user']>>;
  conv: Conversation;
  messageTs: string;
  ephemeral: boolean;
}

/**
 * The fields every block_actions payload carries (Slack's interaction payload reference):
 * the user (in an Enterprise Grid org, user.team_id is the org's E… id, not the
 * workspace's), the app, the verification token, the container, the channel and the
 * response_url.
 */
function blockActionsEnvelope(
  ctx: EventContext,
  place: ClickPlace,
  responseUrl: string,
  token: string | undefined,
): Record<string, unknown> {
  const ws = ctx.workspace;
  const { user, conv } = place;
  return {
    type: 'block_actions',
    user: {
      id: user.id,
      username: user.name,
      name: user.name,
      team_id: ws.enterprise?.id ?? ws.teamId,
    },
    api_app_id: ws.apiAppId,
    token: token ?? ctx.verificationToken,
    container: {
      type: 'message',
      message_ts: place.messageTs,
      channel_id: conv.id,
      is_ephemeral: place.ephemeral,
    },
    trigger_id: triggerId(ctx, responseUrl),
    ...gridFields(ws),
    channel: { id: conv.id, name: conv.imUser ? 'directmessage' : conv.name },
    state: { values: {} },
    response_url: responseUrl,
  };
}

/** A button's entry in a payload's `actions`. */
function buttonAction(found: { button: ButtonJson; blockId: string }, clock: Clock): object {
  return {
    action_id: found.button.action_id,
    block_id: found.blockId,
    text: found.button.text,
    value: found.button.value,
    ...(found.button.style ? { style: found.button.style } : {}),
    type: 'button',
    action_ts: actionTs(clock),
  };
}

interface ButtonJson {
  action_id: string;
  text: unknown;
  value?: string;
  style?: string;
}

/**
 * The button in the message as shown now, or in an earlier version (a client that had
 * not refreshed yet can still click a button an update removed).
 */
function findButton(
  message: SlackMessage,
  actionId: string,
  value: string | undefined,
): { button: ButtonJson; blockId: string } | undefined {
  const versions = [message.blocks, ...message.updates.map((u) => u.previous.blocks).reverse()];
  for (const blocks of versions) {
    const hit = findButtonIn(blocks ?? [], actionId, value);
    if (hit) return hit;
  }
  return undefined;
}

function findButtonIn(
  blocks: SlackBlock[],
  actionId: string,
  value: string | undefined,
): { button: ButtonJson; blockId: string } | undefined {
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as unknown as Record<string, unknown>;
    const candidates = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory];
    for (const el of candidates) {
      const e = el as Record<string, unknown> | undefined;
      if (
        e?.type === 'button' &&
        e.action_id === actionId &&
        (value === undefined || e.value === value)
      ) {
        const blockId = typeof block.block_id === 'string' ? block.block_id : generatedBlockId(i);
        return { button: e as unknown as ButtonJson, blockId };
      }
    }
  }
  return undefined;
}

/**
 * The block_actions entry Slack sends when someone picks an option of a static_select
 * (the menu must be on the message and offer that value).
 */
function selectAction(
  message: SlackMessage,
  actionId: string,
  optionValue: string,
  clock: Clock,
): Record<string, unknown> | undefined {
  const blocks = message.blocks ?? [];
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as unknown as Record<string, unknown>;
    for (const el of [...(Array.isArray(block.elements) ? block.elements : []), block.accessory]) {
      const e = el as Record<string, unknown> | undefined;
      if (e?.type !== 'static_select' || e.action_id !== actionId) continue;
      const option = (Array.isArray(e.options) ? e.options : []).find(
        (o) => (o as { value?: string }).value === optionValue,
      );
      if (!option) throw new Error(`clickEvent: menu ${actionId} has no option ${optionValue}`);
      return {
        type: 'static_select',
        action_id: actionId,
        block_id: typeof block.block_id === 'string' ? block.block_id : generatedBlockId(i),
        selected_option: option,
        ...(e.placeholder ? { placeholder: e.placeholder } : {}),
        action_ts: actionTs(clock),
      };
    }
  }
  return undefined;
}

/** Slack fills in a short random block_id when the app sent none. */
function generatedBlockId(index: number): string {
  return createHash('sha1')
    .update(`block-${index}`)
    .digest('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 5);
}

function actionTs(clock: Clock): string {
  return (clock.now() / 1000).toFixed(6);
}

function triggerId(ctx: EventContext, seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex').slice(0, 32);
  return `${Math.floor(ctx.clock.now() / 1000)}.${ctx.workspace.teamId.replace(/\D/g, '') || '1'}.${hex}`;
}

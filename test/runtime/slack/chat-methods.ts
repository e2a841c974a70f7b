/**
 * The Web API methods the bundle uses, acting on the workspace state and answering
 * Slack's bodies and error codes (per the method reference pages):
 * - chat.postMessage: channel id / name / user id (a DM, returned as its D… id);
 *   channel_not_found (also when `channel` is missing, which is what a JSON body sent
 *   as form data produces), not_in_channel, cannot_dm_bot, content errors.
 * - chat.update: needs the conversation id (a user id is channel_not_found: "ensure
 *   that this value is a DM ID"), message_not_found, cant_update_message for messages
 *   the bot did not post; omitted blocks/attachments are retained, [] removes them.
 * - chat.postEphemeral: user_not_found, user_not_in_channel, not_in_channel;
 *   answers { ok, message_ts }.
 * - auth.test: the bot's identity.
 */
import type { Clock } from '../clock';
import { readContent } from './message-content';
import type { MessageTsClock } from './message-ts';
import type { MessageContent, SlackMessage } from './types';
import type { Conversation, Workspace } from './workspace';

export interface MethodContext {
  workspace: Workspace;
  clock: Clock;
  tsClock: MessageTsClock;
}

export type MethodBody = Record<string, unknown>;
export type MethodHandler = (args: Record<string, unknown>, ctx: MethodContext) => MethodBody;

const fail = (error: string): MethodBody => ({ ok: false, error });

function arg(args: Record<string, unknown>, name: string): string | undefined {
  const v = args[name];
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

const isUserId = (ref: string): boolean => /^[UW][A-Z0-9]+$/.test(ref);

/** Where chat.postMessage would post `ref`, or the error it answers. */
export function resolvePostTarget(ws: Workspace, ref: string | undefined): Conversation | string {
  if (ref === undefined) return 'channel_not_found';
  if (isUserId(ref)) {
    const user = ws.user(ref);
    if (!user) return 'channel_not_found';
    if (user.isBot) return 'cannot_dm_bot';
    return ws.openIm(ref);
  }
  const conv = ws.findConversation(ref);
  if (!conv) return 'channel_not_found';
  if (!conv.members.has(ws.bot.id)) return 'not_in_channel';
  return conv;
}

/** The message object Slack echoes back for a message. */
export function messageJson(ws: Workspace, m: SlackMessage): MethodBody {
  const out: MethodBody = {
    type: 'message',
    text: m.text,
    user: m.user,
    ts: m.ts,
    team: ws.teamId,
  };
  if (m.botId) {
    out.bot_id = m.botId;
    out.app_id = ws.apiAppId;
  }
  if (m.blocks) out.blocks = m.blocks;
  if (m.attachments) out.attachments = m.attachments;
  if (m.threadTs) out.thread_ts = m.threadTs;
  return out;
}

export function snapshotContent(m: MessageContent): MessageContent {
  return JSON.parse(
    JSON.stringify({ text: m.text, blocks: m.blocks, attachments: m.attachments }),
  ) as MessageContent;
}

const postMessage: MethodHandler = (args, { workspace: ws, tsClock }) => {
  const target = resolvePostTarget(ws, arg(args, 'channel'));
  if (typeof target === 'string') return fail(target);
  const content = readContent(args);
  if (!content.ok) return content.body;
  const message: SlackMessage = {
    channel: target.id,
    ts: tsClock.next(),
    user: ws.bot.id,
    botId: ws.botId,
    text: content.content.text ?? '',
    blocks: content.content.blocks,
    attachments: content.content.attachments,
    threadTs: arg(args, 'thread_ts'),
    updates: [],
  };
  ws.addMessage(message);
  return { ok: true, channel: message.channel, ts: message.ts, message: messageJson(ws, message) };
};

const update: MethodHandler = (args, { workspace: ws, clock }) => {
  const ref = arg(args, 'channel');
  if (ref === undefined || isUserId(ref)) return fail('channel_not_found');
  const conv = ws.findConversation(ref);
  if (!conv) return fail('channel_not_found');
  const ts = arg(args, 'ts');
  const message = ts === undefined ? undefined : ws.findMessage(conv.id, ts);
  if (!message || message.deleted) return fail('message_not_found');
  if (message.user !== ws.bot.id) return fail('cant_update_message');
  const content = readContent(args);
  if (!content.ok) return content.body;
  const previous = snapshotContent(message);
  message.text = content.content.text ?? '';
  if (content.content.blocks !== undefined)
    message.blocks = content.content.blocks.length > 0 ? content.content.blocks : undefined;
  if (content.content.attachments !== undefined) {
    message.attachments =
      content.content.attachments.length > 0 ? content.content.attachments : undefined;
  }
  message.updates.push({
    via: 'chat.update',
    atMs: clock.now(),
    previous,
    next: snapshotContent(message),
  });
  return {
    ok: true,
    channel: conv.id,
    ts: message.ts,
    text: message.text,
    message: messageJson(ws, message),
  };
};

const postEphemeral: MethodHandler = (args, { workspace: ws, tsClock }) => {
  const ref = arg(args, 'channel');
  if (ref === undefined) return fail('channel_not_found');
  const userId = arg(args, 'user');
  if (userId === undefined || !ws.user(userId)) return fail('user_not_found');
  let conv: Conversation | undefined;
  if (isUserId(ref)) {
    if (ref !== userId) return fail('user_not_in_channel');
    conv = ws.openIm(userId);
  } else {
    conv = ws.findConversation(ref);
    if (!conv) return fail('channel_not_found');
    if (!conv.members.has(ws.bot.id)) return fail('not_in_channel');
    if (!conv.members.has(userId)) return fail('user_not_in_channel');
  }
  const content = readContent(args);
  if (!content.ok) return content.body;
  const messageTs = tsClock.next();
  ws.ephemerals.push({
    channel: conv.id,
    user: userId,
    messageTs,
    text: content.content.text ?? '',
    blocks: content.content.blocks,
    attachments: content.content.attachments,
    via: 'chat.postEphemeral',
  });
  return { ok: true, message_ts: messageTs };
};

const authTest: MethodHandler = (_args, { workspace: ws }) => ({
  ok: true,
  url: `https://${ws.teamDomain}.slack.com/`,
  team: ws.teamDomain,
  user: ws.bot.name,
  team_id: ws.teamId,
  user_id: ws.bot.id,
  bot_id: ws.botId,
  ...(ws.enterprise ? { enterprise_id: ws.enterprise.id } : {}),
  is_enterprise_install: Boolean(ws.enterprise?.orgWide),
});

export const METHODS: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'auth.test': authTest,
};

/**
 * Parsing and verifying what Slack posts to the web app (bolt-js order: parse, verify,
 * classify). Apps Script cannot read headers, so Slack's signing secret cannot be
 * checked: the payload's verification token is compared in constant time, and the
 * optional `k` query secret guards the URL itself. Everything here is a value; nothing
 * throws on hostile input.
 */
/** Largest body we parse; real interaction payloads are a few kB. */
export const MAX_PAYLOAD_CHARS = 64 * 1024;

/** Just the parts of Apps Script's doPost event we read. */
export interface WebRequest {
  parameter?: Record<string, unknown>;
}

/**
 * Where a click came from: the message's ts, and whether it was an ephemeral message
 * (the `/leads` list): Slack then sends `container.is_ephemeral` true and no `message`.
 */
export interface ClickSource {
  messageTs: string;
  channelId: string;
  fromEphemeral: boolean;
}

/**
 * A verified request, classified. An ACTION carries its block_actions entry as Slack
 * sent it, and where it came from; the router (slack-action.ts) reads it by action_id.
 */
export type SlackInteraction =
  | ({
      kind: 'ACTION';
      actionId: string;
      action: Record<string, unknown>;
      userId: string;
      responseUrl: string;
    } & ClickSource)
  | { kind: 'LEADS_COMMAND'; userId: string; responseUrl: string }
  | { kind: 'IGNORED'; reason: string };

/** Equal strings in time independent of where they differ. */
export function constantTimeEquals(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0 && a.length > 0;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * @param expectedToken SLACK_VERIFICATION_TOKEN ('' when not set: nothing is accepted)
 * @param webappSecret WEBAPP_SECRET ('' when not set: `k` is not required)
 */
export function readInteraction(
  request: WebRequest | undefined,
  expectedToken: string,
  webappSecret: string,
): SlackInteraction {
  const parameter = record(request?.parameter) ?? {};
  if (webappSecret && !constantTimeEquals(str(parameter.k), webappSecret))
    return { kind: 'IGNORED', reason: 'missing or wrong k (WEBAPP_SECRET)' };
  if (!expectedToken)
    return { kind: 'IGNORED', reason: 'SLACK_VERIFICATION_TOKEN is not set in Script Properties' };
  if (typeof parameter.command === 'string') return readSlashCommand(parameter, expectedToken);
  const parsed = parsePayload(str(parameter.payload));
  if (!parsed.ok) return parsed.ignored;
  const payload = parsed.payload;
  if (!constantTimeEquals(str(payload.token), expectedToken))
    return { kind: 'IGNORED', reason: 'missing or wrong verification token' };
  if (payload.type !== 'block_actions')
    return {
      kind: 'IGNORED',
      reason: `unsupported payload type ${JSON.stringify(str(payload.type).slice(0, 40))}`,
    };
  return readBlockAction(payload);
}

/** The `payload` parameter as a JSON object, or why it is not one (size first). */
function parsePayload(
  raw: string,
):
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; ignored: SlackInteraction & { kind: 'IGNORED' } } {
  const ignore = (reason: string) => ({ ok: false as const, ignored: ignored(reason) });
  if (!raw) return ignore('no payload parameter');
  if (raw.length > MAX_PAYLOAD_CHARS)
    return ignore(`payload of ${raw.length} characters is larger than ${MAX_PAYLOAD_CHARS}`);
  let payload: Record<string, unknown> | null;
  try {
    payload = record(JSON.parse(raw));
  } catch {
    return ignore('payload is not JSON');
  }
  return payload ? { ok: true, payload } : ignore('payload is not a JSON object');
}

function ignored(reason: string): { kind: 'IGNORED'; reason: string } {
  return { kind: 'IGNORED', reason };
}

/** A verified block_actions payload: its first action, who clicked, and where. */
function readBlockAction(payload: Record<string, unknown>): SlackInteraction {
  const userId = str(record(payload.user)?.id);
  const responseUrl = str(payload.response_url);
  const actions = Array.isArray(payload.actions) ? payload.actions : [];
  const action = record(actions[0]);
  if (!userId || !action) return { kind: 'IGNORED', reason: 'payload has no user or no action' };
  if (!isSlackResponseUrl(responseUrl))
    return { kind: 'IGNORED', reason: 'response_url is missing or not a Slack URL' };
  const source = clickSource(payload);
  const actionId = str(action.action_id);
  if (!actionId) return { kind: 'IGNORED', reason: 'action has no action_id' };
  return { kind: 'ACTION', actionId, action, userId, responseUrl, ...source };
}

/** The clicked message (container first, then the message itself) and whether it was ephemeral. */
function clickSource(payload: Record<string, unknown>): ClickSource {
  const container = record(payload.container);
  return {
    messageTs: str(container?.message_ts) || str(record(payload.message)?.ts),
    channelId: str(container?.channel_id) || str(record(payload.channel)?.id),
    fromEphemeral: container?.is_ephemeral === true || !record(payload.message),
  };
}

/** The lead id a button carries as its value; null when it is not usable. */
export function buttonLeadId(action: Record<string, unknown>): string | null {
  const leadId = str(action.value).trim();
  return usableLeadId(leadId) ? leadId : null;
}

/** The lead id and rep a "Reassign to…" option carries ("<lead_id>|<slack_id>"). */
export function pickedLeadAndRep(
  action: Record<string, unknown>,
): { leadId: string; toSlackId: string } | null {
  const [leadId, toSlackId] = str(record(action.selected_option)?.value).split('|');
  if (!usableLeadId(leadId) || !toSlackId?.trim()) return null;
  return { leadId: leadId.trim(), toSlackId: toSlackId.trim() };
}

function usableLeadId(leadId: string | undefined): leadId is string {
  return typeof leadId === 'string' && leadId.trim() !== '' && leadId.length <= 100;
}

function isSlackResponseUrl(url: string): boolean {
  return /^https:\/\/hooks\.slack\.com\//.test(url);
}

/** A slash command arrives as plain form fields, verified by the same token. */
function readSlashCommand(
  parameter: Record<string, unknown>,
  expectedToken: string,
): SlackInteraction {
  if (!constantTimeEquals(str(parameter.token), expectedToken))
    return { kind: 'IGNORED', reason: 'missing or wrong verification token' };
  const command = str(parameter.command);
  if (command !== '/leads')
    return { kind: 'IGNORED', reason: `unknown command ${JSON.stringify(command.slice(0, 40))}` };
  const userId = str(parameter.user_id);
  const responseUrl = str(parameter.response_url);
  if (!userId) return { kind: 'IGNORED', reason: 'slash command has no user' };
  if (!isSlackResponseUrl(responseUrl))
    return { kind: 'IGNORED', reason: 'response_url is missing or not a Slack URL' };
  return { kind: 'LEADS_COMMAND', userId, responseUrl };
}

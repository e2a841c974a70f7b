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

export type SlackInteraction =
  | { kind: 'MARK_CONTACTED'; leadId: string; userId: string; responseUrl: string }
  | { kind: 'IGNORED'; reason: string };

/** Equal strings in time independent of where they differ. */
export function constantTimeEquals(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0 && a.length > 0;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * @param expectedToken SLACK_VERIFICATION_TOKEN ('' when not set: nothing is accepted)
 * @param webappSecret WEBAPP_SECRET ('' when not set: `k` is not required)
 */
export function readInteraction(request: WebRequest | undefined, expectedToken: string, webappSecret: string): SlackInteraction {
  const parameter = record(request?.parameter) ?? {};
  if (webappSecret && !constantTimeEquals(str(parameter.k), webappSecret)) return { kind: 'IGNORED', reason: 'missing or wrong k (WEBAPP_SECRET)' };
  const raw = str(parameter.payload);
  if (!raw) return { kind: 'IGNORED', reason: 'no payload parameter' };
  if (raw.length > MAX_PAYLOAD_CHARS) return { kind: 'IGNORED', reason: `payload of ${raw.length} characters is larger than ${MAX_PAYLOAD_CHARS}` };
  let payload: Record<string, unknown> | null;
  try {
    payload = record(JSON.parse(raw));
  } catch {
    return { kind: 'IGNORED', reason: 'payload is not JSON' };
  }
  if (!payload) return { kind: 'IGNORED', reason: 'payload is not a JSON object' };
  if (!expectedToken) return { kind: 'IGNORED', reason: 'SLACK_VERIFICATION_TOKEN is not set in Script Properties' };
  if (!constantTimeEquals(str(payload.token), expectedToken)) return { kind: 'IGNORED', reason: 'missing or wrong verification token' };
  if (payload.type !== 'block_actions') return { kind: 'IGNORED', reason: `unsupported payload type ${JSON.stringify(str(payload.type).slice(0, 40))}` };
  const userId = str(record(payload.user)?.id);
  const responseUrl = str(payload.response_url);
  const actions = Array.isArray(payload.actions) ? payload.actions : [];
  const action = record(actions[0]);
  if (!userId || !action) return { kind: 'IGNORED', reason: 'payload has no user or no action' };
  const actionId = str(action.action_id);
  if (actionId !== 'mark_contacted') return { kind: 'IGNORED', reason: `unknown action ${JSON.stringify(actionId.slice(0, 40))}` };
  const leadId = str(action.value).trim();
  if (!leadId || leadId.length > 100) return { kind: 'IGNORED', reason: 'button has no usable lead id' };
  if (!/^https:\/\/hooks\.slack\.com\//.test(responseUrl)) return { kind: 'IGNORED', reason: 'response_url is missing or not a Slack URL' };
  return { kind: 'MARK_CONTACTED', leadId, userId, responseUrl };
}

/**
 * Shared shapes of the Slack emulator: the workspace a test describes, the state a test
 * reads back (messages, ephemerals, response_url posts, requests), the failures a test
 * can inject, and the plain HTTP exchange between the UrlFetchApp fake and the emulator.
 */
import type { Block, KnownBlock } from '@slack/types';

/** A workspace member. `isBot: true` marks a bot user; the first one is our app's bot. */
export interface SlackUserSpec {
  id: string;
  name: string;
  isBot?: boolean;
}

/** A public (C…) or private (G…) channel and the user ids that are members of it. */
export interface SlackChannelSpec {
  id: string;
  name: string;
  members: string[];
}

/** Per-channel token bucket for chat.postMessage (see token-bucket.ts). */
export interface PostMessageRateLimit {
  /** Messages that may be posted back to back into one channel. */
  burst: number;
  /** Sustained rate, messages per second per channel (Slack: "1 per second"). */
  perSecond: number;
}

/** An Enterprise Grid org. */
export interface EnterpriseSpec {
  id: string;
  name: string;
  orgWide?: boolean;
}

export interface SlackEmulatorOptions {
  /** The xoxb- token the bundle must send; use an obviously fake value in fixtures. */
  botToken: string;
  /** The deprecated verification token Slack puts in interaction payloads. */
  verificationToken: string;
  /** Workspace id, default 'T0001'. */
  teamId?: string;
  /** Workspace subdomain (auth.test url, slash command team_domain), default 'leads-test'. */
  teamDomain?: string;
  /** App id that appears as api_app_id / app_id, default 'A0LEADAPP'. */
  apiAppId?: string;
  /**
   * Enterprise Grid: the org (E…) this workspace belongs to. `orgWide`: the app is
   * installed on the whole org, so interaction payloads carry `team: null` and
   * `is_enterprise_install: true`.
   */
  enterprise?: EnterpriseSpec;
  users: SlackUserSpec[];
  channels: SlackChannelSpec[];
  /** Override of the chat.postMessage per-channel limit (default burst 3, 1 per second). */
  postMessageRateLimit?: PostMessageRateLimit;
}

export type SlackBlock = KnownBlock | Block;

/** What a message shows at one point in time. */
export interface MessageContent {
  text: string;
  blocks?: SlackBlock[];
  attachments?: unknown[];
}

/** One change applied to a message after it was posted, oldest first. */
export interface MessageUpdate {
  via: 'chat.update' | 'response_url';
  /** Fake-clock instant of the change, epoch milliseconds. */
  atMs: number;
  /** What the message showed before this change. */
  previous: MessageContent;
  /** What it shows after this change. */
  next: MessageContent;
}

/** A message as stored in a conversation (channel, private channel or DM). */
export interface SlackMessage extends MessageContent {
  channel: string;
  ts: string;
  /** Author user id (the bot's user id for messages our app posted). */
  user: string;
  /** Present when posted by an app's bot. */
  botId?: string;
  threadTs?: string;
  updates: MessageUpdate[];
  deleted?: boolean;
}

/** A message only one user sees ("Only visible to you"). */
export interface EphemeralMessage extends MessageContent {
  channel: string;
  user: string;
  messageTs: string;
  via: 'chat.postEphemeral' | 'response_url';
  /** Removed by a response_url post with delete_original. */
  deleted?: boolean;
  /** Earlier versions, replaced by response_url posts with replace_original (oldest first). */
  replaced?: MessageContent[];
}

/** One POST to a response_url, whatever its outcome. */
export interface ResponseUrlPost {
  url: string;
  atMs: number;
  status: number;
  /** Parsed JSON body (undefined when it did not parse). */
  body: Record<string, unknown> | undefined;
  effect: 'replaced' | 'deleted' | 'ephemeral' | 'in_channel' | 'rejected';
}

/** Every request that reached a Slack host, with secrets redacted. */
export interface RecordedRequest {
  atMs: number;
  url: string;
  /** Web API method ('chat.postMessage'), or 'response_url'. */
  method: string;
  httpMethod: string;
  contentType: string | undefined;
  headers: Record<string, string>;
  /** The arguments as Slack understood them (token redacted). */
  body: Record<string, unknown>;
  /** The raw body as sent (token redacted). */
  rawBody: string;
  /** HTTP status answered, or 'network' when the request failed in transit. */
  status: number | 'network';
  responseBody: string;
}

/**
 * A failure injected by a test, applied to the next matching request(s).
 * `delivered: true` means Slack did act on the request (the message was posted) and
 * only the answer was lost, which is how duplicate posts happen in real life.
 */
export type SlackFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: number; body?: string; delivered?: boolean }
  | { error: string }
  | { throws: 'network'; delivered?: boolean }
  | { throws: 'quota' };

/** An HTTP request as it leaves UrlFetchApp. */
export interface HttpRequest {
  url: string;
  /** Upper-case HTTP method. */
  method: string;
  headers: Record<string, string>;
  /** Content-Type sent, undefined when none. */
  contentType: string | undefined;
  body: string;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the emulator did with a request. */
export type Delivery =
  | { kind: 'response'; response: HttpResult }
  | { kind: 'network-failure' }
  | { kind: 'quota-exceeded' };

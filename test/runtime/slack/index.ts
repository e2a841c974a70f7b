/**
 * The Slack side of the local Apps Script runtime: an in-process Slack Web API and
 * response_url emulator, and the UrlFetchApp fake that reaches it. The runtime
 * assembler installs `createUrlFetchApp(deps, slack)` as the global `UrlFetchApp`.
 */
export { SlackEmulator } from './slack-emulator';
export { createUrlFetchApp } from './url-fetch-app';
export type { FakeUrlFetchApp, SlackNetwork, UrlFetchAppOptions } from './url-fetch-app';
export type { FakeHttpResponse } from './http-response';
export type { ClickOptions, DoPostEvent, SlashCommandOptions } from './interaction-events';
export type { ErrorFactory } from './apps-script-exception';
export type {
  EphemeralMessage,
  MessageContent,
  MessageUpdate,
  PostMessageRateLimit,
  RecordedRequest,
  ResponseUrlPost,
  SlackChannelSpec,
  SlackEmulatorOptions,
  SlackFailure,
  SlackMessage,
  SlackUserSpec,
} from './types';

/**
 * The in-process Slack the UrlFetchApp fake talks to: the Web API at
 * https://slack.com/api/<method> and response_urls at https://hooks.slack.com/…, plus
 * what a test needs around it: failure injection, the conversation as a person sees it,
 * every request (secrets redacted), and the doPost events Slack would send to the web app.
 */
import type { RuntimeDeps } from '../deps';
import { AnswerDeadlines, type WebAppTimeout } from './answer-deadline';
import type { MethodContext } from './chat-methods';
import { FailureInjector } from './failure-injection';
import { decodeFormFirstValues } from './form-encoding';
import {
  clickEvent,
  slashCommandEvent,
  ephemeralClickEvent,
  type EphemeralClickOptions,
  type ClickOptions,
  type DoPostEvent,
  type EventContext,
  type SlashCommandOptions,
} from './interaction-events';
import { MessageTsClock } from './message-ts';
import { renderText } from './render-text';
import { parseArgs, redactArgs, redactHeaders, redactSecrets, bearer } from './request-args';
import { RESPONSE_URL_HOST, ResponseUrls } from './response-urls';
import type {
  Delivery,
  EphemeralMessage,
  HttpRequest,
  HttpResult,
  MessageContent,
  RecordedRequest,
  ResponseUrlPost,
  SlackEmulatorOptions,
  SlackFailure,
  SlackMessage,
} from './types';
import type { SlackNetwork } from './url-fetch-app';
import { DEFAULT_POST_MESSAGE_LIMIT, JSON_HEADERS, WebApi, json, rateLimited } from './web-api';
import { Workspace } from './workspace';

const API_HOST = 'slack.com';

export class SlackEmulator implements SlackNetwork {
  /** Every request that reached Slack, in order, with tokens redacted. */
  readonly requests: RecordedRequest[] = [];
  private readonly workspace: Workspace;
  private readonly webApi: WebApi;
  private readonly responseUrls: ResponseUrls;
  private readonly failures = new FailureInjector();
  private readonly events: EventContext;
  private readonly tsClock: MessageTsClock;
  private readonly deadlines = new AnswerDeadlines();

  constructor(
    private readonly deps: RuntimeDeps,
    private readonly options: SlackEmulatorOptions,
  ) {
    this.workspace = new Workspace(options);
    const tsClock = new MessageTsClock(deps.clock);
    this.tsClock = tsClock;
    const ctx: MethodContext = { workspace: this.workspace, clock: deps.clock, tsClock };
    this.webApi = new WebApi(
      ctx,
      options.botToken,
      options.postMessageRateLimit ?? DEFAULT_POST_MESSAGE_LIMIT,
    );
    this.responseUrls = new ResponseUrls(this.workspace, deps.clock, tsClock);
    this.events = {
      workspace: this.workspace,
      clock: deps.clock,
      responseUrls: this.responseUrls,
      verificationToken: options.verificationToken,
    };
  }

  // ---- network side (used by the UrlFetchApp fake) ----

  knowsHost(host: string): boolean {
    return host === API_HOST || host === RESPONSE_URL_HOST;
  }

  receive(request: HttpRequest): Delivery {
    const url = new URL(request.url);
    const method =
      url.hostname === RESPONSE_URL_HOST ? 'response_url' : url.pathname.replace(/^\/api\//, '');
    if (url.hostname === API_HOST && !url.pathname.startsWith('/api/')) {
      return this.respond(method, request, {
        status: 404,
        headers: { 'Content-Type': 'text/html' },
        body: '<html><body>Not Found</body></html>',
      });
    }
    const failure = this.failures.take(method);
    if (failure === undefined) return this.respond(method, request, this.process(method, request));
    if ('throws' in failure) {
      if (failure.throws === 'quota') return { kind: 'quota-exceeded' };
      if (failure.delivered) this.process(method, request);
      this.record(method, request, 'network', '');
      return { kind: 'network-failure' };
    }
    if ('error' in failure)
      return this.respond(method, request, json({ ok: false, error: failure.error }));
    if ('retryAfterSeconds' in failure)
      return this.respond(method, request, rateLimited(failure.retryAfterSeconds));
    if ('delivered' in failure && failure.delivered) this.process(method, request);
    const body =
      'body' in failure && failure.body !== undefined
        ? failure.body
        : JSON.stringify({
            ok: false,
            error: failure.status === 503 ? 'service_unavailable' : 'internal_error',
          });
    return this.respond(method, request, {
      status: failure.status,
      headers: { ...JSON_HEADERS },
      body,
    });
  }

  private process(method: string, request: HttpRequest): HttpResult {
    if (method === 'response_url') return this.responseUrls.handle(request);
    return this.webApi.handle(method, parseArgs(request));
  }

  private respond(method: string, request: HttpRequest, result: HttpResult): Delivery {
    this.record(method, request, result.status, result.body);
    return { kind: 'response', response: result };
  }

  private record(
    method: string,
    request: HttpRequest,
    status: number | 'network',
    responseBody: string,
  ): void {
    const secrets = [this.options.botToken, bearer(request)];
    let body: Record<string, unknown>;
    if (method === 'response_url') {
      try {
        const raw = (request.contentType ?? '').startsWith('application/json')
          ? request.body
          : decodeFormFirstValues(request.body).payload;
        body = raw === undefined ? {} : (JSON.parse(raw) as Record<string, unknown>);
      } catch {
        body = {};
      }
    } else {
      try {
        body = parseArgs(request).args;
      } catch {
        body = {};
      }
      if (typeof body.token === 'string') secrets.push(body.token);
    }
    this.requests.push({
      atMs: this.deps.clock.now(),
      url: request.url,
      method,
      httpMethod: request.method,
      contentType: request.contentType,
      headers: redactHeaders(request.headers),
      body: redactArgs(body),
      rawBody: redactSecrets(request.body, secrets),
      status,
      responseBody,
    });
  }

  // ---- test controls ----

  /** The next `count` requests (only for `method` when given, e.g. 'chat.postMessage' or 'response_url') fail. */
  failNext(count: number, failure: SlackFailure, method?: string): void {
    this.failures.failNext(count, failure, method);
  }

  /** While down, every request to Slack answers HTTP 500. */
  setDown(down: boolean): void {
    this.failures.setDown(down);
  }

  /** Issues a response_url for a message, as Slack does when `userId` acts on it. */
  newResponseUrl(ref: { channel: string; ts: string }, userId?: string): string {
    const conv = this.workspace.conversation(ref.channel);
    if (!conv) throw new Error(`newResponseUrl: unknown conversation ${ref.channel}`);
    const actor =
      userId ?? conv.imUser ?? [...conv.members].find((m) => m !== this.workspace.bot.id);
    if (actor === undefined) throw new Error(`newResponseUrl: nobody to act in ${ref.channel}`);
    return this.responseUrls.create('actions', conv.id, actor, ref.ts);
  }

  /** A person (not the bot) posts a message, e.g. to test cant_update_message. */
  postAsUser(userId: string, channel: string, text: string): SlackMessage {
    const conv = this.workspace.findConversation(channel);
    if (!conv || !conv.members.has(userId))
      throw new Error(`postAsUser: ${userId} is not in ${channel}`);
    const message: SlackMessage = {
      channel: conv.id,
      ts: this.tsClock.next(),
      user: userId,
      text,
      updates: [],
    };
    this.workspace.addMessage(message);
    return clone(message);
  }

  // ---- what a person would see ----

  /** Messages in a conversation (an id, a #name, or a user id for that user's DM), oldest first. */
  messages(channelOrUserId: string): SlackMessage[] {
    const id = /^[UW]/.test(channelOrUserId)
      ? this.workspace.imOf(channelOrUserId)?.id
      : (this.workspace.findConversation(channelOrUserId)?.id ?? channelOrUserId);
    return id === undefined ? [] : this.workspace.messagesIn(id).map(clone);
  }

  /** The messages the app sent a user directly. */
  dm(userId: string): SlackMessage[] {
    return this.messages(userId);
  }

  /** The user's DM channel id (D…), once one is open. */
  dmChannelId(userId: string): string | undefined {
    return this.workspace.imOf(userId)?.id;
  }

  /** Ephemeral messages shown to a user, oldest first. */
  ephemerals(userId: string): EphemeralMessage[] {
    return this.workspace.ephemerals.filter((e) => e.user === userId && !e.deleted).map(clone);
  }

  get responseUrlPosts(): ResponseUrlPost[] {
    return this.responseUrls.posts.map(clone);
  }

  /** The bot's user id (U…), as auth.test reports it. */
  get botUserId(): string {
    return this.workspace.bot.id;
  }

  /** The message as a person reads it: blocks rendered to text, buttons as "[Label]". */
  renderText(message: MessageContent): string {
    return renderText(message, (id) => this.workspace.user(id)?.name);
  }

  // ---- what Slack sends to the web app ----

  clickEvent(options: ClickOptions): DoPostEvent {
    return this.deadlines.sentBySlack(
      clickEvent(this.events, options),
      options.userId,
      'block_actions',
    );
  }

  slashCommandEvent(options: SlashCommandOptions): DoPostEvent {
    return this.deadlines.sentBySlack(
      slashCommandEvent(this.events, options),
      options.userId,
      'slash_command',
    );
  }

  /** The runtime reports when the web app's answer to `event` reached Slack (answer-deadline.ts). */
  judgeWebAppAnswer(event: unknown, answeredAfterMs: number): void {
    this.deadlines.judge(event, answeredAfterMs);
  }

  /** Every interaction or command whose answer came after Slack's 3 s: the person saw operation_timeout. */
  get webAppTimeouts(): readonly WebAppTimeout[] {
    return this.deadlines.timeouts;
  }

  /** A click on a button of an ephemeral message the user sees (e.g. a /leads list). */
  ephemeralClickEvent(options: EphemeralClickOptions): DoPostEvent {
    return ephemeralClickEvent(this.events, options);
  }
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

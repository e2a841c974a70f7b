/**
 * response_url: the short-lived webhook Slack puts in interaction and slash-command
 * payloads. Slack documents that it accepts up to 5 posts within 30 minutes, that a
 * JSON body may set `replace_original` or `delete_original` (for the message the
 * button was on), and `response_type` 'ephemeral' (the default) or 'in_channel'.
 *
 * A response_url from a click on an ephemeral message (the block_actions payload then
 * has `container.is_ephemeral` true and no `message`) acts on that ephemeral message:
 * `replace_original` replaces it and `delete_original` removes it, for that user only
 * (Slack's "Handling user interaction" guide: ephemeral messages cannot be changed with
 * chat.update, only through the response_url of an interaction on them).
 *
 * Answers, where Slack's docs are silent (our choice, kept strict): success is HTTP 200
 * {"ok":true} (clients such as Sentry's parse the reply as JSON and read `ok`); an
 * unknown, expired or used-up URL is HTTP 404 {"ok":false,"error":"expired_url"}; an
 * unreadable body is HTTP 400 {"ok":false,"error":"invalid_payload"}; missing or invalid
 * content is HTTP 400 with the Web API's error code (no_text, invalid_blocks, ...).
 */
import { createHash } from 'crypto';
import type { Clock } from '../clock';
import { snapshotContent } from './chat-methods';
import { decodeFormFirstValues } from './form-encoding';
import { readContent, type ContentArgs } from './message-content';
import type { MessageTsClock } from './message-ts';
import type { HttpRequest, HttpResult, ResponseUrlPost } from './types';
import { json } from './web-api';
import type { Workspace } from './workspace';

export const RESPONSE_URL_HOST = 'hooks.slack.com';
const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

interface Entry {
  kind: 'actions' | 'commands';
  channel: string;
  /** The message the interaction came from (actions only). */
  messageTs?: string;
  /** Set when that message was an ephemeral one. */
  ephemeral?: boolean;
  userId: string;
  createdAtMs: number;
  uses: number;
}

export class ResponseUrls {
  readonly posts: ResponseUrlPost[] = [];
  private readonly entries = new Map<string, Entry>();
  private counter = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly clock: Clock,
    private readonly tsClock: MessageTsClock,
  ) {}

  /** Issues a response_url bound to a conversation (and message) and the acting user. */
  create(
    kind: 'actions' | 'commands',
    channel: string,
    userId: string,
    messageTs?: string,
    ephemeral = false,
  ): string {
    this.counter += 1;
    const secret = createHash('sha256')
      .update(`${this.ws.teamId}/${kind}/${this.counter}`)
      .digest('hex')
      .slice(0, 24);
    const path = `/${kind}/${this.ws.teamId}/${1000 + this.counter}/${secret}`;
    this.entries.set(path, {
      kind,
      channel,
      messageTs,
      ephemeral,
      userId,
      createdAtMs: this.clock.now(),
      uses: 0,
    });
    return `https://${RESPONSE_URL_HOST}${path}`;
  }

  handle(request: HttpRequest): HttpResult {
    const entry = this.entries.get(new URL(request.url).pathname);
    const now = this.clock.now();
    if (!entry || now - entry.createdAtMs > LIFETIME_MS || entry.uses >= MAX_USES) {
      return this.record(
        request,
        undefined,
        'rejected',
        json({ ok: false, error: 'expired_url' }, 404),
      );
    }
    const body = parseBody(request);
    if (!body)
      return this.record(
        request,
        undefined,
        'rejected',
        json({ ok: false, error: 'invalid_payload' }, 400),
      );

    if (entry.ephemeral) return this.onEphemeral(request, entry, body);
    const original =
      entry.messageTs === undefined
        ? undefined
        : this.ws.findMessage(entry.channel, entry.messageTs);
    if (truthy(body.delete_original) && original) {
      entry.uses += 1;
      original.deleted = true;
      return this.record(request, body, 'deleted', json({ ok: true }));
    }
    const content = readContent(body);
    if (!content.ok) return this.record(request, body, 'rejected', json(content.body, 400));
    const { text, blocks, attachments } = content.content;
    entry.uses += 1;

    if (truthy(body.replace_original) && original && !original.deleted) {
      const previous = snapshotContent(original);
      original.text = text ?? '';
      original.blocks = blocks && blocks.length > 0 ? blocks : undefined;
      original.attachments = attachments && attachments.length > 0 ? attachments : undefined;
      original.updates.push({
        via: 'response_url',
        atMs: now,
        previous,
        next: snapshotContent(original),
      });
      return this.record(request, body, 'replaced', json({ ok: true }));
    }
    if (body.response_type === 'in_channel') {
      this.ws.addMessage({
        channel: entry.channel,
        ts: this.tsClock.next(),
        user: this.ws.bot.id,
        botId: this.ws.botId,
        text: text ?? '',
        blocks,
        attachments,
        updates: [],
      });
      return this.record(request, body, 'in_channel', json({ ok: true }));
    }
    return this.postEphemeral(request, entry, body, content.content);
  }

  /** A post to the response_url of a click on an ephemeral message. */
  private onEphemeral(
    request: HttpRequest,
    entry: Entry,
    body: Record<string, unknown>,
  ): HttpResult {
    const original = this.ws.ephemerals.find(
      (e) =>
        e.user === entry.userId && e.channel === entry.channel && e.messageTs === entry.messageTs,
    );
    if (truthy(body.delete_original) && original && !original.deleted) {
      entry.uses += 1;
      original.deleted = true;
      return this.record(request, body, 'deleted', json({ ok: true }));
    }
    const content = readContent(body);
    if (!content.ok) return this.record(request, body, 'rejected', json(content.body, 400));
    const { text, blocks, attachments } = content.content;
    entry.uses += 1;
    if (truthy(body.replace_original) && original && !original.deleted) {
      original.replaced = [
        ...(original.replaced ?? []),
        { text: original.text, blocks: original.blocks, attachments: original.attachments },
      ];
      original.text = text ?? '';
      original.blocks = blocks && blocks.length > 0 ? blocks : undefined;
      original.attachments = attachments && attachments.length > 0 ? attachments : undefined;
      return this.record(request, body, 'replaced', json({ ok: true }));
    }
    return this.postEphemeral(request, entry, body, content.content);
  }

  /** A new ephemeral message to the clicking user, what response_url does by default. */
  private postEphemeral(
    request: HttpRequest,
    entry: Entry,
    body: Record<string, unknown>,
    { text, blocks, attachments }: ContentArgs,
  ): HttpResult {
    this.ws.ephemerals.push({
      channel: entry.channel,
      user: entry.userId,
      messageTs: this.tsClock.next(),
      text: text ?? '',
      blocks,
      attachments,
      via: 'response_url',
    });
    return this.record(request, body, 'ephemeral', json({ ok: true }));
  }

  private record(
    request: HttpRequest,
    body: Record<string, unknown> | undefined,
    effect: ResponseUrlPost['effect'],
    result: HttpResult,
  ): HttpResult {
    this.posts.push({
      url: request.url,
      atMs: this.clock.now(),
      status: result.status,
      body,
      effect,
    });
    return result;
  }
}

/** JSON body, or the form field `payload` holding JSON (as incoming webhooks accept). */
function parseBody(request: HttpRequest): Record<string, unknown> | undefined {
  const isJson = (request.contentType ?? '').toLowerCase().startsWith('application/json');
  const raw = isJson ? request.body : decodeFormFirstValues(request.body).payload;
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true';
}

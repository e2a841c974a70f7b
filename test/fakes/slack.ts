/**
 * The SlackClient port in memory, as strict as the Web API behind the real adapter
 * (the method reference pages; test/runtime/slack models the same in full):
 * - no bot token: every request fails `no_token` (the real adapter's answer);
 * - chat.postMessage needs `channel` (else `channel_not_found`) and `text` or `blocks`
 *   (else `no_text`); a user id posts to the DM with them, answered as its `D…` id;
 * - chat.update needs the conversation id (a user id is `channel_not_found`) and the ts
 *   of a message posted here (else `message_not_found`);
 * - chat.postEphemeral needs `channel` and `user` (`channel_not_found`, `user_not_found`);
 * - respond() accepts only https://hooks.slack.com/ URLs (anything else: HTTP 404).
 * A test scripts failures with `failNext` (one outcome per request, in order) or
 * `throwNextBatch` (UrlFetchApp.fetchAll throws, so every request of the batch fails).
 */
import type { SlackClient, SlackRequest } from '../../src/app/ports';
import type { SlackOutcome } from '../../src/domain/delivery';
import type { FakeClock } from './clock';

export interface PostedMessage {
  channel: string;
  ts: string;
  body: Record<string, unknown>;
  /** Later chat.update bodies, oldest first. */
  updates: Array<Record<string, unknown>>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const isUserId = (id: string): boolean => /^[UW][A-Z0-9]+$/.test(id);

export class FakeSlack implements SlackClient {
  /** Every request sent, in order, with what came back. */
  readonly sent: Array<{ request: SlackRequest; outcome: SlackOutcome }> = [];
  /** Bodies posted to response_urls. */
  readonly responses: Array<{ url: string; body: Record<string, unknown> }> = [];
  /** Messages that exist in Slack, by `channel ts`. */
  readonly messages = new Map<string, PostedMessage>();
  /** Calls to sendAll (one fetchAll each). */
  batches = 0;
  private readonly scripted: SlackOutcome[] = [];
  private throwBatch: string | null = null;
  private seq = 0;

  constructor(
    private readonly clock: FakeClock,
    public tokenSet = true,
  ) {}

  /** The next requests get these outcomes instead of Slack's own answer. */
  failNext(...outcomes: SlackOutcome[]): void {
    this.scripted.push(...outcomes);
  }

  /** The next sendAll throws in transit: every request of that batch fails. */
  throwNextBatch(message = 'Address unavailable: https://slack.com/api/chat.postMessage'): void {
    this.throwBatch = message;
  }

  sendAll(requests: readonly SlackRequest[]): SlackOutcome[] {
    if (requests.length === 0) return [];
    this.batches++;
    const thrown = this.throwBatch;
    this.throwBatch = null;
    return requests.map((request) => {
      const outcome: SlackOutcome = thrown
        ? { kind: 'thrown', message: thrown }
        : !this.tokenSet
          ? { kind: 'slack_error', error: 'no_token' }
          : (this.scripted.shift() ?? this.answer(request));
      this.sent.push({ request, outcome });
      return outcome;
    });
  }

  respond(responseUrl: string, body: Record<string, unknown>): SlackOutcome {
    if (!/^https:\/\/hooks\.slack\.com\//.test(responseUrl)) return { kind: 'http', status: 404 };
    this.responses.push({ url: responseUrl, body });
    return { kind: 'ok', channel: '', ts: '' };
  }

  /** Messages posted to a channel or to a user's DM, oldest first. */
  postedTo(channelOrUser: string): PostedMessage[] {
    const channel = isUserId(channelOrUser) ? `D${channelOrUser.slice(1)}` : channelOrUser;
    return [...this.messages.values()].filter((m) => m.channel === channel);
  }

  /** Requests of one method that Slack accepted. */
  accepted(method: SlackRequest['method']): SlackRequest[] {
    return this.sent
      .filter((s) => s.request.method === method && s.outcome.kind === 'ok')
      .map((s) => s.request);
  }

  private answer(request: SlackRequest): SlackOutcome {
    const body = request.body;
    const fail = (error: string): SlackOutcome => ({ kind: 'slack_error', error });
    switch (request.method) {
      case 'chat.postMessage': {
        const to = str(body.channel);
        if (!to) return fail('channel_not_found');
        if (!str(body.text) && !Array.isArray(body.blocks)) return fail('no_text');
        const channel = isUserId(to) ? `D${to.slice(1)}` : to;
        this.seq++;
        const ts = `${Math.floor(this.clock.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
        this.messages.set(`${channel} ${ts}`, { channel, ts, body, updates: [] });
        return { kind: 'ok', channel, ts };
      }
      case 'chat.update': {
        const channel = str(body.channel);
        if (!channel || isUserId(channel)) return fail('channel_not_found');
        const message = this.messages.get(`${channel} ${str(body.ts)}`);
        if (!message) return fail('message_not_found');
        message.updates.push(body);
        return { kind: 'ok', channel, ts: message.ts };
      }
      case 'chat.postEphemeral':
        if (!str(body.channel)) return fail('channel_not_found');
        if (!str(body.user)) return fail('user_not_found');
        return { kind: 'ok', channel: str(body.channel), ts: '' };
      case 'auth.test':
        return { kind: 'ok', channel: '', ts: '' };
    }
  }
}

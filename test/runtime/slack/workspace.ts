/**
 * The workspace state behind the emulator: members, channels and their membership,
 * direct-message (IM) channels opened on demand, every message with its edit history,
 * and ephemeral messages. Methods here never decide API errors; they only answer
 * questions about the state.
 */
import type {
  EnterpriseSpec,
  EphemeralMessage,
  SlackEmulatorOptions,
  SlackMessage,
  SlackUserSpec,
} from './types';

export interface Conversation {
  id: string;
  name: string;
  members: Set<string>;
  /** For an IM (D…): the human on the other side of the bot. */
  imUser?: string;
}

const DEFAULT_BOT: SlackUserSpec = { id: 'U0LEADBOT', name: 'leadbot', isBot: true };

export class Workspace {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly apiAppId: string;
  /** Set for a workspace of an Enterprise Grid org. */
  readonly enterprise?: EnterpriseSpec;
  readonly bot: SlackUserSpec;
  /** The bot's B… id, carried by messages it posts. */
  readonly botId: string;
  private readonly users = new Map<string, SlackUserSpec>();
  private readonly conversations = new Map<string, Conversation>();
  private readonly messagesByChannel = new Map<string, SlackMessage[]>();
  readonly ephemerals: EphemeralMessage[] = [];

  constructor(options: SlackEmulatorOptions) {
    this.teamId = options.teamId ?? 'T0001';
    this.teamDomain = options.teamDomain ?? 'leads-test';
    this.apiAppId = options.apiAppId ?? 'A0LEADAPP';
    this.enterprise = options.enterprise ? { ...options.enterprise } : undefined;
    for (const user of options.users) this.users.set(user.id, { ...user });
    this.bot = options.users.find((u) => u.isBot) ?? DEFAULT_BOT;
    this.users.set(this.bot.id, this.bot);
    this.botId = `B${this.bot.id.slice(1)}`;
    for (const channel of options.channels) {
      this.conversations.set(channel.id, {
        id: channel.id,
        name: channel.name,
        members: new Set(channel.members),
      });
    }
  }

  user(id: string): SlackUserSpec | undefined {
    return this.users.get(id);
  }

  conversation(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  /** A channel given as an id, "#name" or "name". */
  findConversation(ref: string): Conversation | undefined {
    const byId = this.conversations.get(ref);
    if (byId) return byId;
    const name = ref.startsWith('#') ? ref.slice(1) : ref;
    return [...this.conversations.values()].find((c) => c.imUser === undefined && c.name === name);
  }

  /** The IM between the bot and a user, opened if needed (like conversations.open). */
  openIm(userId: string): Conversation {
    const existing = this.imOf(userId);
    if (existing) return existing;
    const im: Conversation = {
      id: `D${userId.slice(1)}`,
      name: userId,
      members: new Set([userId, this.bot.id]),
      imUser: userId,
    };
    this.conversations.set(im.id, im);
    return im;
  }

  imOf(userId: string): Conversation | undefined {
    return [...this.conversations.values()].find((c) => c.imUser === userId);
  }

  addMessage(message: SlackMessage): void {
    const list = this.messagesByChannel.get(message.channel) ?? [];
    list.push(message);
    this.messagesByChannel.set(message.channel, list);
  }

  findMessage(channel: string, ts: string): SlackMessage | undefined {
    return this.messagesByChannel.get(channel)?.find((m) => m.ts === ts);
  }

  messagesIn(channel: string): SlackMessage[] {
    return this.messagesByChannel.get(channel) ?? [];
  }
}

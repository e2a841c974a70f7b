/**
 * Slack's deadline for the web app's answer to an interaction or a slash command.
 *
 * Documented: Slack's interactivity guide (docs.slack.dev/interactivity/
 * handling-user-interaction) and the Bolt guides ("you only have 3 seconds to respond
 * before Slack registers a timeout error"); for slash commands, a command not answered
 * "within 3000 milliseconds" must use its response_url instead. What the person then
 * sees is Slack's error `operation_timeout` beside the button or under the command
 * (e.g. integrations/slack#352, PipedreamHQ/pipedream#18169). Retries: Slack documents
 * retries (x-slack-retry-num, up to three) for the Events API only; nothing is
 * documented for interactivity or slash commands, and we take the harder reading: no
 * retry, the person must click or type again.
 *
 * The response_url stays valid (its messages still arrive) whatever the web app's
 * answer time; only the HTTP answer is judged here. The runtime measures that time under
 * its latency model: execution start, the run, and Google's redirect (latency.ts).
 */

/** Slack waits this long for the HTTP answer, in ms. */
export const SLACK_ANSWER_DEADLINE_MS = 3_000;
/** The error Slack shows the person when the answer came too late. */
export const OPERATION_TIMEOUT = 'operation_timeout';

export interface WebAppTimeout {
  /** Who clicked or typed. */
  userId: string;
  kind: 'block_actions' | 'slash_command';
  /** What Slack showed them. */
  error: typeof OPERATION_TIMEOUT;
  /** How long the answer took, in ms. */
  answeredAfterMs: number;
}

/** Remembers the requests Slack sent and judges the answer time of each. */
export class AnswerDeadlines {
  private readonly sent = new WeakMap<object, { userId: string; kind: WebAppTimeout['kind'] }>();
  /** Every answer that came too late, in order. */
  readonly timeouts: WebAppTimeout[] = [];

  /** Registers a doPost event built by the emulator. */
  sentBySlack<T extends object>(event: T, userId: string, kind: WebAppTimeout['kind']): T {
    this.sent.set(event, { userId, kind });
    return event;
  }

  /** The web app answered `event` after `answeredAfterMs`; events Slack did not send are ignored. */
  judge(event: unknown, answeredAfterMs: number): void {
    if (typeof event !== 'object' || event === null) return;
    const who = this.sent.get(event);
    if (!who || answeredAfterMs <= SLACK_ANSWER_DEADLINE_MS) return;
    this.timeouts.push({ ...who, error: OPERATION_TIMEOUT, answeredAfterMs });
  }
}

/** What a Slack request handler answers through response_url, and its outcome for the log. */
export interface SlackAnswer<Outcome extends string = string> {
  /** The response_url body. */
  body: Record<string, unknown>;
  /** 'CONTACTED', 'REASSIGNED', … or the refusal reason. */
  outcome: Outcome;
}

/** A reply only the person who acted sees; their message stays as it is. */
export function ephemeral(text: string, blocks?: unknown[]): Record<string, unknown> {
  return {
    response_type: 'ephemeral',
    replace_original: false,
    text,
    ...(blocks ? { blocks } : {}),
  };
}

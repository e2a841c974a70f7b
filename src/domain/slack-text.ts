/**
 * Slack mrkdwn escaping. Slack reads `<…>` as links and mentions (`<!channel>`,
 * `<@U123>`), so text that comes from a lead must have `&`, `<` and `>` escaped as
 * Slack documents; after that a lead named "<!channel>" pings nobody.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A user mention Slack renders as the person's name. */
export function mention(slackId: string): string {
  return `<@${slackId}>`;
}

/** "1 minute", "60 minutes", "2 hours", "1 hour 30 minutes". */
export function durationInWords(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 120 || m % 60 !== 0) {
    if (m < 120) return `${m} minute${m === 1 ? '' : 's'}`;
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return `${h} hours ${rest} minute${rest === 1 ? '' : 's'}`;
  }
  return `${m / 60} hours`;
}

/**
 * Lead-supplied text shortened for Slack: a section's text may hold 3,000 characters, and
 * a message Slack rejects is never retried, so a very long name must not cost the lead
 * its notification.
 * @param max characters kept, an ellipsis included
 */
export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

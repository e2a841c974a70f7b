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

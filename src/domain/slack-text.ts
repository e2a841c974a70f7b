/**
 * Slack mrkdwn escaping. Slack reads `<…>` as links and mentions (`<!channel>`,
 * `<@U123>`), so text that comes from a lead must have `&`, `<` and `>` escaped as
 * Slack documents; after that a lead named "<!channel>" pings nobody.
 */
import { en } from './texts/en';

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A user mention Slack renders as the person's name. */
export function mention(slackId: string): string {
  return `<@${slackId}>`;
}

/** "1 minute", "60 minutes", "2 hours", "1 hour 30 minutes" in English (see texts/ for others). */
export function durationInWords(minutes: number): string {
  return en.duration(minutes);
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

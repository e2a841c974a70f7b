/**
 * "Send me a test message": the person at the spreadsheet, found by their Google email
 * in sales_sheet, gets a direct message, so an admin sees at once whether Slack works.
 */
import type { Services } from './ports';

export function sendTestMessage(services: Services, email: string): string {
  if (!email)
    return 'Apps Script could not tell who you are (your account does not share its email with scripts). Ask a rep to check instead.';
  const rep = services.workbook
    .load()
    .reps.find((r) => r.email.trim().toLowerCase() === email.trim().toLowerCase());
  if (!rep || !rep.slackId)
    return `Your email (${email}) is not in the email column of sales_sheet with a slack_id, so I don't know where to send it. Add yourself there (active can stay unticked).`;
  const [outcome] = services.slack.sendAll([
    {
      method: 'chat.postMessage',
      body: {
        channel: rep.slackId,
        text: `Test from Lead Routing: messages reach you, ${rep.name || 'there'}. Nothing else to do.`,
      },
    },
  ]);
  if (outcome.kind === 'ok')
    return `Sent: ${rep.name || rep.slackId} should see a direct message from the Lead Routing app in Slack now.`;
  const why =
    outcome.kind === 'slack_error'
      ? outcome.error
      : outcome.kind === 'http'
        ? `HTTP ${outcome.status}`
        : outcome.kind === 'thrown'
          ? outcome.message
          : outcome.kind;
  return `Slack did not take the message (${why}). Run Lead Routing → Check set-up for what to fix.`;
}

/**
 * A freshly set-up engine before Slack is connected, as the Connect Slack sidebar
 * finds it: sheets, triggers and reps in place, no tokens in Script Properties, the
 * admin who owns the spreadsheet and its script (and is in sales_sheet by email, for
 * the test message), and an editor colleague. Shared by the e2e and the browser tests of the sidebar.
 */
import { World } from './world';

export const ADMIN = 'admin@example.com';
export const EDITOR = 'colleague@example.com';
export const ADMIN_SLACK_ID = 'UADMIN001';
export const WEB_APP_URL = 'https://script.google.com/macros/s/AKfycbTESTdeployment0123/exec';
/** The emulated workspace's bot token, as the admin copies it from Slack (fake, test-only). */
export const SLACK_BOT_TOKEN = 'xoxb-000000000000-1111111111111-FakeTokenForTests1234';
/** The emulated app's verification token (fake, test-only). */
export const SLACK_VERIFICATION_TOKEN = 'FakeVerifTokenForTests5678';

export function connectSlackWorld(options: { userEmail?: string; uuidSeed?: number } = {}): World {
  const w = new World({
    withoutProperties: ['SLACK_BOT_TOKEN', 'SLACK_VERIFICATION_TOKEN'],
    botToken: SLACK_BOT_TOKEN,
    verificationToken: SLACK_VERIFICATION_TOKEN,
    ownerEmail: ADMIN,
    uuidSeed: options.uuidSeed,
    userEmail: options.userEmail ?? ADMIN,
    reps: [
      { name: 'Ayu', slackId: 'UAYU0001' },
      { name: 'Admin', slackId: ADMIN_SLACK_ID, email: ADMIN, active: false },
    ],
  });
  w.rt.book.setSharing({ editors: [EDITOR] });
  return w;
}

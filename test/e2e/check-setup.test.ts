/** "Check set-up", "Send me a test message" and the full menu, through dist/Code.js. */
import { World } from './world';

type Line = { ok: boolean; text: string };

describe('Check set-up', () => {
  test('on a complete set-up every line is ticked and nothing changes', () => {
    const w = new World();
    w.rt.deployWebApp('https://script.google.com/macros/s/TEST/exec');
    const before = w.rt.book.sheetNames().map((n) => JSON.stringify(w.rt.book.sheet(n).rows()));
    const lines = w.rt.runAs('menu', 'checkSetup') as Line[];
    expect(lines.filter((l) => !l.ok)).toEqual([]);
    expect(lines.map((l) => l.text)).toEqual(
      expect.arrayContaining([
        'Slack accepts the bot token.',
        'the SLA sweep trigger is installed once.',
        'A Google Form is linked to this spreadsheet.',
      ]),
    );
    expect(w.rt.book.sheetNames().map((n) => JSON.stringify(w.rt.book.sheet(n).rows()))).toEqual(
      before,
    );
    expect(w.rt.book.alerts.at(-1)?.title).toBe('Lead Routing: check set-up');
  });

  test('says what is wrong and how to fix it: bad token, no manager, a bad Slack id, a duplicate id, a missing trigger, no web app', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001' },
        { name: 'Twin', slackId: 'UAYU0001' },
        { name: 'Bob', slackId: '@bob' },
      ],
    });
    w.rt.properties.set('SLACK_BOT_TOKEN', 'xoxb-revoked-test-token');
    w.setSettings({ manager_slack_id: '' });
    const sweep = w.rt.triggers.find((t) => t.handler === 'runSlaSweep')!;
    (w.rt.triggers as unknown as Array<typeof sweep>).splice(w.rt.triggers.indexOf(sweep), 1);
    const failing = (w.rt.run('checkSetup') as Line[]).filter((l) => !l.ok).map((l) => l.text);
    expect(failing).toEqual([
      expect.stringContaining('Slack rejects the bot token (invalid_auth)'),
      expect.stringContaining('No manager'),
      expect.stringContaining('No active rep with a Slack id'),
      expect.stringContaining('UAYU0001 appears on more than one row (Ayu)'),
      expect.stringContaining('UAYU0001 appears on more than one row (Twin)'),
      expect.stringContaining('"@bob", which is not a Slack member id'),
      expect.stringContaining('the SLA sweep trigger is not installed'),
      expect.stringContaining('The web app is not deployed'),
    ]);
  });
});

describe('Send me a test message', () => {
  test('the person at the spreadsheet, found by email in sales_sheet, gets a direct message', () => {
    const w = new World({
      reps: [{ name: 'Ayu', slackId: 'UAYU0001', email: 'owner@example.com' }],
    });
    const result = w.rt.runAs('menu', 'sendMeATestMessage') as string;
    expect(result).toContain('Sent');
    expect(w.seen('UAYU0001')).toEqual([expect.stringContaining('Test from Lead Routing')]);
  });

  test('someone not in sales_sheet is told how to fix it', () => {
    const w = new World();
    expect(w.rt.runAs('menu', 'sendMeATestMessage')).toContain(
      'is not in the email column of sales_sheet',
    );
  });
});

test('the Lead Routing menu has every action', () => {
  const w = new World();
  w.rt.openSpreadsheet();
  const items = w.rt.book.menus[0].items.map((i) => ('caption' in i ? i.caption : ''));
  expect(items).toEqual([
    'Set up',
    'Check set-up',
    'Run SLA check now',
    'Reprocess form responses',
    'Send me a test message',
    'Connect Slack',
  ]);
});

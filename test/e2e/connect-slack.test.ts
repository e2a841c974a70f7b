/**
 * Connect Slack through dist/Code.js: the menu item opens Sidebar.html, and each
 * function the page calls checks who is calling, validates what it gets, answers with
 * a typed result and never a token. (The page itself is driven in a real browser in
 * test/browser/sidebar.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ADMIN,
  ADMIN_SLACK_ID,
  connectSlackWorld,
  EDITOR,
  SLACK_BOT_TOKEN,
  SLACK_VERIFICATION_TOKEN,
  WEB_APP_URL,
} from './connect-slack-world';
import type { World } from './world';

type Result = { ok: boolean; code?: string; message?: string } & Record<string, unknown>;

const SIDEBAR_CALLS = [
  'connectSlackState',
  'connectSlackCreateSecret',
  'connectSlackManifest',
  'connectSlackSaveTokens',
  'connectSlackCheck',
  'connectSlackTestMessage',
];

/** A call from the sidebar: google.script.run runs as the person at the spreadsheet. */
function call(w: World, name: string, ...args: unknown[]): Result {
  return w.rt.runAs('menu', name, ...args) as Result;
}

function props(w: World): Record<string, string> {
  return { ...w.rt.properties.all() };
}

describe('Connect Slack: the menu item', () => {
  test('opens Sidebar.html from dist/ as a sidebar titled Connect Slack', () => {
    const w = connectSlackWorld();
    w.rt.openSpreadsheet();
    const item = w.rt.book.menus[0].items.find(
      (i) => 'caption' in i && i.caption === 'Connect Slack',
    );
    expect(item).toEqual({ caption: 'Connect Slack', functionName: 'showConnectSlack' });
    w.rt.runAs('menu', 'showConnectSlack');
    expect(w.rt.book.sidebars).toHaveLength(1);
    const [sidebar] = w.rt.book.sidebars;
    expect(sidebar.title).toBe('Connect Slack');
    expect(sidebar.fileName).toBe('Sidebar');
    expect(sidebar.content).toBe(
      fs.readFileSync(path.resolve(__dirname, '..', '..', 'dist', 'Sidebar.html'), 'utf8'),
    );
  });
});

describe('Connect Slack: the walk', () => {
  test('from nothing to a working connection; tokens go in and never come back', () => {
    const w = connectSlackWorld();
    const answers: Result[] = [];
    const ask = (name: string, ...args: unknown[]): Result => {
      const r = call(w, name, ...args);
      answers.push(r);
      return r;
    };

    expect(ask('connectSlackState')).toEqual({
      ok: true,
      webApp: { kind: 'none' },
      secretSet: false,
      botToken: 'not set',
      verificationToken: 'not set',
    });
    expect(ask('connectSlackManifest')).toMatchObject({ ok: false, code: 'NOT_READY' });

    // 1. The admin deploys the web app.
    w.rt.deployWebApp(WEB_APP_URL);
    expect(ask('connectSlackState')).toMatchObject({
      webApp: { kind: 'deployed', url: WEB_APP_URL },
    });

    // 2. The secret, made on the server, once.
    expect(ask('connectSlackCreateSecret')).toEqual({ ok: true, created: true });
    const secret = props(w).WEBAPP_SECRET;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(ask('connectSlackCreateSecret')).toEqual({ ok: true, created: false });
    expect(props(w).WEBAPP_SECRET).toBe(secret);

    // 3. The manifest: the committed one with both placeholders filled in.
    const m = ask('connectSlackManifest');
    expect(m.ok).toBe(true);
    const committed = fs.readFileSync(
      path.resolve(__dirname, '..', '..', 'slack-app-manifest.json'),
      'utf8',
    );
    const expected = JSON.parse(
      committed
        .split('https://script.google.com/macros/s/REPLACE_WITH_DEPLOYMENT_ID/exec')
        .join(WEB_APP_URL)
        .split('REPLACE_WITH_WEBAPP_SECRET')
        .join(secret),
    );
    expect(JSON.parse(m.manifest as string)).toEqual(expected);
    expect(m.manifest).not.toContain('REPLACE_WITH');
    expect((m.manifest as string).split(`${WEB_APP_URL}?k=${secret}`)).toHaveLength(3);

    // 4. Tokens: checked with auth.test, stored, answered with hints only.
    const saved = ask('connectSlackSaveTokens', {
      botToken: `  ${SLACK_BOT_TOKEN}\n`,
      verificationToken: SLACK_VERIFICATION_TOKEN,
    });
    expect(saved).toEqual({
      ok: true,
      saved: ['bot token', 'verification token'],
      botToken: 'set, ends in …1234',
      verificationToken: 'set, ends in …5678',
      message: 'Saved. Slack accepts the bot token. Verification token saved.',
    });
    expect(props(w)).toMatchObject({
      SLACK_BOT_TOKEN,
      SLACK_VERIFICATION_TOKEN,
      WEBAPP_SECRET: secret,
    });
    expect(w.rt.slack.requests.filter((r) => r.method === 'auth.test')).toHaveLength(1);
    expect(ask('connectSlackState')).toMatchObject({
      botToken: 'set, ends in …1234',
      verificationToken: 'set, ends in …5678',
    });

    // 5. Check set-up and the test message.
    const checked = ask('connectSlackCheck');
    expect(checked.ok).toBe(true);
    const lines = checked.lines as Array<{ ok: boolean; text: string }>;
    expect(lines).toContainEqual({ ok: true, text: 'Slack accepts the bot token.' });
    expect(lines).toContainEqual({ ok: true, text: 'The Slack verification token is set.' });
    expect(lines.filter((l) => !l.ok)).toEqual([]);
    const test = ask('connectSlackTestMessage');
    expect(test).toEqual({
      ok: true,
      message: 'Sent: Admin should see a direct message from the Lead Routing app in Slack now.',
    });
    expect(w.seen(ADMIN_SLACK_ID)).toEqual([
      expect.stringContaining('Test from Lead Routing: messages reach you, Admin.'),
    ]);

    // No answer carries a token; only the manifest carries WEBAPP_SECRET.
    const all = JSON.stringify(answers);
    expect(all).not.toContain(SLACK_BOT_TOKEN);
    expect(all).not.toContain(SLACK_VERIFICATION_TOKEN);
    expect(answers.filter((a) => JSON.stringify(a).includes(secret))).toEqual([m]);
    // Nor does the log, nor any sheet, nor an alert (sidebar calls show none).
    expect(w.rt.logText()).not.toMatch(
      new RegExp(`${SLACK_BOT_TOKEN}|${SLACK_VERIFICATION_TOKEN}|${secret}`),
    );
    for (const name of w.rt.book.sheetNames())
      expect(JSON.stringify(w.rt.book.sheet(name).rows())).not.toMatch(
        new RegExp(`${SLACK_BOT_TOKEN}|${SLACK_VERIFICATION_TOKEN}|${secret}`),
      );
    expect(w.rt.book.alerts).toEqual([]);
  });

  test('a test deployment (/dev, what getUrl() returns in development mode) is not offered to Slack', () => {
    const w = connectSlackWorld();
    w.rt.deployWebApp('https://script.google.com/macros/s/AKfycbTESTdeployment0123/dev');
    call(w, 'connectSlackCreateSecret');
    expect(call(w, 'connectSlackState')).toMatchObject({ webApp: { kind: 'dev' } });
    expect(call(w, 'connectSlackManifest')).toMatchObject({ ok: false, code: 'NOT_READY' });
  });

  test('a Workspace domain URL (/a/macros/<domain>/s/…/exec) is a deployment', () => {
    const w = connectSlackWorld();
    const url = 'https://script.google.com/a/macros/example.com/s/AKfycbDomain01/exec';
    w.rt.deployWebApp(url);
    call(w, 'connectSlackCreateSecret');
    const m = call(w, 'connectSlackManifest');
    expect(m.manifest).toContain(`"request_url": "${url}?k=`);
  });
});

describe('Connect Slack: bad tokens are refused with the reason, and nothing is saved', () => {
  const shapes: Array<[string, unknown, RegExp]> = [
    ['both empty', { botToken: '  ', verificationToken: '' }, /both fields are empty/],
    ['a user token', { botToken: 'xoxp-1234567890-1234567890-abcdef' }, /user token \(xoxp-…\)/],
    ['an app-level token', { botToken: 'xapp-1-A111-222-abc' }, /app-level token/],
    ['no xoxb- prefix', { botToken: 'hello-there-token' }, /must start with xoxb-/],
    ['a space inside', { botToken: 'xoxb-1234 5678-abcdefghij' }, /spaces or line breaks/],
    ['markup', { botToken: 'xoxb-<script>alert(1)</script>' }, /only letters, digits and dashes/],
    ['too long', { botToken: `xoxb-${'a'.repeat(2000)}` }, /far too long/],
    ['just over 255', { botToken: `xoxb-${'a'.repeat(251)}` }, /longer than 255/],
    ['not text', { botToken: 12345 }, /paste the token as text/],
    [
      'OAuth token as verification token',
      { verificationToken: SLACK_BOT_TOKEN },
      /that is an OAuth token/,
    ],
    ['short verification token', { verificationToken: 'abc123' }, /16 to 64 letters and digits/],
    ['no object at all', 'xoxb-just-a-string-token', /both fields are empty/],
  ];

  test.each(shapes)('%s', (_name, input, message) => {
    const w = connectSlackWorld();
    const before = props(w);
    const r = call(w, 'connectSlackSaveTokens', input);
    expect(r).toMatchObject({
      ok: false,
      code: 'INVALID',
      message: expect.stringMatching(message),
    });
    expect(props(w)).toEqual(before);
    expect(w.rt.slack.requests).toEqual([]);
  });

  test('one bad field keeps the good one out too (all or nothing)', () => {
    const w = connectSlackWorld();
    const r = call(w, 'connectSlackSaveTokens', {
      botToken: SLACK_BOT_TOKEN,
      verificationToken: 'short',
    });
    expect(r).toMatchObject({
      ok: false,
      code: 'INVALID',
      message: expect.stringContaining('Nothing was saved.'),
    });
    expect(props(w).SLACK_BOT_TOKEN).toBeUndefined();
  });

  test('a well-formed token Slack does not know: invalid_auth', () => {
    const w = connectSlackWorld();
    const r = call(w, 'connectSlackSaveTokens', {
      botToken: 'xoxb-000000000000-1111111111111-SomeoneElsesToken',
    });
    expect(r).toEqual({
      ok: false,
      code: 'SLACK_REJECTED',
      message: expect.stringMatching(
        /^Slack does not recognise this token \(invalid_auth\)\. .*Nothing was saved\.$/,
      ),
    });
    expect(props(w).SLACK_BOT_TOKEN).toBeUndefined();
  });

  test.each([
    ['token_revoked', /revoked or the app was removed/],
    ['account_inactive', /deleted user or workspace/],
    ['not_authed', /received no token/],
    ['token_expired', /token rotation is on/],
    ['missing_scope', /without the manifest’s scopes/],
    ['ekm_access_denied', /administrators have suspended/],
    ['some_new_error', /Slack refused the token \(some_new_error\)/],
  ])('Slack answers %s: a sentence for it, nothing saved', (error, message) => {
    const w = connectSlackWorld();
    w.rt.properties.set('SLACK_BOT_TOKEN', 'xoxb-the-old-token-stays-0000');
    w.rt.slack.failNext(1, { error }, 'auth.test');
    const r = call(w, 'connectSlackSaveTokens', {
      botToken: SLACK_BOT_TOKEN,
      verificationToken: SLACK_VERIFICATION_TOKEN,
    });
    expect(r).toMatchObject({
      ok: false,
      code: 'SLACK_REJECTED',
      message: expect.stringMatching(message),
    });
    expect(r.message).toContain(`(${error})`);
    expect(props(w).SLACK_BOT_TOKEN).toBe('xoxb-the-old-token-stays-0000');
    expect(props(w).SLACK_VERIFICATION_TOKEN).toBeUndefined();
  });

  test('Slack unreachable (HTTP 500): try again, nothing saved', () => {
    const w = connectSlackWorld();
    w.rt.slack.failNext(1, { status: 500 }, 'auth.test');
    const r = call(w, 'connectSlackSaveTokens', { botToken: SLACK_BOT_TOKEN });
    expect(r).toMatchObject({
      ok: false,
      code: 'SLACK_UNREACHABLE',
      message: expect.stringContaining('HTTP 500'),
    });
    expect(props(w).SLACK_BOT_TOKEN).toBeUndefined();
  });

  test('the verification token alone needs no Slack call', () => {
    const w = connectSlackWorld();
    const r = call(w, 'connectSlackSaveTokens', { verificationToken: SLACK_VERIFICATION_TOKEN });
    expect(r).toMatchObject({ ok: true, saved: ['verification token'], botToken: 'not set' });
    expect(w.rt.slack.requests).toEqual([]);
  });
});

describe('Connect Slack: only editors of the spreadsheet', () => {
  test.each(SIDEBAR_CALLS.map((n) => [n]))('%s refuses a viewer and changes nothing', (name) => {
    const w = connectSlackWorld({ userEmail: 'viewer@example.com' });
    w.rt.deployWebApp(WEB_APP_URL);
    const before = props(w);
    const r = call(w, name, {
      botToken: SLACK_BOT_TOKEN,
      verificationToken: SLACK_VERIFICATION_TOKEN,
    });
    expect(r).toEqual({
      ok: false,
      code: 'NOT_EDITOR',
      message: expect.stringContaining('viewer@example.com is not an editor of this spreadsheet'),
    });
    expect(props(w)).toEqual(before);
    expect(w.rt.slack.requests).toEqual([]);
  });

  test('refuses a caller Apps Script cannot name (blank email)', () => {
    const w = connectSlackWorld();
    const r = w.rt.runAs(
      { kind: 'menu', activeUserEmail: '' },
      'connectSlackCreateSecret',
    ) as Result;
    expect(r).toMatchObject({ ok: false, code: 'NO_IDENTITY' });
    expect(props(w).WEBAPP_SECRET).toBeUndefined();
  });

  test('the owner and an editor (whatever the letter case) may', () => {
    const owner = connectSlackWorld({ userEmail: ADMIN.toUpperCase() });
    expect(call(owner, 'connectSlackCreateSecret')).toEqual({ ok: true, created: true });
    const editor = connectSlackWorld({ userEmail: EDITOR.toUpperCase() });
    expect(call(editor, 'connectSlackCreateSecret')).toEqual({ ok: true, created: true });
  });
});

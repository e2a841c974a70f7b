/// <reference lib="dom" />
// (Callbacks passed to page.evaluate run in the browser, with its DOM.)
/**
 * The Connect Slack sidebar in a real browser (Debian's Chromium via playwright-core),
 * each click running dist/Code.js on the local runtime: the whole walk (saving a
 * screenshot of each step into docs/connect-slack/), bad tokens, a reload that shows no
 * secret, the keyboard alone, and text from the sheets shown as text.
 */
import type { Browser, Page } from 'playwright-core';
import {
  ADMIN_SLACK_ID,
  connectSlackWorld,
  SLACK_BOT_TOKEN,
  SLACK_VERIFICATION_TOKEN,
  WEB_APP_URL,
} from '../e2e/connect-slack-world';
import { launchChromium, openSidebar, saveScreenshot, waitLoaded } from './sidebar-page';

jest.setTimeout(60_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 600_000); // a fresh CI machine installs Chromium first (scripts/ensure-chromium.sh)
afterAll(async () => {
  await browser?.close();
});

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).innerText();

async function shoot(page: Page, selector: string, name: string): Promise<void> {
  const png = await page.locator(selector).screenshot({ animations: 'disabled', caret: 'hide' });
  expect(png.length).toBeGreaterThan(1000);
  saveScreenshot(png, name);
}

/** Everything a person or a script in the page could read: markup plus field values. */
async function pageSecrets(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = Array.from(document.querySelectorAll('input, textarea')).map(
      (el) => `${el.id}=${(el as HTMLInputElement).value}`,
    );
    return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
  });
}

test('the whole walk, from no web app to a test message in Slack', async () => {
  const w = connectSlackWorld({ uuidSeed: 14 });
  const { page, context, server } = await openSidebar(browser, w);
  try {
    // 1. No deployment yet: two lines on how to make one.
    await expect(text(page, '#webapp-problem')).resolves.toBe('The web app is not deployed yet.');
    await expect(text(page, '#webapp-missing')).resolves.toContain('Deploy → New deployment');
    expect(await page.locator('#manifest-ready').isHidden()).toBe(true);
    await shoot(page, '#step-webapp', '1-web-app-not-deployed.png');
    w.rt.deployWebApp(WEB_APP_URL);
    await page.click('#refresh');
    await page.locator('#webapp-url').getByText(WEB_APP_URL).waitFor();
    await expect(page.locator('#step-webapp').getAttribute('data-done')).resolves.toBe('true');
    await shoot(page, '#step-webapp', '1-web-app.png');

    // 2. The secret, generated on the server.
    await page.click('#make-secret');
    await page.locator('#secret-text').getByText('WEBAPP_SECRET is set').waitFor();
    const secret = w.rt.properties.get('WEBAPP_SECRET');
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('#make-secret').isHidden()).toBe(true);
    await shoot(page, '#step-secret', '2-secret.png');

    // 3. The manifest, filled in, and Copy.
    await page.waitForFunction(
      () => (document.getElementById('manifest') as HTMLTextAreaElement).value !== '',
    );
    const manifest = await page.locator('#manifest').inputValue();
    expect(JSON.parse(manifest).settings.interactivity.request_url).toBe(
      `${WEB_APP_URL}?k=${secret}`,
    );
    await page.click('#copy');
    await page.locator('#copy-result').getByText('Copied.').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(manifest);
    await shoot(page, '#step-manifest', '3-manifest.png');

    // 4. Tokens: saved, checked with Slack, shown only as hints.
    await page.fill('#bot-token', SLACK_BOT_TOKEN);
    await page.fill('#verification-token', SLACK_VERIFICATION_TOKEN);
    await page.click('#save');
    await page.locator('#tokens-result').getByText('Saved. Slack accepts the bot token.').waitFor();
    await expect(page.locator('#bot-token').inputValue()).resolves.toBe('');
    await expect(page.locator('#verification-token').inputValue()).resolves.toBe('');
    await expect(text(page, '#bot-hint')).resolves.toContain('Bot token: set, ends in …1234');
    await expect(text(page, '#verification-hint')).resolves.toContain('set, ends in …5678');
    expect(w.rt.properties.get('SLACK_BOT_TOKEN')).toBe(SLACK_BOT_TOKEN);
    expect(w.rt.properties.get('SLACK_VERIFICATION_TOKEN')).toBe(SLACK_VERIFICATION_TOKEN);
    await shoot(page, '#step-tokens', '4-tokens.png');

    // 5. The live check list (refreshed after the save), then the test message.
    await page.locator('#check-list li').first().waitFor();
    const checks = await page
      .locator('#check-list li')
      .evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-ok'), li.textContent]));
    expect(checks).toContainEqual(['true', 'Slack accepts the bot token.']);
    expect(checks.filter(([ok]) => ok !== 'true')).toEqual([]);
    await page.click('#test-message');
    await page
      .locator('#test-result')
      .getByText(/^Sent: Admin/)
      .waitFor();
    expect(w.seen(ADMIN_SLACK_ID)).toHaveLength(1);
    await shoot(page, '#step-check', '5-check.png');
    await shoot(page, 'body', 'sidebar.png');

    // Tokens crossed to the server once and never came back.
    const answers = server.answers.join('\n');
    expect(answers).not.toContain(SLACK_BOT_TOKEN);
    expect(answers).not.toContain(SLACK_VERIFICATION_TOKEN);
    expect(server.calls).toEqual([
      'connectSlackState',
      'connectSlackState',
      'connectSlackCreateSecret',
      'connectSlackState',
      'connectSlackManifest',
      'connectSlackSaveTokens',
      'connectSlackManifest',
      'connectSlackCheck',
      'connectSlackTestMessage',
    ]);
  } finally {
    await context.close();
  }
});

test('bad tokens: each gets its reason on the page, and nothing is saved', async () => {
  const w = connectSlackWorld();
  const { page, context } = await openSidebar(browser, w);
  try {
    const attempt = async (bot: string, verification: string): Promise<string> => {
      await page.fill('#bot-token', bot);
      await page.fill('#verification-token', verification);
      await page.click('#save');
      const result = page.locator('#tokens-result.error');
      await result.waitFor();
      const said = await result.innerText();
      // Ready for the next attempt: clear the message the way a new save does.
      await page.evaluate(() => {
        const el = document.getElementById('tokens-result')!;
        el.textContent = '';
        el.className = '';
      });
      return said;
    };
    await expect(attempt('xoxp-1234567890-1234567890-abcdef', '')).resolves.toMatch(
      /that is a user token \(xoxp-…\).*Nothing was saved\./,
    );
    await expect(attempt('', 'short')).resolves.toMatch(/16 to 64 letters and digits/);
    await expect(attempt('xoxb-000000000000-1111111111111-NotThisWorkspace', '')).resolves.toMatch(
      /^Slack does not recognise this token \(invalid_auth\)/,
    );
    w.rt.slack.failNext(1, { error: 'token_revoked' }, 'auth.test');
    await expect(attempt(SLACK_BOT_TOKEN, SLACK_VERIFICATION_TOKEN)).resolves.toMatch(
      /revoked or the app was removed from the workspace \(token_revoked\)/,
    );
    w.rt.slack.failNext(1, { error: 'account_inactive' }, 'auth.test');
    await expect(attempt(SLACK_BOT_TOKEN, '')).resolves.toMatch(/\(account_inactive\)/);
    expect(w.rt.properties.get('SLACK_BOT_TOKEN')).toBeNull();
    expect(w.rt.properties.get('SLACK_VERIFICATION_TOKEN')).toBeNull();
    // A refused token stays in its field (to fix), and is still not in the markup.
    await expect(page.locator('#bot-token').inputValue()).resolves.toBe(SLACK_BOT_TOKEN);
    await expect(page.content()).resolves.not.toContain(SLACK_BOT_TOKEN);
  } finally {
    await context.close();
  }
});

test('a reload shows hints only: no token anywhere in the page', async () => {
  const w = connectSlackWorld();
  w.rt.deployWebApp(WEB_APP_URL);
  const { page, context, server } = await openSidebar(browser, w);
  try {
    await page.click('#make-secret');
    await page.fill('#bot-token', SLACK_BOT_TOKEN);
    await page.fill('#verification-token', SLACK_VERIFICATION_TOKEN);
    await page.click('#save');
    await page.locator('#tokens-result.good').waitFor();
    await page.reload();
    await waitLoaded(page);
    await page.waitForFunction(
      () => (document.getElementById('manifest') as HTMLTextAreaElement).value !== '',
    );
    await expect(text(page, '#bot-hint')).resolves.toContain('set, ends in …1234');
    const everything = await pageSecrets(page);
    expect(everything).not.toContain(SLACK_BOT_TOKEN);
    expect(everything).not.toContain(SLACK_VERIFICATION_TOKEN);
    // WEBAPP_SECRET is shown in one place only: the manifest the admin pastes into Slack.
    const secret = w.rt.properties.get('WEBAPP_SECRET')!;
    const withoutManifest = await page.evaluate(() => {
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      clone.querySelector('#manifest')!.remove();
      return clone.outerHTML;
    });
    expect(withoutManifest).not.toContain(secret);
    expect(server.answers.join('\n')).not.toContain(SLACK_BOT_TOKEN);
  } finally {
    await context.close();
  }
});

test('the keyboard alone: every control in order, with a visible focus, and the walk works', async () => {
  const w = connectSlackWorld();
  w.rt.deployWebApp(WEB_APP_URL);
  const { page, context } = await openSidebar(browser, w);
  try {
    const focused = (): Promise<string> =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? el.id || el.textContent || el.tagName : '';
      });
    // Tab order before the secret exists (manifest hidden).
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order).toEqual([
      'refresh',
      'make-secret',
      'bot-token',
      'verification-token',
      'save',
      'check',
      'test-message',
    ]);
    // Focus is visible on a button reached by keyboard.
    await page.focus('#make-secret');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(
      page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle),
    ).resolves.toBe('solid');
    // Enter on Generate secret.
    await page.keyboard.press('Enter');
    await page.locator('#secret-text').getByText('WEBAPP_SECRET is set').waitFor();
    await page.waitForFunction(
      () => (document.getElementById('manifest') as HTMLTextAreaElement).value !== '',
    );
    // Space on Copy, reached by Tab from the manifest.
    await page.focus('#manifest');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('copy');
    await page.keyboard.press('Space');
    await page.locator('#copy-result').getByText('Copied.').waitFor();
    // Type the tokens, Enter submits.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('bot-token');
    await page.keyboard.type(SLACK_BOT_TOKEN);
    await page.keyboard.press('Tab');
    await page.keyboard.type(SLACK_VERIFICATION_TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('#tokens-result.good').waitFor();
    expect(w.rt.properties.get('SLACK_BOT_TOKEN')).toBe(SLACK_BOT_TOKEN);
    // The result is announced: role=alert for tokens, a live region for the check.
    await expect(page.locator('#tokens-result').getAttribute('role')).resolves.toBe('alert');
  } finally {
    await context.close();
  }
});

test('text from the sheets is shown as text, never run as markup', async () => {
  const w = connectSlackWorld();
  w.setReps([
    { name: 'Ayu', slackId: 'UAYU0001' },
    { name: '<img src=x onerror="window.__xss=1">', slackId: '<b>bad</b>', active: false },
  ]);
  const { page, context } = await openSidebar(browser, w);
  try {
    await page.click('#check');
    const line = page.locator('#check-list li', { hasText: 'onerror' });
    await line.waitFor();
    await expect(line.innerText()).resolves.toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.locator('#check-list img, #check-list b').count()).toBe(0);
    await expect(
      page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).resolves.toBeUndefined();
  } finally {
    await context.close();
  }
});

test('someone who may not edit the spreadsheet is told so, and nothing is shown', async () => {
  const w = connectSlackWorld({ userEmail: 'viewer@example.com' });
  const { page, context } = await openSidebar(browser, w);
  try {
    await expect(text(page, '#status')).resolves.toContain(
      'viewer@example.com is not an editor of this spreadsheet',
    );
    expect(await page.locator('#webapp-ok').isHidden()).toBe(true);
    expect(await page.locator('#webapp-missing').isHidden()).toBe(true);
  } finally {
    await context.close();
  }
});

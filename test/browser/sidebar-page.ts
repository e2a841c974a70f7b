/// <reference lib="dom" />
// (Callbacks passed to page.evaluate run in the browser, with its DOM.)
/**
 * Opens the Connect Slack sidebar in Debian's Chromium, driven by playwright-core: the
 * page is the HTML that dist/Code.js's showConnectSlack() handed to Ui.showSidebar on
 * the local runtime, served at a made-up https origin through request interception
 * (no port is opened, so parallel runs cannot collide), 300 px wide like a Sheets
 * sidebar, with google.script.run bridged to the same runtime: a click in the page
 * runs the real dist/Code.js.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SCRIPT_RUN_CLIENT, ScriptRunServer } from '../runtime/services/script-run';
import type { World } from '../e2e/world';
import type { LocalRuntime } from '../runtime';

const ROOT = path.resolve(__dirname, '..', '..');
const ORIGIN = 'https://sidebar.lead-routing.test';
export const SIDEBAR_URL = `${ORIGIN}/Sidebar.html`;
/** Apps Script shows sidebars 300 px wide. */
export const SIDEBAR_WIDTH = 300;

/** The Chromium binary: scripts/ensure-chromium.sh finds it, or installs Debian's package as root. */
export function chromiumPath(): string {
  return execFileSync('sh', [path.join(ROOT, 'scripts', 'ensure-chromium.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true });
}

export interface OpenSidebar {
  page: Page;
  context: BrowserContext;
  server: ScriptRunServer;
}

/** Runs the menu item in the runtime and opens the page it showed. */
export async function openSidebar(browser: Browser, w: World): Promise<OpenSidebar> {
  w.rt.runAs('menu', 'showConnectSlack');
  const shown = w.rt.book.sidebars.at(-1);
  if (!shown) throw new Error('showConnectSlack showed no sidebar');
  const opened = await openPage(browser, w.rt, shown.content);
  await waitLoaded(opened.page);
  return opened;
}

/** Opens `html` as an HtmlService page whose google.script.run reaches `runtime`. */
export async function openPage(
  browser: Browser,
  runtime: LocalRuntime,
  html: string,
): Promise<OpenSidebar> {
  const context = await browser.newContext({
    viewport: { width: SIDEBAR_WIDTH, height: 900 },
    deviceScaleFactor: 1,
    locale: 'en-US',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await context.route('**/*', (route) =>
    route.request().url() === SIDEBAR_URL
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      : route.abort(),
  );
  const server = new ScriptRunServer(() => runtime);
  await context.exposeFunction('__gasRun', (name: string, args: string) =>
    server.handle(name, args),
  );
  await context.addInitScript({ content: SCRIPT_RUN_CLIENT });
  const page = await context.newPage();
  await page.goto(SIDEBAR_URL);
  return { page, context, server };
}

/** The page has asked for its state and shown it. */
export async function waitLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'Loading…');
}

/**
 * Saves a screenshot into docs/ only when it differs meaningfully from the committed
 * one (other size, or more than 0.5% of pixels visibly changed), so font hinting or a
 * Chromium update does not churn the files; written atomically for parallel runs.
 * Returns whether the file was (re)written.
 */
export function saveScreenshot(png: Buffer, name: string): boolean {
  const file = path.join(ROOT, 'docs', 'connect-slack', name);
  if (fs.existsSync(file) && !differs(fs.readFileSync(file), png)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, png);
  fs.renameSync(tmp, file);
  return true;
}

function differs(a: Buffer, b: Buffer): boolean {
  let x: PNG;
  let y: PNG;
  try {
    x = PNG.sync.read(a);
    y = PNG.sync.read(b);
  } catch {
    return true;
  }
  if (x.width !== y.width || x.height !== y.height) return true;
  let changed = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    const d = Math.max(
      Math.abs(x.data[i] - y.data[i]),
      Math.abs(x.data[i + 1] - y.data[i + 1]),
      Math.abs(x.data[i + 2] - y.data[i + 2]),
    );
    if (d > 32) changed += 1;
  }
  return changed > (x.width * x.height) / 200;
}

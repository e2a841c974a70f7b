/**
 * The global entry points Apps Script calls (ARCHITECTURE.md §1). Each one parses its
 * event, builds the real adapters once, runs one use case and catches at the top.
 * Rollup strips the `export`s: in dist/Code.js these are plain top-level functions.
 */
import { runArchive as archiveClosedLeads } from './app/archive';
import { checkSetup as runCheckSetup, type CheckLine } from './app/check-setup';
import { checkHealth } from './app/health';
import { sendTestMessage } from './app/test-message';
import type { ArchiveReport, YearlyMoveReport } from './app/ports';
import { moveToYearlyArchive, YEARLY_MOVE_STARTS_WITHIN_MS } from './app/yearly-archive';
import { admitResponseOrPark } from './app/intake';
import { reprocessResponses, type ReprocessReport } from './app/reprocess';
import { SHEETS } from './app/schema';
import { runSetup } from './app/setup';
import { describeSlackResult, handleSlackRequest } from './app/slack-action';
import { runSweep, type SweepReport } from './app/sweep';
import { handleWebIntake, isWebIntake, type WebIntakeAnswer } from './app/web-intake';
import { readFormResponses } from './adapters/form-responses';
import { readProjectFacts } from './adapters/project-facts';
import { AppsScriptLock } from './adapters/script-lock';
import { PROPERTY } from './adapters/script-properties';
import {
  createServices,
  createYearlyArchive,
  forgetSpreadsheetCache,
  forgetSweepPlan,
} from './adapters/services';
import { SpreadsheetSetup } from './adapters/spreadsheet-setup';
import { consoleLog } from './adapters/system';
import { noteSweepRan, retiredTrigger } from './adapters/trigger-owner';
import { errorText } from './domain/errors';
import * as connect from './app/connect-slack';
import { SpreadsheetEditorGate } from './adapters/editor-gate';
import { ScriptPropertiesSlackSecrets } from './adapters/script-properties-slack';
import { UrlFetchSlackClient } from './adapters/url-fetch-slack';
import manifestTemplate from '../slack-app-manifest.json';

const describe = (err: unknown): string => errorText(err, true);

/** Shows a message to the person at the spreadsheet, when there is one. */
function tellUser(title: string, lines: string[]): void {
  try {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, lines.join('\n'), ui.ButtonSet.OK);
  } catch {
    // No UI in triggers and the web app: the log line is enough.
  }
}

/**
 * The one top-level catch of a trigger or menu entry point: logs the outcome, shows it
 * to the person at the spreadsheet when there is one, and rethrows failures so Apps
 * Script records the failed execution (and mails the owner about failed triggers).
 * @param report turns the result into the lines logged and shown; none = log only
 */
function entry<T>(name: string, title: string, work: () => T, report?: (result: T) => string[]): T {
  try {
    const result = work();
    const lines = report ? report(result) : [JSON.stringify(result)];
    consoleLog.info(`${name}: ${lines.join(' | ')}`);
    if (report) tellUser(title, lines);
    return result;
  } catch (err) {
    consoleLog.error(`${name} failed: ${describe(err)}`);
    tellUser(`${title} failed`, [describe(err)]);
    throw err;
  }
}

/** Simple trigger: adds the "Lead Routing" menu. */
export function onOpen(): void {
  try {
    SpreadsheetApp.getUi()
      .createMenu('Lead Routing')
      .addItem('Set up', 'setup')
      .addItem('Check set-up', 'checkSetup')
      .addItem('Run SLA check now', 'runSlaSweepNow')
      .addItem('Reprocess form responses', 'reprocessFormResponses')
      .addItem('Send me a test message', 'sendMeATestMessage')
      .addItem('Connect Slack', 'showConnectSlack')
      .addToUi();
  } catch (err) {
    consoleLog.warn(`onOpen: ${describe(err)}`);
  }
}

/** Creates or repairs sheets, settings and triggers; returns (and shows) what is still missing. */
export function setup(): string[] {
  const report = entry(
    'setup',
    'Lead Routing set-up',
    () => {
      const target = new SpreadsheetSetup();
      const props = PropertiesService.getScriptProperties();
      props.setProperty(PROPERTY.spreadsheetId, target.spreadsheetId());
      forgetSpreadsheetCache();
      const report = runSetup({
        target,
        lock: new AppsScriptLock(),
        hasBotToken: Boolean(props.getProperty(PROPERTY.botToken)),
        hasVerificationToken: Boolean(props.getProperty(PROPERTY.verificationToken)),
        readReps: () => createServices().workbook.load().reps,
        dashboard: createServices().dashboard,
      });
      // Again after: a sweep that was running when Set up started may have planned since.
      forgetSweepPlan();
      return report;
    },
    (r) => [
      ...r.done.map((d) => `✓ ${d}`),
      ...(r.missing.length ? r.missing.map((m) => `✗ ${m}`) : ['Everything needed is in place.']),
    ],
  );
  return report.missing;
}

/**
 * Installable spreadsheet form-submit trigger: intake of one response. A response it
 * cannot admit is parked for the next sweep (and stays in the form's response sheet).
 */
export function onFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  if (retiredTrigger('onFormSubmit')) return;
  entry('onFormSubmit', 'Lead Routing: form response', () =>
    admitResponseOrPark(createServices(), {
      namedValues: e?.namedValues ?? {},
      values: e?.values ?? [],
    }),
  );
}

/**
 * Time-driven trigger: SLA re-routing, escalation, pending Slack messages. A trigger run
 * notes that the owner's sweep is alive (Set up and Check set-up read it); a trigger of an
 * account that no longer owns the engine's triggers removes itself instead.
 */
export function runSlaSweep(e?: { triggerUid?: string }): SweepReport | null {
  if (e?.triggerUid) {
    if (retiredTrigger('runSlaSweep')) return null;
    noteSweepRan(Date.now());
  }
  return entry('runSlaSweep', 'Lead Routing: SLA check', () => runSweep(createServices()));
}

/** Menu: a sweep that reads the sheets now, whatever the schedule says (an admin just changed something). */
export function runSlaSweepNow(): SweepReport {
  return entry('runSlaSweepNow', 'Lead Routing: SLA check', () => {
    const services = createServices();
    services.schedule.forget();
    return runSweep(services, { failWhenBusy: true });
  });
}

/**
 * Daily time-driven trigger: closed leads to lead_archive, finished outbox rows dropped;
 * then rows older than `yearly_archive_after_days` to the year's archive spreadsheet.
 */
export function runArchive(e?: {
  triggerUid?: string;
}): (ArchiveReport & { yearly: YearlyMoveReport }) | null {
  if (e?.triggerUid && retiredTrigger('runArchive')) return null;
  const startedMs = Date.now();
  return entry('runArchive', 'Lead Routing: archive', () => {
    const setup = new SpreadsheetSetup();
    const services = createServices();
    const report = archiveClosedLeads(services, {
      refreshLeadSheet: () => void setup.ensureSheet(SHEETS.leads),
    });
    const yearly = moveToYearlyArchive(
      services,
      createYearlyArchive(services),
      startedMs + YEARLY_MOVE_STARTS_WITHIN_MS,
    );
    return { ...report, yearly };
  });
}

/** Menu: reports what is right and what to fix, changing nothing. */
export function checkSetup(): CheckLine[] {
  return entry(
    'checkSetup',
    'Lead Routing: check set-up',
    () => runCheckSetup(createServices(), readProjectFacts()),
    (lines) => lines.map((l) => `${l.ok ? '✓' : '✗'} ${l.text}`),
  );
}

/** Menu: a direct message to the person at the spreadsheet, found by email in sales_sheet. */
export function sendMeATestMessage(): string {
  return entry(
    'sendMeATestMessage',
    'Lead Routing: test message',
    () => sendTestMessage(createServices(), Session.getActiveUser().getEmail()),
    (r) => [r],
  );
}

/** Menu: admits form responses that never became leads; safe to run any time. */
export function reprocessFormResponses(): ReprocessReport {
  return entry(
    'reprocessFormResponses',
    'Lead Routing: reprocess form responses',
    () => reprocessResponses(createServices(), readFormResponses()),
    (r) => [
      `${r.responses} response(s) in the form's sheet; ${r.alreadyLeads} were already leads.`,
      r.created.length ? `Taken in now: ${r.created.join(', ')}` : 'Nothing was missing.',
    ],
  );
}

/**
 * The web app: Slack's interactions and slash commands (always an empty 200, whatever
 * arrives), and web intake (`?intake=<INTAKE_SECRET>` with a JSON body), which always
 * answers JSON.
 */
export function doPost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  if (isWebIntake(e)) return webIntake(e);
  try {
    // No waiting for the Sheets API quota: Slack waits 3 s; a refused click is told so.
    consoleLog.info(`doPost: ${describeSlackResult(handleSlackRequest(createServices(0), e))}`);
  } catch (err) {
    consoleLog.error(`doPost failed: ${describe(err)}`);
  }
  return ContentService.createTextOutput('');
}

/** Web intake's answer: JSON, `ok:false` with a reason (never the secret) on any failure. */
function webIntake(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  let answer: WebIntakeAnswer;
  try {
    answer = handleWebIntake(createServices(), e);
  } catch (err) {
    consoleLog.error(`doPost web intake failed: ${describe(err)}`);
    answer = {
      ok: false,
      error: 'the engine could not take the lead now; try again',
      retryable: true,
    };
  }
  consoleLog.info(
    `doPost: web intake ${answer.ok ? (answer.lead_id ?? 'queued') : `refused: ${answer.error}`}`,
  );
  return ContentService.createTextOutput(JSON.stringify(answer)).setMimeType(
    ContentService.MimeType.JSON,
  );
}

/** Health for a browser or an uptime check: counts only, no personal data. */
export function doGet(): GoogleAppsScript.Content.TextOutput {
  let body: unknown;
  try {
    body = checkHealth(createServices());
  } catch (err) {
    body = {
      ok: false,
      service: 'lead-routing',
      error:
        err && typeof err === 'object' && 'code' in err ? (err as { code: string }).code : 'ERROR',
    };
  }
  return ContentService.createTextOutput(JSON.stringify(body)).setMimeType(
    ContentService.MimeType.JSON,
  );
}

// ---- Connect Slack: the menu item and the functions its sidebar calls ----

/** Menu: opens the Connect Slack sidebar (dist/Sidebar.html). */
export function showConnectSlack(): void {
  entry('showConnectSlack', 'Connect Slack', () => {
    const page = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Connect Slack');
    SpreadsheetApp.getUi().showSidebar(page);
  });
}

function connectPorts(): connect.ConnectSlackPorts {
  return {
    gate: new SpreadsheetEditorGate(),
    store: new ScriptPropertiesSlackSecrets(),
    webAppUrl: () => ScriptApp.getService().getUrl() ?? '',
    newSecret: () => (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, ''),
    authTest: (token) =>
      new UrlFetchSlackClient(token).sendAll([{ method: 'auth.test', body: {} }])[0],
    log: consoleLog,
  };
}

/**
 * The one catch of a sidebar call: a failure comes back to the page as a typed refusal
 * (its message names no secret: our errors never carry one), and is logged.
 */
function sidebarCall<T>(name: string, work: () => T): T | connect.Refusal {
  try {
    return work();
  } catch (err) {
    consoleLog.error(`${name} failed: ${describe(err)}`);
    return {
      ok: false,
      code: 'ERROR',
      message: `Something went wrong (${describe(err)}). Try again.`,
    };
  }
}

/** Sidebar: what is set up so far (hints only, never a token). */
export function connectSlackState(): connect.StateResult {
  return sidebarCall('connectSlackState', () => connect.connectState(connectPorts()));
}

/** Sidebar: generates WEBAPP_SECRET into Script Properties, once. */
export function connectSlackCreateSecret(): connect.SecretResult {
  return sidebarCall('connectSlackCreateSecret', () => connect.createSecret(connectPorts()));
}

/** Sidebar: the Slack app manifest with the web app URL and WEBAPP_SECRET filled in. */
export function connectSlackManifest(): connect.ManifestResult {
  return sidebarCall('connectSlackManifest', () =>
    connect.manifest(connectPorts(), manifestTemplate),
  );
}

/** Sidebar: checks and saves the bot and verification tokens; answers with hints only. */
export function connectSlackSaveTokens(input: unknown): connect.SaveResult {
  return sidebarCall('connectSlackSaveTokens', () => connect.saveTokens(connectPorts(), input));
}

/** Sidebar: the Check set-up list. */
export function connectSlackCheck(): connect.CheckResult {
  return sidebarCall('connectSlackCheck', () =>
    connect.check(connectPorts(), () => runCheckSetup(createServices(), readProjectFacts())),
  );
}

/** Sidebar: a direct message to the caller (found by email in sales_sheet). */
export function connectSlackTestMessage(): connect.TestMessageResult {
  return sidebarCall('connectSlackTestMessage', () =>
    connect.testMessage(connectPorts(), () =>
      sendTestMessage(createServices(), Session.getActiveUser().getEmail()),
    ),
  );
}

/**
 * The global entry points Apps Script calls (ARCHITECTURE.md §1). Each one parses its
 * event, builds the real adapters once, runs one use case and catches at the top.
 * Rollup strips the `export`s: in dist/Code.js these are plain top-level functions.
 */
import { runArchive as archiveClosedLeads } from './app/archive';
import { checkSetup as runCheckSetup, type CheckLine } from './app/check-setup';
import { checkHealth } from './app/health';
import { sendTestMessage } from './app/test-message';
import type { ArchiveReport } from './app/ports';
import { takeLeadOrPark } from './app/intake';
import { reprocessResponses, type ReprocessReport } from './app/reprocess';
import { runSetup } from './app/setup';
import { handleSlackRequest } from './app/slack-action';
import { runSweep, type SweepReport } from './app/sweep';
import { readFormResponses } from './adapters/form-responses';
import { readProjectFacts } from './adapters/project-facts';
import { AppsScriptLock } from './adapters/script-lock';
import { PROPERTY } from './adapters/script-properties';
import { createServices, forgetSpreadsheetCache } from './adapters/services';
import { SpreadsheetSetup } from './adapters/spreadsheet-setup';
import { consoleLog } from './adapters/system';

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Shows a message to the person at the spreadsheet, when there is one. */
function tellUser(title: string, lines: string[]): void {
  try {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, lines.join('\n'), ui.ButtonSet.OK);
  } catch {
    // No UI in triggers and the web app: the log line is enough.
  }
}

/** Simple trigger: adds the "Lead Routing" menu. */
export function onOpen(): void {
  try {
    SpreadsheetApp.getUi()
      .createMenu('Lead Routing')
      .addItem('Set up', 'setup')
      .addItem('Check set-up', 'checkSetup')
      .addItem('Run SLA check now', 'runSlaSweep')
      .addItem('Reprocess form responses', 'reprocessFormResponses')
      .addItem('Send me a test message', 'sendMeATestMessage')
      .addToUi();
  } catch (err) {
    consoleLog.warn(`onOpen: ${describe(err)}`);
  }
}

/** Creates or repairs sheets, settings and triggers; returns (and shows) what is still missing. */
export function setup(): string[] {
  try {
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
    const lines = [...report.done.map((d) => `✓ ${d}`), ...(report.missing.length ? report.missing.map((m) => `✗ ${m}`) : ['Everything needed is in place.'])];
    consoleLog.info(`setup: ${lines.join(' | ')}`);
    tellUser('Lead Routing set-up', lines);
    return report.missing;
  } catch (err) {
    consoleLog.error(`setup failed: ${describe(err)}`);
    tellUser('Lead Routing set-up failed', [describe(err)]);
    throw err;
  }
}

/** Installable spreadsheet form-submit trigger: intake of one response. */
export function onFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  try {
    const result = takeLeadOrPark(createServices(), { namedValues: e?.namedValues ?? {}, values: e?.values ?? [] });
    consoleLog.info(`onFormSubmit: ${JSON.stringify(result)}`);
  } catch (err) {
    consoleLog.error(`onFormSubmit failed; the response stays in the form's response sheet (menu: Reprocess form responses): ${describe(err)}`);
    throw err;
  }
}

/** Time-driven trigger (and the menu): SLA re-routing, escalation, pending Slack messages. */
export function runSlaSweep(): SweepReport {
  try {
    const report = runSweep(createServices());
    consoleLog.info(`runSlaSweep: ${JSON.stringify(report)}`);
    return report;
  } catch (err) {
    consoleLog.error(`runSlaSweep failed: ${describe(err)}`);
    tellUser('Lead Routing: SLA check failed', [describe(err)]);
    throw err;
  }
}

/** Daily time-driven trigger: closed leads to lead_archive, finished outbox rows dropped. */
export function runArchive(): ArchiveReport {
  try {
    const report = archiveClosedLeads(createServices());
    consoleLog.info(`runArchive: ${JSON.stringify(report)}`);
    return report;
  } catch (err) {
    consoleLog.error(`runArchive failed: ${describe(err)}`);
    throw err;
  }
}

/** Menu: reports what is right and what to fix, changing nothing. */
export function checkSetup(): CheckLine[] {
  try {
    const lines = runCheckSetup(createServices(), readProjectFacts());
    const text = lines.map((l) => `${l.ok ? '✓' : '✗'} ${l.text}`);
    consoleLog.info(`checkSetup: ${text.join(' | ')}`);
    tellUser('Lead Routing: check set-up', text);
    return lines;
  } catch (err) {
    consoleLog.error(`checkSetup failed: ${describe(err)}`);
    tellUser('Lead Routing: check set-up failed', [describe(err)]);
    throw err;
  }
}

/** Menu: a direct message to the person at the spreadsheet, found by email in sales_sheet. */
export function sendMeATestMessage(): string {
  try {
    const result = sendTestMessage(createServices(), Session.getActiveUser().getEmail());
    consoleLog.info(`sendMeATestMessage: ${result}`);
    tellUser('Lead Routing: test message', [result]);
    return result;
  } catch (err) {
    consoleLog.error(`sendMeATestMessage failed: ${describe(err)}`);
    throw err;
  }
}

/** Menu: takes in form responses that never became leads; safe to run any time. */
export function reprocessFormResponses(): ReprocessReport {
  try {
    const report = reprocessResponses(createServices(), readFormResponses());
    const lines = [
      `${report.responses} response(s) in the form's sheet; ${report.alreadyLeads} were already leads.`,
      report.created.length ? `Taken in now: ${report.created.join(', ')}` : 'Nothing was missing.',
    ];
    consoleLog.info(`reprocessFormResponses: ${lines.join(' ')}`);
    tellUser('Lead Routing: reprocess form responses', lines);
    return report;
  } catch (err) {
    consoleLog.error(`reprocessFormResponses failed: ${describe(err)}`);
    tellUser('Lead Routing: reprocess failed', [describe(err)]);
    throw err;
  }
}

/** Slack interactivity Request URL. Always an empty 200, whatever arrives. */
export function doPost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  try {
    const result = handleSlackRequest(createServices(), e);
    consoleLog.info(`doPost: ${result.kind} ${'reason' in result ? result.reason : `${result.leadId} ${result.outcome}`}`);
  } catch (err) {
    consoleLog.error(`doPost failed: ${describe(err)}`);
  }
  return ContentService.createTextOutput('');
}

/** Health for a browser or an uptime check: counts only, no personal data. */
export function doGet(): GoogleAppsScript.Content.TextOutput {
  let body: unknown;
  try {
    body = checkHealth(createServices());
  } catch (err) {
    body = { ok: false, service: 'lead-routing', error: err && typeof err === 'object' && 'code' in err ? (err as { code: string }).code : 'ERROR' };
  }
  return ContentService.createTextOutput(JSON.stringify(body)).setMimeType(ContentService.MimeType.JSON);
}

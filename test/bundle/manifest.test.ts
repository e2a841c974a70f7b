/**
 * appsscript.json, as clasp pushes it from dist/: the settings Apps Script deploys with,
 * and oauthScopes matching what the bundle calls (a scope for each service used, none
 * more).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve(__dirname, '..', '..', 'dist');
const manifest = JSON.parse(readFileSync(path.join(dist, 'appsscript.json'), 'utf8')) as Record<
  string,
  unknown
>;
const code = readFileSync(path.join(dist, 'Code.js'), 'utf8');

describe('the Apps Script manifest', () => {
  test('V8, Jakarta time, Stackdriver logging, the Sheets advanced service', () => {
    expect(manifest).toMatchObject({
      timeZone: 'Asia/Jakarta',
      runtimeVersion: 'V8',
      exceptionLogging: 'STACKDRIVER',
      dependencies: {
        enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }],
      },
    });
  });

  test('the web app runs as the deploying user and is open to anonymous callers (Slack cannot sign in)', () => {
    expect(manifest.webapp).toEqual({ executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
  });

  test('each scope is needed by a service the bundle calls, and each service called has its scope', () => {
    const needs: Array<[string, RegExp]> = [
      ['https://www.googleapis.com/auth/spreadsheets', /\b(SpreadsheetApp|Sheets)\./],
      ['https://www.googleapis.com/auth/script.external_request', /\bUrlFetchApp\./],
      [
        'https://www.googleapis.com/auth/script.scriptapp',
        /\bScriptApp\.(newTrigger|getProjectTriggers|deleteTrigger)/,
      ],
      ['https://www.googleapis.com/auth/script.container.ui', /\.getUi\(\)/],
      [
        'https://www.googleapis.com/auth/userinfo.email',
        /Session\.getActiveUser\(\)\.getEmail\(\)/,
      ],
    ];
    for (const [, uses] of needs) expect(code).toMatch(uses);
    // Connect Slack: HtmlService needs no scope of its own; showing its page in the
    // spreadsheet is Ui.showSidebar, under script.container.ui ("Display and run
    // third-party web content in prompts and sidebars inside Google applications").
    expect(code).toMatch(/HtmlService\.createHtmlOutputFromFile\('Sidebar'\)/);
    expect(code).toMatch(/\.getUi\(\)\.showSidebar\(/);
    // Who may use it: the spreadsheet's sharing (spreadsheets) and the caller's email (userinfo.email).
    expect(code).toMatch(/\.getEditors\(\)/);
    expect([...(manifest.oauthScopes as string[])].sort()).toEqual(
      needs.map(([scope]) => scope).sort(),
    );
  });
});

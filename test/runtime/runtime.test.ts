import { createRuntime } from './index';
import { EXCEEDED_MAX_EXECUTION_TIME } from './services/executions';
import { runtimeWith } from './services/test-bundle';

const bundle = `
var loads = 0;
loads++;
function count() { return loads; }
function globalsSeen() {
  return [typeof process, typeof require, typeof Buffer, typeof setTimeout, typeof module, typeof global,
    typeof SpreadsheetApp, typeof UrlFetchApp, typeof Utilities];
}
function sleepForever() { for (;;) Utilities.sleep(60000); }
function swallowTimeout() {
  try { for (;;) Utilities.sleep(60000); } catch (e) { return 'caught ' + e.message; }
}
function readCells(n) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  for (var i = 0; i < n; i++) sheet.getRange(1, 1).getValue();
  return 'done';
}
function doGet() { SpreadsheetApp.getUi(); }
function ui() { return typeof SpreadsheetApp.getUi().alert; }
function arrays() { return [Array.isArray(PropertiesService.getScriptProperties().getKeys()),
  PropertiesService.getScriptProperties().getKeys() instanceof Array]; }
function onOpen(e) { Logger.log('open ' + e.authMode); UrlFetchApp.fetch('https://slack.com/api/auth.test'); }
`;

describe('local runtime', () => {
  test('Exceeded maximum execution time after 6 minutes of fake time', () => {
    const rt = runtimeWith(bundle);
    const t0 = rt.clock.now();
    expect(() => rt.run('sleepForever')).toThrow(EXCEEDED_MAX_EXECUTION_TIME);
    expect(rt.clock.now() - t0).toBeGreaterThan(360_000);
    expect(rt.clock.now() - t0).toBeLessThanOrEqual(420_000);
  });

  test('a killed execution stays killed even if the bundle catches the error', () => {
    const rt = runtimeWith(bundle);
    expect(() => rt.run('swallowTimeout')).toThrow(EXCEEDED_MAX_EXECUTION_TIME);
    expect(rt.executions[0]).toMatchObject({ ok: false });
  });

  test('the latency model charges spreadsheet round trips and ends a slow execution', () => {
    const latency = {
      perSpreadsheetCallMs: 1000,
      perCellReadMs: 0,
      perCellWrittenMs: 0,
      perFetchMs: 0,
    };
    const rt = runtimeWith(bundle, { latency });
    const t0 = rt.clock.now();
    expect(rt.run('readCells', 10)).toBe('done');
    expect(rt.clock.now() - t0).toBeGreaterThanOrEqual(10 * 2 * 1000);
    expect(() => rt.run('readCells', 1000)).toThrow(EXCEEDED_MAX_EXECUTION_TIME);
  });

  test('the bundle sees only Apps Script services, no Node globals', () => {
    expect(runtimeWith(bundle).run('globalsSeen')).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'object',
      'object',
      'object',
    ]);
  });

  test('every execution starts with fresh globals, as in Apps Script', () => {
    const rt = runtimeWith(bundle);
    expect(rt.run('count')).toBe(1);
    expect(rt.run('count')).toBe(1);
  });

  test('getUi throws in a web-app execution and works from a menu', () => {
    const rt = runtimeWith(bundle);
    expect(() => rt.run('doGet')).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(rt.runAs('menu', 'ui')).toBe('function');
  });

  test('service arrays pass instanceof Array in the bundle', () => {
    expect(runtimeWith(bundle).run('arrays')).toEqual([true, true]);
  });

  test('a simple onOpen cannot call UrlFetchApp', () => {
    const rt = runtimeWith(bundle);
    const [open] = rt.openSpreadsheet();
    expect(open.ok).toBe(false);
    expect(String(open.error)).toMatch(
      /^Exception: You do not have permission to call UrlFetchApp.fetch/,
    );
    expect(rt.logText()).toContain('open LIMITED');
  });

  test('an unknown entry point fails like Apps Script', () => {
    expect(() => runtimeWith(bundle).run('nope')).toThrow('Script function not found: nope');
  });

  test('globalFunctions lists the bundle top-level functions', () => {
    expect(runtimeWith(bundle).globalFunctions()).toEqual(
      expect.arrayContaining(['count', 'doGet', 'onOpen']),
    );
  });
});

describe('local runtime over the real dist/Code.js', () => {
  test('loads the built bundle by default and answers doGet as JSON', () => {
    const rt = createRuntime();
    const out = rt.run('doGet') as { getContent(): string; getMimeType(): string };
    expect(out.getMimeType()).toBe('JSON');
    expect(() => JSON.parse(out.getContent())).not.toThrow();
    expect(rt.executions[0]).toMatchObject({ kind: 'webapp', entry: 'doGet', ok: true });
    expect(rt.lockLeaks).toEqual([]);
  });
});

import { TOO_MANY_TRIGGERS_MESSAGE } from './script-app';
import { runtimeWith } from './test-bundle';

const bundle = `
var SWEEP = 'sweep';
function install(minutes) { ScriptApp.newTrigger(SWEEP).timeBased().everyMinutes(minutes).create(); }
function installHours(hours) { ScriptApp.newTrigger(SWEEP).timeBased().everyHours(hours).create(); }
function installMany(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('h' + i).timeBased().everyHours(1).create(); }
function installForm() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  return ScriptApp.newTrigger('onFormSubmit').forSpreadsheet(ss).onFormSubmit().create().getUniqueId();
}
function describeTriggers() {
  return ScriptApp.getProjectTriggers().map(function (t) {
    return [t.getHandlerFunction(), t.getEventType(), t.getTriggerSource(), t.getTriggerSourceId(),
      t.getEventType() === ScriptApp.EventType.CLOCK];
  });
}
function deleteAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
function sweep(e) { Logger.log('sweep ' + e.triggerUid + ' ' + e.authMode); }
function onFormSubmit(e) { Logger.log('form ' + e.namedValues.Name[0]); }
function url() { return ScriptApp.getService().getUrl(); }
function onOpen() { ScriptApp.getProjectTriggers(); }
`;

describe('ScriptApp', () => {
  test('everyMinutes(7) rejected', () => {
    expect(() => runtimeWith(bundle).run('install', 7)).toThrow(/everyMinutes.*1, 5, 10, 15 or 30/);
  });

  test('everyMinutes accepts 1, 5, 10, 15 and 30; everyHours(3) is rejected', () => {
    const rt = runtimeWith(bundle);
    for (const n of [1, 5, 10, 15, 30]) rt.run('install', n);
    expect(rt.triggers.map((t) => t.intervalMs)).toEqual([
      60_000, 300_000, 600_000, 900_000, 1_800_000,
    ]);
    expect(() => rt.run('installHours', 3)).toThrow(/everyHours/);
  });

  test('21st trigger rejected', () => {
    const rt = runtimeWith(bundle);
    rt.run('installMany', 20);
    expect(() => rt.run('install', 5)).toThrow(TOO_MANY_TRIGGERS_MESSAGE);
    expect(rt.triggers).toHaveLength(20);
  });

  test('getProjectTriggers describes each trigger; deleteTrigger removes it', () => {
    const rt = runtimeWith(bundle);
    rt.run('install', 5);
    rt.run('installForm');
    expect(rt.run('describeTriggers')).toEqual([
      ['sweep', 'CLOCK', 'CLOCK', null, true],
      ['onFormSubmit', 'ON_FORM_SUBMIT', 'SPREADSHEETS', rt.book.id, false],
    ]);
    rt.run('deleteAll');
    expect(rt.triggers).toEqual([]);
  });

  test('fireDueTriggers runs a time-driven trigger once its interval has elapsed', () => {
    const rt = runtimeWith(bundle);
    rt.run('install', 5);
    expect(rt.fireDueTriggers()).toEqual([]);
    rt.clock.advanceMinutes(5);
    const [fired] = rt.fireDueTriggers();
    expect(fired).toMatchObject({ kind: 'trigger', entry: 'sweep', ok: true });
    expect(rt.logText()).toContain(`sweep ${rt.triggers[0].uniqueId} FULL`);
    expect(rt.fireDueTriggers()).toEqual([]);
  });

  test('a form response runs onFormSubmit only when the trigger is installed', () => {
    const rt = runtimeWith(bundle);
    rt.book.linkForm({ questions: ['Name'] });
    expect(rt.fireFormSubmit({ Name: 'Ana' })).toEqual([]);
    rt.run('installForm');
    const [run] = rt.fireFormSubmit({ Name: 'Budi' }, { duplicate: true }).slice(1);
    expect(run).toMatchObject({ entry: 'onFormSubmit', ok: true });
    expect(rt.logs.filter((l) => l.text === 'form Budi')).toHaveLength(2);
  });

  test('a trigger whose handler is missing fails as "Script function not found"', () => {
    const rt = runtimeWith(bundle);
    rt.run('installMany', 1);
    rt.clock.advanceMinutes(60);
    const [fired] = rt.fireDueTriggers();
    expect(fired.ok).toBe(false);
    expect(String(fired.error)).toBe('Exception: Script function not found: h0');
    expect(rt.failures).toEqual([fired]);
  });

  // getUrl(): "Returns the URL of the web app, if it has been deployed; otherwise returns
  // null. If you are running the development mode web app, this returns the development
  // mode url." (reference/script/service#getUrl)
  test('the web-app URL is null until deployed', () => {
    const rt = runtimeWith(bundle);
    expect(rt.run('url')).toBeNull();
    rt.deployWebApp('https://script.google.com/macros/s/abc/exec');
    expect(rt.run('url')).toBe('https://script.google.com/macros/s/abc/exec');
  });

  test('a simple trigger may not manage triggers', () => {
    const rt = runtimeWith(bundle);
    const [open] = rt.openSpreadsheet();
    expect(open).toMatchObject({ kind: 'simple', entry: 'onOpen', ok: false });
    expect(String(open.error)).toMatch(
      /You do not have permission to call ScriptApp.getProjectTriggers/,
    );
  });
});

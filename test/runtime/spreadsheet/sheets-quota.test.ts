/**
 * The advanced Sheets service's per-minute quotas, as documented at
 * developers.google.com/sheets/api/limits ("Usage limits": 60 read and 60 write
 * requests per minute per user per project, refilled every minute, HTTP 429 beyond),
 * with the error Apps Script surfaces: a GoogleJsonResponseException whose message is
 * "API call to sheets.spreadsheets.values.batchGet failed with error: Quota exceeded for
 * quota metric 'Read requests' and limit 'Read requests per minute per user' of service
 * 'sheets.googleapis.com' for consumer 'project_number:…'." (status RESOURCE_EXHAUSTED).
 */
import { runtimeWith } from '../services/test-bundle';
import { quotaExceededMessage, SHEETS_API_LIMITS } from './sheets-quota';

const bundle = `
function id() { return SpreadsheetApp.getActive().getId(); }
function reads(n) {
  var ss = id(), out = [];
  for (var i = 0; i < n; i++) {
    try { Sheets.Spreadsheets.Values.batchGet(ss, { ranges: ['Sheet1!A1:B2'] }); out.push('ok'); }
    catch (e) { out.push(e.name + ': ' + e.message + ' [' + (e.details && e.details.code) + ']'); }
  }
  return out;
}
function writes(n) {
  var ss = id(), out = [];
  var lock = LockService.getScriptLock(); lock.tryLock(1000);
  for (var i = 0; i < n; i++) {
    try {
      Sheets.Spreadsheets.Values.update({ values: [['w' + i]] }, ss, 'Sheet1!A1', { valueInputOption: 'RAW' });
      out.push('ok');
    } catch (e) { out.push(e.message); }
  }
  lock.releaseLock();
  return out;
}
function a1() { return SpreadsheetApp.getActive().getSheets()[0].getRange('A1').getValue(); }
function spreadsheetAppReads(n) {
  var r = SpreadsheetApp.getActive().getSheets()[0].getRange('A1');
  for (var i = 0; i < n; i++) r.getValue();
  return 'ok';
}
`;

const READ_REFUSED = `GoogleJsonResponseException: API call to sheets.spreadsheets.values.batchGet failed with error: ${quotaExceededMessage('read', 'user')} [429]`;

describe('Sheets API per-minute quota (developers.google.com/sheets/api/limits)', () => {
  test('the documented figures: 60 read and 60 write requests per minute per user, 300 per project', () => {
    expect(SHEETS_API_LIMITS).toEqual({
      readsPerMinutePerUser: 60,
      writesPerMinutePerUser: 60,
      readsPerMinutePerProject: 300,
      writesPerMinutePerProject: 300,
    });
    expect(quotaExceededMessage('read', 'user')).toMatch(
      /^Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets\.googleapis\.com' for consumer 'project_number:\d+'\.$/,
    );
    expect(quotaExceededMessage('write', 'user')).toContain(
      "quota metric 'Write requests' and limit 'Write requests per minute per user'",
    );
  });

  test('the 61st read within a minute fails with HTTP 429 and the API text, as a GoogleJsonResponseException', () => {
    const rt = runtimeWith(bundle);
    const out = rt.run('reads', 61) as string[];
    expect(out.slice(0, 60).every((r) => r === 'ok')).toBe(true);
    expect(out[60]).toBe(READ_REFUSED);
  });

  test('reads and writes have separate quotas', () => {
    const rt = runtimeWith(bundle);
    expect((rt.run('reads', 61) as string[])[60]).not.toBe('ok');
    const w = rt.run('writes', 61) as string[];
    expect(w.filter((r) => r === 'ok')).toHaveLength(60);
    expect(w[60]).toBe(
      `API call to sheets.spreadsheets.values.update failed with error: ${quotaExceededMessage('write', 'user')}`,
    );
  });

  test('a refused write changes nothing', () => {
    const rt = runtimeWith(bundle);
    rt.run('writes', 60);
    expect(rt.run('a1')).toBe('w59');
    expect(rt.run('writes', 1)).toEqual([
      `API call to sheets.spreadsheets.values.update failed with error: ${quotaExceededMessage('write', 'user')}`,
    ]);
    expect(rt.run('a1')).toBe('w59');
  });

  test('the quota counts a rolling minute across executions; refused requests count too (harder reading)', () => {
    const rt = runtimeWith(bundle);
    expect(rt.run('reads', 30)).toEqual(new Array(30).fill('ok'));
    rt.clock.advanceMs(30_000);
    const second = rt.run('reads', 31) as string[];
    expect(second.slice(0, 30).every((r) => r === 'ok')).toBe(true);
    expect(second[30]).toBe(READ_REFUSED);
    // 30 s later the first 30 have left the window; the refused one has not.
    rt.clock.advanceMs(30_000);
    const third = rt.run('reads', 30) as string[];
    expect(third.filter((r) => r === 'ok')).toHaveLength(29);
    // A full minute after the last request, everything is refilled.
    rt.clock.advanceMs(60_000);
    expect(rt.run('reads', 60)).toEqual(new Array(60).fill('ok'));
  });

  test('the limit is per user: another user has their own 60', () => {
    const rt = runtimeWith(bundle);
    rt.run('reads', 60);
    const other = rt.runAs(
      { kind: 'editor', effectiveUserEmail: 'admin2@example.com' },
      'reads',
      60,
    ) as string[];
    expect(other.every((r) => r === 'ok')).toBe(true);
  });

  test('SpreadsheetApp is another service: its calls do not use the Sheets API quota', () => {
    const rt = runtimeWith(bundle);
    expect(rt.run('spreadsheetAppReads', 200)).toBe('ok');
    expect(rt.run('reads', 60)).toEqual(new Array(60).fill('ok'));
  });

  test('sheetsApiQuota: false turns the model off (for tests about something else)', () => {
    const rt = runtimeWith(bundle, { sheetsApiQuota: false });
    expect((rt.run('reads', 100) as string[]).every((r) => r === 'ok')).toBe(true);
  });
});

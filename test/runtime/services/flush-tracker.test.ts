/**
 * SpreadsheetApp writes wait for SpreadsheetApp.flush() (reference/spreadsheet/
 * spreadsheet-app#flush: "Spreadsheet operations are sometimes bundled together to
 * improve performance"), and Google's lock guidance is to flush before releaseLock()
 * (reference/lock/lock). The runtime records every lock release that follows
 * SpreadsheetApp writes without a flush; Sheets API writes never count.
 */
import { runtimeWith } from './test-bundle';

const bundle = `
function write(flush) {
  var lock = LockService.getScriptLock();
  lock.tryLock(1000);
  SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1').setValue('x');
  if (flush) SpreadsheetApp.flush();
  lock.releaseLock();
}
function apiWrite() {
  var lock = LockService.getScriptLock();
  lock.tryLock(1000);
  Sheets.Spreadsheets.Values.update({ values: [['y']] }, SpreadsheetApp.getActive().getId(), 'Sheet1!B1', { valueInputOption: 'RAW' });
  lock.releaseLock();
}
`;

describe('SpreadsheetApp.flush before a lock release', () => {
  test('a release after a SpreadsheetApp write without flush is recorded', () => {
    const rt = runtimeWith(bundle);
    rt.run('write', false);
    expect(rt.unflushedLockReleases).toEqual([
      { executionId: 1, entry: 'write', writes: ['setValue Sheet1!A1'] },
    ]);
  });

  test('flush first, or Sheets API writes only: nothing recorded', () => {
    const rt = runtimeWith(bundle);
    rt.run('write', true);
    rt.run('apiWrite');
    expect(rt.unflushedLockReleases).toEqual([]);
    expect(rt.book.sheet('Sheet1').rows()).toEqual([['x', 'y']]);
  });
});

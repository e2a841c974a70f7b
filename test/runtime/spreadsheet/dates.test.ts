import { setup } from './test-support';

describe('dates are serial numbers in the spreadsheet time zone', () => {
  test('a Date written with setValue reads back as the same instant and shows in the spreadsheet zone', () => {
    const { ss, deps, book } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1');
    const at = new deps.DateClass(Date.UTC(2026, 10, 26, 2, 0, 0));
    r.setValue(at);
    const back = r.getValue();
    expect(back).toBeInstanceOf(deps.DateClass);
    expect((back as Date).getTime()).toBe(at.getTime());
    expect(r.getNumberFormat()).toBe('M/d/yyyy H:mm:ss');
    expect(r.getDisplayValue()).toBe('11/26/2026 9:00:00');
    // Stored as the serial of 2026-11-26 09:00 wall time in Jakarta.
    expect(book.sheet('Sheet1').cell('A1').value).toBeCloseTo(46352 + 9 / 24, 9);
  });

  test('a Date written into a number-formatted cell keeps that format and reads back as a number', () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1');
    r.setNumberFormat('0.00');
    r.setValue(new Date(Date.UTC(2026, 10, 26, 2, 0, 0)));
    expect(typeof r.getValue()).toBe('number');
  });

  test('changing the spreadsheet time zone keeps wall-clock values and shifts the instants', () => {
    const { ss, book } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1');
    r.setValue('2026-11-26 10:00');
    book.setTimeZone('UTC');
    expect((r.getValue() as Date).toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(ss.getSpreadsheetTimeZone()).toBe('UTC');
  });

  test('a number typed into a date-formatted cell becomes a date', () => {
    const { ss } = setup({ timeZone: 'UTC' });
    const r = ss.getSheetByName('Sheet1').getRange('A1');
    r.setNumberFormat('yyyy-mm-dd');
    r.setValue(46352);
    expect((r.getValue() as Date).toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });
});

import { setup } from './test-support';

describe('setValues parses strings like a person typing (en_US)', () => {
  test('setValues turns a phone-like string into a number unless the cell is formatted as plain text', () => {
    const { ss } = setup();
    const sheet = ss.insertSheet('leads');
    sheet.getRange('A1:B1').setValues([['6281234567890', '0812']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([[6281234567890, 812]]);
    sheet.getRange('A2:B2').setNumberFormat('@');
    sheet.getRange('A2:B2').setValues([['6281234567890', '0812']]);
    expect(sheet.getRange('A2:B2').getValues()).toEqual([['6281234567890', '0812']]);
  });

  test('negative, grouped, percent and currency strings become numbers', () => {
    const { ss, book } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    sheet.getRange(1, 1, 1, 4).setValues([['-2', '1,234.5', '12%', '$5']]);
    expect(sheet.getRange(1, 1, 1, 4).getValues()).toEqual([[-2, 1234.5, 0.12, 5]]);
    expect(book.sheet('Sheet1').numberFormat('C1')).toBe('0%');
    expect(sheet.getRange(1, 1, 1, 4).getDisplayValues()).toEqual([
      ['-2', '1,234.50', '12%', '$5.00'],
    ]);
  });

  test('a leading = makes a formula: getValues shows the placeholder, getFormulas the formula', () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1');
    r.setValue('=HYPERLINK("x")');
    expect(r.getValue()).toBe('#FORMULA');
    expect(r.getFormula()).toBe('=HYPERLINK("x")');
  });

  test("'+1+1' becomes the formula '=+1+1' while '+62812' is just a number", () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1:B1');
    r.setValues([['+1+1', '+62812']]);
    expect(r.getFormulas()).toEqual([['=+1+1', '']]);
    expect(r.getValues()).toEqual([['#FORMULA', 62812]]);
  });

  test('a cell formatted as plain text keeps a leading = as text (no formula)', () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1');
    r.setNumberFormat('@').setValue('=IMPORTXML("evil")');
    expect(r.getValue()).toBe('=IMPORTXML("evil")');
    expect(r.getFormula()).toBe('');
  });

  test('a leading apostrophe keeps the text and is dropped', () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1');
    r.setValue("'0812");
    expect(r.getValue()).toBe('0812');
    expect(r.getDisplayValue()).toBe('0812');
  });

  test('TRUE/false in any case become booleans', () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1:C1');
    r.setValues([['TRUE', 'false', 'True']]);
    expect(r.getValues()).toEqual([[true, false, true]]);
  });

  test('recognisable date strings become Dates with a date format', () => {
    const { ss, book } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1:B1');
    r.setValues([['2026-11-26', '2026-11-26 10:00']]);
    const [[d, dt]] = r.getValues();
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).toISOString()).toBe('2026-11-25T17:00:00.000Z'); // midnight in Jakarta (UTC+7)
    expect((dt as Date).toISOString()).toBe('2026-11-26T03:00:00.000Z');
    expect(book.sheet('Sheet1').numberFormat('A1')).toBe('yyyy-mm-dd');
    expect(r.getDisplayValues()).toEqual([['2026-11-26', '2026-11-26 10:00:00']]);
  });

  test('ISO timestamps with T and Z are not dates to Sheets: they stay text', () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1');
    r.setValue('2026-11-26T10:00:00Z');
    expect(r.getValue()).toBe('2026-11-26T10:00:00Z');
  });

  test('a text that merely starts with - is read as a formula, as typing "- note" does in Sheets', () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('A1');
    r.setValue('- note');
    expect(r.getFormula()).toBe('=- note');
  });

  test('appendRow coerces like setValues', () => {
    const { ss } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    sheet.appendRow(['0812', 'TRUE', '=1+1', "'007"]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[812, true, '#FORMULA', '007']]);
  });

  test('null and empty string clear the cell', () => {
    const { ss } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    sheet.getRange('A1:B1').setValues([['x', 'y']]);
    sheet.getRange('A1:B1').setValues([[null, '']]);
    expect(sheet.getLastRow()).toBe(0);
  });
});

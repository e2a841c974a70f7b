import { setup } from './test-support';

describe('sheets, ranges and their errors', () => {
  test('setValues throws when the data has a different number of rows than the range', () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange(2, 1, 1, 3);
    expect(() =>
      r.setValues([
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ]),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 1.',
    );
    expect(() => r.setValues([['a', 'b']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
  });

  test('getRange outside the 1000 x 26 grid of a new sheet throws the coordinates exception', () => {
    const { ss } = setup();
    const sheet = ss.insertSheet('x');
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 1, 1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    let err: Error | undefined;
    try {
      sheet.getRange(0, 1);
    } catch (e) {
      err = e as Error;
    }
    expect(String(err)).toBe('Exception: The starting row of the range is too small.');
  });

  test('getValues of empty cells gives empty strings; empty sheet has last row and column 0', () => {
    const { ss } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
  });

  test('getRange accepts A1, open-ended and whole-column notations', () => {
    const { ss } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    expect(sheet.getRange('B2:D').getA1Notation()).toBe('B2:D1000');
    expect(sheet.getRange('A:C').getNumRows()).toBe(1000);
    expect(sheet.getRange('C5').getRow()).toBe(5);
    expect(() => sheet.getRange('A1:A1001')).toThrow('Range not found');
  });

  test('insertSheet refuses a taken name (case-insensitively) with the Apps Script message', () => {
    const { ss } = setup();
    ss.insertSheet('leads');
    expect(() => ss.insertSheet('Leads')).toThrow(
      'A sheet with the name "Leads" already exists. Please enter another name.',
    );
    expect(ss.getSheetByName('nope')).toBeNull();
  });

  test('a renamed sheet keeps its sheetId and is found by its new name only', () => {
    const { ss, book } = setup();
    const sheet = ss.insertSheet('leads');
    const id = sheet.getSheetId();
    book.sheet('leads').rename('leads_old');
    expect(ss.getSheetByName('leads')).toBeNull();
    expect(ss.getSheetByName('leads_old').getSheetId()).toBe(id);
    expect(sheet.getName()).toBe('leads_old');
  });

  test('appendRow grows a full grid by one row', () => {
    const { ss, book } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    book.sheet('Sheet1').resize(2, 3);
    sheet.appendRow(['a']);
    sheet.appendRow(['b']);
    sheet.appendRow(['c', 'd', 'e', 'f']);
    expect(sheet.getMaxRows()).toBe(3);
    expect(sheet.getMaxColumns()).toBe(4);
    expect(book.sheet('Sheet1').rows()).toEqual([
      ['a', '', '', ''],
      ['b', '', '', ''],
      ['c', 'd', 'e', 'f'],
    ]);
  });

  test('inserted rows take the plain-text format of the row above, so phones stay text', () => {
    const { ss } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    sheet.getRange('A2:A1000').setNumberFormat('@');
    sheet.insertRowsAfter(1000, 5);
    sheet.getRange('A1004').setValue('0812');
    expect(sheet.getRange('A1004').getValue()).toBe('0812');
  });

  test('deleteRows shifts rows up and refuses to delete every row', () => {
    const { ss, book } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    book.sheet('Sheet1').setRows([['h'], ['a'], ['b'], ['c']]);
    sheet.deleteRows(2, 2);
    expect(book.sheet('Sheet1').rows()).toEqual([['h'], ['c']]);
    expect(sheet.getMaxRows()).toBe(998);
    expect(() => sheet.deleteRows(1, 998)).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
  });

  test('clearContent keeps formats and validation; clear drops formats', () => {
    const { app, ss, book } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    const rule = app.newDataValidation().requireValueInList(['NEW', 'CONTACTED'], true).build();
    sheet.getRange('A1').setNumberFormat('@').setDataValidation(rule).setValue('x');
    sheet.getRange('A1').clearContent();
    expect(book.sheet('Sheet1').numberFormat('A1')).toBe('@');
    expect(book.sheet('Sheet1').validation('A1')?.criteriaType).toBe('VALUE_IN_LIST');
    sheet.getRange('A1').clear();
    expect(book.sheet('Sheet1').numberFormat('A1')).toBe('General');
  });

  test('insertCheckboxes sets FALSE and a checkbox rule', () => {
    const { ss } = setup();
    const r = ss.getSheetByName('Sheet1').getRange('D2:D3');
    r.insertCheckboxes();
    expect(r.getValues()).toEqual([[false], [false]]);
    expect(r.getDataValidation().getCriteriaType()).toBe('CHECKBOX');
    r.setValues([['TRUE'], [true]]);
    expect(r.isChecked()).toBe(true);
  });

  test('data-validation builders are not counted and getCriteriaValues mirrors Apps Script', () => {
    const { app, counters } = setup();
    const before = counters.spreadsheetCalls;
    const rule = app
      .newDataValidation()
      .requireValueInList(['A', 'B'])
      .setAllowInvalid(false)
      .setHelpText('pick')
      .build();
    expect(counters.spreadsheetCalls).toBe(before);
    expect(rule.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(rule.getCriteriaValues()).toEqual([['A', 'B'], true]);
    expect(rule.getAllowInvalid()).toBe(false);
    expect(rule.getHelpText()).toBe('pick');
  });

  test('TextFinder finds cells by display text, case-insensitive and partial unless told', () => {
    const { ss, book } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    book.sheet('Sheet1').setRows([['lead_id'], ['L-1'], ['L-10'], ['l-1']]);
    expect(
      sheet
        .createTextFinder('L-1')
        .findAll()
        .map((r: { getRow(): number }) => r.getRow()),
    ).toEqual([2, 3, 4]);
    const exact = sheet.createTextFinder('L-1').matchEntireCell(true).matchCase(true);
    expect(exact.findNext().getA1Notation()).toBe('A2');
    expect(exact.findNext()).toBeNull();
  });

  test('openById of another spreadsheet throws', () => {
    const { app, id } = setup();
    expect(app.openById(id).getId()).toBe(id);
    expect(() => app.openById('nope')).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
  });
});

import { setup } from './test-support';

describe('round trips, cells and the script lock', () => {
  test('one call counts once, with the cells it read or wrote, and charges the runtime', () => {
    const { ss, counters, trips } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    const range = sheet.getRange(1, 1, 2, 3);
    const base = { ...counters };
    range.setValues([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    range.getValues();
    expect(counters.spreadsheetCalls - base.spreadsheetCalls).toBe(2);
    expect(counters.cellsWritten - base.cellsWritten).toBe(6);
    expect(counters.cellsRead - base.cellsRead).toBe(6);
    expect(trips.slice(-2)).toEqual([
      { kind: 'spreadsheet', cellsRead: 0, cellsWritten: 6 },
      { kind: 'spreadsheet', cellsRead: 6, cellsWritten: 0 },
    ]);
  });

  test('every advanced-service call counts once; batchGet counts the cells returned', () => {
    const { Sheets, id, counters, book } = setup();
    book.sheet('Sheet1').setRows([['a', 'b'], ['c']]);
    const before = { ...counters };
    Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['Sheet1!A:Z', 'Sheet1!A1'] });
    expect(counters.spreadsheetCalls - before.spreadsheetCalls).toBe(1);
    expect(counters.cellsRead - before.cellsRead).toBe(4);
  });

  test('a call that throws still counts as a round trip', () => {
    const { ss, counters } = setup();
    const sheet = ss.getSheetByName('Sheet1');
    const before = counters.spreadsheetCalls;
    expect(() => sheet.getRange(5000, 1)).toThrow();
    expect(counters.spreadsheetCalls - before).toBe(1);
  });

  test('writes without the script lock are recorded; reads are not', () => {
    const { ss, counters, lock, Sheets, id } = setup({ held: false });
    ss.insertSheet('lead_sheet');
    const sheet = ss.getSheetByName('lead_sheet');
    sheet.getRange('A2:C2').setValues([['a', 'b', 'c']]);
    sheet.getRange('A2:C2').getValues();
    Sheets.Spreadsheets.Values.update({ values: [['x']] }, id, 'lead_sheet!D2', {
      valueInputOption: 'RAW',
    });
    expect(counters.unlockedWrites).toEqual([
      'insertSheet lead_sheet',
      'setValues lead_sheet!A2:C2',
      'Sheets.Values.update lead_sheet!D2',
    ]);
    lock.held = true;
    sheet.appendRow(['z']);
    expect(counters.unlockedWrites).toHaveLength(3);
  });

  test('the book handle is neither counted nor lock-checked', () => {
    const { book, counters } = setup({ held: false });
    const before = counters.spreadsheetCalls; // setup() made one bundle-side call
    book.addSheet('x', [['a']]);
    book.sheet('x').rows();
    book
      .sheet('x')
      .setRawRows([['b']], 2)
      .insertRowAt(1, ['h'])
      .deleteRowAt(3)
      .sortBy(1);
    expect(counters.spreadsheetCalls).toBe(before);
    expect(counters.cellsRead + counters.cellsWritten).toBe(0);
    expect(counters.unlockedWrites).toEqual([]);
  });
});

/**
 * More than one spreadsheet: SpreadsheetApp.create, openById and the advanced Sheets
 * service addressing a spreadsheet by its id, each file with its own grid and its own
 * 10,000,000-cell limit.
 *
 * Sources: developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 * (#create(String): "Creates a new spreadsheet with the given name"; #create(String,
 * Integer, Integer): "… with the given name and the specified number of rows and
 * columns"; #openById(String): "Opens the spreadsheet with the given ID", no error
 * documented); a new Google spreadsheet has one sheet "Sheet1" of 1000 rows × 26 columns
 * (the Sheets UI and spreadsheets.create's default grid); support.google.com/drive/answer/37603
 * (up to 10 million cells per spreadsheet); the Sheets API answers an unknown
 * spreadsheetId with 404 "Requested entity was not found." and a file not shared with
 * the caller with 403 "The caller does not have permission"
 * (developers.google.com/sheets/api/limits, error handling; texts as the API sends them).
 */
import { setup } from './test-support';
import { OPEN_BY_ID_NO_ACCESS, OPEN_BY_ID_UNKNOWN } from './app';
import { CELL_LIMIT_MESSAGE, MAX_CELLS_PER_SPREADSHEET } from './model';

const API = (method: string, message: string): string =>
  `API call to sheets.spreadsheets.${method} failed with error: ${message}`;

describe('SpreadsheetApp.create', () => {
  test('makes a new file with one sheet "Sheet1" of 1000 × 26, its own id and name, counted as one call', () => {
    const { app, counters, id } = setup();
    const before = counters.spreadsheetCalls;
    const made = app.create('Lead Routing archive 2026');
    expect(counters.spreadsheetCalls).toBe(before + 1);
    expect(made.getId()).not.toBe(id);
    expect(made.getName()).toBe('Lead Routing archive 2026');
    const sheets = made.getSheets();
    expect(sheets.map((s: { getName(): string }) => s.getName())).toEqual(['Sheet1']);
    expect(sheets[0].getMaxRows()).toBe(1000);
    expect(sheets[0].getMaxColumns()).toBe(26);
  });

  test('create(name, rows, columns) sizes Sheet1; sizes below 1 or past the cell limit are refused', () => {
    const { app } = setup();
    const small = app.create('small', 2, 7);
    expect(small.getSheets()[0].getMaxRows()).toBe(2);
    expect(small.getSheets()[0].getMaxColumns()).toBe(7);
    expect(() => app.create('none', 0, 7)).toThrow('Invalid argument: rows');
    expect(() => app.create('wide', 5_000, 2_001)).toThrow(CELL_LIMIT_MESSAGE);
  });

  test('each file has its own 10,000,000-cell limit: a full bound spreadsheet does not stop a new file, and a new file fills on its own', () => {
    const { app, book } = setup();
    book.sheet('Sheet1').resize(MAX_CELLS_PER_SPREADSHEET / 26, 26);
    expect(() => app.getActiveSpreadsheet().insertSheet('more')).toThrow(CELL_LIMIT_MESSAGE);
    const made = app.create('archive', 10, 10);
    made.insertSheet('log'); // 26,000 more in the new file only
    const sheet = made.getSheetByName('Sheet1');
    expect(() => sheet.insertRowsAfter(10, MAX_CELLS_PER_SPREADSHEET / 10)).toThrow(
      CELL_LIMIT_MESSAGE,
    );
    sheet.insertRowsAfter(10, 1_000);
    expect(sheet.getMaxRows()).toBe(1_010);
  });
});

describe('SpreadsheetApp.openById', () => {
  test('opens the bound spreadsheet and any file made with create, by id', () => {
    const { app, id } = setup();
    const made = app.create('archive');
    made.getSheetByName('Sheet1').getRange('A1').setValue('kept');
    expect(app.openById(id).getId()).toBe(id);
    const again = app.openById(made.getId());
    expect(again.getName()).toBe('archive');
    expect(again.getSheetByName('Sheet1').getRange('A1').getValue()).toBe('kept');
  });

  test('an id naming no spreadsheet throws the unknown-document error', () => {
    const { app } = setup();
    let err: unknown;
    try {
      app.openById('1NoSuchSpreadsheet');
    } catch (e) {
      err = e;
    }
    expect(String(err)).toBe(`Exception: ${OPEN_BY_ID_UNKNOWN}`);
  });

  test('a file not shared with the running account throws the permission error; its editors may open it', () => {
    const user = { email: 'owner@example.com' };
    const { app, files } = setup({ user });
    const made = app.create('archive');
    const fileId = made.getId();
    expect(files.find(fileId)?.model.owner).toBe('owner@example.com');
    user.email = 'other-admin@example.com';
    expect(() => app.openById(fileId)).toThrow(OPEN_BY_ID_NO_ACCESS);
    files.find(fileId)!.model.editors = ['Other-Admin@example.com'];
    expect(app.openById(fileId).getId()).toBe(fileId);
  });
});

describe('the advanced Sheets service addresses a spreadsheet by its id', () => {
  test('values and structure calls go to the file their id names; the bound one is untouched', () => {
    const { app, Sheets, book } = setup();
    const made = app.create('archive', 1, 3);
    const fileId = made.getId();
    Sheets.Spreadsheets.Values.update(
      { values: [['at', 'lead_id', 'event']] },
      fileId,
      'Sheet1!A1',
      {
        valueInputOption: 'RAW',
      },
    );
    Sheets.Spreadsheets.Values.append({ values: [['1', 'L-1', 'ASSIGNED']] }, fileId, 'Sheet1!A1', {
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
    });
    const read = Sheets.Spreadsheets.Values.batchGet(fileId, { ranges: ['Sheet1'] });
    expect(read.spreadsheetId).toBe(fileId);
    expect(read.valueRanges[0].values).toEqual([
      ['at', 'lead_id', 'event'],
      ['1', 'L-1', 'ASSIGNED'],
    ]);
    const meta = Sheets.Spreadsheets.get(fileId);
    expect(meta.properties.title).toBe('archive');
    // INSERT_ROWS grew the new file's grid by the appended row, nothing else.
    expect(meta.sheets[0].properties.gridProperties).toEqual({ rowCount: 2, columnCount: 3 });
    expect(book.sheet('Sheet1').rows()).toEqual([]);
  });

  test('an unknown id answers 404, a file not shared with the caller 403; both counted', () => {
    const user = { email: 'owner@example.com' };
    const { app, Sheets, counters } = setup({ user });
    const fileId = app.create('archive').getId();
    const before = counters.spreadsheetCalls;
    expect(() =>
      Sheets.Spreadsheets.Values.batchGet('1NoSuchSpreadsheet', { ranges: ['A1'] }),
    ).toThrow(API('values.batchGet', 'Requested entity was not found.'));
    user.email = 'other-admin@example.com';
    expect(() => Sheets.Spreadsheets.Values.batchGet(fileId, { ranges: ['A1'] })).toThrow(
      API('values.batchGet', 'The caller does not have permission'),
    );
    expect(counters.spreadsheetCalls).toBe(before + 2);
  });

  test("appends past a file's own limit fail there with the cell-limit error", () => {
    const { app, Sheets } = setup();
    const made = app.create('archive', MAX_CELLS_PER_SPREADSHEET / 2, 2);
    const fileId = made.getId();
    made.getSheetByName('Sheet1').getRange('A1').setValue('x');
    expect(() =>
      Sheets.Spreadsheets.Values.append({ values: [['y', 'z']] }, fileId, 'Sheet1!A1', {
        valueInputOption: 'RAW',
        insertDataOption: 'INSERT_ROWS',
      }),
    ).toThrow(CELL_LIMIT_MESSAGE);
  });
});

/**
 * Sheets' size limits (support.google.com/drive/answer/37603, "Files you can store in
 * Google Drive": up to 10 million cells for spreadsheets created in or converted to
 * Google Sheets; a cell holds at most 50,000 characters), with the messages Google
 * returns: SpreadsheetApp throws "Exception: This action would increase the number of
 * cells in the workbook above the limit of 10000000 cells."; the Sheets API answers 400
 * with the same text ("Invalid requests[i].<request>: " in spreadsheets.batchUpdate).
 * Every grid cell counts, filled or not.
 */
import { setup } from './test-support';
import { CELL_LIMIT_MESSAGE, CELL_TEXT_LIMIT_MESSAGE, MAX_CELLS_PER_SPREADSHEET } from './model';

/** Grows Sheet1 (1000 × 26 at first) until the spreadsheet holds exactly `cells` grid cells. */
function fillGridTo(book: ReturnType<typeof setup>['book'], cells: number): void {
  const rows = Math.floor(cells / 26);
  const rest = cells - rows * 26;
  if (rest > 0) book.addSheet('rest').resize(rest, 1);
  book.sheet('Sheet1').resize(rows, 26);
}

const API = (method: string, message: string): string =>
  `API call to sheets.spreadsheets.${method} failed with error: ${message}`;

describe('the 10,000,000-cell limit of a spreadsheet', () => {
  test('counts every grid cell of every sheet, filled or not: a new sheet is 1000 × 26', () => {
    const { ss, book } = setup();
    expect(ss.getSheets().length).toBe(1);
    ss.insertSheet('x');
    // Two empty 1000 × 26 sheets: 52,000 cells although nothing is written.
    expect(book.sheet('Sheet1').maxRows * book.sheet('Sheet1').maxColumns).toBe(26_000);
    expect(book.sheet('x').maxRows * book.sheet('x').maxColumns).toBe(26_000);
  });

  test('SpreadsheetApp: insertSheet, insertRowsAfter and insertColumnsAfter past the limit throw and change nothing', () => {
    const { ss, book } = setup();
    fillGridTo(book, MAX_CELLS_PER_SPREADSHEET - 100);
    const sheet = ss.getSheetByName('Sheet1');
    const rows = sheet.getMaxRows();
    let err: unknown;
    try {
      sheet.insertRowsAfter(rows, 4); // 4 × 26 = 104 cells
    } catch (e) {
      err = e;
    }
    expect(String(err)).toBe(`Exception: ${CELL_LIMIT_MESSAGE}`);
    expect(sheet.getMaxRows()).toBe(rows);
    expect(() => sheet.insertColumnsAfter(26, 1)).toThrow(CELL_LIMIT_MESSAGE);
    expect(() => ss.insertSheet('more')).toThrow(CELL_LIMIT_MESSAGE);
    expect(book.hasSheet('more')).toBe(false);
    // Up to the limit exactly is allowed: 3 rows × 26 = 78 cells.
    sheet.insertRowsAfter(rows, 3);
    expect(sheet.getMaxRows()).toBe(rows + 3);
  });

  test('SpreadsheetApp: appendRow on a full grid needs a new row and fails', () => {
    const { ss, book } = setup();
    fillGridTo(book, MAX_CELLS_PER_SPREADSHEET);
    const sheet = ss.getSheetByName('Sheet1');
    book.sheet('Sheet1').setRows([['a']], sheet.getMaxRows());
    expect(() => sheet.appendRow(['b'])).toThrow(CELL_LIMIT_MESSAGE);
  });

  test('Sheets API values.append with INSERT_ROWS inserts rows (the grid grows) and fails at the limit', () => {
    const { Sheets, book, id } = setup();
    const sheet = book.sheet('Sheet1');
    sheet.setRows([['h1', 'h2']]);
    const before = sheet.maxRows;
    Sheets.Spreadsheets.Values.append({ values: [['a', 'b']] }, id, 'Sheet1!A1', {
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
    });
    // One row inserted although 998 empty rows were below the table: 26 more grid cells.
    expect(sheet.maxRows).toBe(before + 1);
    fillGridTo(book, MAX_CELLS_PER_SPREADSHEET - 25);
    sheet.setRows([['h1', 'h2']]);
    const rows = book.sheet('Sheet1').maxRows;
    expect(() =>
      Sheets.Spreadsheets.Values.append({ values: [['c', 'd']] }, id, 'Sheet1!A1', {
        valueInputOption: 'RAW',
        insertDataOption: 'INSERT_ROWS',
      }),
    ).toThrow(API('values.append', CELL_LIMIT_MESSAGE));
    expect(book.sheet('Sheet1').maxRows).toBe(rows);
    expect(book.sheet('Sheet1').rows().flat()).not.toContain('c');
  });

  test('Sheets API spreadsheets.batchUpdate appendDimension past the limit fails whole', () => {
    const { Sheets, book, id } = setup();
    fillGridTo(book, MAX_CELLS_PER_SPREADSHEET - 26);
    expect(() =>
      Sheets.Spreadsheets.batchUpdate(
        {
          requests: [
            { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 1 } },
            { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 1 } },
          ],
        },
        id,
      ),
    ).toThrow(API('batchUpdate', `Invalid requests[1].appendDimension: ${CELL_LIMIT_MESSAGE}`));
    expect(book.sheet('Sheet1').maxRows).toBe(Math.floor((MAX_CELLS_PER_SPREADSHEET - 26) / 26));
  });

  test('deleting rows frees room again', () => {
    const { Sheets, book, id, ss } = setup();
    fillGridTo(book, MAX_CELLS_PER_SPREADSHEET);
    expect(() => ss.insertSheet('x')).toThrow(CELL_LIMIT_MESSAGE);
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            deleteDimension: {
              range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 1001 },
            },
          },
        ],
      },
      id,
    );
    expect(ss.insertSheet('x').getMaxRows()).toBe(1000);
  });
});

describe('50,000 characters per cell', () => {
  const long = 'x'.repeat(50_001);

  test('SpreadsheetApp setValues / setValue refuse a longer text', () => {
    const { ss } = setup();
    const range = ss.getSheetByName('Sheet1').getRange('A1');
    expect(() => range.setValues([[long]])).toThrow(CELL_TEXT_LIMIT_MESSAGE);
    expect(() => range.setValue(long)).toThrow(CELL_TEXT_LIMIT_MESSAGE);
    range.setValue('x'.repeat(50_000));
    expect(range.getValue()).toHaveLength(50_000);
  });

  test('Sheets API values.update and values.batchUpdate refuse it and write nothing', () => {
    const { Sheets, book, id } = setup();
    expect(() =>
      Sheets.Spreadsheets.Values.update({ values: [['ok', long]] }, id, 'Sheet1!A1:B1', {
        valueInputOption: 'RAW',
      }),
    ).toThrow(API('values.update', CELL_TEXT_LIMIT_MESSAGE));
    expect(() =>
      Sheets.Spreadsheets.Values.batchUpdate(
        {
          valueInputOption: 'RAW',
          data: [
            { range: 'Sheet1!A1', values: [['ok']] },
            { range: 'Sheet1!A2', values: [[long]] },
          ],
        },
        id,
      ),
    ).toThrow(API('values.batchUpdate', `Invalid data[1]: ${CELL_TEXT_LIMIT_MESSAGE}`));
    expect(book.sheet('Sheet1').rows()).toEqual([]);
  });

  test('Sheets API values.append refuses it and inserts no row', () => {
    const { Sheets, book, id } = setup();
    const rows = book.sheet('Sheet1').maxRows;
    expect(() =>
      Sheets.Spreadsheets.Values.append({ values: [[long]] }, id, 'Sheet1!A1', {
        valueInputOption: 'RAW',
        insertDataOption: 'INSERT_ROWS',
      }),
    ).toThrow(API('values.append', CELL_TEXT_LIMIT_MESSAGE));
    expect(book.sheet('Sheet1').maxRows).toBe(rows);
  });
});

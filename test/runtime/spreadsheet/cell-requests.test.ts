/**
 * spreadsheets.batchUpdate updateCells and appendCells (cell-requests.ts), as Google's
 * reference describes them: appendCells "Adds new cells after the last row with data in
 * a sheet, inserting new rows into the sheet if necessary"; `fields` "At least one field
 * must be specified"; a batchUpdate applies all of its requests or none.
 */
import { CELL_LIMIT_MESSAGE, MAX_CELLS_PER_SPREADSHEET } from './model';
import { setup } from './test-support';

function seeded() {
  const t = setup();
  const sheet = t.book.addSheet('data', [
    ['id', 'name', 'at'],
    ['A', 'Ann', ''],
  ]);
  const log = t.book.addSheet('log', [['at', 'event']]);
  sheet.resize(3, 3);
  log.resize(2, 2);
  return { ...t, sheet, log };
}

const text = (s: string) => ({ userEnteredValue: { stringValue: s } });

describe('Sheets.Spreadsheets.batchUpdate updateCells and appendCells', () => {
  test('one call writes cells and appends rows to two sheets, growing the grids; text is never parsed', () => {
    const { Sheets, id, sheet, log, counters } = seeded();
    const calls = counters.spreadsheetCalls;
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            updateCells: {
              start: { sheetId: sheet.sheetId, rowIndex: 1, columnIndex: 1 },
              rows: [{ values: [text('=1+1'), { userEnteredValue: { numberValue: 46352.5 } }] }],
              fields: 'userEnteredValue',
            },
          },
          {
            appendCells: {
              sheetId: sheet.sheetId,
              rows: [{ values: [text('B'), text('0812')] }, { values: [text('C')] }],
              fields: 'userEnteredValue',
            },
          },
          {
            appendCells: {
              sheetId: log.sheetId,
              rows: [
                {
                  values: [
                    {
                      userEnteredValue: { numberValue: 46352.5 },
                      userEnteredFormat: {
                        numberFormat: { type: 'DATE_TIME', pattern: 'yyyy-mm-dd hh:mm:ss' },
                      },
                    },
                    text('TAKEN'),
                  ],
                },
              ],
              fields: 'userEnteredValue,userEnteredFormat.numberFormat',
            },
          },
        ],
      },
      id,
    );
    expect(counters.spreadsheetCalls - calls).toBe(1);
    expect(sheet.rows()).toEqual([
      ['id', 'name', 'at'],
      ['A', '=1+1', 46352.5],
      ['B', '0812', ''],
      ['C', '', ''],
    ]);
    expect(sheet.maxRows).toBe(4);
    expect(
      Sheets.Spreadsheets.Values.get(id, 'log!A2:B2', { valueRenderOption: 'UNFORMATTED_VALUE' })
        .values,
    ).toEqual([[46352.5, 'TAKEN']]);
    expect(log.numberFormat('A2')).toBe('yyyy-mm-dd hh:mm:ss');
  });

  test('appended rows come after the last row with data, past a blank row, and without formats of their own', () => {
    const { Sheets, id, sheet } = seeded();
    sheet.setNumberFormat('C2', 'yyyy-mm-dd');
    sheet.resize(6, 3);
    sheet.setRows([['Z', 'Zed', '']], 5);
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            appendCells: {
              sheetId: sheet.sheetId,
              rows: [{ values: [text('N')] }, { values: [text('M')] }],
              fields: 'userEnteredValue',
            },
          },
        ],
      },
      id,
    );
    expect(sheet.rows().map((r) => r[0])).toEqual(['id', 'A', '', '', 'Z', 'N', 'M']);
    expect(sheet.maxRows).toBe(7);
    // Documentation silent on formats of inserted rows: none (harder on the product).
    expect(sheet.numberFormat('C7')).toBe('General');
  });

  // AppendDimensionRequest: "Appends rows or columns to the end of a sheet"; nothing on
  // formats, so the new rows get none (harder on the product), while updateCells in the
  // same call can give them one.
  test('appendDimension rows come without the formats of the row above; updateCells in the same call formats them', () => {
    const { Sheets, id, sheet } = seeded();
    sheet.setNumberFormat('C3', 'yyyy-mm-dd');
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          { appendDimension: { sheetId: sheet.sheetId, dimension: 'ROWS', length: 2 } },
          {
            updateCells: {
              start: { sheetId: sheet.sheetId, rowIndex: 4, columnIndex: 2 },
              rows: [
                {
                  values: [
                    {
                      userEnteredFormat: {
                        numberFormat: { type: 'DATE_TIME', pattern: 'yyyy-mm-dd hh:mm' },
                      },
                    },
                  ],
                },
              ],
              fields: 'userEnteredFormat.numberFormat',
            },
          },
        ],
      },
      id,
    );
    expect(sheet.maxRows).toBe(5);
    expect(sheet.numberFormat('C4')).toBe('General');
    expect(sheet.numberFormat('C5')).toBe('yyyy-mm-dd hh:mm');
  });

  test('a request that fails leaves every sheet as it was (all or nothing)', () => {
    const { Sheets, id, sheet } = seeded();
    const call = (requests: object[]) => () => Sheets.Spreadsheets.batchUpdate({ requests }, id);
    const append = {
      appendCells: {
        sheetId: sheet.sheetId,
        rows: [{ values: [text('B')] }],
        fields: 'userEnteredValue',
      },
    };
    expect(
      call([
        append,
        {
          updateCells: {
            start: { sheetId: sheet.sheetId, rowIndex: 9, columnIndex: 0 },
            rows: [{ values: [text('x')] }],
            fields: 'userEnteredValue',
          },
        },
      ]),
    ).toThrow(
      'Invalid requests[1].updateCells: Range exceeds grid limits. Max rows: 3, max columns: 3',
    );
    expect(call([{ appendCells: { sheetId: sheet.sheetId, rows: [] } }])).toThrow(
      'Invalid requests[0].appendCells: At least one field must be specified.',
    );
    expect(
      call([{ appendCells: { sheetId: 4242, rows: [], fields: 'userEnteredValue' } }]),
    ).toThrow('Invalid requests[0].appendCells: No grid with id: 4242');
    expect(sheet.rows()).toEqual([
      ['id', 'name', 'at'],
      ['A', 'Ann', ''],
    ]);
    expect(sheet.maxRows).toBe(3);
  });

  test('appendCells past 10,000,000 grid cells fails with the cell-limit text and changes nothing', () => {
    const { Sheets, id, sheet, book } = seeded();
    const room =
      MAX_CELLS_PER_SPREADSHEET -
      book
        .sheetNames()
        .reduce((n, name) => n + book.sheet(name).maxRows * book.sheet(name).maxColumns, 0);
    book.sheet('Sheet1').resize(book.sheet('Sheet1').maxRows + Math.floor(room / 26), 26);
    const rows = Array.from({ length: 20 }, () => ({ values: [text('x')] }));
    expect(() =>
      Sheets.Spreadsheets.batchUpdate(
        {
          requests: [{ appendCells: { sheetId: sheet.sheetId, rows, fields: 'userEnteredValue' } }],
        },
        id,
      ),
    ).toThrow(`Invalid requests[0].appendCells: ${CELL_LIMIT_MESSAGE}`);
    expect(sheet.maxRows).toBe(3);
  });
});

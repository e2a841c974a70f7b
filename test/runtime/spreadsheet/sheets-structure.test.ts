/** spreadsheets.batchUpdate deleteDimension: ordered, 0-based end-exclusive, all or nothing. */
import { setup } from './test-support';

function seeded() {
  const t = setup();
  const sheet = t.book.addSheet('data', [['h'], ['r2'], ['r3'], ['r4'], ['r5']]);
  return { ...t, sheet };
}

describe('Sheets.Spreadsheets.batchUpdate deleteDimension', () => {
  test('deletes rows by 0-based, end-exclusive index and shrinks the grid', () => {
    const { Sheets, id, sheet } = seeded();
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            deleteDimension: {
              range: { sheetId: sheet.sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 3 },
            },
          },
        ],
      },
      id,
    );
    expect(sheet.rows()).toEqual([['h'], ['r4'], ['r5']]);
    expect(sheet.maxRows).toBe(998);
  });

  test('requests apply in order, each against the rows the previous one left', () => {
    const { Sheets, id, sheet } = seeded();
    const del = (start: number) => ({
      deleteDimension: {
        range: {
          sheetId: sheet.sheetId,
          dimension: 'ROWS',
          startIndex: start,
          endIndex: start + 1,
        },
      },
    });
    Sheets.Spreadsheets.batchUpdate({ requests: [del(1), del(1)] }, id);
    expect(sheet.rows()).toEqual([['h'], ['r4'], ['r5']]);
  });

  test('an unknown sheet id fails the whole call and changes nothing', () => {
    const { Sheets, id, sheet } = seeded();
    const ok = {
      deleteDimension: {
        range: { sheetId: sheet.sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 },
      },
    };
    const bad = {
      deleteDimension: {
        range: { sheetId: 987654, dimension: 'ROWS', startIndex: 1, endIndex: 2 },
      },
    };
    expect(() => Sheets.Spreadsheets.batchUpdate({ requests: [ok, bad] }, id)).toThrow(
      'No grid with id: 987654',
    );
    expect(sheet.rows()).toHaveLength(5);
  });

  test('counts as one spreadsheet call and records a write made without the lock', () => {
    const t = setup({ held: false });
    const sheet = t.book.addSheet('data', [['h'], ['r2']]);
    const before = t.counters.spreadsheetCalls;
    t.Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            deleteDimension: {
              range: { sheetId: sheet.sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 },
            },
          },
        ],
      },
      t.id,
    );
    expect(t.counters.spreadsheetCalls - before).toBe(1);
    expect(t.counters.unlockedWrites).toEqual([expect.stringContaining('Sheets.batchUpdate')]);
  });
});

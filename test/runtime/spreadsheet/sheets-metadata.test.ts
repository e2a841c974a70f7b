/**
 * Developer metadata on rows, as the runtime models it (sheets-metadata.ts), each
 * behaviour from the Sheets API REST reference:
 * - spreadsheets.developerMetadata: metadata "will remain associated at those locations
 *   as they move around and the spreadsheet is edited"; the example is a row inserted
 *   above; "If the associated object is deleted its metadata is deleted too".
 * - spreadsheets.batchUpdate: requests apply atomically (any invalid request changes
 *   nothing); includeSpreadsheetInResponse / responseRanges / responseIncludeGridData
 *   answer with the spreadsheet as the requests left it.
 * - spreadsheets.values.batchUpdateByDataFilter: values apply to every range the filter
 *   matches; ValueRange: "Null values will be skipped".
 * Sorting is not named by the reference: by default the runtime moves a sorted row's
 * metadata with it; book.setMetadataOnSort('stays') models the other reading (model.ts).
 */
import { setup, type Any } from './test-support';

const KEY = 'anchor';

function seeded() {
  const ctx = setup();
  ctx.ss.insertSheet('lead_sheet');
  ctx.book.sheet('lead_sheet').setRows([
    ['lead_id', 'name', 'stage'],
    ['L1', 'Cici', 'NEW'],
    ['L2', 'Budi', 'NEW'],
    ['L3', 'Ani', 'NEW'],
  ]);
  const sheetId = ctx.book.sheet('lead_sheet').sheetId;
  /** Anchors 0-based `rowIndex` and reads that row back in the same call. */
  const anchor = (rowIndex: number, value: string, extra: object[] = []): Any =>
    ctx.Sheets.Spreadsheets.batchUpdate(
      {
        requests: [
          ...extra,
          {
            createDeveloperMetadata: {
              developerMetadata: {
                metadataKey: KEY,
                metadataValue: value,
                visibility: 'DOCUMENT',
                location: {
                  dimensionRange: {
                    sheetId,
                    dimension: 'ROWS',
                    startIndex: rowIndex,
                    endIndex: rowIndex + 1,
                  },
                },
              },
            },
          },
        ],
        includeSpreadsheetInResponse: true,
        responseRanges: [`lead_sheet!${rowIndex + 1}:${rowIndex + 1}`],
        responseIncludeGridData: true,
      },
      ctx.id,
    );
  const idOf = (reply: Any): number =>
    reply.replies[reply.replies.length - 1].createDeveloperMetadata.developerMetadata.metadataId;
  const write = (metadataId: number, values: unknown[][]): Any =>
    ctx.Sheets.Spreadsheets.Values.batchUpdateByDataFilter(
      {
        valueInputOption: 'RAW',
        data: [{ dataFilter: { developerMetadataLookup: { metadataId } }, values }],
      },
      ctx.id,
    );
  const rows = () => ctx.book.sheet('lead_sheet').rows();
  return { ...ctx, sheetId, anchor, idOf, write, rows };
}

describe('developer metadata on rows (Sheets API)', () => {
  test('an anchor call creates the metadata and answers the row as it is after the request', () => {
    const { anchor } = seeded();
    const reply = anchor(2, 'L2');
    const meta = reply.replies[0].createDeveloperMetadata.developerMetadata;
    expect(meta).toMatchObject({
      metadataKey: KEY,
      metadataValue: 'L2',
      visibility: 'DOCUMENT',
      location: { locationType: 'ROW', dimensionRange: { startIndex: 2, endIndex: 3 } },
    });
    expect(meta.metadataId).toBeGreaterThan(0);
    const grid = reply.updatedSpreadsheet.sheets[0];
    expect(grid.properties.title).toBe('lead_sheet');
    expect(grid.data[0].startRow).toBe(2);
    expect(grid.data[0].rowData[0].values.map((v: Any) => v.effectiveValue.stringValue)).toEqual([
      'L2',
      'Budi',
      'NEW',
    ]);
  });

  test('the metadata stays with its row when a row is inserted above (the reference example)', () => {
    const { anchor, idOf, write, rows, ss } = seeded();
    const id = idOf(anchor(2, 'L2'));
    ss.getSheetByName('lead_sheet').insertRowBefore(2);
    write(id, [[null, null, 'CONTACTED']]);
    // Row 3 became row 4.
    expect(rows()[3]).toEqual(['L2', 'Budi', 'CONTACTED']);
    expect(rows()[2]).toEqual(['L1', 'Cici', 'NEW']);
  });

  test('the metadata moves with its row through a sort (the "moves" reading, the default)', () => {
    const { anchor, idOf, write, rows, book } = seeded();
    const id = idOf(anchor(1, 'L1'));
    book.sheet('lead_sheet').sortBy('name');
    write(id, [[null, null, 'CONTACTED']]);
    expect(rows()).toEqual([
      ['lead_id', 'name', 'stage'],
      ['L3', 'Ani', 'NEW'],
      ['L2', 'Budi', 'NEW'],
      ['L1', 'Cici', 'CONTACTED'],
    ]);
  });

  test('null cells are skipped: a whole-row write changes only the cells it names', () => {
    const { anchor, idOf, write, rows } = seeded();
    const id = idOf(anchor(3, 'L3'));
    const res = write(id, [[null, 'Ani S', null]]);
    expect(rows()[3]).toEqual(['L3', 'Ani S', 'NEW']);
    expect(res.totalUpdatedCells).toBe(1);
    expect(res.responses[0].dataFilter).toEqual({ developerMetadataLookup: { metadataId: id } });
  });

  test('metadata is deleted with its row; a write by its filter then writes nothing', () => {
    const { anchor, idOf, write, rows, ss, Sheets, id: ssId } = seeded();
    const id = idOf(anchor(1, 'L1'));
    ss.getSheetByName('lead_sheet').deleteRow(2);
    const before = JSON.stringify(rows());
    const res = write(id, [[null, null, 'CONTACTED']]);
    expect(res.totalUpdatedCells).toBe(0);
    expect(res.responses).toEqual([]);
    expect(JSON.stringify(rows())).toBe(before);
    const found = Sheets.Spreadsheets.Values.batchGetByDataFilter(
      { dataFilters: [{ developerMetadataLookup: { metadataKey: KEY } }] },
      ssId,
    );
    expect(found.valueRanges).toEqual([]);
  });

  test('deleteDeveloperMetadata by key removes every match (an empty list when none) in the same atomic call', () => {
    const { anchor, idOf, write, rows } = seeded();
    const first = idOf(anchor(1, 'L1'));
    const remove = {
      deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: KEY } } },
    };
    const reply = anchor(2, 'L2', [remove]);
    expect(reply.replies[0].deleteDeveloperMetadata.deletedDeveloperMetadata).toHaveLength(1);
    write(first, [[null, null, 'LOST']]);
    expect(rows()[1]).toEqual(['L1', 'Cici', 'NEW']);
    write(idOf(reply), [[null, null, 'QUALIFIED']]);
    expect(rows()[2]).toEqual(['L2', 'Budi', 'QUALIFIED']);
    const again = anchor(3, 'L3', [remove, remove]);
    expect(again.replies[0].deleteDeveloperMetadata.deletedDeveloperMetadata).toHaveLength(1);
    expect(again.replies[1].deleteDeveloperMetadata.deletedDeveloperMetadata).toEqual([]);
  });

  test('an invalid request fails the whole batch and changes nothing', () => {
    const { anchor, Sheets, id } = seeded();
    expect(() =>
      anchor(1, 'L1', [
        {
          createDeveloperMetadata: {
            developerMetadata: { metadataKey: KEY, location: { dimensionRange: {} } },
          },
        },
      ]),
    ).toThrow(
      'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].createDeveloperMetadata',
    );
    expect(() => anchor(5_000, 'L9')).toThrow('outside the grid');
    const found = Sheets.Spreadsheets.Values.batchGetByDataFilter(
      { dataFilters: [{ developerMetadataLookup: { metadataKey: KEY } }] },
      id,
    );
    expect(found.valueRanges).toEqual([]);
  });

  test('batchGetByDataFilter and batchClearByDataFilter follow the row; a1Range filters work alongside', () => {
    const { anchor, idOf, Sheets, id, book, rows } = seeded();
    const metadataId = idOf(anchor(1, 'L1'));
    book.sheet('lead_sheet').sortBy('name');
    const got = Sheets.Spreadsheets.Values.batchGetByDataFilter(
      {
        dataFilters: [{ developerMetadataLookup: { metadataId } }, { a1Range: 'lead_sheet!A1:A1' }],
        valueRenderOption: 'UNFORMATTED_VALUE',
      },
      id,
    );
    expect(got.valueRanges.map((m: Any) => m.valueRange.values[0])).toEqual([
      ['L1', 'Cici', 'NEW'],
      ['lead_id'],
    ]);
    expect(got.valueRanges[0].valueRange.range).toBe('lead_sheet!A4:Z4');
    const cleared = Sheets.Spreadsheets.Values.batchClearByDataFilter(
      { dataFilters: [{ developerMetadataLookup: { metadataId } }] },
      id,
    );
    expect(cleared.clearedRanges).toEqual(['lead_sheet!A4:Z4']);
    expect(rows().map((r) => r[0])).toEqual(['lead_id', 'L3', 'L2']);
  });

  test('afterCall runs after every call, outside it (an admin between two calls)', () => {
    const { Sheets, id, counters } = seeded();
    const seen: number[] = [];
    const start = counters.spreadsheetCalls;
    Sheets.afterCall = () => seen.push(counters.spreadsheetCalls - start);
    Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['lead_sheet!A:A'] });
    expect(() => Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['nope!A1'] })).toThrow();
    expect(seen).toEqual([1, 2]);
  });
});

/**
 * The reference is SILENT on what a sort does to row metadata ("will remain associated
 * at those locations as they move around and the spreadsheet is edited"; its example is
 * a row inserted above). The runtime models both readings (book.setMetadataOnSort).
 */
describe('row metadata under a sort: both readings (the reference is silent on sorting)', () => {
  test("'stays': after a sort the metadata is at its row POSITION, now another row's", () => {
    const { anchor, idOf, write, rows, book } = seeded();
    book.setMetadataOnSort('stays');
    const id = idOf(anchor(1, 'L1'));
    book.sheet('lead_sheet').sortBy('name');
    write(id, [[null, null, 'CONTACTED']]);
    // Row 2 now holds L3 (Ani): the write meant for L1 landed on L3.
    expect(rows()).toEqual([
      ['lead_id', 'name', 'stage'],
      ['L3', 'Ani', 'CONTACTED'],
      ['L2', 'Budi', 'NEW'],
      ['L1', 'Cici', 'NEW'],
    ]);
  });

  test("'stays' still follows an inserted row (the reference's example holds under both)", () => {
    const { anchor, idOf, write, rows, ss, book } = seeded();
    book.setMetadataOnSort('stays');
    const id = idOf(anchor(2, 'L2'));
    ss.getSheetByName('lead_sheet').insertRowBefore(2);
    write(id, [[null, null, 'CONTACTED']]);
    expect(rows()[3]).toEqual(['L2', 'Budi', 'CONTACTED']);
  });
});

/**
 * BatchUpdateValuesByDataFilterRequest.includeValuesInResponse: "Determines if the update
 * response should include the values of the cells that were updated ... If the range to
 * write was larger than the range actually written, the response includes all values in
 * the requested range (excluding trailing empty rows and columns)";
 * UpdateValuesByDataFilterResponse.updatedData: "The values of the cells in the range
 * matched by the dataFilter after all updates were applied." Render options default to
 * FORMATTED_VALUE / SERIAL_NUMBER.
 */
describe('values.batchUpdateByDataFilter includeValuesInResponse', () => {
  test('updatedData is the whole matched row after ALL updates, rendered as asked', () => {
    const { anchor, idOf, Sheets, id: ssId, book } = seeded();
    book.setMetadataOnSort('stays');
    const l1 = idOf(anchor(1, 'L1'));
    book.sheet('lead_sheet').sortBy('name');
    const res = Sheets.Spreadsheets.Values.batchUpdateByDataFilter(
      {
        valueInputOption: 'RAW',
        includeValuesInResponse: true,
        responseValueRenderOption: 'UNFORMATTED_VALUE',
        responseDateTimeRenderOption: 'SERIAL_NUMBER',
        data: [
          {
            dataFilter: { developerMetadataLookup: { metadataId: l1 } },
            values: [[null, null, 7]],
          },
          // A later update of the same row shows in the first response's updatedData.
          { dataFilter: { a1Range: 'lead_sheet!B2' }, values: [['Ani S']] },
        ],
      },
      ssId,
    );
    // The write meant for L1 shows whose row it landed on: L3's (the lead_id cell).
    expect(res.responses[0].updatedData.values).toEqual([['L3', 'Ani S', 7]]);
    expect(res.responses[0].updatedData.range).toBe('lead_sheet!A2:Z2');
    expect(res.responses[0].updatedCells).toBe(1);
    expect(res.responses[1].updatedData.values).toEqual([['Ani S']]);
  });

  test('without it, no updatedData; the default rendering is FORMATTED_VALUE', () => {
    const { anchor, idOf, Sheets, id: ssId } = seeded();
    const l2 = idOf(anchor(2, 'L2'));
    const write = (include: boolean): Any =>
      Sheets.Spreadsheets.Values.batchUpdateByDataFilter(
        {
          valueInputOption: 'RAW',
          includeValuesInResponse: include,
          data: [
            {
              dataFilter: { developerMetadataLookup: { metadataId: l2 } },
              values: [[null, null, 1.5]],
            },
          ],
        },
        ssId,
      );
    expect(write(false).responses[0].updatedData).toBeUndefined();
    expect(write(true).responses[0].updatedData.values).toEqual([['L2', 'Budi', '1.5']]);
  });
});

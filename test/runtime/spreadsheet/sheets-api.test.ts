import { setup } from './test-support';

function seeded() {
  const ctx = setup();
  ctx.ss.insertSheet('lead_sheet');
  ctx.book.sheet('lead_sheet').setRows([
    ['lead_id', 'name', 'phone'],
    ['L1', 'Ann', '6281'],
    ['L2', '', ''],
  ]);
  return ctx;
}

describe('advanced Sheets service', () => {
  test('batchGet omits trailing empty cells and rows, and values when the range is empty', () => {
    const { Sheets, id, book } = seeded();
    book.addSheet('my sheet');
    const res = Sheets.Spreadsheets.Values.batchGet(id, {
      ranges: ['lead_sheet!A:Z', "'my sheet'!A1:C3", 'lead_sheet!A2:Z'],
    });
    expect(res.spreadsheetId).toBe(id);
    expect(res.valueRanges[0]).toEqual({
      range: 'lead_sheet!A1:Z1000',
      majorDimension: 'ROWS',
      values: [['lead_id', 'name', 'phone'], ['L1', 'Ann', '6281'], ['L2']],
    });
    expect(res.valueRanges[1]).toEqual({ range: "'my sheet'!A1:C3", majorDimension: 'ROWS' });
    expect(res.valueRanges[2].values).toEqual([['L1', 'Ann', '6281'], ['L2']]);
  });

  test('batchGet renders FORMATTED_VALUE as strings and UNFORMATTED_VALUE with types and serial dates', () => {
    const { Sheets, id, book } = seeded();
    book.sheet('lead_sheet').setRows([['TRUE', '2026-11-26', '=A1']], 4);
    const get = (opts: object) =>
      Sheets.Spreadsheets.Values.get(id, 'lead_sheet!A4:C4', opts).values[0];
    expect(get({})).toEqual(['TRUE', '2026-11-26', '#FORMULA']);
    expect(get({ valueRenderOption: 'UNFORMATTED_VALUE' })).toEqual([true, 46352, '#FORMULA']);
    expect(
      get({ valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' })[1],
    ).toBe('2026-11-26');
    expect(get({ valueRenderOption: 'FORMULA' })[2]).toBe('=A1');
  });

  test('a bare sheet name reads the whole sheet; whole-row ranges work', () => {
    const { Sheets, id } = seeded();
    expect(Sheets.Spreadsheets.Values.get(id, 'lead_sheet').values).toHaveLength(3);
    expect(Sheets.Spreadsheets.Values.get(id, 'lead_sheet!1:1').values).toEqual([
      ['lead_id', 'name', 'phone'],
    ]);
  });

  test('an unknown sheet fails with the API error wrapped the Apps Script way', () => {
    const { Sheets, id } = seeded();
    expect(() => Sheets.Spreadsheets.Values.batchGet(id, { ranges: ['nope!A1'] })).toThrow(
      'API call to sheets.spreadsheets.values.batchGet failed with error: Unable to parse range: nope!A1',
    );
  });

  test('RAW keeps =1+1 and 0812 as text; USER_ENTERED parses them', () => {
    const { Sheets, id, book } = seeded();
    const res = Sheets.Spreadsheets.Values.batchUpdate(
      {
        valueInputOption: 'RAW',
        data: [{ range: 'lead_sheet!A5:B5', values: [['=1+1', '0812']] }],
      },
      id,
    );
    expect(res.totalUpdatedCells).toBe(2);
    expect(res.responses[0].updatedRange).toBe('lead_sheet!A5:B5');
    expect(book.sheet('lead_sheet').rows()[4]).toEqual(['=1+1', '0812', '']);
    expect(book.sheet('lead_sheet').formulas()[4]).toEqual(['', '', '']);
    Sheets.Spreadsheets.Values.update({ values: [['=1+1', '0812']] }, id, 'lead_sheet!A6', {
      valueInputOption: 'USER_ENTERED',
    });
    expect(book.sheet('lead_sheet').rows()[5]).toEqual(['#FORMULA', 812, '']);
  });

  test('null cells in a write are skipped and leave the cell as it was', () => {
    const { Sheets, id, book } = seeded();
    Sheets.Spreadsheets.Values.update({ values: [[null, 'Bob']] }, id, 'lead_sheet!A2:B2', {
      valueInputOption: 'RAW',
    });
    expect(book.sheet('lead_sheet').rows()[1]).toEqual(['L1', 'Bob', 6281]);
  });

  test('a write past the grid fails with the exceeds-grid-limits error and writes nothing', () => {
    const { Sheets, id, book } = seeded();
    expect(() =>
      Sheets.Spreadsheets.Values.batchUpdate(
        {
          valueInputOption: 'RAW',
          data: [
            { range: 'lead_sheet!A7', values: [['ok']] },
            { range: 'lead_sheet!A1001', values: [['x']] },
          ],
        },
        id,
      ),
    ).toThrow(
      "API call to sheets.spreadsheets.values.batchUpdate failed with error: Range ('lead_sheet'!A1001) exceeds grid limits. Max rows: 1000, max columns: 26",
    );
    expect(book.sheet('lead_sheet').rows()).toHaveLength(3);
  });

  test('writes need a valueInputOption', () => {
    const { Sheets, id } = seeded();
    expect(() =>
      Sheets.Spreadsheets.Values.update({ values: [['x']] }, id, 'lead_sheet!A9', {}),
    ).toThrow('Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED');
  });

  test('writing more rows than a bounded range holds is refused', () => {
    const { Sheets, id } = seeded();
    expect(() =>
      Sheets.Spreadsheets.Values.update({ values: [['a'], ['b']] }, id, 'lead_sheet!A9:A9', {
        valueInputOption: 'RAW',
      }),
    ).toThrow('Requested writing within range [lead_sheet!A9], but tried writing to row [10]');
  });

  test('append writes after the table, returns updatedRange and tableRange, and grows the grid', () => {
    const { Sheets, id, book } = seeded();
    book.sheet('lead_sheet').resize(3, 26);
    const res = Sheets.Spreadsheets.Values.append(
      { values: [['L3', 'Cy', '0812']] },
      id,
      'lead_sheet!A:K',
      {
        valueInputOption: 'RAW',
        insertDataOption: 'INSERT_ROWS',
      },
    );
    expect(res.tableRange).toBe('lead_sheet!A1:C3');
    expect(res.updates).toEqual({
      spreadsheetId: id,
      updatedRange: 'lead_sheet!A4:C4',
      updatedRows: 1,
      updatedColumns: 3,
      updatedCells: 3,
    });
    expect(book.sheet('lead_sheet').maxRows).toBe(4);
    expect(book.sheet('lead_sheet').rows()[3]).toEqual(['L3', 'Cy', '0812']);
  });

  test('append lands in the first gap below the table, like the API does', () => {
    const { Sheets, id, book } = seeded();
    book.sheet('lead_sheet').setRows([['L9', 'far', 'away']], 6);
    const res = Sheets.Spreadsheets.Values.append({ values: [['L4']] }, id, 'lead_sheet', {
      valueInputOption: 'RAW',
    });
    expect(res.updates.updatedRange).toBe('lead_sheet!A4');
  });

  test('Spreadsheets.get lists sheet properties', () => {
    const { Sheets, id, ss } = seeded();
    ss.getSheetByName('lead_sheet').setFrozenRows(1);
    const meta = Sheets.Spreadsheets.get(id);
    const lead = meta.sheets.find(
      (s: { properties: { title: string } }) => s.properties.title === 'lead_sheet',
    );
    expect(lead.properties.gridProperties).toEqual({
      rowCount: 1000,
      columnCount: 26,
      frozenRowCount: 1,
    });
    expect(meta.sheets[0].properties).toMatchObject({ sheetId: 0, title: 'Sheet1', index: 0 });
  });

  // REST reference, spreadsheets.get: "Limiting the range returns only the portions of the
  // spreadsheet that intersect the requested ranges"; "If a field mask is set, the
  // includeGridData parameter is ignored". Whether sheets outside the ranges are left out
  // is not said; the runtime leaves them out (harder on a caller).
  test('Spreadsheets.get with ranges answers only those sheets, with grid size and one GridData per range', () => {
    const { Sheets, id, book } = seeded();
    book.addSheet('routing_log');
    book.sheet('routing_log').setRows([
      ['at', 'event'],
      [1, 'A'],
    ]);
    const meta = Sheets.Spreadsheets.get(id, {
      ranges: ['lead_sheet!A:A', 'routing_log!1:1', 'lead_sheet!2:2'],
      includeGridData: true,
    });
    expect(meta.sheets.map((s: { properties: { title: string } }) => s.properties.title)).toEqual([
      'lead_sheet',
      'routing_log',
    ]);
    const [lead, log] = meta.sheets;
    expect(lead.properties.gridProperties).toEqual({ rowCount: 1000, columnCount: 26 });
    expect(log.properties.gridProperties.rowCount).toBe(book.sheet('routing_log').maxRows);
    // One GridData per range on the sheet, in request order; zero offsets are omitted.
    expect(lead.data).toHaveLength(2);
    expect(lead.data[0].startRow).toBeUndefined();
    expect(lead.data[0].rowData[1].values[0].effectiveValue).toEqual({ stringValue: 'L1' });
    expect(lead.data[1].startRow).toBe(1);
    expect(lead.data[1].rowData[0].values[1].effectiveValue).toEqual({ stringValue: 'Ann' });
    expect(log.data[0].rowData[0].values[1].effectiveValue).toEqual({ stringValue: 'event' });
  });

  test('Spreadsheets.get leaves grid data out unless asked, and a field mask overrides includeGridData', () => {
    const { Sheets, id } = seeded();
    const plain = Sheets.Spreadsheets.get(id, { ranges: ['lead_sheet!A1'] });
    expect(plain.sheets[0].data).toBeUndefined();
    const masked = Sheets.Spreadsheets.get(id, {
      ranges: ['lead_sheet!A1'],
      includeGridData: true,
      fields: 'sheets.properties',
    });
    expect(masked.sheets[0].data).toBeUndefined();
    const byMask = Sheets.Spreadsheets.get(id, {
      ranges: ['lead_sheet!A1'],
      fields: 'sheets(properties,data.rowData.values.effectiveValue)',
    });
    expect(byMask.sheets[0].data[0].rowData[0].values[0].effectiveValue).toEqual({
      stringValue: 'lead_id',
    });
  });

  test('Spreadsheets.get with an unknown range fails as values.batchGet does', () => {
    const { Sheets, id } = seeded();
    expect(() => Sheets.Spreadsheets.get(id, { ranges: ['nope!A1'] })).toThrow(
      'API call to sheets.spreadsheets.get failed with error: Unable to parse range: nope!A1',
    );
  });

  test('an unknown spreadsheet id fails as not found', () => {
    const { Sheets } = seeded();
    expect(() => Sheets.Spreadsheets.Values.get('other', 'A1')).toThrow(
      'API call to sheets.spreadsheets.values.get failed with error: Requested entity was not found.',
    );
  });
});

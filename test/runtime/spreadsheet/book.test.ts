import { setup } from './test-support';

describe('book: the admin-facing handle', () => {
  test('setRows types like a person; setRawRows stores exactly what it is given', () => {
    const { book, deps } = setup();
    const s = book.addSheet('sales_sheet');
    s.setRows([
      ['name', 'phone', 'active'],
      ['Ann', '0812', 'TRUE'],
    ]);
    s.setRawRows([['Bob', '0813', 'TRUE', new deps.DateClass(Date.UTC(2026, 0, 1))]], 3);
    const rows = s.rows();
    expect(rows[1]).toEqual(['Ann', 812, true, '']);
    expect(rows[2].slice(0, 3)).toEqual(['Bob', '0813', 'TRUE']);
    expect(rows[2][3]).toBeInstanceOf(deps.DateClass);
    expect(s.displayRows()[2][3]).toBe('1/1/2026 7:00:00');
  });

  test('insertRowAt, deleteRowAt and sortBy rearrange rows like an admin editing by hand', () => {
    const { book } = setup();
    const s = book.addSheet('sales_sheet', [
      ['name', 'n'],
      ['c', 3],
      ['a', 1],
    ]);
    s.insertRowAt(2, ['b', 2]);
    expect(s.rows().map((r) => r[0])).toEqual(['name', 'b', 'c', 'a']);
    s.sortBy('name');
    expect(s.rows().map((r) => r[0])).toEqual(['name', 'a', 'b', 'c']);
    s.sortBy(2, { ascending: false });
    expect(s.rows().map((r) => r[1])).toEqual(['n', 3, 2, 1]);
    s.deleteRowAt(2);
    expect(s.rows().map((r) => r[0])).toEqual(['name', 'b', 'a']);
  });

  test('a plain-text column set up by the admin keeps typed phones as text', () => {
    const { book } = setup();
    const s = book.addSheet('lead_sheet');
    s.setNumberFormat('C2:C', '@');
    s.setRows([['L1', 'Ann', '6281234567890']], 2);
    expect(s.rows()[1][2]).toBe('6281234567890');
    expect(s.numberFormat('C500')).toBe('@');
  });

  test('sheetNames lists tabs in order; a new spreadsheet has Sheet1', () => {
    const { book } = setup();
    book.addSheet('settings');
    expect(book.sheetNames()).toEqual(['Sheet1', 'settings']);
    expect(() => book.sheet('nope')).toThrow('No sheet named "nope"');
  });
});

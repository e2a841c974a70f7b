/**
 * The pure part of the yearly archive: which rows move tonight, and how a move cut
 * short is finished without copying a row twice or dropping one.
 */
import fc from 'fast-check';
import {
  archiveHeaders,
  archiveName,
  byYear,
  layOut,
  notYetCopied,
  rowKey,
  rowsToMove,
  type ArchiveCell,
  type LiveRow,
} from '../../src/domain/yearly-archive';

const row = (n: number, at: number | null, cells: ArchiveCell[] = [n]): LiveRow => ({
  row: n,
  at,
  cells,
});

describe('rowsToMove', () => {
  test('rows dated before the cutoff, in sheet order, up to the limit; undated rows and refused rows stay', () => {
    const rows = [row(2, 10), row(3, null), row(4, 50), row(5, 20), row(6, 5), row(7, 1)];
    expect(rowsToMove(rows, 30, 10).map((r) => r.row)).toEqual([2, 5, 6, 7]);
    expect(rowsToMove(rows, 30, 2).map((r) => r.row)).toEqual([2, 5]);
    expect(rowsToMove(rows, 30, 10, (r) => r.row !== 5).map((r) => r.row)).toEqual([2, 6, 7]);
    expect(rowsToMove(rows, 10, 10).map((r) => r.row)).toEqual([6, 7]); // strictly before
  });
});

describe('rowKey', () => {
  test('trailing empty cells do not count (the API omits them); types do', () => {
    expect(rowKey(['a', 1, '', ''])).toBe(rowKey(['a', 1]));
    expect(rowKey(['1'])).not.toBe(rowKey([1]));
    expect(rowKey([true])).not.toBe(rowKey(['true']));
    expect(rowKey(['', 'x'])).not.toBe(rowKey(['x']));
  });
});

describe('notYetCopied', () => {
  test('each copy already in the archive accounts for one equal row; equal rows still arrive as often as they are live', () => {
    const batch: ArchiveCell[][] = [['a'], ['b'], ['a'], ['c']];
    expect(notYetCopied(batch, [['a'], ['c']], (r) => r)).toEqual([['b'], ['a']]);
    expect(notYetCopied(batch, [], (r) => r)).toEqual(batch);
    expect(notYetCopied(batch, [['z']], (r) => r)).toEqual(batch);
  });

  test('property: copies already made plus those still to make are exactly the batch, with no row twice', () => {
    const cells = fc.array(fc.constantFrom('a', 'b', 'c', 1, 2), { maxLength: 3 });
    fc.assert(
      fc.property(fc.array(cells, { maxLength: 30 }), fc.nat(), (batch, seed) => {
        // An interrupted move copied a prefix of the batch (and the archive held older rows).
        const cut = batch.length ? seed % (batch.length + 1) : 0;
        const older: ArchiveCell[][] = [['older row']];
        const copied = [...older, ...batch.slice(0, cut)];
        const rest = notYetCopied(batch, copied, (r) => r);
        const after = [...batch.slice(0, cut), ...rest].map(rowKey).sort();
        expect(after).toEqual(batch.map(rowKey).sort());
      }),
    );
  });
});

describe('byYear', () => {
  test('groups by the year the caller reads from each date; undated rows are left out', () => {
    const yearOf = (ms: number): number => (ms < 100 ? 2026 : 2027);
    const groups = byYear([row(2, 5), row(3, 150), row(4, null), row(5, 99)], yearOf);
    expect([...groups].map(([y, rs]) => [y, rs.map((r) => r.row)])).toEqual([
      [2026, [2, 5]],
      [2027, [3]],
    ]);
  });
});

describe('archive names and layout', () => {
  test('"<live name> – archive <year>", with the part from the second on', () => {
    expect(archiveName('Lead Routing', 2026, 1)).toBe('Lead Routing – archive 2026');
    expect(archiveName('Lead Routing', 2026, 2)).toBe('Lead Routing – archive 2026, part 2');
  });

  test('rows are laid out by header, whatever the order; blank headers are named after their column', () => {
    const letters = (c: number): string => String.fromCharCode(64 + c);
    expect(archiveHeaders(['at', '', 'event'], letters)).toEqual(['at', 'column B', 'event']);
    expect(
      layOut(['at', 'Event', 'notes'], ['event', 'at', 'other', 'NOTES'], [1, 'X', 'n']),
    ).toEqual(['X', 1, '', 'n']);
  });
});

/**
 * Rows set aside for a Slack path's appends (src/adapters/sheets-row-reserve.ts) and the
 * commit's placement of its first new rows there (sheets-commit-plan.ts placeInFreeRows),
 * without the runtime. The calls themselves are covered end to end
 * (test/e2e/slack-deadline.test.ts, reserved-rows.test.ts).
 */
import fc from 'fast-check';
import { LOG_HEADERS, OUTBOX_HEADERS, SHEETS, type SheetName } from '../../src/app/ports';
import { HeaderTable, type CellValue } from '../../src/adapters/header-table';
import { placeInFreeRows } from '../../src/adapters/sheets-commit-plan';
import {
  freeRows,
  reserveRequests,
  tailRange,
  TAIL_ROWS,
  type RowReservation,
} from '../../src/adapters/sheets-row-reserve';
import { utcCodec } from './utc-codec';
import { logEntry } from '../../src/domain/lead';
import { newOutboxItem } from '../../src/domain/outbox';

const codec = utcCodec;

const log = (rowCount: number, count = 1): RowReservation => ({
  sheet: 'routing_log',
  rowCount,
  count,
  formats: ['yyyy-mm-dd hh:mm:ss', '', ''],
});

describe('rows set aside at the end of a sheet', () => {
  test('the anchor call appends the rows and gives their date cells the date-time format', () => {
    expect(reserveRequests(log(40, 2), 7)).toEqual([
      { appendDimension: { sheetId: 7, dimension: 'ROWS', length: 2 } },
      {
        updateCells: {
          start: { sheetId: 7, rowIndex: 40, columnIndex: 0 },
          rows: [0, 1].map(() => ({
            values: [
              {
                userEnteredFormat: {
                  numberFormat: { type: 'DATE_TIME', pattern: 'yyyy-mm-dd hh:mm:ss' },
                },
              },
              {},
              {},
            ],
          })),
          fields: 'userEnteredFormat.numberFormat',
        },
      },
    ]);
    expect(reserveRequests({ ...log(40), formats: ['', ''] }, 7)).toHaveLength(1);
    expect(reserveRequests(log(40, 0), 7)).toEqual([]);
  });

  test('it reads back the last rows before the grid end and the new rows', () => {
    expect(tailRange(log(40))).toBe(`'routing_log'!${41 - TAIL_ROWS}:41`);
    // Never the header: a log with only its header reads from row 2.
    expect(tailRange(log(1))).toBe(`'routing_log'!2:2`);
  });

  test('free rows start after the last row holding a value', () => {
    // Rows 38..41 read back: data, data, the blank row Set up keeps, the new row.
    expect(freeRows(log(40), [['x'], ['y'], [], []])).toEqual([40, 41]);
    // The grid ended on data: only the new row.
    expect(freeRows(log(40), [['x'], ['y'], ['z']])).toEqual([41]);
    // A header-only log: row 2 on.
    expect(freeRows(log(1, 2), [])).toEqual([2, 3]);
    // More blank rows than the window (an admin added them): nothing, the commit appends.
    expect(freeRows(log(40), [[], [], ['']])).toEqual([]);
  });

  test("property: free rows are the rows after the window's last value, up to the new end", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.boolean(), { minLength: 0, maxLength: TAIL_ROWS + 3 }),
        (rowCount, count, pattern) => {
          const r = log(rowCount, count);
          const first = Math.max(2, rowCount - TAIL_ROWS + 1);
          const height = rowCount + count - first + 1;
          const tail: CellValue[][] = pattern.slice(0, height).map((f) => (f ? ['v'] : []));
          const rows = freeRows(r, tail);
          const lastFilled = tail.reduce((last, row, i) => (row.length ? first + i : last), -1);
          if (lastFilled < 0 && first > 2) return rows.length === 0;
          const from = lastFilled < 0 ? 2 : lastFilled + 1;
          // Contiguous, from just after the data to the new end, none holding a value.
          return (
            rows.length === rowCount + count - from + 1 &&
            rows.every((row, i) => row === from + i) &&
            rows.every((row) => !(tail[row - first]?.length ?? 0))
          );
        },
      ),
    );
  });
});

describe("placing a commit's first new rows in the free rows", () => {
  const tables = new Map<SheetName, HeaderTable>([
    [SHEETS.log, new HeaderTable(SHEETS.log, [[...LOG_HEADERS]])],
    [SHEETS.outbox, new HeaderTable(SHEETS.outbox, [[...OUTBOX_HEADERS]])],
  ]);
  const tableOf = (sheet: SheetName) => tables.get(sheet)!;
  const message = (leadId: string) =>
    newOutboxItem({
      id: `M-${leadId}`,
      leadId,
      kind: 'ASSIGNMENT',
      route: 1,
      method: 'chat.postMessage',
      body: '{}',
      createdAt: 0,
    });

  test('first rows in order, by A1, as wide as the header; the rest left to append', () => {
    const first = logEntry(1_000, 'CONTACTED', { leadId: 'L1' });
    const second = logEntry(1_000, 'NOTIFY_CANCELLED', { leadId: 'L1' });
    const placed = placeInFreeRows(
      { log: [first, second], newOutbox: [message('L1')] },
      new Set(),
      new Map([[SHEETS.log, [40]]]),
      tableOf,
      codec,
    );
    const width = LOG_HEADERS.length;
    const last = String.fromCharCode(64 + width);
    expect(placed.writes).toEqual([
      { range: `'routing_log'!A40:${last}40`, values: [expect.any(Array)] },
    ]);
    expect(placed.writes[0].values[0]).toHaveLength(width);
    expect(placed.writes[0].values[0][LOG_HEADERS.indexOf('event')]).toBe('CONTACTED');
    expect(placed.rows).toEqual([{ range: `'routing_log'!A40:${last}40`, leadId: 'L1' }]);
    // Only the placed entry is kept from appending; the second and the message are not.
    expect([...placed.items]).toEqual([first]);
  });

  test("a skipped lead's rows are never placed; no free rows, nothing placed", () => {
    const changes = {
      log: [logEntry(1, 'CONTACTED', { leadId: 'L1' }), logEntry(1, 'REJECTED', { leadId: 'L2' })],
      newOutbox: [message('L1'), message('L2')],
    };
    const free = new Map([
      [SHEETS.log, [9, 10]],
      [SHEETS.outbox, [5]],
    ]);
    const placed = placeInFreeRows(changes, new Set(['L1']), free, tableOf, codec);
    expect(placed.rows.map((r) => [r.range.split('!')[0], r.leadId])).toEqual([
      ["'slack_outbox'", 'L2'],
      ["'routing_log'", 'L2'],
    ]);
    expect(placed.writes.map((w) => w.range.split('!')[1].split(':')[0])).toEqual(['A5', 'A9']);
    expect(placeInFreeRows(changes, new Set(), new Map(), tableOf, codec).writes).toEqual([]);
  });
});

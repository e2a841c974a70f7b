/**
 * One lead's slack_outbox rows without the whole sheet (adapters/sheets-outbox-slice.ts):
 * which rows the anchor call reads back, the table at real row numbers a commit patches
 * by A1, and the fall-backs (key columns moved: whole sheet; rows shifted: null).
 */
import { OUTBOX_HEADERS } from '../../src/app/ports';
import type { CellValue } from '../../src/adapters/header-table';
import {
  outboxKeyRanges,
  outboxSliceValues,
  planOutboxSlice,
} from '../../src/adapters/sheets-outbox-slice';

const header: CellValue[] = [...OUTBOX_HEADERS];
const row = (id: string, leadId: string): CellValue[] => [id, leadId, 'ASSIGNMENT', 1];
const sheet = [header, row('M1', 'L-1'), row('M2', 'L-2'), row('M3', 'L-1'), row('M4', 'L-3')];
const keysOf = (values: CellValue[][]) => [[values[0]], values.map((r) => [r[1]])];

describe('the outbox slice of one lead', () => {
  test('reads the header and the lead_id column first', () => {
    expect(outboxKeyRanges()).toEqual(["'slack_outbox'!1:1", "'slack_outbox'!B:B"]);
  });

  test("reads back only the lead's rows and puts them at their row numbers", () => {
    const plan = planOutboxSlice(keysOf(sheet), 'L-1');
    expect(plan.reads).toEqual(["'slack_outbox'!2:2", "'slack_outbox'!4:4"]);
    const values = outboxSliceValues(plan, [[sheet[1]], [sheet[3]]], 'L-1');
    expect(values).toEqual([header, sheet[1], [], sheet[3]]);
  });

  test('no lead id, no rows (a caller that wants only the settings)', () => {
    expect(planOutboxSlice(keysOf(sheet), '').reads).toEqual([]);
  });

  test("a row read back that is no longer one of the lead's messages gives null", () => {
    const plan = planOutboxSlice(keysOf(sheet), 'L-1');
    expect(outboxSliceValues(plan, [[sheet[1]], [sheet[4]]], 'L-1')).toBeNull();
  });

  test('key columns an admin moved: the whole sheet is read back instead', () => {
    const moved = sheet.map((r) => [r[1], r[0], ...r.slice(2)]);
    const plan = planOutboxSlice(keysOf(moved), 'L-1');
    expect(plan).toMatchObject({ whole: true, reads: ["'slack_outbox'"] });
    expect(outboxSliceValues(plan, [moved], 'L-1')).toEqual(moved);
  });
});

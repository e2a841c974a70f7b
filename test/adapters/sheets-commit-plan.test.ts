/**
 * The workbook commit's pure plan (src/adapters/sheets-commit-plan.ts) over plain tables,
 * without the runtime: which sheets a commit reads, how its key-column read becomes
 * tables, which lead patches apply or are skipped (MISSING / CHANGED), what is written
 * where, and what is appended. The Sheets calls themselves are covered end to end
 * (test/e2e/round-trips.test.ts, writes-follow-row.test.ts).
 */
import fc from 'fast-check';
import type { GuardedLeadPatch, WorkbookChanges } from '../../src/app/ports';
import { LEAD_HEADERS, SHEETS } from '../../src/app/ports';
import { HeaderTable, type CellValue } from '../../src/adapters/header-table';
import {
  appendsAfter,
  commitReadRanges,
  commitReadTables,
  commitShape,
  planWrites,
  segments,
  unwrittenLeads,
  type AnchoredLead,
} from '../../src/adapters/sheets-commit-plan';
import { utcCodec } from './utc-codec';
import type { LogEntry } from '../../src/domain/lead';
import { newOutboxItem } from '../../src/domain/outbox';

const codec = utcCodec;

const col = (h: string): number => LEAD_HEADERS.indexOf(h as (typeof LEAD_HEADERS)[number]);
/** A lead_sheet row with the key and guard cells set. */
function leadRow(id: string, stage = 'NEW', owner = 'U1', routeCount = 1): CellValue[] {
  const cells: CellValue[] = new Array<CellValue>(LEAD_HEADERS.length).fill('');
  cells[col('lead_id')] = id;
  cells[col('stage')] = stage;
  cells[col('sales_slack_id')] = owner;
  cells[col('route_count')] = routeCount;
  return cells;
}
const leadsTable = (...rows: CellValue[][]) =>
  new HeaderTable(SHEETS.leads, [[...LEAD_HEADERS], ...rows]);
const outboxTable = (...ids: string[]) =>
  new HeaderTable(SHEETS.outbox, [['id', 'lead_id', 'status'], ...ids.map((id) => [id, '', ''])]);
const stateTable = (...keys: string[]) =>
  new HeaderTable(SHEETS.state, [['key', 'value'], ...keys.map((k) => [k, 'old'])]);
const anchoredAt = (anchor: number, row: number, cells: CellValue[]): AnchoredLead => ({
  anchor,
  row,
  cells,
});
const logEntry = (leadId: string): LogEntry => ({
  at: 0,
  leadId,
  event: 'ASSIGNED',
  fromSlackId: '',
  toSlackId: 'U1',
  actor: 'system',
  detail: '',
});

describe('commitShape', () => {
  it('is null for a commit that changes nothing', () => {
    expect(commitShape({})).toBeNull();
    expect(commitShape({ leadPatches: [], log: [], state: {} })).toBeNull();
  });

  it('refuses new leads and lead patches in one commit (an append shifts rows)', () => {
    const lead = codec.lead(leadsTable(leadRow('L1')), leadsTable(leadRow('L1')).rows[0]);
    expect(() =>
      commitShape({ newLeads: [lead], leadPatches: [{ leadId: 'L1', changes: {} }] }),
    ).toThrow('new leads and lead patches cannot share one commit');
  });

  it('reads by key what it patches and only the header of what it only appends to', () => {
    const item = newOutboxItem({
      id: 'o1',
      leadId: 'L1',
      kind: 'ASSIGNMENT',
      route: 1,
      method: 'chat.postMessage',
      body: '{}',
      createdAt: 0,
    });
    const shape = commitShape({
      leadPatches: [{ leadId: 'L1', changes: { stage: 'CONTACTED' } }],
      state: { k: 'v' },
      log: [logEntry('L1')],
      newOutbox: [item],
    });
    expect(shape?.keyed).toEqual([SHEETS.leads, SHEETS.state]);
    expect(shape?.appendOnly).toEqual([SHEETS.log, SHEETS.outbox]);
    const patched = commitShape({
      outboxPatches: [{ id: 'o1', changes: { status: 'SENT' } }],
      newOutbox: [item],
    });
    expect(patched?.keyed).toEqual([SHEETS.outbox]);
    expect(patched?.appendOnly).toEqual([]);
  });
});

describe('the commit read', () => {
  const headers = new Map([
    [SHEETS.leads, [...LEAD_HEADERS] as CellValue[]],
    [SHEETS.state, ['value', 'key'] as CellValue[]],
  ]);

  it('reads the key columns where the last read put them, a sheet it has no header of whole', () => {
    const { plans, ranges } = commitReadRanges(
      headers,
      [SHEETS.leads, SHEETS.outbox, SHEETS.state],
      [SHEETS.log],
    );
    expect(plans.map((p) => p.columns)).toEqual([
      ['lead_id', 'stage', 'sales_slack_id', 'route_count'].map(col),
      null,
      [1],
    ]);
    expect(ranges).toEqual([
      `'lead_sheet'!1:1`,
      ...['lead_id', 'stage', 'sales_slack_id', 'route_count'].map((h) => {
        const letter = String.fromCharCode(65 + col(h));
        return `'lead_sheet'!${letter}:${letter}`;
      }),
      `'slack_outbox'`,
      `'routing_state_sheet'!1:1`,
      `'routing_state_sheet'!B:B`,
      `'routing_log'!1:1`,
    ]);
  });

  it('builds tables from the key columns; a sheet whose key column moved is to be read whole', () => {
    const { plans } = commitReadRanges(headers, [SHEETS.state, SHEETS.outbox], [SHEETS.log]);
    const read: CellValue[][][] = [
      [['key', 'value']], // state's header now: an admin swapped the columns
      [['value'], ['x']],
      [
        ['id', 'status'],
        ['o1', 'SENT'],
      ],
      [['at', 'lead_id']],
    ];
    const { tables, refetch } = commitReadTables(plans, [SHEETS.log], read);
    expect(refetch).toEqual([SHEETS.state]);
    expect(tables.has(SHEETS.state)).toBe(false);
    expect(tables.get(SHEETS.outbox)?.rows.map((r) => r.cells)).toEqual([['o1', 'SENT']]);
    expect(tables.get(SHEETS.log)?.width).toBe(2);
  });

  it('puts each key cell in its column, blank elsewhere, as tall as the longest column', () => {
    const { plans } = commitReadRanges(headers, [SHEETS.state], []);
    const read: CellValue[][][] = [[['value', 'key', 'note']], [['key'], ['a'], ['b']]];
    const { tables } = commitReadTables(plans, [], read);
    expect(tables.get(SHEETS.state)?.rows.map((r) => [r.row, r.cells])).toEqual([
      [2, ['', 'a', '']],
      [3, ['', 'b', '']],
    ]);
  });
});

describe('planWrites', () => {
  const table = leadsTable(leadRow('L1'), leadRow('L2'), leadRow('L3'));
  const tables = new Map([
    [SHEETS.leads, table],
    [SHEETS.outbox, outboxTable('o1', 'o2')],
    [SHEETS.state, stateTable('escalated_L2', 'rotation')],
  ]);

  it('writes a matching lead through its anchor and skips the missing and the changed', () => {
    const changes: WorkbookChanges = {
      leadPatches: [
        { leadId: 'L1', changes: { stage: 'CONTACTED' }, expect: { stage: 'NEW' } },
        { leadId: 'L2', changes: { stage: 'CONTACTED' }, expect: { salesSlackId: 'U9' } },
        { leadId: 'L3', changes: { stage: 'CONTACTED' } },
        { leadId: 'L4', changes: { stage: 'CONTACTED' } },
      ],
      outboxPatches: [
        { id: 'o1', leadId: 'L1', changes: { status: 'SENT' } },
        { id: 'o2', leadId: 'L2', changes: { status: 'SENT' } },
      ],
      state: { escalated_L2: 'x', rotation: 'r2', escalated_L1: 'y' },
    };
    const anchored = new Map<string, AnchoredLead>([
      ['L1', anchoredAt(11, 2, leadRow('L1'))],
      ['L2', anchoredAt(12, 3, leadRow('L2'))],
      ['L3', 'CHANGED'],
    ]);
    const plan = planWrites(commitShape(changes)!, tables, anchored, codec);
    expect(plan.skippedLeads).toEqual([
      { leadId: 'L2', why: 'CHANGED' },
      { leadId: 'L3', why: 'CHANGED' },
      { leadId: 'L4', why: 'MISSING' },
    ]);
    const stage = new Array<CellValue | null>(col('stage') + 1).fill(null);
    stage[col('stage')] = 'CONTACTED';
    expect(plan.writes).toEqual([
      { anchor: 11, values: [stage] },
      { range: `'slack_outbox'!C2`, values: [['SENT']] },
      { range: `'routing_state_sheet'!B3`, values: [['r2']] },
    ]);
    expect([...plan.written]).toEqual([['L1', 11]]);
    expect(plan.newState).toEqual([
      new Map<string, CellValue>([
        ['key', 'escalated_L1'],
        ['value', 'y'],
      ]),
    ]);
  });

  it('compares the stage as parsed and the route count as a count', () => {
    const row = leadRow('L1', ' contacted ', 'U1', '2' as unknown as number);
    const patch: GuardedLeadPatch = {
      leadId: 'L1',
      changes: { name: 'A' },
      expect: { stage: 'CONTACTED', routeCount: 2, salesSlackId: 'U1' },
    };
    const plan = planWrites(
      commitShape({ leadPatches: [patch] })!,
      tables,
      new Map([['L1', anchoredAt(5, 2, row)]]),
      codec,
    );
    expect(plan.skippedLeads).toEqual([]);
    expect([...plan.written]).toEqual([['L1', 5]]);
  });

  it('a lead whose anchor the write matched no cell of joins the skipped, and its rows go too', () => {
    const changes: WorkbookChanges = {
      leadPatches: [
        { leadId: 'L1', changes: { stage: 'CONTACTED' } },
        { leadId: 'L2', changes: { stage: 'CONTACTED' } },
      ],
      log: [logEntry('L1'), logEntry('L2'), logEntry('L5')],
    };
    const anchored = new Map<string, AnchoredLead>([
      ['L1', anchoredAt(11, 2, leadRow('L1'))],
      ['L2', anchoredAt(12, 3, leadRow('L2'))],
    ]);
    const plan = planWrites(commitShape(changes)!, tables, anchored, codec);
    unwrittenLeads(plan, new Map([[11, 1]]));
    expect(plan.skippedLeads).toEqual([{ leadId: 'L2', why: 'MISSING' }]);
    const { log, outbox } = appendsAfter(changes, plan.skipped, codec);
    expect(log.map((cells) => cells.get('lead_id'))).toEqual(['L1', 'L5']);
    expect(outbox).toEqual([]);
  });

  it('never writes one lead through another lead’s anchor (property)', () => {
    const ids = ['L1', 'L2', 'L3', 'L4'];
    const arbAnchored = fc.constantFrom<AnchoredLead | undefined>(undefined, 'MISSING', 'CHANGED', {
      anchor: 0,
      row: 0,
      cells: [],
    });
    fc.assert(
      fc.property(
        // One patch per lead, as the use cases send (two patches of one lead are each
        // checked on their own: one can be skipped and the other written).
        fc.uniqueArray(
          fc.record({
            leadId: fc.constantFrom(...ids),
            stage: fc.constantFrom('NEW', 'CONTACTED'),
            expectStage: fc.option(fc.constantFrom('NEW', 'CONTACTED'), { nil: undefined }),
            named: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4, selector: (p) => p.leadId },
        ),
        fc.array(arbAnchored, { minLength: 4, maxLength: 4 }),
        (patches, rows) => {
          const anchored = new Map<string, AnchoredLead>();
          ids.forEach((id, i) => {
            const r = rows[i];
            if (r === undefined) return;
            anchored.set(
              id,
              typeof r === 'string' ? r : anchoredAt(100 + i, i + 2, leadRow(id, 'NEW')),
            );
          });
          const leadPatches: GuardedLeadPatch[] = patches.map((p) => ({
            leadId: p.leadId,
            changes: p.named ? { stage: p.stage, name: 'x' } : {},
            expect: p.expectStage === undefined ? undefined : { stage: p.expectStage },
          }));
          const plan = planWrites(commitShape({ leadPatches })!, tables, anchored, codec);
          // Every write goes through the anchor of its own lead's row.
          for (const [leadId, anchor] of plan.written) {
            const row = anchored.get(leadId);
            expect(typeof row === 'object' && row.anchor === anchor).toBe(true);
          }
          expect(plan.writes.length).toBe(
            leadPatches.filter((p) => !plan.skipped.has(p.leadId) && Object.keys(p.changes).length)
              .length,
          );
          // A patch is skipped exactly when its row is not anchored or no longer matches.
          for (const p of leadPatches) {
            const row = anchored.get(p.leadId);
            const applies =
              typeof row === 'object' &&
              (p.expect?.stage === undefined || p.expect.stage === 'NEW');
            if (!applies) expect(plan.skipped.has(p.leadId)).toBe(true);
          }
          expect(new Set(plan.skippedLeads.map((s) => s.leadId))).toEqual(plan.skipped);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('segments', () => {
  it('writes exactly the changed cells, one range per contiguous run (property)', () => {
    const headers = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const table = new HeaderTable(SHEETS.state, [headers]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...headers), { maxLength: 8 }), (chosen) => {
        const cells = new Map<string, CellValue>(chosen.map((h) => [h, h.toUpperCase()]));
        const out = segments(table, 7, cells);
        const written = out.flatMap((s) => s.values[0]);
        expect(written).toEqual([...chosen].sort().map((h) => h.toUpperCase()));
        // Runs are separated by at least one unchanged column.
        const columns = [...chosen].map((h) => headers.indexOf(h)).sort((a, b) => a - b);
        const gaps = columns.slice(1).filter((c, i) => c !== columns[i] + 1).length;
        expect(out.length).toBe(columns.length ? gaps + 1 : 0);
        for (const s of out) expect(s.range).toMatch(/^'routing_state_sheet'!([A-H]7)(:[A-H]7)?$/);
      }),
      { numRuns: 200 },
    );
  });
});

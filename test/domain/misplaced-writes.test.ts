/**
 * A write that landed on another lead's row is never silent (app/misplaced-writes.ts):
 * ERROR rows naming both leads and the cells, one notice to the manager in the team's
 * language; without a manager (or unreadable settings) the log rows still go.
 */
import { misplacedNotices, type MisplacedWrite } from '../../src/domain/misplaced-writes';

const at = Date.UTC(2026, 10, 27, 3, 0);
const build = misplacedNotices(
  () => at,
  () => 'u1',
);
const write: MisplacedWrite = {
  leadId: 'L-1',
  ontoLeadId: 'L-2',
  columns: ['stage', 'contacted_at'],
  reapplied: true,
  restored: ['stage'],
  notRestored: ['contacted_at'],
  stillWritten: [],
};

describe('misplaced writes: log rows and the manager notice', () => {
  test('two ERROR rows (each lead) naming the other lead, the cells, what was put back and what not', () => {
    const { log } = build([write], new Map([['manager_slack_id', 'UMGR00001']]));
    expect(log.map((e) => [e.event, e.leadId, e.at])).toEqual([
      ['ERROR', 'L-1', at],
      ['ERROR', 'L-2', at],
    ]);
    expect(log[0].detail).toContain('landed on the row of L-2');
    expect(log[1].detail).toContain('meant for L-1');
    for (const e of log) {
      expect(e.detail).toContain('cells written: stage, contacted_at');
      expect(e.detail).toContain('L-1 got its change');
      expect(e.detail).toContain('put back on L-2: stage');
      expect(e.detail).toContain(
        'NOT put back on L-2 (previous values not read by this run): contacted_at',
      );
    }
  });

  test('one WRITE_PROBLEM message to the manager, in the team language', () => {
    const two = [write, { ...write, leadId: 'L-3', ontoLeadId: 'L-4' }];
    const en = build(two, new Map([['manager_slack_id', 'UMGR00001']])).newOutbox;
    expect(en).toHaveLength(1);
    expect(en[0]).toMatchObject({ kind: 'WRITE_PROBLEM', leadId: '', status: 'PENDING' });
    const body = JSON.parse(en[0].body) as { channel: string; text: string };
    expect(body.channel).toBe('UMGR00001');
    expect(body.text).toContain('2 changes meant for one lead landed on another');
    expect(body.text).toContain('L-1 → L-2, L-3 → L-4');
    const id = build(
      [write],
      new Map([
        ['manager_slack_id', 'UMGR00001'],
        ['language', 'id'],
      ]),
    ).newOutbox;
    expect((JSON.parse(id[0].body) as { text: string }).text).toContain('sebuah perubahan');
  });

  test('no manager, no settings read, or settings that do not parse: the log rows alone', () => {
    for (const settings of [new Map<string, unknown>(), null, new Map([['sla_minutes', 'x']])]) {
      const out = build([write], settings);
      expect(out.newOutbox).toEqual([]);
      expect(out.log).toHaveLength(2);
    }
    expect(build([], new Map([['manager_slack_id', 'UMGR00001']]))).toEqual({
      log: [],
      newOutbox: [],
    });
  });
});

/**
 * Issue 6's routing rules through dist/Code.js: weights, caps, away reps, nobody
 * available (the manager told once per stretch), a fair rotation when the roster changes.
 */
import { ESCALATION_CHANNEL, MANAGER, World } from './world';

let phones = 0;
/** Submits n leads, each a different person, and returns who got each. */
function owners(w: World, n: number, prefix = 'L'): string[] {
  return Array.from({ length: n }, (_, i) =>
    String(
      w.lead(w.submit({ Name: `${prefix}${i}`, Phone: `0812-3456-${String(7000 + phones++)}` })!)
        .sales_slack_id,
    ),
  );
}

describe('routing rules from sales_sheet columns', () => {
  test('a rep with weight 2 gets twice the leads of a weight-1 rep, interleaved', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001', weight: 2 },
        { name: 'Bima', slackId: 'UBIMA0002', weight: 1 },
      ],
    });
    expect(owners(w, 6)).toEqual([
      'UAYU0001',
      'UBIMA0002',
      'UAYU0001',
      'UAYU0001',
      'UBIMA0002',
      'UAYU0001',
    ]);
  });

  test('a rep holding max_open_leads NEW leads is skipped until one is contacted', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001', maxOpenLeads: 1 },
        { name: 'Bima', slackId: 'UBIMA0002' },
      ],
    });
    const first = w.submit({ Name: 'A', Phone: '0812-3456-6001' })!;
    expect(w.lead(first).sales_slack_id).toBe('UAYU0001');
    expect(owners(w, 2, 'B')).toEqual(['UBIMA0002', 'UBIMA0002']);
    w.click('UAYU0001', first);
    expect(owners(w, 1, 'C')).toEqual(['UAYU0001']);
  });

  test('a rep away until a time gets nothing before it and rejoins after, without a flood', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001' },
        { name: 'Bima', slackId: 'UBIMA0002', awayUntil: new Date(Date.UTC(2026, 10, 26, 4, 0)) },
      ],
    });
    expect(owners(w, 3, 'A')).toEqual(['UAYU0001', 'UAYU0001', 'UAYU0001']);
    w.rt.clock.advanceMinutes(121);
    expect(owners(w, 4, 'B')).toEqual(['UBIMA0002', 'UAYU0001', 'UBIMA0002', 'UAYU0001']);
  });

  test('nobody available: leads wait unassigned, the manager is told once, and the sweep assigns them when someone is back', () => {
    const w = new World({
      reps: [{ name: 'Ayu', slackId: 'UAYU0001', active: false }],
      settings: { escalation_channel_id: ESCALATION_CHANNEL },
    });
    const ids = [
      w.submit({ Name: 'A', Phone: '0812-3456-7001' })!,
      w.submit({ Name: 'B', Phone: '0812-3456-7002' })!,
    ];
    w.sweepAfter(5);
    w.sweepAfter(5);
    const told = w.seen(ESCALATION_CHANNEL);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('no rep can take new leads right now');
    expect(ids.map((id) => w.lead(id).sales_slack_id)).toEqual(['', '']);
    w.setReps([{ name: 'Ayu', slackId: 'UAYU0001', active: true }]);
    w.sweepAfter(5);
    expect(ids.map((id) => w.lead(id).sales_slack_id)).toEqual(['UAYU0001', 'UAYU0001']);
    w.setReps([{ name: 'Ayu', slackId: 'UAYU0001', active: false }]);
    w.submit({ Name: 'C', Phone: '0812-3456-7003' });
    expect(w.seen(ESCALATION_CHANNEL)).toHaveLength(2);
  });

  test('without an escalation channel the manager hears it by direct message', () => {
    const w = new World({ reps: [] });
    w.submit({ Name: 'A', Phone: '0812-3456-7001' });
    expect(w.seen(MANAGER)).toEqual([expect.stringContaining('1 lead is waiting unassigned')]);
  });

  test('moving rows in sales_sheet between leads never gives anyone two turns in a row', () => {
    const w = new World();
    expect(owners(w, 2, 'A')).toEqual(['UAYU0001', 'UBIMA0002']);
    w.setReps([
      { name: 'Bima', slackId: 'UBIMA0002' },
      { name: 'Citra', slackId: 'UCITRA003' },
      { name: 'Ayu', slackId: 'UAYU0001' },
    ]);
    expect(owners(w, 4, 'B')).toEqual(['UCITRA003', 'UAYU0001', 'UBIMA0002', 'UCITRA003']);
  });
});

describe('reps already tried', () => {
  test('a re-route goes to a rep who has not held the lead; when all have, to the one who held it longest ago', () => {
    const w = new World({ settings: { sla_minutes: 30, escalation_threshold: 10 } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const holders = [String(w.lead(id).sales_slack_id)];
    for (let i = 0; i < 4; i++) {
      w.sweepAfter(30);
      holders.push(String(w.lead(id).sales_slack_id));
    }
    expect(holders).toEqual(['UAYU0001', 'UBIMA0002', 'UCITRA003', 'UAYU0001', 'UBIMA0002']);
    expect(w.lead(id).route_history).toBe('UAYU0001 UBIMA0002 UCITRA003 UAYU0001 UBIMA0002');
  });

  test('who held a lead survives a restart: it is read back from route_history in the sheet', () => {
    const w = new World({ settings: { sla_minutes: 30 } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.editLead(id, 'route_history', 'UBIMA0002 UAYU0001');
    w.sweepAfter(30);
    expect(w.lead(id).sales_slack_id).toBe('UCITRA003');
  });
});

import fc from 'fast-check';
import {
  NEW_ROTATION,
  nextRepForNewLead,
  nextRepForReroute,
  type Rotation,
} from '../../src/domain/round-robin';
import type { Rep } from '../../src/domain/rep';
import { rep, reps, T0 } from './fixtures';

const NONE = new Map<string, number>();

function rotate(
  roster: Rep[],
  n: number,
  start: Rotation = NEW_ROTATION,
  open = NONE,
): { order: string[]; rotation: Rotation } {
  const order: string[] = [];
  let rotation = start;
  for (let i = 0; i < n; i++) {
    const next = nextRepForNewLead(roster, rotation, T0, open);
    if (!next) break;
    order.push(next.rep.slackId);
    rotation = next.rotation;
  }
  return { order, rotation };
}

describe('the fair rotation for new leads', () => {
  test('equal weights: each active rep in sheet order, skipping inactive ones', () => {
    expect(rotate(reps('UA1', ['UA2', false], 'UA3'), 5).order).toEqual([
      'UA1',
      'UA3',
      'UA1',
      'UA3',
      'UA1',
    ]);
  });

  test('nobody active means no rep', () => {
    expect(nextRepForNewLead(reps(['UA1', false]), NEW_ROTATION, T0, NONE)).toBeNull();
  });

  test('the seed pointer last_index alone is honoured when nothing else is stored', () => {
    expect(
      nextRepForNewLead(
        reps('UA1', 'UA2', 'UA3'),
        { lastIndex: 1, lastSlackId: '', turns: {} },
        T0,
        NONE,
      )?.rep.slackId,
    ).toBe('UA3');
  });

  test('reordering rows never gives the last rep a second turn in a row', () => {
    const { rotation } = rotate(reps('UA1', 'UA2', 'UA3'), 1);
    const reordered = reps('UA3', 'UA2', 'UA1');
    expect(nextRepForNewLead(reordered, rotation, T0, NONE)?.rep.slackId).not.toBe('UA1');
  });

  test('deleting the rep who had the last turn does not skip the one after them', () => {
    const { rotation } = rotate(reps('UA1', 'UA2', 'UA3'), 2);
    expect(nextRepForNewLead(reps('UA1', 'UA3'), rotation, T0, NONE)?.rep.slackId).toBe('UA3');
  });

  test('reps with an empty, malformed or duplicated slack_id never get a lead', () => {
    const roster: Rep[] = [
      rep({ slackId: '', index: 0 }),
      rep({ slackId: 'bob', index: 1 }),
      rep({ slackId: 'UA9', index: 2 }),
      rep({ slackId: 'UA9', index: 3 }),
      rep({ slackId: 'UA5', index: 4 }),
    ];
    expect(rotate(roster, 3).order).toEqual(['UA5', 'UA5', 'UA5']);
  });

  test('a weight-2 rep gets twice the leads of a weight-1 rep, interleaved', () => {
    const roster = [
      rep({ slackId: 'UA1', weight: 2, index: 0 }),
      rep({ slackId: 'UB1', index: 1 }),
    ];
    const { order } = rotate(roster, 9);
    expect(order.join(' ')).toBe('UA1 UB1 UA1 UA1 UB1 UA1 UA1 UB1 UA1');
  });

  test('weight 0, away_until in the future and a full max_open_leads skip a rep', () => {
    const roster = [
      rep({ slackId: 'UA1', weight: 0, index: 0 }),
      rep({ slackId: 'UA2', awayUntil: T0 + 60_000, index: 1 }),
      rep({ slackId: 'UA3', maxOpenLeads: 2, index: 2 }),
      rep({ slackId: 'UA4', index: 3 }),
    ];
    expect(rotate(roster, 2, NEW_ROTATION, new Map([['UA3', 2]])).order).toEqual(['UA4', 'UA4']);
    expect(rotate(roster, 2, NEW_ROTATION, new Map([['UA3', 1]])).order).toEqual(['UA3', 'UA4']);
  });

  test('a rep who comes back rejoins level with the others, without a catch-up flood', () => {
    const roster = reps('UA1', 'UA2', 'UA3');
    let { rotation } = rotate(roster, 2);
    ({ rotation } = rotate(reps('UA1', 'UA2', ['UA3', false]), 10, rotation));
    const { order } = rotate(roster, 6, rotation);
    expect(order.filter((id) => id === 'UA3').length).toBe(2);
  });

  test('property: for any intakes and roster changes, equal-weight reps who stayed available differ by at most one lead', () => {
    type Op =
      | { kind: 'intake' }
      | { kind: 'toggle'; who: number }
      | { kind: 'insert'; at: number }
      | { kind: 'delete'; who: number }
      | { kind: 'reorder'; seed: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 6, arbitrary: fc.constant<Op>({ kind: 'intake' }) },
      { weight: 1, arbitrary: fc.nat(20).map<Op>((who) => ({ kind: 'toggle', who })) },
      { weight: 1, arbitrary: fc.nat(20).map<Op>((at) => ({ kind: 'insert', at })) },
      { weight: 1, arbitrary: fc.nat(20).map<Op>((who) => ({ kind: 'delete', who })) },
      { weight: 1, arbitrary: fc.nat(1000).map<Op>((seed) => ({ kind: 'reorder', seed })) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 80 }), (size, ops) => {
        let roster: Array<{ id: string; active: boolean }> = Array.from(
          { length: size },
          (_, i) => ({ id: `U${i + 10}`, active: true }),
        );
        let next = size + 10;
        let rotation = NEW_ROTATION;
        const got = new Map<string, number>();
        const interrupted = new Set<string>();
        const asReps = (): Rep[] =>
          roster.map((r, index) => rep({ slackId: r.id, active: r.active, index }));
        for (const o of ops) {
          if (o.kind === 'intake') {
            const n = nextRepForNewLead(asReps(), rotation, T0, NONE);
            if (n) {
              rotation = n.rotation;
              got.set(n.rep.slackId, (got.get(n.rep.slackId) ?? 0) + 1);
            }
          } else if (o.kind === 'toggle' && roster.length) {
            const r = roster[o.who % roster.length];
            r.active = !r.active;
            interrupted.add(r.id);
          } else if (o.kind === 'insert') {
            const id = `U${next++}`;
            roster.splice(o.at % (roster.length + 1), 0, { id, active: true });
            interrupted.add(id);
          } else if (o.kind === 'delete' && roster.length) {
            interrupted.add(roster.splice(o.who % roster.length, 1)[0].id);
          } else if (o.kind === 'reorder') {
            roster = [...roster].sort(
              (a, b) =>
                ((a.id.charCodeAt(2) * 31 + o.seed) % 7) - ((b.id.charCodeAt(2) * 31 + o.seed) % 7),
            );
          }
        }
        const steady = roster.filter((r) => !interrupted.has(r.id)).map((r) => got.get(r.id) ?? 0);
        return steady.length < 2 || Math.max(...steady) - Math.min(...steady) <= 1;
      }),
      { numRuns: 500 },
    );
  });
});

describe('re-routing an overdue lead', () => {
  test('goes to the next active rep after the current owner', () => {
    expect(nextRepForReroute(reps('UA1', 'UA2', 'UA3'), 'UA2', ['UA2'], T0, NONE)?.slackId).toBe(
      'UA3',
    );
  });

  test('prefers a rep who has not held the lead yet', () => {
    expect(
      nextRepForReroute(reps('UA1', 'UA2', 'UA3'), 'UA1', ['UA2', 'UA1'], T0, NONE)?.slackId,
    ).toBe('UA3');
  });

  test('when everyone has held it, the one who held it longest ago gets it', () => {
    expect(
      nextRepForReroute(reps('UA1', 'UA2', 'UA3'), 'UA3', ['UA2', 'UA1', 'UA3'], T0, NONE)?.slackId,
    ).toBe('UA2');
  });

  test('skips reps who are away or at their cap', () => {
    const roster = [
      rep({ slackId: 'UA1', index: 0 }),
      rep({ slackId: 'UA2', awayUntil: T0 + 1, index: 1 }),
      rep({ slackId: 'UA3', maxOpenLeads: 1, index: 2 }),
      rep({ slackId: 'UA4', index: 3 }),
    ];
    expect(nextRepForReroute(roster, 'UA1', ['UA1'], T0, new Map([['UA3', 1]]))?.slackId).toBe(
      'UA4',
    );
  });

  test('returns null when nobody but the owner is available', () => {
    expect(nextRepForReroute(reps('UA1', ['UA2', false]), 'UA1', ['UA1'], T0, NONE)).toBeNull();
  });

  test('property: never the current owner while another rep is available', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 2, maxLength: 8 }),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 10 }),
        (actives, ownerPick, hist) => {
          const roster = reps(...actives.map((a, i): [string, boolean] => [`U${i + 10}`, a]));
          const owner = roster[ownerPick % roster.length].slackId;
          const history = [...hist.map((h) => roster[h % roster.length].slackId), owner];
          const next = nextRepForReroute(roster, owner, history, T0, NONE);
          const others = roster.filter((r) => r.active && r.slackId !== owner);
          return others.length === 0
            ? next === null
            : next !== null && next.slackId !== owner && next.active;
        },
      ),
    );
  });
});

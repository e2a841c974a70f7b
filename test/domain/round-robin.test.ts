import fc from 'fast-check';
import { advancePointer, nextRepForNewLead, nextRepForReroute, type RotationPointer } from '../../src/domain/round-robin';
import type { Rep } from '../../src/domain/rep';
import { reps } from './fixtures';

const START: RotationPointer = { lastIndex: -1, lastSlackId: '' };

function rotate(roster: Rep[], n: number, pointer = START): string[] {
  const out: string[] = [];
  let p = pointer;
  for (let i = 0; i < n; i++) {
    const rep = nextRepForNewLead(roster, p);
    if (!rep) break;
    out.push(rep.slackId);
    p = advancePointer(rep);
  }
  return out;
}

describe('round-robin over active reps in sheet order', () => {
  test('new leads go to each active rep in turn, skipping inactive ones', () => {
    expect(rotate(reps('UA1', ['UA2', false], 'UA3'), 5)).toEqual(['UA1', 'UA3', 'UA1', 'UA3', 'UA1']);
  });

  test('nobody active means no rep', () => {
    expect(nextRepForNewLead(reps(['UA1', false]), START)).toBeNull();
  });

  test('the seed pointer last_index alone is honoured when no slack id is stored', () => {
    expect(nextRepForNewLead(reps('UA1', 'UA2', 'UA3'), { lastIndex: 1, lastSlackId: '' })?.slackId).toBe('UA3');
  });

  test('reordering rows resumes after the rep who had the last turn, not after the old position', () => {
    const before = reps('UA1', 'UA2', 'UA3');
    const pointer = advancePointer(before[0]);
    const reordered = reps('UA3', 'UA2', 'UA1');
    expect(nextRepForNewLead(reordered, pointer)?.slackId).not.toBe('UA1');
    expect(nextRepForNewLead(reps('UA0', 'UA1', 'UA2', 'UA3'), pointer)?.slackId).toBe('UA2');
  });

  test('reps with an empty, malformed or duplicated slack_id never get a lead', () => {
    const roster: Rep[] = [
      { name: 'No id', email: '', slackId: '', active: true, index: 0 },
      { name: 'Bad id', email: '', slackId: 'bob', active: true, index: 1 },
      { name: 'Twin A', email: '', slackId: 'UA9', active: true, index: 2 },
      { name: 'Twin B', email: '', slackId: 'UA9', active: true, index: 3 },
      { name: 'Good', email: '', slackId: 'UA5', active: true, index: 4 },
    ];
    expect(rotate(roster, 3)).toEqual(['UA5', 'UA5', 'UA5']);
  });

  test('property: with a fixed roster, active reps differ by at most one lead after any number of intakes', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: -1, max: 8 }), (actives, n, start) => {
        const roster = reps(...actives.map((a, i): [string, boolean] => [`U${i + 10}`, a]));
        const got = rotate(roster, n, { lastIndex: start, lastSlackId: '' });
        const active = roster.filter((r) => r.active).map((r) => r.slackId);
        if (active.length === 0) return got.length === 0;
        const counts = active.map((id) => got.filter((g) => g === id).length);
        return Math.max(...counts) - Math.min(...counts) <= 1 && got.every((g) => active.includes(g));
      }),
    );
  });
});

describe('re-routing an overdue lead', () => {
  test('goes to the next active rep after the current owner', () => {
    expect(nextRepForReroute(reps('UA1', 'UA2', 'UA3'), 'UA2', ['UA2'])?.slackId).toBe('UA3');
  });

  test('prefers a rep who has not held the lead yet', () => {
    expect(nextRepForReroute(reps('UA1', 'UA2', 'UA3'), 'UA1', ['UA2', 'UA1'])?.slackId).toBe('UA3');
  });

  test('when everyone has held it, the one who held it longest ago gets it', () => {
    expect(nextRepForReroute(reps('UA1', 'UA2', 'UA3'), 'UA3', ['UA2', 'UA1', 'UA3'])?.slackId).toBe('UA2');
  });

  test('returns null when nobody but the owner is eligible', () => {
    expect(nextRepForReroute(reps('UA1', ['UA2', false]), 'UA1', ['UA1'])).toBeNull();
  });

  test('property: never the current owner while another rep is active', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 8 }), fc.nat(), fc.array(fc.nat(), { maxLength: 10 }), (actives, ownerPick, hist) => {
        const roster = reps(...actives.map((a, i): [string, boolean] => [`U${i + 10}`, a]));
        const owner = roster[ownerPick % roster.length].slackId;
        const history = [...hist.map((h) => roster[h % roster.length].slackId), owner];
        const next = nextRepForReroute(roster, owner, history);
        const others = roster.filter((r) => r.active && r.slackId !== owner);
        return others.length === 0 ? next === null : next !== null && next.slackId !== owner && next.active;
      }),
    );
  });
});

import fc from 'fast-check';
import type { Lead } from '../../src/domain/lead';
import type { Rep } from '../../src/domain/rep';
import {
  pickRule,
  readRules,
  ruleFields,
  ruleName,
  type RuleRow,
} from '../../src/domain/routing-rules';
import { assignNewLead, planSweep, rerouteTarget } from '../../src/domain/routing';
import { slaClock } from '../../src/domain/sla';
import { NEW_ROTATIONS, routingProblems, teamReps, type Rotations } from '../../src/domain/teams';
import { lead, MINUTE, rep, settings, T0 } from './fixtures';

const NONE = new Map<string, number>();
const TEAMS = ['solar', 'wind', 'East Java', 'ghost'];
const QUESTIONS = ['Product', 'City'];
const WORDS = ['Solar', 'wind', 'SURABAYA', 'Malang', 'solar panel', ' solar ', ''];

/** An independent reading of "first active matching rule": what the README promises. */
function oracleTeam(rows: readonly RuleRow[], answers: Record<string, string>): string | null {
  for (const r of rows) {
    if (r.active !== true || String(r.field).startsWith('#')) continue;
    const have = (answers[String(r.field)] ?? '').trim();
    const want = String(r.value).trim();
    let hit: boolean;
    if (r.operator === 'matches') {
      try {
        hit = new RegExp(want, 'i').test(have);
      } catch {
        continue; // an invalid pattern is skipped
      }
    } else if (r.operator === 'equals') hit = have.toLowerCase() === want.toLowerCase();
    else if (r.operator === 'contains') hit = have.toLowerCase().includes(want.toLowerCase());
    else hit = have.toLowerCase().startsWith(want.toLowerCase());
    if (hit) return String(r.team).trim();
  }
  return null;
}

const ruleRow = fc.record({
  field: fc.constantFrom(...QUESTIONS, '# Example'),
  operator: fc.constantFrom('equals', 'contains', 'starts_with', 'matches'),
  value: fc.constantFrom(...WORDS, '^sol', 'baya$', '(bad', 'm.l'),
  team: fc.constantFrom(...TEAMS, ''),
  active: fc.boolean(),
});

/** Six reps, each in a random subset of the teams (overlaps allowed), all available. */
const roster = fc
  .array(fc.subarray(TEAMS.slice(0, 3)), { minLength: 6, maxLength: 6 })
  .map((teams) =>
    teams.map((t, index) =>
      rep({ slackId: `U${index + 10}`, index, teams: t.map((x) => x.toLowerCase()) }),
    ),
  );

const answers = fc.record({
  Product: fc.constantFrom(...WORDS),
  City: fc.constantFrom(...WORDS),
});

/** Intake of a sequence of leads, as the engine does it: pick the rule, then assign within its team. */
function route(
  rows: RuleRow[],
  reps: Rep[],
  submissions: Array<Record<string, string>>,
): Array<{ lead: Lead; to: string | null }> {
  const { rules } = readRules(rows);
  let rotations: Rotations = NEW_ROTATIONS;
  return submissions.map((a, i) => {
    const rule = pickRule(rules, ruleFields(a, { source: 'form', email: '', phone: '' }));
    const l = lead({
      leadId: `L-${i}`,
      team: rule?.team ?? '',
      routingRule: rule ? ruleName(rule) : '',
    });
    const assigned = assignNewLead(l, reps, rotations, T0, NONE);
    if (assigned) rotations = assigned.rotations;
    return { lead: l, to: assigned ? assigned.decision.patch.changes.salesSlackId! : null };
  });
}

describe('teams (properties)', () => {
  test("any rule table, any leads: each lead goes to a rep of its first matching rule's team (anyone when none matched), or waits when that team has nobody", () => {
    fc.assert(
      fc.property(
        fc.array(ruleRow, { maxLength: 8 }),
        roster,
        fc.array(answers, { maxLength: 30 }),
        (shapes, reps, submissions) => {
          const rows = shapes.map((s, i) => ({ row: i + 2, slaMinutes: '', ...s }));
          const routed = route(rows, reps, submissions);
          routed.forEach(({ lead: l, to }, i) => {
            const team = oracleTeam(rows, submissions[i]);
            expect(l.team).toBe(team ?? '');
            const members = reps.filter((r) => !team || r.teams.includes(team.toLowerCase()));
            if (members.length === 0) expect(to).toBeNull();
            else expect(members.map((r) => r.slackId)).toContain(to);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('rotation within each team stays even: members of a team get its leads within one of each other', () => {
    fc.assert(
      fc.property(
        roster,
        fc.array(fc.constantFrom(...TEAMS.slice(0, 3), ''), { maxLength: 60 }),
        (reps, teams) => {
          let rotations: Rotations = NEW_ROTATIONS;
          const got = new Map<string, Map<string, number>>();
          teams.forEach((team, i) => {
            const assigned = assignNewLead(
              lead({ leadId: `L-${i}`, team }),
              reps,
              rotations,
              T0,
              NONE,
            );
            if (!assigned) {
              expect(teamReps(reps, team)).toEqual([]);
              return;
            }
            rotations = assigned.rotations;
            const counts = got.get(team) ?? new Map<string, number>();
            const to = assigned.decision.patch.changes.salesSlackId!;
            counts.set(to, (counts.get(to) ?? 0) + 1);
            got.set(team, counts);
          });
          for (const [team, counts] of got) {
            const each = teamReps(reps, team).map((r) => counts.get(r.slackId) ?? 0);
            expect(Math.max(...each) - Math.min(...each)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a re-route never leaves the team: the next team member, or the owner again when nobody else in it can', () => {
    fc.assert(
      fc.property(roster, fc.constantFrom(...TEAMS.slice(0, 3)), fc.nat(), (reps, team, pick) => {
        const members = teamReps(reps, team);
        fc.pre(members.length > 0);
        const owner = members[pick % members.length];
        const to = rerouteTarget(
          lead({ team, salesSlackId: owner.slackId, routeHistory: [owner.slackId] }),
          reps,
          T0,
          NONE,
        );
        expect(members).toContain(to);
        if (members.length > 1) expect(to).not.toBe(owner);
      }),
      { numRuns: 300 },
    );
  });
});

describe('teams in the sweep', () => {
  const reps = [
    rep({ slackId: 'USOL1', index: 0, teams: ['solar'] }),
    rep({ slackId: 'UWIND', index: 1, teams: ['wind'] }),
    rep({ slackId: 'USOL2', index: 2, teams: ['solar', 'wind'] }),
  ];
  const base = {
    reps,
    rotations: NEW_ROTATIONS,
    settings: settings(),
    escalated: new Set<string>(),
    sla: slaClock(60, null, new Set(), { offsetMinutes: () => 420 }),
  };

  test("a lead's own SLA (from its rule) decides when it is overdue, not the setting", () => {
    const held = (id: string, slaMinutes: number | null) =>
      lead({
        leadId: id,
        team: 'Solar',
        slaMinutes,
        salesSlackId: 'USOL1',
        routeCount: 1,
        assignedAt: T0,
        routeHistory: ['USOL1'],
      });
    const plan = planSweep({
      ...base,
      leads: [held('L-hot', 5), held('L-normal', null)],
      now: T0 + 5 * MINUTE,
    });
    expect(
      plan.decisions.map((d) => [d.lead.leadId, d.kind === 'REROUTED' && d.to.slackId]),
    ).toEqual([['L-hot', 'USOL2']]);
  });

  test('waiting leads are counted per team; the other teams are still assigned', () => {
    const plan = planSweep({
      ...base,
      reps: reps.map((r) => (r.slackId === 'UWIND' ? r : { ...r, active: false })),
      leads: [
        lead({ leadId: 'L-1', team: 'Solar' }),
        lead({ leadId: 'L-2', team: 'wind' }),
        lead({ leadId: 'L-3', team: ' SOLAR' }),
      ],
      now: T0,
    });
    expect(plan.decisions.map((d) => d.lead.leadId)).toEqual(['L-2']);
    expect([...plan.waitingByTeam]).toEqual([['solar', { team: 'Solar', count: 2 }]]);
    expect(plan.rotations.teams.wind).toMatchObject({ lastSlackId: 'UWIND' });
    expect(plan.rotations.global).toBe(NEW_ROTATIONS.global);
  });

  test('Check set-up wording: a rule naming a team nobody eligible has is a problem; a rule with no team is not', () => {
    const table = readRules([
      {
        row: 2,
        field: 'Product',
        operator: 'equals',
        value: 'x',
        team: 'ghost',
        slaMinutes: '',
        active: true,
      },
      {
        row: 3,
        field: 'Product',
        operator: 'equals',
        value: 'y',
        team: '',
        slaMinutes: 5,
        active: true,
      },
      {
        row: 4,
        field: 'Product',
        operator: 'equals',
        value: 'z',
        team: 'SOLAR',
        slaMinutes: '',
        active: true,
      },
    ]);
    expect(routingProblems(table, reps)).toEqual([
      expect.stringContaining('routing_rules row 2 sends leads to team "ghost"'),
    ]);
  });
});

describe('weights, caps and away inside a team', () => {
  const reps = [
    rep({ slackId: 'USOL1', index: 0, teams: ['solar'], weight: 2 }),
    rep({ slackId: 'UWIND', index: 1, teams: ['wind'] }),
    rep({ slackId: 'USOL2', index: 2, teams: ['solar'] }),
  ];
  const next = (rs: Rep[], rotations: Rotations, open = NONE) =>
    assignNewLead(lead({ team: 'solar' }), rs, rotations, T0, open);

  test('weights share the team rotation: 2 to 1, interleaved, and nobody outside the team', () => {
    let rotations: Rotations = NEW_ROTATIONS;
    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      const n = next(reps, rotations)!;
      rotations = n.rotations;
      got.push(n.decision.patch.changes.salesSlackId!);
    }
    expect(got).toEqual(['USOL1', 'USOL2', 'USOL1', 'USOL1', 'USOL2', 'USOL1']);
  });

  test('a team member at max_open_leads or away is skipped; with both out, the lead waits even though a rep of another team is free', () => {
    const capped = reps.map((r) => (r.slackId === 'USOL1' ? { ...r, maxOpenLeads: 1 } : r));
    expect(
      next(capped, NEW_ROTATIONS, new Map([['USOL1', 1]]))?.decision.patch.changes,
    ).toMatchObject({ salesSlackId: 'USOL2' });
    const away = capped.map((r) => (r.slackId === 'USOL2' ? { ...r, awayUntil: T0 + MINUTE } : r));
    expect(next(away, NEW_ROTATIONS, new Map([['USOL1', 1]]))).toBeNull();
  });
});

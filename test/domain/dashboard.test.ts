/**
 * The dashboard's numbers, each checked on hand-built leads. The spreadsheet's zone is
 * UTC+7 (Asia/Jakarta): T0 = 2026-11-26 02:00 UTC = 09:00 local, so local midnight is
 * 17:00 UTC the day before.
 */
import {
  addDays,
  dashboardStats,
  MAX_REPS,
  utcDay,
  type DashboardInput,
} from '../../src/domain/dashboard';
import fc from 'fast-check';
import type { Lead } from '../../src/domain/lead';
import { lead, MINUTE, rep, T0 } from './fixtures';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const dayOf = (ms: number): string => utcDay(ms + 7 * HOUR);
/** 00:00 local today. */
const MIDNIGHT = T0 - 9 * HOUR;

const roster = [
  rep({ slackId: 'UAYU', name: 'Ayu' }),
  rep({ slackId: 'UBIMA', name: 'Bima', index: 1 }),
  rep({ slackId: 'UCITRA', name: 'Citra', index: 2 }),
];

let seq = 0;
function held(owner: string, at: number, over: Partial<Lead> = {}): Lead {
  seq += 1;
  return lead({
    leadId: `L-${seq}`,
    salesSlackId: owner,
    assignedSales: owner,
    routeCount: 1,
    createdAt: at,
    assignedAt: at,
    lastRoutedAt: at,
    routeHistory: [owner],
    ...over,
  });
}

function stats(leads: Lead[], over: Partial<DashboardInput> = {}) {
  return dashboardStats({ leads, reps: roster, slaMinutes: 60, now: T0, dayOf, ...over });
}

const row = (s: ReturnType<typeof stats>, slackId: string) => {
  const found = s.reps.find((r) => r.slackId === slackId);
  if (!found) throw new Error(`no row for ${slackId}`);
  return found;
};

describe('calendar days', () => {
  test('utcDay reads an instant as a UTC calendar day, before 1970 too', () => {
    expect(utcDay(0)).toBe('1970-01-01');
    expect(utcDay(-1)).toBe('1969-12-31');
    expect(utcDay(T0)).toBe('2026-11-26');
    expect(dayOf(MIDNIGHT - 1)).toBe('2026-11-25');
    expect(dayOf(MIDNIGHT)).toBe('2026-11-26');
  });

  test('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-11-26', -6)).toBe('2026-11-20');
    expect(addDays('2026-11-26', -29)).toBe('2026-10-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(() => addDays('26/11/2026', 1)).toThrow(/yyyy-mm-dd/);
    expect(addDays('0050-12-31', 1)).toBe('0051-01-01');
  });

  test('addDays agrees with whole days of epoch time, over four centuries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -200 * 365, max: 200 * 365 }),
        fc.integer({ min: -1000, max: 1000 }),
        (days, n) => {
          expect(addDays(utcDay(days * DAY), n)).toBe(utcDay((days + n) * DAY));
        },
      ),
    );
  });
});

describe('who gets a row', () => {
  test('every rep of sales_sheet in sheet order, then other holders by Slack id, named by the lead when they hold it now', () => {
    const s = stats([
      held('UZED', T0, { assignedSales: 'Zed' }),
      lead({
        leadId: 'L-x',
        routeHistory: ['UOLD', 'UAYU'],
        salesSlackId: 'UAYU',
        assignedSales: 'Ayu',
        assignedAt: T0,
      }),
    ]);
    expect(s.reps.map((r) => [r.name, r.slackId])).toEqual([
      ['Ayu', 'UAYU'],
      ['Bima', 'UBIMA'],
      ['Citra', 'UCITRA'],
      ['UOLD', 'UOLD'],
      ['Zed', 'UZED'],
    ]);
    expect(s.repsTotal).toBe(5);
  });

  test('a Slack id on two rows is one row (the first); blank rows are skipped; a rep without a Slack id has a row of zeros and never gets the unassigned', () => {
    const reps = [
      rep({ slackId: 'UAYU', name: 'Ayu' }),
      rep({ slackId: 'UAYU', name: 'Ayu again' }),
      rep({ slackId: '', name: '' }),
      rep({ slackId: '', name: 'Dewi' }),
    ];
    const s = stats([lead({ leadId: 'L-u' })], { reps });
    expect(s.reps.map((r) => r.name)).toEqual(['Ayu', 'Dewi']);
    expect(s.reps[1]).toMatchObject({ slackId: '', openNow: 0, assigned30d: 0 });
    expect(s.overall.unassignedNow).toBe(1);
  });

  test(`at most ${MAX_REPS} rows; the total says how many there were`, () => {
    const reps = Array.from({ length: 60 }, (_, i) =>
      rep({ slackId: `U${String(i).padStart(3, '0')}`, name: `Rep ${i}`, index: i }),
    );
    const s = stats([], { reps });
    expect(s.reps).toHaveLength(MAX_REPS);
    expect(s.repsTotal).toBe(60);
    expect(s.reps[49].name).toBe('Rep 49');
  });
});

describe('assignments per rep: today, 7 days, 30 days', () => {
  test('the last assignment is placed at assigned_at, in the local calendar', () => {
    const s = stats([
      held('UAYU', MIDNIGHT + 5 * MINUTE), // 00:05 today
      held('UAYU', MIDNIGHT - 5 * MINUTE), // 23:55 yesterday
      held('UAYU', MIDNIGHT - 6 * DAY), // first day of the 7
      held('UAYU', MIDNIGHT - 6 * DAY - MINUTE), // just before it
      held('UAYU', MIDNIGHT - 29 * DAY), // first day of the 30
      held('UAYU', MIDNIGHT - 29 * DAY - MINUTE), // just before it
      held('UAYU', T0 - 400 * DAY),
    ]);
    expect(row(s, 'UAYU')).toMatchObject({ assignedToday: 1, assigned7d: 3, assigned30d: 5 });
  });

  test('without assigned_at, last_routed_at and then created_at stand in', () => {
    const s = stats([
      held('UAYU', T0, { assignedAt: null, lastRoutedAt: T0 - 2 * DAY, createdAt: T0 - 40 * DAY }),
      held('UBIMA', T0, { assignedAt: null, lastRoutedAt: null, createdAt: T0 - 2 * DAY }),
    ]);
    expect(row(s, 'UAYU')).toMatchObject({ assignedToday: 0, assigned7d: 1, assigned30d: 1 });
    expect(row(s, 'UBIMA')).toMatchObject({ assignedToday: 0, assigned7d: 1, assigned30d: 1 });
  });

  test('earlier entries of route_history sit at created_at + i × sla_minutes, never after the last assignment', () => {
    // Created 23:30 yesterday; Ayu then, Bima at 00:30 today, Citra (assigned_at) at 01:40.
    const created = MIDNIGHT - 30 * MINUTE;
    const l = lead({
      routeHistory: ['UAYU', 'UBIMA', 'UCITRA'],
      salesSlackId: 'UCITRA',
      assignedSales: 'Citra',
      routeCount: 3,
      createdAt: created,
      assignedAt: MIDNIGHT + 100 * MINUTE,
      lastRoutedAt: MIDNIGHT + 100 * MINUTE,
    });
    const s = stats([l]);
    expect(row(s, 'UAYU')).toMatchObject({ assignedToday: 0, assigned7d: 1 });
    expect(row(s, 'UBIMA')).toMatchObject({ assignedToday: 1, assigned7d: 1 });
    expect(row(s, 'UCITRA')).toMatchObject({ assignedToday: 1, assigned7d: 1 });
    // With a 4-hour SLA Bima's estimate (03:30) would pass Citra's 01:40: it is capped there, still today.
    // With created_at 40 days ago and a 24 h SLA, Bima's estimate is 39 days ago: outside the 30.
    const old = { ...l, createdAt: T0 - 40 * DAY };
    const wide = stats([old], { slaMinutes: 24 * 60 });
    expect(row(wide, 'UAYU').assigned30d).toBe(0);
    expect(row(wide, 'UBIMA').assigned30d).toBe(0);
    expect(row(wide, 'UCITRA').assigned30d).toBe(1);
  });

  test('a lead typed in with an owner and no route_history counts as one assignment to that owner; an unassigned lead as none', () => {
    const s = stats([
      held('UBIMA', T0, { routeHistory: [] }),
      lead({ leadId: 'L-u', createdAt: T0 }),
    ]);
    expect(row(s, 'UBIMA')).toMatchObject({ assignedToday: 1, openNow: 1 });
    expect(s.reps.reduce((n, r) => n + r.assigned30d, 0)).toBe(1);
  });

  test('every entry counts, the same rep twice included', () => {
    const s = stats([
      lead({
        routeHistory: ['UAYU', 'UBIMA', 'UAYU'],
        salesSlackId: 'UAYU',
        createdAt: T0 - 3 * HOUR,
        assignedAt: T0,
      }),
    ]);
    expect(row(s, 'UAYU').assignedToday).toBe(2);
    expect(row(s, 'UBIMA').assignedToday).toBe(1);
  });
});

describe('contacted and minutes to contact', () => {
  const contacted = (
    owner: string,
    assignedAt: number | null,
    minutes: number,
    over: Partial<Lead> = {},
  ) =>
    held(owner, T0 - 5 * HOUR, {
      stage: 'CONTACTED',
      assignedAt,
      contactedAt: (assignedAt ?? T0 - 5 * HOUR) + minutes * MINUTE,
      ...over,
    });

  test('CONTACTED, QUALIFIED and CLOSED_LOST (however typed) with contacted_at count for the owner; the median of contacted_at − assigned_at in minutes', () => {
    const a = T0 - 4 * HOUR;
    const s = stats([
      contacted('UAYU', a, 10),
      contacted('UAYU', a, 45, { stage: 'QUALIFIED' }),
      contacted('UAYU', a, 20, { stage: 'closed lost' }),
      contacted('UAYU', a, 5, { stage: 'NEW' }), // an admin set it back: not contacted
      contacted('UAYU', a, 5, { stage: 'CONTACTED', contactedAt: null }),
      contacted('UBIMA', a, 10),
      contacted('UBIMA', a, 21),
    ]);
    expect(row(s, 'UAYU')).toMatchObject({ contacted30d: 3, medianMinutesToContact: 20 });
    expect(row(s, 'UBIMA')).toMatchObject({ contacted30d: 2, medianMinutesToContact: 15.5 });
    expect(row(s, 'UCITRA')).toMatchObject({ contacted30d: 0, medianMinutesToContact: null });
  });

  test('one decimal; without assigned_at (or contacted before it) a lead counts as contacted but not in the median; older than 30 days it does not count', () => {
    const a = T0 - 4 * HOUR;
    const s = stats([
      held('UAYU', a, { stage: 'CONTACTED', contactedAt: a + 10.25 * MINUTE }),
      held('UAYU', a, { stage: 'CONTACTED', assignedAt: null, contactedAt: a + MINUTE }),
      held('UAYU', a, { stage: 'CONTACTED', contactedAt: a - MINUTE }),
      held('UAYU', T0 - 40 * DAY, {
        stage: 'CONTACTED',
        contactedAt: MIDNIGHT - 29 * DAY - MINUTE,
      }),
    ]);
    expect(row(s, 'UAYU')).toMatchObject({ contacted30d: 3, medianMinutesToContact: 10.3 });
  });
});

describe('SLA breaches and open leads', () => {
  test('each time a rep appears in route_history before the last entry is a breach, when the re-route away was in the last 30 days', () => {
    const s = stats([
      lead({
        leadId: 'L-1',
        routeHistory: ['UAYU', 'UBIMA', 'UAYU', 'UCITRA'],
        salesSlackId: 'UCITRA',
        createdAt: T0 - 4 * HOUR,
        assignedAt: T0 - HOUR,
      }),
      lead({
        leadId: 'L-2',
        routeHistory: ['UBIMA', 'UAYU'],
        salesSlackId: 'UAYU',
        createdAt: T0 - 60 * DAY,
        assignedAt: T0 - 59 * DAY,
      }),
      lead({
        leadId: 'L-3',
        routeHistory: ['UCITRA'],
        salesSlackId: 'UCITRA',
        createdAt: T0,
        assignedAt: T0,
      }),
    ]);
    expect([
      row(s, 'UAYU').slaBreaches30d,
      row(s, 'UBIMA').slaBreaches30d,
      row(s, 'UCITRA').slaBreaches30d,
    ]).toEqual([2, 1, 0]);
  });

  test('open now: NEW leads the rep holds; unassigned now: NEW leads nobody holds', () => {
    const s = stats([
      held('UAYU', T0),
      held('UAYU', T0 - 50 * DAY, { stage: ' new ' }),
      held('UAYU', T0, { stage: 'CONTACTED', contactedAt: T0 }),
      held('UBIMA', T0, { stage: 'something else' }),
      lead({ leadId: 'L-u1' }),
      lead({ leadId: 'L-u2', stage: 'QUALIFIED' }),
    ]);
    expect(row(s, 'UAYU').openNow).toBe(2);
    expect(row(s, 'UBIMA').openNow).toBe(0);
    expect(s.overall.unassignedNow).toBe(1);
  });
});

describe('overall', () => {
  test('leads today by created_at, local day', () => {
    const s = stats([
      lead({ createdAt: MIDNIGHT }),
      lead({ createdAt: T0 }),
      lead({ createdAt: MIDNIGHT - 1 }),
      lead({ createdAt: null }),
    ]);
    expect(s.today).toBe('2026-11-26');
    expect(s.overall.leadsToday).toBe(2);
  });

  test('share contacted within the SLA: contacted_at − created_at ≤ sla_minutes, over leads contacted in the last 30 days that have a created_at', () => {
    const c = (created: number | null, contactedAt: number) =>
      held('UAYU', created ?? T0, { createdAt: created, stage: 'CONTACTED', contactedAt });
    const s = stats([
      c(T0 - 2 * HOUR, T0 - HOUR), // 60 min: within
      c(T0 - 3 * HOUR, T0 - 2 * HOUR - 59 * MINUTE), // 1 min: within
      c(T0 - 3 * HOUR, T0 - 3 * HOUR + 61 * MINUTE), // 61 min: late
      c(null, T0), // no created_at: left out
      c(T0 - 50 * DAY, MIDNIGHT - 30 * DAY), // contacted before the 30 days: left out
    ]);
    expect(s.overall).toMatchObject({
      contacted30d: 3,
      contactedWithinSla30d: 2,
      shareWithinSla30d: 0.6667,
    });
    expect(stats([]).overall.shareWithinSla30d).toBeNull();
    expect(stats([c(T0 - 2 * HOUR, T0 - HOUR)], { slaMinutes: 59 }).overall.shareWithinSla30d).toBe(
      0,
    );
  });

  test('escalations: escalated_at in the last 30 days', () => {
    const s = stats([
      held('UAYU', T0, { escalatedAt: T0 }),
      held('UAYU', T0, { escalatedAt: MIDNIGHT - 29 * DAY }),
      held('UAYU', T0, { escalatedAt: MIDNIGHT - 29 * DAY - 1 }),
      held('UAYU', T0),
    ]);
    expect(s.overall.escalations30d).toBe(2);
  });
});

describe('the daily series', () => {
  test('14 local days, oldest first, ending today: leads created, and the share of that day’s contacts made within the SLA', () => {
    const s = stats([
      lead({ createdAt: T0 }),
      lead({ createdAt: MIDNIGHT - 1 }),
      lead({ createdAt: MIDNIGHT - 13 * DAY }),
      lead({ createdAt: MIDNIGHT - 13 * DAY - 1 }),
      held('UAYU', MIDNIGHT - 2 * DAY, {
        stage: 'CONTACTED',
        createdAt: MIDNIGHT - 2 * DAY,
        contactedAt: MIDNIGHT - 2 * DAY + 30 * MINUTE,
      }),
      held('UAYU', MIDNIGHT - 2 * DAY, {
        stage: 'CONTACTED',
        createdAt: MIDNIGHT - 2 * DAY,
        contactedAt: MIDNIGHT - 2 * DAY + 3 * HOUR,
      }),
      held('UAYU', MIDNIGHT - 2 * DAY, {
        stage: 'CONTACTED',
        createdAt: MIDNIGHT - 2 * DAY,
        contactedAt: MIDNIGHT - 2 * DAY + 20 * MINUTE,
      }),
    ]);
    expect(s.daily).toHaveLength(14);
    expect(s.daily[0].day).toBe('2026-11-13');
    expect(s.daily[13].day).toBe('2026-11-26');
    const by = Object.fromEntries(s.daily.map((p) => [p.day, p]));
    expect(by['2026-11-26']).toEqual({
      day: '2026-11-26',
      leadsCreated: 1,
      contacted: 0,
      shareWithinSla: null,
    });
    expect(by['2026-11-25'].leadsCreated).toBe(1);
    expect(by['2026-11-13'].leadsCreated).toBe(1);
    expect(by['2026-11-24']).toEqual({
      day: '2026-11-24',
      leadsCreated: 3,
      contacted: 3,
      shareWithinSla: 0.6667,
    });
    expect(s.daily.reduce((n, p) => n + p.leadsCreated, 0)).toBe(6);
  });
});

describe('figures by team', () => {
  test('leads split by their team (compared without case), the no-team row last; each lead judged by its own SLA', () => {
    const contacted = (team: string, minutes: number, slaMinutes: number | null) =>
      held('UAYU', T0 - HOUR, {
        team,
        slaMinutes,
        stage: 'CONTACTED',
        createdAt: T0 - HOUR,
        contactedAt: T0 - HOUR + minutes * MINUTE,
      });
    const s = stats([
      contacted('Solar', 10, 5), // a hot lead: 10 min is outside its 5-minute SLA
      contacted('solar ', 3, 5),
      contacted('', 10, null), // inside the setting's 60 minutes
      held('UBIMA', T0, { team: 'East Java' }),
      lead({ leadId: 'L-w', team: 'East Java', createdAt: T0 }),
      held('UCITRA', T0 - 40 * DAY, { team: 'Wind', stage: 'CONTACTED' }),
    ]);
    expect(s.teams).toEqual([
      {
        team: 'East Java',
        leadsToday: 2,
        leads30d: 2,
        contacted30d: 0,
        shareWithinSla30d: null,
        escalations30d: 0,
        openNow: 1,
        unassignedNow: 1,
      },
      {
        team: 'Solar',
        leadsToday: 2,
        leads30d: 2,
        contacted30d: 2,
        shareWithinSla30d: 0.5,
        escalations30d: 0,
        openNow: 0,
        unassignedNow: 0,
      },
      {
        team: '(no team)',
        leadsToday: 1,
        leads30d: 1,
        contacted30d: 1,
        shareWithinSla30d: 1,
        escalations30d: 0,
        openNow: 0,
        unassignedNow: 0,
      },
    ]);
    expect(s.overall).toMatchObject({ contacted30d: 3, contactedWithinSla30d: 2 });
  });
});

describe('passes and conversion per rep', () => {
  test('a hand-on the rep chose counts as passed, not as an SLA breach; a missed SLA still is one', () => {
    const passed = held('UBIMA', T0 - HOUR, {
      createdAt: T0 - 2 * HOUR,
      routeHistory: ['UAYU', 'UBIMA'],
      passedBy: ['UAYU'],
      routeCount: 2,
    });
    // Ayu missed the SLA once (→ Citra), then Citra passed it back to Ayu.
    const both = held('UAYU', T0 - HOUR, {
      createdAt: T0 - 3 * HOUR,
      routeHistory: ['UAYU', 'UCITRA', 'UAYU'],
      passedBy: ['UCITRA'],
      routeCount: 3,
    });
    const s = stats([passed, both]);
    expect([row(s, 'UAYU').passed30d, row(s, 'UAYU').slaBreaches30d]).toEqual([1, 1]);
    expect([row(s, 'UCITRA').passed30d, row(s, 'UCITRA').slaBreaches30d]).toEqual([1, 0]);
    expect([row(s, 'UBIMA').passed30d, row(s, 'UBIMA').slaBreaches30d]).toEqual([0, 0]);
  });

  test('qualified and lost count per owner over leads contacted in the last 30 days', () => {
    const contacted = (stage: string, owner: string, at: number): Lead =>
      held(owner, at - HOUR, { stage, contactedAt: at });
    const s = stats([
      contacted('QUALIFIED', 'UAYU', T0 - DAY),
      contacted('QUALIFIED', 'UAYU', T0 - 2 * DAY),
      contacted('CLOSED LOST', 'UAYU', T0 - 3 * DAY),
      contacted('CLOSED_LOST', 'UBIMA', T0 - 4 * DAY),
      contacted('CONTACTED', 'UBIMA', T0 - 5 * DAY),
      contacted('QUALIFIED', 'UCITRA', T0 - 31 * DAY),
    ]);
    expect([row(s, 'UAYU').qualified30d, row(s, 'UAYU').lost30d]).toEqual([2, 1]);
    expect([row(s, 'UBIMA').qualified30d, row(s, 'UBIMA').lost30d]).toEqual([0, 1]);
    expect([row(s, 'UCITRA').qualified30d, row(s, 'UCITRA').lost30d]).toEqual([0, 0]);
  });
});

describe('the tables agree with each other', () => {
  test('property: teams and reps add up to the overall figures; today closes the daily series', () => {
    const owner = fc.constantFrom('', 'UAYU', 'UBIMA', 'UDEWI');
    const when = fc.option(fc.integer({ min: T0 - 40 * DAY, max: T0 }), { nil: null, freq: 4 });
    const leadArb = fc.record({
      stage: fc.constantFrom('NEW', 'CONTACTED', 'QUALIFIED', 'CLOSED_LOST'),
      salesSlackId: owner,
      createdAt: when,
      assignedAt: when,
      contactedAt: when,
      escalatedAt: when,
      team: fc.constantFrom('', 'Solar', ' solar ', 'Wind'),
    });
    let contactedSeen = 0;
    fc.assert(
      fc.property(fc.array(leadArb, { maxLength: 30 }), (rows) => {
        const leads = rows.map((r, i) => lead({ ...r, leadId: `L-P${i}` }));
        const s = stats(leads);
        const sum = (pick: (t: (typeof s.teams)[number]) => number) =>
          s.teams.reduce((n, t) => n + pick(t), 0);
        expect(sum((t) => t.leadsToday)).toBe(s.overall.leadsToday);
        expect(sum((t) => t.contacted30d)).toBe(s.overall.contacted30d);
        expect(sum((t) => t.escalations30d)).toBe(s.overall.escalations30d);
        expect(sum((t) => t.unassignedNow)).toBe(s.overall.unassignedNow);
        const isNew = leads.filter((l) => l.stage === 'NEW');
        expect(s.reps.reduce((n, r) => n + r.openNow, 0) + s.overall.unassignedNow).toBe(
          isNew.length,
        );
        expect(s.daily[s.daily.length - 1]).toMatchObject({
          day: s.today,
          leadsCreated: s.overall.leadsToday,
        });
        contactedSeen += s.overall.contacted30d;
      }),
      { numRuns: 200 },
    );
    expect(contactedSeen).toBeGreaterThan(0);
  });
});

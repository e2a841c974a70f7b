/**
 * Issue 13's routing rules and teams through dist/Code.js: the routing_rules sheet Set up
 * makes, the first matching rule picking the team (and the SLA, kept on the lead), one
 * rotation per team, re-routes inside the team, a team nobody can serve, the rule
 * problems Check set-up reports, and the dashboard split by team.
 */
import { ESCALATION_CHANNEL, MANAGER, World, type RepRow } from './world';

type Line = { ok: boolean; text: string };

const AYU = 'UAYU0001';
const BIMA = 'UBIMA0002';
const CITRA = 'UCITRA003';
const DEWI = 'UDEWI0004';

/** Ayu sells solar, Bima wind, Citra both; Dewi is in no team. */
const TEAM_REPS: RepRow[] = [
  { name: 'Ayu', slackId: AYU, team: 'Solar' },
  { name: 'Bima', slackId: BIMA, team: 'wind' },
  { name: 'Citra', slackId: CITRA, team: 'solar, Wind' },
  { name: 'Dewi', slackId: DEWI },
];

let phones = 0;
function submit(w: World, answers: Record<string, string> = {}): string {
  const id = w.submit({
    Name: `Lead ${phones}`,
    Phone: `0812-3456-${String(1000 + phones++)}`,
    ...answers,
  });
  if (!id) throw new Error('no lead was made');
  return id;
}

const owner = (w: World, id: string): string => String(w.lead(id).sales_slack_id);

function state(w: World): Record<string, unknown> {
  return Object.fromEntries(w.table('routing_state_sheet').map((r) => [r.key, r.value]));
}

describe('the routing_rules sheet Set up makes', () => {
  test('headers, an operator dropdown, an active checkbox and an example row that is never read as a rule', () => {
    const w = new World({ reps: TEAM_REPS });
    const sheet = w.rt.book.sheet('routing_rules');
    expect(sheet.rows()[0]).toEqual([
      'field',
      'operator',
      'value',
      'team',
      'sla_minutes',
      'active',
    ]);
    expect(sheet.validation('B2')).toMatchObject({
      criteriaType: 'VALUE_IN_LIST',
      criteriaValues: [['equals', 'contains', 'starts_with', 'matches'], true],
    });
    expect(sheet.validation('F2')).toMatchObject({ criteriaType: 'CHECKBOX' });
    expect(w.rt.book.sheet('sales_sheet').rows()[0]).toEqual([
      'name',
      'email',
      'slack_id',
      'active',
      'team',
    ]);
    const [example] = w.table('routing_rules');
    expect(example).toMatchObject({ operator: 'equals', team: 'solar', active: false });
    expect(String(example.field)).toMatch(/^# Example/);
    // Even ticked by mistake, the example routes nothing: it is a comment row.
    sheet.setCell('F2', true);
    const id = submit(w, { Product: String(example.value) });
    expect(w.lead(id)).toMatchObject({ team: '', routing_rule: '', sales_slack_id: AYU });
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED']);
    // Set up again keeps the admin's rows and writes no second example.
    w.setRules([{ field: 'Product', operator: 'equals', value: 'Solar', team: 'solar' }]);
    w.rt.run('setup');
    expect(w.table('routing_rules').map((r) => r.field)).toEqual(['Product']);
  });
});

describe('routing by product: one rotation per team', () => {
  const rules = [
    { field: 'Product', operator: 'equals', value: 'Solar panels', team: 'Solar' },
    { field: 'product', operator: 'contains', value: 'WIND', team: 'wind' },
  ];

  test('each lead goes to its team in turn; leads no rule matches go to every rep in the global rotation', () => {
    const w = new World({ reps: TEAM_REPS });
    w.setRules(rules);
    const solar = [0, 1, 2].map(() => submit(w, { Product: '  solar PANELS ' }));
    const wind = [0, 1, 2].map(() => submit(w, { Product: 'Small wind turbine' }));
    const other = [0, 1, 2, 3].map(() => submit(w, { Product: 'Batteries' }));
    expect(solar.map((id) => owner(w, id))).toEqual([AYU, CITRA, AYU]);
    expect(wind.map((id) => owner(w, id))).toEqual([BIMA, CITRA, BIMA]);
    expect(other.map((id) => owner(w, id))).toEqual([AYU, BIMA, CITRA, DEWI]);
    expect(w.lead(solar[0])).toMatchObject({
      team: 'Solar',
      routing_rule: 'row 2',
      sla_minutes: '',
    });
    expect(w.lead(wind[0])).toMatchObject({ team: 'wind', routing_rule: 'row 3' });
    expect(w.lead(other[0])).toMatchObject({ team: '', routing_rule: '' });
    const log = w.log().filter((r) => r.lead_id === solar[1]);
    expect(log.map((r) => [r.event, r.detail])).toEqual([
      ['RECEIVED', 'routing_rules row 2 (Product equals "Solar panels") matched: team Solar'],
      ['ASSIGNED', 'route 1; team Solar (routing_rules row 2)'],
    ]);
    // The seed's keys keep the rotation of leads without a team; each team has its own key.
    const s = state(w);
    expect(s).toMatchObject({ last_index: 3, last_slack_id: DEWI });
    expect(JSON.parse(String(s.team_rotation_solar))).toMatchObject({
      last_slack_id: AYU,
      turns: { [AYU]: 2, [CITRA]: 1 },
    });
    expect(JSON.parse(String(s.team_rotation_wind)).turns).toEqual({ [BIMA]: 2, [CITRA]: 1 });
  });

  test('a re-route stays in the team', () => {
    const w = new World({ reps: TEAM_REPS, settings: { sla_minutes: 30 } });
    w.setRules(rules);
    const id = submit(w, { Product: 'Solar panels' });
    const holders = [owner(w, id)];
    for (let i = 0; i < 3; i++) {
      w.sweepAfter(30);
      holders.push(owner(w, id));
    }
    expect(holders).toEqual([AYU, CITRA, AYU, CITRA]);
    expect(w.log().find((r) => r.event === 'REROUTED')?.detail).toBe(
      'route 2; SLA of 30 min expired; team Solar (routing_rules row 2)',
    );
  });

  test("the manager's Reassign offers only the lead's team, and refuses a rep outside it", () => {
    const w = new World({
      reps: TEAM_REPS,
      settings: {
        sla_minutes: 30,
        escalation_threshold: 1,
        escalation_channel_id: ESCALATION_CHANNEL,
      },
    });
    w.setRules(rules);
    const id = submit(w, { Product: 'Small wind turbine' });
    w.sweepAfter(30);
    const [message] = w.rt.slack.messages(ESCALATION_CHANNEL);
    const offered = JSON.stringify(message.blocks);
    expect(offered).toContain(`${id}|${BIMA}`);
    expect(offered).toContain(`${id}|${CITRA}`);
    expect(offered).not.toContain(`${id}|${AYU}`);
    expect(offered).not.toContain(`${id}|${DEWI}`);
    const pick = (rep: string) => {
      const event = w.rt.slack.clickEvent({
        userId: MANAGER,
        actionId: 'reassign_lead',
        selectedOption: `${id}|${BIMA}`,
        message: { channel: message.channel, ts: message.ts },
      });
      // Slack sends only offered options: another rep is an older message's, or forged.
      const payload = String(event.parameter.payload).split(`${id}|${BIMA}`).join(`${id}|${rep}`);
      w.rt.run('doPost', { ...event, parameter: { ...event.parameter, payload } });
    };
    const before = owner(w, id);
    pick(DEWI);
    expect(owner(w, id)).toBe(before);
    expect(w.log().filter((r) => r.lead_id === id && r.event === 'REJECTED')).toHaveLength(1);
    pick(BIMA);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: BIMA, route_count: 2 });
  });

  test("a returning lead goes back to its previous owner only when that owner is in the new lead's team", () => {
    const w = new World({ reps: TEAM_REPS });
    w.setRules(rules);
    const phone = '0812-9999-0001';
    const first = w.submit({ Name: 'Budi', Phone: phone, Product: 'Solar panels' })!;
    expect(owner(w, first)).toBe(AYU);
    w.editLead(first, 'stage', 'CLOSED_LOST');
    w.rt.clock.advanceMinutes(1);
    const again = w.submit({ Name: 'Budi', Phone: phone, Product: 'Solar panels' })!;
    expect(owner(w, again)).toBe(AYU); // the solar rotation alone would say Citra
    w.editLead(again, 'stage', 'CLOSED_LOST');
    w.rt.clock.advanceMinutes(1);
    const wind = w.submit({ Name: 'Budi', Phone: phone, Product: 'wind' })!;
    expect(owner(w, wind)).toBe(BIMA);
  });
});

describe('routing by region', () => {
  test('a City answer or a Surabaya landline (phone starts with 6231) sends the lead to the East Java reps', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: AYU, team: 'East Java' },
        { name: 'Bima', slackId: BIMA, team: 'Jakarta' },
        { name: 'Citra', slackId: CITRA, team: 'east java' },
      ],
    });
    w.setRules([
      {
        field: 'City',
        operator: 'matches',
        value: '^(surabaya|malang|sidoarjo)$',
        team: 'East Java',
      },
      { field: 'phone', operator: 'starts_with', value: '6231', team: 'East Java' },
      { field: 'City', operator: 'equals', value: 'Jakarta', team: 'Jakarta' },
    ]);
    const byCity = submit(w, { City: ' MALANG ' });
    const byPhone = w.submit({ Name: 'Toko Jaya', Phone: '031 5678 1234', City: 'Gresik' })!;
    const jakarta = submit(w, { City: 'jakarta' });
    expect([owner(w, byCity), owner(w, byPhone), owner(w, jakarta)]).toEqual([AYU, CITRA, BIMA]);
    expect(w.lead(byPhone)).toMatchObject({
      phone: '623156781234',
      routing_rule: 'row 3',
    });
  });
});

describe('a hot lead gets its rule SLA, kept on the lead', () => {
  test('5 minutes instead of 60: in the message, the sweep and /leads; a later edit of the rule changes nothing for it', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: AYU },
        { name: 'Bima', slackId: BIMA },
      ],
    });
    w.setRules([
      { field: 'Page', operator: 'contains', value: '/pricing', team: '', slaMinutes: 5 },
    ]);
    const hot = submit(w, { Page: 'https://example.com/pricing?plan=pro' });
    const normal = submit(w, { Page: 'https://example.com/blog' });
    expect(w.lead(hot)).toMatchObject({ team: '', routing_rule: 'row 2', sla_minutes: 5 });
    expect(w.seen(AYU).join('\n')).toContain('Please contact within 5 minutes');
    expect(w.seen(BIMA).join('\n')).toContain('Please contact within 60 minutes');
    // The admin relaxes the rule: the lead already routed keeps its 5 minutes.
    w.setRules([
      { field: 'Page', operator: 'contains', value: '/pricing', team: '', slaMinutes: 120 },
    ]);
    w.rt.clock.advanceMinutes(2);
    w.rt.run('doPost', w.rt.slack.slashCommandEvent({ userId: AYU, command: '/leads' }));
    expect(w.rt.slack.renderText(w.rt.slack.ephemerals(AYU).slice(-1)[0])).toContain(
      '3 minutes left',
    );
    w.sweepAfter(3);
    expect(owner(w, hot)).toBe(BIMA);
    expect(owner(w, normal)).toBe(BIMA);
    expect(w.lead(hot)).toMatchObject({ route_count: 2, sla_minutes: 5 });
    expect(w.log().find((r) => r.event === 'REROUTED')?.detail).toBe(
      'route 2; SLA of 5 min expired; every rep (routing_rules row 2)',
    );
  });

  test('with business hours, the lead SLA counts open minutes only', () => {
    // 2026-11-26 is a Thursday; the runtime's clock starts at 09:00 in Jakarta.
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: AYU },
        { name: 'Bima', slackId: BIMA },
      ],
      settings: { business_hours: 'Mon-Fri 09:00-17:00' },
    });
    w.setRules([{ field: 'Page', operator: 'contains', value: 'pricing', slaMinutes: 5 }]);
    w.rt.clock.advanceMinutes(7 * 60 + 58); // 16:58
    const hot = submit(w, { Page: 'pricing' });
    w.sweepAfter(5); // 17:03: 2 open minutes used
    expect(owner(w, hot)).toBe(AYU);
    expect(w.seen(AYU).join('\n')).toContain('(by Fri 09:03)');
  });
});

describe('a team nobody can serve', () => {
  test('its leads wait and the manager is told once for that team; other leads still go out; a rep joining the team gets them', () => {
    const w = new World({
      reps: TEAM_REPS,
      settings: { escalation_channel_id: ESCALATION_CHANNEL },
    });
    w.setRules([{ field: 'Product', operator: 'equals', value: 'Hydro', team: 'Hydro' }]);
    const waiting = [submit(w, { Product: 'hydro' }), submit(w, { Product: 'Hydro' })];
    const other = submit(w, { Product: 'Solar' });
    w.sweepAfter(5);
    w.sweepAfter(5);
    expect(waiting.map((id) => owner(w, id))).toEqual(['', '']);
    expect(owner(w, other)).toBe(AYU);
    const told = w.seen(ESCALATION_CHANNEL);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('no rep of team Hydro can take new leads right now');
    w.rt.deployWebApp('https://script.google.com/macros/s/test/exec');
    const lines = (w.rt.run('checkSetup') as Line[]).filter((l) => !l.ok).map((l) => l.text);
    expect(lines).toEqual([
      expect.stringContaining('routing_rules row 2 sends leads to team "Hydro"'),
    ]);
    w.setReps([...TEAM_REPS, { name: 'Eko', slackId: 'UEKO00005', team: 'hydro' }]);
    w.sweepAfter(5);
    expect(waiting.map((id) => owner(w, id))).toEqual(['UEKO00005', 'UEKO00005']);
    expect(state(w)['nobody_available_since_team_hydro']).toBe('');
    expect(w.seen(MANAGER)).toEqual([]);
  });
});

describe('rules that cannot be read', () => {
  test('an invalid pattern or operator is reported by Check set-up and skipped; leads still route by the next rule', () => {
    const w = new World({ reps: TEAM_REPS });
    w.setRules([
      { field: 'Product', operator: 'matches', value: '(solar', team: 'wind' },
      { field: 'Product', operator: 'is', value: 'solar', team: 'wind' },
      { field: 'Product', operator: 'equals', value: 'solar', team: 'solar', slaMinutes: 'soon' },
      { field: 'Product', operator: 'starts_with', value: 'sol', team: 'solar' },
    ]);
    const id = submit(w, { Product: 'Solar' });
    expect(w.lead(id)).toMatchObject({ team: 'solar', routing_rule: 'row 5', sales_slack_id: AYU });
    w.rt.deployWebApp('https://script.google.com/macros/s/test/exec');
    const failing = (w.rt.run('checkSetup') as Line[]).filter((l) => !l.ok).map((l) => l.text);
    expect(failing).toEqual([
      expect.stringContaining('routing_rules row 2: "(solar" is not a valid regular expression'),
      expect.stringContaining('routing_rules row 3 has operator "is"'),
      expect.stringContaining('routing_rules row 4 has sla_minutes "soon"'),
    ]);
    w.sweepAfter(5);
    expect(w.log().filter((r) => r.event === 'ROSTER_PROBLEM')).toEqual([
      expect.objectContaining({ detail: expect.stringContaining('routing_rules row 2') }),
    ]);
  });
});

describe('a sales_sheet without the team column', () => {
  test('is still read: leads no rule sends to a team go to every rep; a team lead waits and Check set-up says why', () => {
    const w = new World({ reps: TEAM_REPS });
    w.rt.book.sheet('sales_sheet').setCell('E1', 'notes'); // the admin renamed the column
    w.setRules([{ field: 'Product', operator: 'equals', value: 'Solar', team: 'solar' }]);
    const plain = submit(w, { Product: 'Wind' });
    const solar = submit(w, { Product: 'Solar' });
    expect([owner(w, plain), owner(w, solar)]).toEqual([AYU, '']);
    w.rt.deployWebApp('https://script.google.com/macros/s/test/exec');
    const failing = (w.rt.run('checkSetup') as Line[]).filter((l) => !l.ok).map((l) => l.text);
    expect(failing).toEqual([expect.stringContaining('sends leads to team "solar"')]);
  });
});

describe('many broken rules', () => {
  test('the sweep keeps its problem text short of the 50,000-character cell limit and points to Check set-up', () => {
    const w = new World({ reps: TEAM_REPS });
    w.setRules(
      Array.from({ length: 80 }, (_, i) => ({
        field: 'Product',
        operator: 'resembles',
        value: `product ${i}`,
        team: 'solar',
      })),
    );
    w.sweepAfter(1);
    const kept = String(state(w).roster_problems);
    expect(kept.length).toBeLessThanOrEqual(5_000);
    expect(kept).toMatch(/^routing_rules row 2 has operator "resembles"/);
    expect(kept).toMatch(/… \(more: run Lead Routing → Check set-up\)$/);
    w.rt.deployWebApp('https://script.google.com/macros/s/test/exec');
    const failing = (w.rt.run('checkSetup') as Line[]).filter((l) => !l.ok);
    expect(failing).toHaveLength(80);
  });
});

describe('the dashboard by team', () => {
  test('the sweep writes a row per team, and one for leads without a team', () => {
    const w = new World({ reps: TEAM_REPS });
    w.setRules([{ field: 'Product', operator: 'equals', value: 'Solar', team: 'Solar' }]);
    const solar = submit(w, { Product: 'Solar' });
    submit(w, { Product: 'Solar' });
    submit(w, { Product: 'Wind' });
    w.click(owner(w, solar), solar);
    w.sweepAfter(1);
    const rows = w.rt.book.sheet('dashboard').rows();
    expect(rows[63].slice(0, 8)).toEqual([
      'Team',
      'Leads today',
      'Leads 30 d',
      'Contacted 30 d',
      'Within SLA 30 d',
      'Escalations 30 d',
      'Open now',
      'Unassigned now',
    ]);
    expect(rows[64].slice(0, 8)).toEqual(['Solar', 2, 2, 1, 1, 0, 1, 0]);
    expect(rows[65].slice(0, 8)).toEqual(['(no team)', 1, 1, 0, '', 0, 1, 0]);
  });
});

describe('upgrading a deployment made before routing rules', () => {
  test('without the routing_rules sheet a response is parked, not lost; Set up adds the sheet and the next sweep takes it in', () => {
    const w = new World({ reps: TEAM_REPS });
    w.rt.book.deleteSheet('routing_rules');
    w.rt.fireFormSubmit({ Name: 'Before set up', Phone: '0812-7777-0001' });
    expect(w.leadIds()).toEqual([]);
    expect(w.rt.failures).toHaveLength(1);
    w.rt.run('setup');
    w.sweepAfter(1);
    const [id] = w.leadIds();
    expect(w.lead(id)).toMatchObject({ name: 'Before set up', sales_slack_id: AYU, team: '' });
  });
});

import {
  parseTeams,
  pickRule,
  readRules,
  ruleFields,
  ruleMatches,
  type RuleRow,
} from '../../src/domain/routing-rules';

let nextRow = 2;
function row(fields: Partial<Omit<RuleRow, 'row'>> & { row?: number }): RuleRow {
  return {
    row: fields.row ?? nextRow++,
    field: 'Product',
    operator: 'equals',
    value: 'Solar',
    team: 'solar',
    slaMinutes: '',
    active: true,
    ...fields,
  };
}

const fields = (answers: Record<string, string>, lead = { source: 'form', email: '', phone: '' }) =>
  ruleFields(answers, lead);

describe('reading routing_rules', () => {
  test('active readable rows become rules in sheet order; unticked rows and # comment rows are left out silently', () => {
    const table = readRules([
      row({ row: 2, field: '# Example: Product', active: false }),
      row({ row: 3, field: '# Example ticked by mistake', active: true }),
      row({ row: 4, value: 'Wind', team: 'wind', active: false }),
      row({ row: 5, operator: 'contains', value: 'panel', team: ' East   Java ', slaMinutes: 15 }),
      row({ row: 6, operator: 'Starts With', active: 'TRUE' }),
    ]);
    expect(table.problems).toEqual([]);
    expect(table.rules.map((r) => [r.row, r.operator, r.team, r.slaMinutes])).toEqual([
      [5, 'contains', 'East Java', 15],
      [6, 'starts_with', 'solar', null],
    ]);
  });

  test.each([
    [{ operator: 'is' }, 'operator "is"; it must be one of equals, contains, starts_with, matches'],
    [{ operator: 'matches', value: '(solar' }, '"(solar" is not a valid regular expression'],
    [{ slaMinutes: 'five' }, 'sla_minutes "five"'],
    [{ slaMinutes: 0 }, 'sla_minutes "0"'],
    [{ slaMinutes: 2.5 }, 'sla_minutes "2.5"'],
    [{ field: '' }, 'has no field'],
  ])('a row that cannot be read (%j) is reported by row and skipped, never fatal', (bad, why) => {
    const table = readRules([row({ row: 7, ...bad }), row({ row: 8 })]);
    expect(table.rules.map((r) => r.row)).toEqual([8]);
    expect(table.problems).toEqual([{ row: 7, text: expect.stringContaining(why) }]);
    expect(table.problems[0].text).toContain('routing_rules row 7');
  });

  test('a sales_sheet team cell is a comma-separated list, compared without case or extra spaces', () => {
    expect(parseTeams(' Solar , East  Java,solar,, ')).toEqual(['solar', 'east java']);
    expect(parseTeams('')).toEqual([]);
  });
});

describe('matching a lead', () => {
  const [equals, contains, startsWith, matches] = readRules([
    row({ field: 'Product', operator: 'equals', value: ' solar PANELS ' }),
    row({ field: 'city', operator: 'contains', value: 'baya' }),
    row({ field: 'phone', operator: 'starts_with', value: '6231' }),
    row({ field: 'Email', operator: 'matches', value: '@(acme|globex)\\.co\\.id$' }),
  ]).rules;

  test('equals ignores case and the spaces around both sides', () => {
    expect(ruleMatches(equals, fields({ ' PRODUCT ': '  Solar Panels ' }))).toBe(true);
    expect(ruleMatches(equals, fields({ Product: 'Solar panels extra' }))).toBe(false);
  });

  test('contains and starts_with ignore case too; a missing question reads as empty', () => {
    expect(ruleMatches(contains, fields({ City: 'SURABAYA' }))).toBe(true);
    expect(ruleMatches(contains, fields({}))).toBe(false);
    expect(
      ruleMatches(startsWith, fields({}, { source: 'form', email: '', phone: '62311234567' })),
    ).toBe(true);
    expect(
      ruleMatches(startsWith, fields({}, { source: 'form', email: '', phone: '6281234567' })),
    ).toBe(false);
  });

  test('matches is a case-insensitive regular expression over the trimmed value', () => {
    const lead = (email: string) => fields({}, { source: 'form', email, phone: '' });
    expect(ruleMatches(matches, lead(' budi@ACME.co.id '))).toBe(true);
    expect(ruleMatches(matches, lead('budi@acme.co.id.evil.com'))).toBe(false);
  });

  test("the lead's own source, email and phone win over a form question of the same title", () => {
    const f = fields(
      { Phone: '0812-3456-7890', Source: 'typed' },
      {
        source: 'form',
        email: 'a@b.c',
        phone: '6281234567890',
      },
    );
    expect(f.get('phone')).toBe('6281234567890');
    expect(f.get('source')).toBe('form');
  });

  test('rules look at the first 1,000 characters of an answer, as much as a parked response keeps', () => {
    const [tail] = readRules([row({ field: 'Notes', operator: 'contains', value: 'solar' })]).rules;
    expect(ruleMatches(tail, fields({ Notes: `${'x'.repeat(995)}solar` }))).toBe(true);
    expect(ruleMatches(tail, fields({ Notes: `${'x'.repeat(996)}solar` }))).toBe(false);
  });

  test('the first matching rule, top to bottom, wins; none matching gives null', () => {
    const { rules } = readRules([
      row({ row: 2, field: 'Product', value: 'Solar', team: 'solar' }),
      row({ row: 3, field: 'City', value: 'Surabaya', team: 'east java' }),
      row({ row: 4, field: 'Product', operator: 'matches', value: '.*', team: '' }),
    ]);
    expect(pickRule(rules, fields({ Product: 'Solar', City: 'Surabaya' }))?.row).toBe(2);
    expect(pickRule(rules, fields({ Product: 'Wind', City: 'surabaya' }))?.row).toBe(3);
    expect(pickRule(rules, fields({ Product: 'Wind' }))?.row).toBe(4);
    expect(pickRule(rules.slice(0, 2), fields({ Product: 'Wind' }))).toBeNull();
  });
});

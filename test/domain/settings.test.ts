import { parseSettings } from '../../src/domain/settings';

const parse = (values: Record<string, unknown>) => parseSettings(new Map(Object.entries(values)));

describe('settings as the admin types them', () => {
  test('empty cells take the documented defaults', () => {
    expect(parse({})).toMatchObject({
      slaMinutes: 60,
      escalationThreshold: 10,
      slaCheckEveryMinutes: 5,
      defaultCountry: 'ID',
      formNameField: 'Name',
    });
  });
  test('numbers typed as numbers or text both work', () => {
    expect(parse({ sla_minutes: 30, escalation_threshold: '4' })).toMatchObject({
      slaMinutes: 30,
      escalationThreshold: 4,
    });
  });
  test('a non-number stops the run naming the key and what is allowed', () => {
    expect(() => parse({ sla_minutes: 'abc' })).toThrow(
      'settings: sla_minutes is "abc"; it must be a whole number from 1 to 43200',
    );
  });
  test('an interval Apps Script cannot schedule is refused with the allowed values', () => {
    expect(() => parse({ sla_check_every_minutes: 7 })).toThrow(
      'allowed values are 1, 5, 10, 15, 30, 60',
    );
  });
  test('a channel that is not a channel id is refused', () => {
    expect(() => parse({ leads_channel_id: '#sales' })).toThrow('leads_channel_id');
  });
});

/** setup() and the menu through dist/Code.js: create, repair, never duplicate. */
import { createRuntime } from '../runtime';
import { BOT_TOKEN, VERIFICATION_TOKEN, World } from './world';

const CONTRACT_SHEETS = [
  'sales_sheet',
  'lead_sheet',
  'routing_state_sheet',
  'settings',
  'routing_log',
];

describe('setup()', () => {
  test('on an empty spreadsheet it creates every sheet with its headers, formats and validation, and says what is missing', () => {
    const rt = createRuntime();
    const missing = rt.run('setup') as string[];
    for (const name of CONTRACT_SHEETS) expect(rt.book.sheetNames()).toContain(name);
    const leads = rt.book.sheet('lead_sheet');
    expect(leads.rows()[0].slice(0, 11)).toEqual([
      'lead_id',
      'name',
      'phone',
      'stage',
      'assigned_sales',
      'sales_slack_id',
      'route_count',
      'created_at',
      'assigned_at',
      'last_routed_at',
      'contacted_at',
    ]);
    expect(leads.frozenRows).toBe(1);
    expect(leads.numberFormat('C2')).toBe('@');
    expect(leads.numberFormat('H2')).toMatch(/yyyy/);
    expect(leads.validation('D2')).toMatchObject({
      criteriaType: 'VALUE_IN_LIST',
      criteriaValues: [
        expect.arrayContaining(['NEW', 'CONTACTED', 'QUALIFIED', 'CLOSED_LOST']),
        true,
      ],
    });
    expect(rt.book.sheet('sales_sheet').validation('D2')).toMatchObject({
      criteriaType: 'CHECKBOX',
    });
    expect(rt.book.sheet('routing_log').rows()[0]).toEqual([
      'at',
      'lead_id',
      'event',
      'from_slack_id',
      'to_slack_id',
      'actor',
      'detail',
    ]);
    const settings = Object.fromEntries(
      rt.book
        .sheet('settings')
        .rows()
        .slice(1)
        .map((r) => [r[0], r[1]]),
    );
    expect(settings).toMatchObject({
      sla_minutes: 60,
      escalation_threshold: 10,
      sla_check_every_minutes: 5,
      manager_slack_id: '',
      default_country: 'ID',
      form_phone_field: 'Phone',
    });
    expect(missing.join('\n')).toMatch(/SLACK_BOT_TOKEN/);
    expect(missing.join('\n')).toMatch(/SLACK_VERIFICATION_TOKEN/);
    expect(missing.join('\n')).toMatch(/manager_slack_id is empty/);
    expect(missing.join('\n')).toMatch(/no active rep/);
  });

  test('run again it installs each trigger exactly once and keeps edited settings', () => {
    const w = new World({ settings: { sla_minutes: 45 } });
    w.rt.run('setup');
    w.rt.run('setup');
    const handlers = w.rt.triggers.map((t) => t.handler).sort();
    expect(handlers).toEqual(['onFormSubmit', 'runArchive', 'runSlaSweep']);
    const settings = w.table('settings');
    expect(settings.filter((r) => r.key === 'sla_minutes')).toEqual([
      expect.objectContaining({ value: 45 }),
    ]);
  });

  test('changing sla_check_every_minutes and running setup replaces the sweep trigger', () => {
    const w = new World();
    w.setSettings({ sla_check_every_minutes: 15 });
    w.rt.run('setup');
    expect(w.rt.triggers.filter((t) => t.handler === 'runSlaSweep')).toEqual([
      expect.objectContaining({ eventType: 'CLOCK', intervalMs: 15 * 60_000 }),
    ]);
  });

  test('it repairs a sheet an admin damaged: missing headers are added at the end, the admin’s columns and rows stay', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const leads = w.rt.book.sheet('lead_sheet');
    const header = leads.rows()[0].map(String);
    const column = header.indexOf('submission_key');
    leads.setCell(`${String.fromCharCode(65 + column)}1`, 'notes');
    const missing = w.rt.run('setup') as string[];
    expect(w.rt.book.sheet('lead_sheet').rows()[0]).toContain('notes');
    expect(w.rt.book.sheet('lead_sheet').rows()[0]).toContain('submission_key');
    expect(w.lead(id).name).toBe('Budi');
    expect(missing).toEqual([]);
  });

  test('with tokens, manager, reps and form in place nothing is reported missing', () => {
    const w = new World();
    expect(w.rt.run('setup')).toEqual([]);
  });

  test('Script Properties hold the tokens; no sheet cell ever contains them', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.click('UAYU0001', id);
    for (const name of w.rt.book.sheetNames()) {
      const cells = JSON.stringify(w.rt.book.sheet(name).rows());
      expect(cells).not.toContain(BOT_TOKEN);
      expect(cells).not.toContain(VERIFICATION_TOKEN);
    }
  });
});

describe('the Lead Routing menu', () => {
  test('opening the spreadsheet adds Set up and Run SLA check now', () => {
    const w = new World();
    w.rt.openSpreadsheet();
    expect(w.rt.book.menus).toEqual([
      expect.objectContaining({
        name: 'Lead Routing',
        items: expect.arrayContaining([
          expect.objectContaining({ caption: 'Set up', functionName: 'setup' }),
          expect.objectContaining({ caption: 'Run SLA check now', functionName: 'runSlaSweepNow' }),
        ]),
      }),
    ]);
  });

  test('Set up from the menu shows its report in a dialog', () => {
    const w = new World();
    w.rt.runAs('menu', 'setup');
    expect(w.rt.book.alerts.at(-1)).toMatchObject({ title: 'Lead Routing set-up' });
  });
});

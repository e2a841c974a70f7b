/**
 * Intake through dist/Code.js: form response → lead row (NEW, normalised phone, id),
 * round-robin assignment, log row, Slack message with the button.
 */
import { LEADS_CHANNEL, World } from './world';

describe('a form response becomes a lead', () => {
  test('the lead is written NEW with its phone normalised to 62…, an id, and the first assignment', () => {
    const w = new World();
    const id = w.submit({
      Name: 'Budi Santoso',
      Phone: '0812-3456-7890',
      Email: 'budi@example.com',
    })!;
    expect(id).toMatch(/^L-20261126-[0-9A-F]{8}$/);
    const lead = w.lead(id);
    expect(lead).toMatchObject({
      name: 'Budi Santoso',
      phone: '6281234567890',
      phone_raw: '0812-3456-7890',
      email: 'budi@example.com',
      stage: 'NEW',
      assigned_sales: 'Ayu',
      sales_slack_id: 'UAYU0001',
      route_count: 1,
    });
    const now = w.rt.clock.now();
    for (const column of ['created_at', 'assigned_at', 'last_routed_at'])
      expect((lead[column] as Date).getTime()).toBe(now);
    expect(lead.contacted_at).toBe('');
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED']);
  });

  test.each([
    ['+62 812 3456 7890', '6281234567890'],
    ['62 812 3456 7890', '6281234567890'],
    ['812 3456 7890', '6281234567890'],
    ['(0812) 3456 7890', '6281234567890'],
    ['+1 415 555 2671', '14155552671'],
  ])('phone %s is stored as the text %s', (typed, stored) => {
    const w = new World();
    const id = w.submit({ Name: 'X', Phone: typed })!;
    expect(w.lead(id).phone).toBe(stored);
    expect(w.rt.book.sheet('lead_sheet').cell(`C${2}`).value).toBe(stored);
  });

  test('an unreadable phone keeps the lead: raw text in phone_raw, phone empty, and the rep is told to check it', () => {
    const w = new World();
    const id = w.submit({ Name: 'Dewi', Phone: 'call me after 5' })!;
    expect(w.lead(id)).toMatchObject({
      phone: '',
      phone_raw: 'call me after 5',
      stage: 'NEW',
      sales_slack_id: 'UAYU0001',
    });
    expect(w.seen('UAYU0001')[0]).toContain('number needs checking');
  });

  test('leads go round-robin over the active reps in sheet order, and the pointer is kept in routing_state_sheet', () => {
    const w = new World();
    const owners = ['A', 'B', 'C', 'D', 'E'].map(
      (n) =>
        w.lead(w.submit({ Name: n, Phone: '08123456789' + (n.charCodeAt(0) % 10) })!)
          .sales_slack_id,
    );
    expect(owners).toEqual(['UAYU0001', 'UBIMA0002', 'UCITRA003', 'UAYU0001', 'UBIMA0002']);
    const state = Object.fromEntries(w.table('routing_state_sheet').map((r) => [r.key, r.value]));
    expect(state).toMatchObject({ last_index: 1, last_slack_id: 'UBIMA0002' });
  });

  test('the assigned rep gets a direct message with the lead, the SLA in words and a primary Mark as CONTACTED button', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const [message] = w.rt.slack.dm('UAYU0001');
    const text = w.rt.slack.renderText(message);
    expect(text).toContain('Budi');
    expect(text).toContain('+6281234567890');
    expect(text).toContain(id);
    expect(text).toContain('Please contact within 60 minutes (by Thu 10:00)');
    const button = JSON.stringify(message.blocks);
    expect(button).toContain('"action_id":"mark_contacted"');
    expect(button).toContain(`"value":"${id}"`);
    expect(button).toContain('"style":"primary"');
    expect(message.text).toContain('Please contact within 60 minutes');
    expect(w.lead(id)).toMatchObject({ slack_channel: message.channel, slack_ts: message.ts });
  });

  test('with leads_channel_id set the message goes to the channel and mentions the rep', () => {
    const w = new World({ settings: { leads_channel_id: LEADS_CHANNEL } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const [message] = w.rt.slack.messages(LEADS_CHANNEL);
    expect(message.text).toContain('<@UAYU0001>');
    expect(w.lead(id).slack_channel).toBe(LEADS_CHANNEL);
    expect(w.rt.slack.dm('UAYU0001')).toEqual([]);
  });

  test('a lead named <!channel> pings nobody: the name reaches Slack escaped', () => {
    const w = new World();
    w.submit({ Name: '<!channel> & <@U123> <https://evil|click>', Phone: '0812-3456-7890' });
    const [message] = w.rt.slack.dm('UAYU0001');
    const everything = message.text + JSON.stringify(message.blocks);
    expect(everything).not.toContain('<!channel>');
    expect(everything).not.toContain('<@U123>');
    expect(everything).not.toContain('<https://evil|click>');
    expect(everything).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt;');
  });

  test('with no active rep the lead is still written, unassigned, logged, and the sweep assigns it once a rep is active', () => {
    const w = new World({ reps: [{ name: 'Ayu', slackId: 'UAYU0001', active: false }] });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    expect(w.lead(id)).toMatchObject({
      stage: 'NEW',
      sales_slack_id: '',
      route_count: 0,
      assigned_at: '',
    });
    expect(w.events(id)).toEqual(['RECEIVED', 'UNASSIGNED']);
    w.sweepAfter(5);
    expect(w.lead(id).sales_slack_id).toBe('');
    w.setReps([{ name: 'Ayu', slackId: 'UAYU0001', active: 'ON' }]);
    w.sweepAfter(5);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UAYU0001', route_count: 1 });
    expect(w.rt.slack.dm('UAYU0001')).toHaveLength(1);
  });

  test('answers are found by the question titles in settings', () => {
    const w = new World({
      settings: { form_name_field: 'Full name', form_phone_field: 'WhatsApp' },
    });
    w.rt.book.linkForm({
      responseSheetName: 'Form Responses 2',
      questions: ['Full name', 'WhatsApp'],
    });
    const id = w.submit({ 'Full name': 'Sari', WhatsApp: '0813 1111 2222' })!;
    expect(w.lead(id)).toMatchObject({ name: 'Sari', phone: '6281311112222' });
  });
});

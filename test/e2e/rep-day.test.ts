/**
 * The rep's day in Slack through dist/Code.js: hand a lead on (pass_lead), record its
 * outcome (mark_qualified / mark_lost), the WhatsApp and tel: links, and Bahasa
 * Indonesia with `language` = id.
 */
import { LEADS_CHANNEL, MANAGER, World, type WorldOptions } from './world';

/** A Slack user presses a button (by action_id) on the lead's current message. */
function press(
  w: World,
  userId: string,
  actionId: string,
  leadId: string,
  message = w.messageRef(leadId),
): void {
  w.rt.run('doPost', w.rt.slack.clickEvent({ userId, actionId, value: leadId, message }));
}

function lastEphemeral(w: World, userId: string): string {
  const all = w.rt.slack.ephemerals(userId);
  return all.length ? String(all[all.length - 1].text) : '';
}

/** The message at a channel + ts, rendered as a person reads it. */
function shown(w: World, ref: { channel: string; ts: string }): string {
  const found = w.rt.slack.messages(ref.channel).find((m) => m.ts === ref.ts);
  if (!found) throw new Error(`no message ${ref.ts} in ${ref.channel}`);
  return w.rt.slack.renderText(found);
}

function newLead(options: WorldOptions = {}): { w: World; id: string } {
  const w = new World(options);
  const id = w.submit({ Name: 'Budi Santoso', Phone: '0812-3456-7890' })!;
  return { w, id };
}

describe('pass_lead: the owner hands a NEW lead on now', () => {
  test('the next rep gets it at once, route_count goes up, PASSED is logged with the owner as actor, the old message says handed on without buttons', () => {
    const { w, id } = newLead();
    const old = w.messageRef(id);
    expect(shown(w, old)).toContain('[Pass to next rep]');
    w.rt.clock.advanceMinutes(5);
    press(w, 'UAYU0001', 'pass_lead', id);
    const lead = w.lead(id);
    expect(lead).toMatchObject({
      stage: 'NEW',
      sales_slack_id: 'UBIMA0002',
      assigned_sales: 'Bima',
      route_count: 2,
      passed_by: 'UAYU0001',
      route_history: 'UAYU0001 UBIMA0002',
    });
    expect((lead.assigned_at as Date).getTime()).toBe(w.rt.clock.now());
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'PASSED']);
    expect(w.log().find((r) => r.event === 'PASSED')).toMatchObject({
      from_slack_id: 'UAYU0001',
      to_slack_id: 'UBIMA0002',
      actor: 'UAYU0001',
    });
    const before = shown(w, old);
    expect(before).toContain('@ayu handed lead');
    expect(before).toContain('on to @bima');
    expect(before).not.toContain('[Mark as CONTACTED]');
    expect(before).not.toContain('[Pass to next rep]');
    const [bima] = w.seen('UBIMA0002');
    expect(bima).toContain('@bima, @ayu handed this lead on to you');
    expect(bima).toContain('[Mark as CONTACTED]');
    expect(bima).toContain('Please contact within 60 minutes');
    press(w, 'UBIMA0002', 'mark_contacted', id);
    expect(w.lead(id).stage).toBe('CONTACTED');
  });

  test('a pass follows the sweep rules: a rep at max_open_leads is skipped, tried reps come last', () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001' },
        { name: 'Bima', slackId: 'UBIMA0002', maxOpenLeads: 1 },
        { name: 'Citra', slackId: 'UCITRA003' },
      ],
    });
    const first = w.submit({ Name: 'One', Phone: '0812-0000-0001' })!; // Ayu
    const second = w.submit({ Name: 'Two', Phone: '0812-0000-0002' })!; // Bima (now at cap)
    expect(w.lead(second).sales_slack_id).toBe('UBIMA0002');
    press(w, 'UAYU0001', 'pass_lead', first);
    expect(w.lead(first).sales_slack_id).toBe('UCITRA003');
    // Citra passes it on: Bima is still at cap, Ayu held it longest ago.
    press(w, 'UCITRA003', 'pass_lead', first);
    expect(w.lead(first)).toMatchObject({
      sales_slack_id: 'UAYU0001',
      route_count: 3,
      passed_by: 'UAYU0001 UCITRA003',
    });
  });

  test("a pass stays in the lead's team (routing_rules): nobody else in the team means the owner keeps it", () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001', team: 'Solar' },
        { name: 'Bima', slackId: 'UBIMA0002', team: 'Wind' },
        { name: 'Citra', slackId: 'UCITRA003', team: 'Solar' },
      ],
    });
    w.setRules([{ field: 'Product', operator: 'equals', value: 'Solar panels', team: 'Solar' }]);
    const id = w.submit({ Name: 'Sun', Phone: '0812-0000-0009', Product: 'Solar panels' })!;
    expect(w.lead(id).sales_slack_id).toBe('UAYU0001');
    press(w, 'UAYU0001', 'pass_lead', id);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UCITRA003', team: 'Solar' });
    w.setReps([
      { name: 'Ayu', slackId: 'UAYU0001', team: 'Solar', active: false },
      { name: 'Bima', slackId: 'UBIMA0002', team: 'Wind' },
      { name: 'Citra', slackId: 'UCITRA003', team: 'Solar' },
    ]);
    press(w, 'UCITRA003', 'pass_lead', id);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UCITRA003', route_count: 2 });
    expect(lastEphemeral(w, 'UCITRA003')).toContain('Nobody else can take lead');
  });

  test('a pass counts toward escalation: at the threshold the next missed SLA escalates', () => {
    const { w, id } = newLead({ settings: { escalation_threshold: 2, sla_minutes: 30 } });
    press(w, 'UAYU0001', 'pass_lead', id);
    expect(w.lead(id).route_count).toBe(2);
    w.sweepAfter(30);
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'PASSED', 'ESCALATED']);
    expect(w.lead(id).sales_slack_id).toBe('UBIMA0002');
  });

  test('the next sweep re-routes the passed lead when its new owner misses the SLA (the plan includes the new deadline)', () => {
    const { w, id } = newLead({ settings: { sla_minutes: 30 } });
    w.rt.clock.advanceMinutes(20);
    press(w, 'UAYU0001', 'pass_lead', id);
    w.sweepAfter(25);
    expect(w.lead(id).sales_slack_id).toBe('UBIMA0002');
    w.sweepAfter(5);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UCITRA003', route_count: 3 });
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'PASSED', 'REROUTED']);
  });

  test('nobody else eligible: the owner is told and keeps the lead, nothing else changes', () => {
    const { w, id } = newLead({ reps: [{ name: 'Ayu', slackId: 'UAYU0001' }] });
    const old = w.messageRef(id);
    press(w, 'UAYU0001', 'pass_lead', id);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UAYU0001', route_count: 1, passed_by: '' });
    expect(lastEphemeral(w, 'UAYU0001')).toContain('Nobody else can take lead');
    expect(shown(w, old)).toContain('[Pass to next rep]');
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'REJECTED']);
  });

  test('only the owner may pass: another rep in the channel is refused, a contacted lead cannot be passed', () => {
    const { w, id } = newLead({ settings: { leads_channel_id: LEADS_CHANNEL } });
    press(w, 'UBIMA0002', 'pass_lead', id);
    expect(lastEphemeral(w, 'UBIMA0002')).toContain('is not yours');
    expect(w.lead(id).sales_slack_id).toBe('UAYU0001');
    const old = w.messageRef(id);
    press(w, 'UAYU0001', 'mark_contacted', id);
    press(w, 'UAYU0001', 'pass_lead', id, old); // a client that had not refreshed
    expect(lastEphemeral(w, 'UAYU0001')).toContain('already marked CONTACTED');
    expect(w.lead(id)).toMatchObject({ stage: 'CONTACTED', route_count: 1 });
  });
});

describe('mark_qualified / mark_lost after CONTACTED', () => {
  test('the owner marks QUALIFIED: stage and event QUALIFIED, the message shows the outcome without buttons', () => {
    const { w, id } = newLead();
    press(w, 'UAYU0001', 'mark_contacted', id);
    const ref = w.messageRef(id);
    expect(shown(w, ref)).toContain('[Qualified] [Lost]');
    expect(shown(w, ref)).not.toContain('[Mark as CONTACTED]');
    press(w, 'UAYU0001', 'mark_qualified', id);
    expect(w.lead(id).stage).toBe('QUALIFIED');
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'CONTACTED', 'QUALIFIED']);
    expect(w.log().find((r) => r.event === 'QUALIFIED')).toMatchObject({ actor: 'UAYU0001' });
    const text = shown(w, ref);
    expect(text).toContain('@ayu marked lead');
    expect(text).toContain('QUALIFIED');
    expect(text).not.toContain('[');
  });

  test('the manager may mark a lead lost; another rep may not', () => {
    const { w, id } = newLead({ settings: { leads_channel_id: LEADS_CHANNEL } });
    press(w, 'UAYU0001', 'mark_contacted', id);
    press(w, 'UBIMA0002', 'mark_lost', id);
    expect(lastEphemeral(w, 'UBIMA0002')).toContain('only they or the manager');
    expect(w.lead(id).stage).toBe('CONTACTED');
    press(w, MANAGER, 'mark_lost', id);
    expect(w.lead(id).stage).toBe('CLOSED_LOST');
    expect(w.log().find((r) => r.event === 'CLOSED_LOST')).toMatchObject({
      actor: MANAGER,
      from_slack_id: 'UAYU0001',
      detail: 'marked by the manager',
    });
    expect(shown(w, w.messageRef(id))).toContain('@manager marked lead');
  });

  test('a click on an outdated message gets an ephemeral reason: an admin already closed the lead in the sheet', () => {
    const { w, id } = newLead();
    press(w, 'UAYU0001', 'mark_contacted', id);
    w.editLead(id, 'stage', 'CLOSED LOST');
    press(w, 'UAYU0001', 'mark_qualified', id);
    expect(lastEphemeral(w, 'UAYU0001')).toContain('is already CLOSED_LOST');
    expect(w.lead(id).stage).toBe('CLOSED LOST');
    expect(w.events(id).slice(-1)).toEqual(['REJECTED']);
  });

  test('an admin moving a contacted lead back to NEW makes the outcome buttons refuse', () => {
    const { w, id } = newLead();
    press(w, 'UAYU0001', 'mark_contacted', id);
    w.editLead(id, 'stage', 'NEW');
    press(w, 'UAYU0001', 'mark_lost', id);
    expect(lastEphemeral(w, 'UAYU0001')).toContain('mark it CONTACTED before recording an outcome');
    expect(w.lead(id).stage).toBe('NEW');
  });
});

describe('one tap to the customer', () => {
  test('a valid phone shows as a tel: link and a WhatsApp link with an Indonesian greeting, in the lead message and in /leads', () => {
    const { w } = newLead();
    const blocks = JSON.stringify(w.rt.slack.dm('UAYU0001')[0].blocks);
    expect(blocks).toContain('<tel:+6281234567890|+6281234567890>');
    expect(blocks).toContain(
      '<https://wa.me/6281234567890?text=Halo%20Budi%2C%20terima%20kasih%20atas%20minat%20Anda!%20Ada%20yang%20bisa%20kami%20bantu%3F|WhatsApp>',
    );
    w.rt.run('doPost', w.rt.slack.slashCommandEvent({ userId: 'UAYU0001', command: '/leads' }));
    const [reply] = w.rt.slack.ephemerals('UAYU0001');
    expect(JSON.stringify(reply.blocks)).toContain('https://wa.me/6281234567890?text=');
    expect(w.rt.slack.renderText(reply)).toContain('+6281234567890 · WhatsApp');
  });

  test('a foreign number gets an English greeting; a lead name cannot break out of the link', () => {
    const w = new World();
    w.submit({ Name: '<!channel>|x> Tom', Phone: '+65 9123 4567' });
    const blocks = JSON.stringify(w.rt.slack.dm('UAYU0001')[0].blocks);
    expect(blocks).toContain('https://wa.me/6591234567?text=Hi%20%3C!channel%3E%7Cx%3E%2C');
    expect(blocks).not.toContain('<!channel>');
  });

  test('an unreadable phone gets no links, only the flag to check it', () => {
    const w = new World();
    w.submit({ Name: 'Budi', Phone: 'call me' });
    const blocks = JSON.stringify(w.rt.slack.dm('UAYU0001')[0].blocks);
    expect(blocks).not.toContain('wa.me');
    expect(blocks).not.toContain('tel:');
    expect(w.seen('UAYU0001')[0]).toContain('number needs checking');
  });
});

describe('language = id: every Slack text in Bahasa Indonesia', () => {
  test('lead message, buttons, refusals, pass, outcome and /leads are Indonesian; en stays the default', () => {
    const { w, id } = newLead({
      settings: { language: 'id', leads_channel_id: LEADS_CHANNEL },
    });
    const first = w.seen(LEADS_CHANNEL)[0];
    expect(first).toContain('@ayu, ada lead baru untuk Anda');
    expect(first).toContain('[Tandai SUDAH DIHUBUNGI] [Oper ke sales berikutnya]');
    expect(first).toMatch(/paling lambat (Min|Sen|Sel|Rab|Kam|Jum|Sab) \d\d:\d\d/);
    press(w, 'UBIMA0002', 'mark_contacted', id);
    expect(lastEphemeral(w, 'UBIMA0002')).toContain('bukan milik Anda');
    w.rt.run('doPost', w.rt.slack.slashCommandEvent({ userId: 'UAYU0001', command: '/leads' }));
    expect(lastEphemeral(w, 'UAYU0001')).toContain('Lead terbuka Anda (1)');
    press(w, 'UAYU0001', 'pass_lead', id);
    expect(w.seen(LEADS_CHANNEL).join('\n')).toContain('@ayu mengoper lead');
    expect(w.seen(LEADS_CHANNEL).join('\n')).toContain('@bima, @ayu mengoper lead ini kepada Anda');
    press(w, 'UBIMA0002', 'mark_contacted', id);
    expect(shown(w, w.messageRef(id))).toContain('[Berminat (qualified)] [Batal (lost)]');
    press(w, 'UBIMA0002', 'mark_qualified', id);
    expect(shown(w, w.messageRef(id))).toContain('menandai lead');

    const english = new World({ settings: { leads_channel_id: LEADS_CHANNEL } });
    english.submit({ Name: 'Budi', Phone: '0812-3456-7890' });
    expect(english.seen(LEADS_CHANNEL)[0]).toContain('[Mark as CONTACTED] [Pass to next rep]');
  });

  test('an unknown language stops the sweep with a message naming the key and the allowed values', () => {
    const w = new World({ settings: { language: 'fr' } });
    expect(() => w.sweepAfter(5)).toThrow(/language is "fr"; allowed values are en, id/);
  });
});

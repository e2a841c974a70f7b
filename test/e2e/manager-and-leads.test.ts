/** Manager actions on an escalation and the /leads command, through dist/Code.js. */
import { ESCALATION_CHANNEL, MANAGER, World } from './world';

function escalated(): { w: World; id: string; ref: { channel: string; ts: string } } {
  const w = new World({
    settings: {
      escalation_threshold: 1,
      sla_minutes: 30,
      escalation_channel_id: ESCALATION_CHANNEL,
    },
  });
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  w.sweepAfter(30);
  const [message] = w.rt.slack.messages(ESCALATION_CHANNEL);
  return { w, id, ref: { channel: message.channel, ts: message.ts } };
}

describe('manager actions on an escalation', () => {
  test('the escalation offers a picker of active reps and "I\'ll take it"', () => {
    const { w } = escalated();
    const [message] = w.rt.slack.messages(ESCALATION_CHANNEL);
    const actions = JSON.stringify(message.blocks);
    expect(actions).toContain('"action_id":"reassign_lead"');
    expect(actions).toContain('"text":"Bima"');
    expect(actions).toContain('"action_id":"take_lead"');
  });

  test('reassigning resets the SLA clock, notifies the new rep with the button, keeps the escalation and logs who did it', () => {
    const { w, id, ref } = escalated();
    const escalatedAt = (w.lead(id).escalated_at as Date).getTime();
    w.rt.clock.advanceMinutes(3);
    const event = w.rt.slack.clickEvent({
      userId: MANAGER,
      actionId: 'reassign_lead',
      selectedOption: `${id}|UCITRA003`,
      message: ref,
    });
    w.rt.run('doPost', event);
    const lead = w.lead(id);
    expect(lead).toMatchObject({ sales_slack_id: 'UCITRA003', route_count: 2 });
    expect((lead.assigned_at as Date).getTime()).toBe(w.rt.clock.now());
    expect((lead.escalated_at as Date).getTime()).toBe(escalatedAt);
    expect(w.seen('UCITRA003')[0]).toContain('@manager assigned you an escalated lead');
    expect(w.seen('UCITRA003')[0]).toContain('[Mark as CONTACTED]');
    expect(w.log().find((r) => r.event === 'REASSIGNED')).toMatchObject({
      lead_id: id,
      actor: MANAGER,
      from_slack_id: 'UAYU0001',
      to_slack_id: 'UCITRA003',
    });
    expect(w.seen(ESCALATION_CHANNEL)[0]).toContain('@manager reassigned lead');
    w.click('UCITRA003', id);
    expect(w.lead(id).stage).toBe('CONTACTED');
  });

  test('"I\'ll take it" makes the manager the owner, who can then mark it CONTACTED', () => {
    const { w, id, ref } = escalated();
    w.rt.run(
      'doPost',
      w.rt.slack.clickEvent({ userId: MANAGER, actionId: 'take_lead', value: id, message: ref }),
    );
    expect(w.lead(id).sales_slack_id).toBe(MANAGER);
    w.click(MANAGER, id);
    expect(w.lead(id).stage).toBe('CONTACTED');
  });

  test('a log sheet an admin recreated by hand (a new sheet id) does not stop the Take: the ids are read again, once', () => {
    const { w, id, ref } = escalated();
    const storedLogId = () =>
      (JSON.parse(w.rt.properties.get('lead-routing:sheet-ids') ?? '{}') as Record<string, number>)
        .routing_log;
    const before = storedLogId();
    expect(before).toBe(w.rt.book.sheet('routing_log').sheetId);
    const log = w.rt.book.sheet('routing_log').rows();
    w.rt.book.deleteSheet('routing_log');
    w.rt.book.addSheet('routing_log', log);
    w.rt.cache.remove('lead-routing:sheet-ids');
    expect(w.rt.book.sheet('routing_log').sheetId).not.toBe(before);
    w.rt.run(
      'doPost',
      w.rt.slack.clickEvent({ userId: MANAGER, actionId: 'take_lead', value: id, message: ref }),
    );
    expect(w.lead(id).sales_slack_id).toBe(MANAGER);
    expect(w.log().filter((r) => r.event === 'REASSIGNED')).toEqual([
      expect.objectContaining({ lead_id: id, actor: MANAGER }),
    ]);
    expect(w.rt.failures).toEqual([]);
    expect(storedLogId()).toBe(w.rt.book.sheet('routing_log').sheetId);
  });

  test('anyone but the manager gets an ephemeral refusal and nothing changes', () => {
    const { w, id, ref } = escalated();
    w.rt.slack.messages(ESCALATION_CHANNEL);
    const event = w.rt.slack.clickEvent({
      userId: MANAGER,
      actionId: 'take_lead',
      value: id,
      message: ref,
    });
    const payload = JSON.parse(String(event.parameter.payload));
    payload.user.id = 'UBIMA0002';
    w.rt.run('doPost', {
      ...event,
      parameter: { ...event.parameter, payload: JSON.stringify(payload) },
    });
    expect(w.lead(id).sales_slack_id).toBe('UAYU0001');
    expect(
      w
        .log()
        .filter((r) => r.event === 'REJECTED')
        .map((r) => r.detail),
    ).toEqual(['TAKE: NOT_MANAGER']);
  });
});

describe('/leads', () => {
  test('a rep sees their open leads, soonest deadline first, with time left and a button each', () => {
    const w = new World({ reps: [{ name: 'Ayu', slackId: 'UAYU0001' }] });
    const first = w.submit({ Name: 'First', Phone: '0812-0000-0001' })!;
    w.rt.clock.advanceMinutes(20);
    const second = w.submit({ Name: 'Second', Phone: '0812-0000-0002' })!;
    w.click('UAYU0001', second);
    w.submit({ Name: 'Third', Phone: '0812-0000-0003' });
    w.rt.run('doPost', w.rt.slack.slashCommandEvent({ userId: 'UAYU0001', command: '/leads' }));
    const [reply] = w.rt.slack.ephemerals('UAYU0001').slice(-1);
    const text = w.rt.slack.renderText(reply);
    expect(text).toContain('Your open leads (2)');
    expect(text.indexOf('First')).toBeLessThan(text.indexOf('Third'));
    expect(text).toContain('40 minutes left');
    expect(text).not.toContain('Second');
    expect(JSON.stringify(reply.blocks)).toContain(`"value":"${first}"`);
  });

  test('someone who is not a rep is politely refused; a wrong token is ignored', () => {
    const w = new World();
    w.rt.run('doPost', w.rt.slack.slashCommandEvent({ userId: 'UOUTSIDER', command: '/leads' }));
    expect(w.rt.slack.ephemerals('UOUTSIDER')[0].text).toContain("can't find you there");
    w.rt.run(
      'doPost',
      w.rt.slack.slashCommandEvent({ userId: 'UAYU0001', command: '/leads', token: 'forged' }),
    );
    expect(w.rt.slack.ephemerals('UAYU0001')).toEqual([]);
  });
});

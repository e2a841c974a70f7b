/**
 * The SLA sweep through dist/Code.js: re-routing overdue NEW leads, escalating once at
 * the threshold, leaving every other stage alone, updating the old rep's message.
 */
import { ESCALATION_CHANNEL, LEADS_CHANNEL, MANAGER, World } from './world';

describe('the SLA sweep', () => {
  test('a lead not contacted within sla_minutes moves to the next rep, who is notified, and the old message loses its button', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const firstMessage = w.rt.slack.dm('UAYU0001')[0];
    w.sweepAfter(59);
    expect(w.lead(id).sales_slack_id).toBe('UAYU0001');
    w.sweepAfter(1);
    const lead = w.lead(id);
    expect(lead).toMatchObject({
      sales_slack_id: 'UBIMA0002',
      assigned_sales: 'Bima',
      route_count: 2,
      route_history: 'UAYU0001 UBIMA0002',
    });
    expect((lead.assigned_at as Date).getTime()).toBe(w.rt.clock.now());
    expect((lead.last_routed_at as Date).getTime()).toBe(w.rt.clock.now());
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'REROUTED']);
    const bima = w.seen('UBIMA0002');
    expect(bima).toHaveLength(1);
    expect(bima[0]).toContain('re-routed to you');
    expect(bima[0]).toContain('[Mark as CONTACTED]');
    const old = w.rt.slack.messages(firstMessage.channel)[0];
    expect(old.updates).toHaveLength(1);
    const oldNow = w.rt.slack.renderText(old);
    expect(oldNow).toContain('was re-routed to @bima');
    expect(oldNow).not.toContain('[Mark as CONTACTED]');
  });

  test.each(['CONTACTED', 'QUALIFIED', 'CLOSED_LOST', 'CLOSED LOST'])(
    'a lead an admin set to %s is never touched by the sweep',
    (stage) => {
      const w = new World();
      const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
      w.editLead(id, 'stage', stage);
      w.sweepAfter(600);
      expect(w.lead(id)).toMatchObject({ stage, sales_slack_id: 'UAYU0001', route_count: 1 });
      expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED']);
    },
  );

  test('after escalation_threshold routings the manager is told once, in the escalation channel, and the lead stays put', () => {
    const w = new World({
      settings: {
        escalation_threshold: 3,
        sla_minutes: 30,
        escalation_channel_id: ESCALATION_CHANNEL,
      },
    });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(30);
    w.sweepAfter(30);
    expect(w.lead(id)).toMatchObject({ route_count: 3, sales_slack_id: 'UCITRA003' });
    w.sweepAfter(30);
    const lead = w.lead(id);
    expect(lead).toMatchObject({ route_count: 3, sales_slack_id: 'UCITRA003' });
    expect((lead.escalated_at as Date).getTime()).toBe(w.rt.clock.now());
    const state = w.table('routing_state_sheet').find((r) => r.key === `escalated_${id}`);
    expect((state?.value as Date).getTime()).toBe(w.rt.clock.now());
    const escalations = w.seen(ESCALATION_CHANNEL);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toContain('@manager');
    expect(escalations[0]).toContain('3 assignments across 3 reps');
    expect(escalations[0]).toContain('Last owner: @citra');
    for (let i = 0; i < 5; i++) w.sweepAfter(30);
    expect(w.seen(ESCALATION_CHANNEL)).toHaveLength(1);
    expect(w.lead(id)).toMatchObject({ route_count: 3, sales_slack_id: 'UCITRA003' });
    expect(w.events(id).filter((e) => e === 'ESCALATED')).toHaveLength(1);
    w.click('UCITRA003', id);
    expect(w.lead(id).stage).toBe('CONTACTED');
  });

  test('without an escalation channel the manager gets a direct message', () => {
    const w = new World({ settings: { escalation_threshold: 1, sla_minutes: 10 } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(10);
    expect(w.seen(MANAGER)).toHaveLength(1);
    expect(w.seen(MANAGER)[0]).toContain(id);
  });

  test('a rep deactivated mid-day gets no more leads, and their overdue leads move on', () => {
    const w = new World();
    const first = w.submit({ Name: 'A', Phone: '0812-3456-7890' })!;
    w.setReps([
      { name: 'Ayu', slackId: 'UAYU0001', active: false },
      { name: 'Bima', slackId: 'UBIMA0002' },
      { name: 'Citra', slackId: 'UCITRA003' },
    ]);
    const owners = ['B', 'C', 'D'].map(
      (n, i) => w.lead(w.submit({ Name: n, Phone: `0812-3456-789${i + 1}` })!).sales_slack_id,
    );
    expect(owners).toEqual(['UBIMA0002', 'UCITRA003', 'UBIMA0002']);
    w.sweepAfter(60);
    expect(w.lead(first).sales_slack_id).not.toBe('UAYU0001');
  });

  test('a bad setting stops the sweep with a message naming the key and the allowed values, and changes nothing', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.setSettings({ sla_minutes: 'abc' });
    w.rt.clock.advanceMinutes(120);
    expect(() => w.rt.run('runSlaSweep')).toThrow(
      'settings: sla_minutes is "abc"; it must be a whole number',
    );
    expect(w.lead(id).route_count).toBe(1);
    w.setSettings({ sla_minutes: 60, sla_check_every_minutes: 7 });
    expect(() => w.rt.run('runSlaSweep')).toThrow('allowed values are 1, 5, 10, 15, 30, 60');
  });

  test('the installed sweep trigger runs by itself every sla_check_every_minutes', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    for (let minute = 0; minute < 65; minute += 5) {
      w.rt.clock.advanceMinutes(5);
      w.rt.fireDueTriggers();
    }
    expect(w.rt.failures).toEqual([]);
    expect(w.lead(id).sales_slack_id).toBe('UBIMA0002');
  });
});

describe('when nobody else is available', () => {
  test('the only active rep gets a reminder worded as such, and the original message points to it (one live button)', () => {
    const w = new World({
      reps: [{ name: 'Ayu', slackId: 'UAYU0001' }],
      settings: { sla_minutes: 30 },
    });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(30);
    const seen = w.seen('UAYU0001');
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toContain('[Mark as CONTACTED]');
    expect(seen[0]).toContain('has a newer message for you');
    expect(seen[1]).toContain('reminder: this lead is still waiting and nobody else is available');
    expect(seen[1]).toContain('[Mark as CONTACTED]');
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UAYU0001', route_count: 2 });
  });
});

describe('Slack pacing', () => {
  test('a burst of re-routes into one channel is sent at Slack’s pace: no 429, every message delivered in order by one sweep', () => {
    const w = new World({ settings: { leads_channel_id: LEADS_CHANNEL, sla_minutes: 30 } });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(w.submit({ Name: `Lead ${i}`, Phone: `0812-3456-78${10 + i}` })!);
      w.rt.clock.advanceMs(1_500);
    }
    const before = w.rt.slack.requests.length;
    const calls = w.rt.counters.fetchCalls;
    w.sweepAfter(30);
    const sent = w.rt.slack.requests.slice(before);
    expect(sent.filter((r) => r.status === 429)).toEqual([]);
    const posts = sent.filter((r) => r.method === 'chat.postMessage');
    expect(posts).toHaveLength(10);
    expect(posts.map((r) => String(r.body.text).match(/L-\S+/)?.[0])).toEqual(ids.map((id) => id));
    expect(w.rt.counters.fetchCalls - calls).toBeLessThan(posts.length);
    expect(w.table('slack_outbox').filter((r) => r.status === 'PENDING')).toEqual([]);
  });
});

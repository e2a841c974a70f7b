/**
 * Slack follows the lead (issue 16, with issue 11's manager and /leads parts): every
 * message owed is re-checked when it is due and cancelled with a log row when no longer
 * true; every message with a live button is recorded and rewritten when its lead
 * changes, so at most one live button exists, in the current owner's message.
 */
import { liveButtons, slackFollowsLeads } from './invariants';
import { ESCALATION_CHANNEL, MANAGER, World, outbox } from './world';

const AYU = 'UAYU0001';

/** Four responses; the rotation gives Ayu the first and the fourth (Budi and Sari). */
function twoLeadsOfAyu(): { w: World; first: string; second: string } {
  const w = new World();
  const first = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  w.submit({ Name: 'X', Phone: '0812-0000-0001' });
  w.submit({ Name: 'Y', Phone: '0812-0000-0002' });
  const second = w.submit({ Name: 'Sari', Phone: '0812-3456-7891' })!;
  expect([w.lead(first).sales_slack_id, w.lead(second).sales_slack_id]).toEqual([AYU, AYU]);
  return { w, first, second };
}
const BIMA = 'UBIMA0002';

describe('owed messages are re-checked when due', () => {
  test('a failed assignment is not retried once the lead was closed by hand: cancelled and logged', () => {
    const w = new World();
    w.rt.slack.setDown(true);
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.slack.setDown(false);
    w.editLead(id, 'stage', 'QUALIFIED');
    w.rt.runAs('menu', 'runSlaSweepNow');
    w.sweepAfter(5);
    expect(w.rt.slack.dm(AYU)).toEqual([]);
    expect(outbox(w).map((r) => [r.kind, r.status])).toEqual([['ASSIGNMENT', 'CANCELLED']]);
    expect(w.events(id)).toContain('NOTIFY_CANCELLED');
  });

  test('a failed assignment is not sent to the rep once the manager took the lead', () => {
    const w = new World({ settings: { escalation_threshold: 1, sla_minutes: 30 } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(30); // escalated
    const [escalation] = w.rt.slack.dm(MANAGER);
    w.rt.slack.failNext(1, { status: 500 }, 'chat.postMessage');
    w.rt.run(
      'doPost',
      w.rt.slack.clickEvent({
        userId: MANAGER,
        actionId: 'reassign_lead',
        selectedOption: `${id}|${BIMA}`,
        message: { channel: escalation.channel, ts: escalation.ts },
      }),
    );
    expect(w.lead(id).sales_slack_id).toBe(BIMA);
    expect(w.rt.slack.dm(BIMA)).toEqual([]); // the message to Bima failed once
    w.rt.run(
      'doPost',
      w.rt.slack.clickEvent({
        userId: MANAGER,
        actionId: 'take_lead',
        value: id,
        message: { channel: escalation.channel, ts: escalation.ts },
      }),
    );
    expect(w.lead(id).sales_slack_id).toBe(MANAGER);
    w.sweepAfter(5);
    w.sweepAfter(5);
    expect(w.rt.slack.dm(BIMA)).toEqual([]);
    expect(w.events(id)).toContain('NOTIFY_CANCELLED');
    expect(slackFollowsLeads(w, [MANAGER])).toEqual([]);
  });
});

describe('one live button, in the current owner’s message', () => {
  test('a hand edit of stage is seen by the next sweep that reads: the button goes', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    expect(liveButtons(w, id)).toHaveLength(1);
    w.editLead(id, 'stage', 'CLOSED_LOST');
    w.rt.runAs('menu', 'runSlaSweepNow');
    expect(liveButtons(w, id)).toEqual([]);
    expect(w.seen(AYU)[0]).toContain('is now CLOSED_LOST');
  });

  test('a click from /leads marks the lead, rewrites its own message and keeps the list', () => {
    const { w, first, second } = twoLeadsOfAyu();
    w.leadsCommand(AYU);
    const [list] = w.rt.slack.ephemerals(AYU);
    w.clickInList(AYU, first);
    expect(w.lead(first).stage).toBe('CONTACTED');
    // The list is still there, with a confirmation beside it.
    const shown = w.rt.slack.ephemerals(AYU);
    expect(shown[0].text).toBe(list.text);
    expect(shown[1].text).toContain(`contacted lead ${first}`);
    // The lead's own message no longer has its button; the other lead's still has.
    expect(liveButtons(w, first)).toEqual([]);
    expect(w.seen(AYU).find((t) => t.includes(first))).toContain('was marked CONTACTED');
    expect(liveButtons(w, second)).toHaveLength(1);
    expect(slackFollowsLeads(w)).toEqual([]);
  });

  test('/leads read while an admin sorts lead_sheet: the rep is told a lead may be missing, never "no open leads"', () => {
    const { w, first, second } = twoLeadsOfAyu();
    // Between the list's two reads the admin sorts by name, descending: Ayu's rows move.
    let calls = 0;
    w.rt.sheetsApi.afterCall = () => {
      if (++calls === 1) w.rt.book.sheet('lead_sheet').sortBy('name', { ascending: false });
    };
    w.leadsCommand(AYU);
    w.rt.sheetsApi.afterCall = null;
    const [moved] = w.rt.slack.ephemerals(AYU);
    expect(moved.text).not.toContain('no open leads');
    expect(JSON.stringify(moved.blocks)).toContain('was being sorted while this list was read');
    // Asked again once the sorting stopped: both leads, and no such line.
    w.leadsCommand(AYU);
    const again = w.rt.slack.ephemerals(AYU).pop()!;
    expect(again.text).toBe('Your open leads (2):');
    expect(JSON.stringify(again.blocks)).toContain(first);
    expect(JSON.stringify(again.blocks)).toContain(second);
    expect(JSON.stringify(again.blocks)).not.toContain('was being sorted');
  });

  test('a click whose answer (response_url) fails: the message is rewritten by chat.update through the outbox', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.slack.failNext(1, { status: 500 }, 'response_url');
    w.click(AYU, id);
    expect(w.lead(id).stage).toBe('CONTACTED');
    expect(liveButtons(w, id)).toEqual([]);
    expect(outbox(w).map((r) => [r.kind, r.method, r.status])).toEqual([
      ['ASSIGNMENT', 'chat.postMessage', 'SENT'],
      ['BUTTON_UPDATE', 'chat.update', 'SENT'],
    ]);
  });

  test('the same failure with Slack down: the rewrite is retried by the sweep until it lands', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.slack.setDown(true);
    w.click(AYU, id);
    expect(w.lead(id).stage).toBe('CONTACTED');
    expect(liveButtons(w, id)).toHaveLength(1);
    expect(slackFollowsLeads(w)).toEqual([]); // owed: a pending chat.update
    w.rt.slack.setDown(false);
    w.sweepAfter(5);
    expect(liveButtons(w, id)).toEqual([]);
  });

  test('a click on an older copy of a lead that moved on takes that copy’s button away', () => {
    const w = new World({ settings: { sla_minutes: 30 } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const old = w.messageRef(id);
    w.sweepAfter(30); // re-routed to Bima
    expect(liveButtons(w, id).map((m) => m.channel)).toEqual([w.rt.slack.dmChannelId(BIMA)]);
    w.click(AYU, id, { message: old }); // a stale client still shows the old button
    expect(w.lead(id).sales_slack_id).toBe(BIMA);
    expect(liveButtons(w, id).map((m) => m.channel)).toEqual([w.rt.slack.dmChannelId(BIMA)]);
  });

  test('the manager’s Take twice is applied once: "already done", one live button on the owner’s message', () => {
    const w = new World({
      settings: {
        escalation_threshold: 1,
        sla_minutes: 30,
        escalation_channel_id: ESCALATION_CHANNEL,
      },
    });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(30);
    const [escalation] = w.rt.slack.messages(ESCALATION_CHANNEL);
    const take = () =>
      w.rt.run(
        'doPost',
        w.rt.slack.clickEvent({
          userId: MANAGER,
          actionId: 'take_lead',
          value: id,
          message: { channel: escalation.channel, ts: escalation.ts },
        }),
      );
    take();
    const route = w.lead(id).route_count;
    take(); // a double click: Slack sends the action again
    expect(w.lead(id)).toMatchObject({ sales_slack_id: MANAGER, route_count: route });
    expect(
      w.rt.slack
        .ephemerals(MANAGER)
        .map((e) => e.text)
        .pop(),
    ).toContain('Already done');
    expect(liveButtons(w, id, [MANAGER]).map((m) => m.channel)).toEqual([
      w.rt.slack.dmChannelId(MANAGER),
    ]);
    expect(slackFollowsLeads(w, [MANAGER])).toEqual([]);
  });

  test('the manager reassigning to the current owner: the earlier message loses its button, the new one has it', () => {
    const w = new World({ settings: { escalation_threshold: 1, sla_minutes: 30 } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.sweepAfter(30);
    const owner = String(w.lead(id).sales_slack_id);
    const [escalation] = w.rt.slack.dm(MANAGER);
    w.rt.run(
      'doPost',
      w.rt.slack.clickEvent({
        userId: MANAGER,
        actionId: 'reassign_lead',
        selectedOption: `${id}|${owner}`,
        message: { channel: escalation.channel, ts: escalation.ts },
      }),
    );
    expect(w.rt.slack.dm(owner)).toHaveLength(2);
    expect(liveButtons(w, id, [MANAGER]).map((m) => m.ts)).toEqual([w.rt.slack.dm(owner)[1].ts]);
  });
});

describe('nobody available', () => {
  test('the manager hears it once per stretch: closing the waiting lead does not end the stretch, a rep coming back does', () => {
    const w = new World({ reps: [{ name: 'Ayu', slackId: AYU, active: false }] });
    const first = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    expect(w.rt.slack.dm(MANAGER)).toHaveLength(1);
    w.editLead(first, 'stage', 'CLOSED_LOST');
    w.rt.runAs('menu', 'runSlaSweepNow');
    w.submit({ Name: 'Sari', Phone: '0812-3456-7891' });
    w.sweepAfter(5);
    expect(w.rt.slack.dm(MANAGER)).toHaveLength(1);
    w.setReps([{ name: 'Ayu', slackId: AYU, active: true }]);
    w.rt.runAs('menu', 'runSlaSweepNow');
    w.setReps([{ name: 'Ayu', slackId: AYU, active: false }]);
    w.submit({ Name: 'Tono', Phone: '0812-3456-7892' });
    expect(w.rt.slack.dm(MANAGER)).toHaveLength(2);
  });
});

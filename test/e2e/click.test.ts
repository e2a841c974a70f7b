/**
 * "Mark as CONTACTED" through doPost in dist/Code.js: only the owner, only while NEW,
 * every other click answered with the reason, and doPost always an empty 200.
 */
import { LEADS_CHANNEL, VERIFICATION_TOKEN, World } from './world';

function assigned(): { w: World; id: string } {
  const w = new World();
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  return { w, id };
}

describe('clicking Mark as CONTACTED', () => {
  test('the owner marks the lead CONTACTED; the message is replaced by who contacted it and how long it took, without the button', () => {
    const { w, id } = assigned();
    w.rt.clock.advanceMinutes(12);
    const output = w.click('UAYU0001', id) as { getContent(): string };
    expect(output.getContent()).toBe('');
    const lead = w.lead(id);
    expect(lead.stage).toBe('CONTACTED');
    expect((lead.contacted_at as Date).getTime()).toBe(w.rt.clock.now());
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'CONTACTED']);
    const [message] = w.rt.slack.dm('UAYU0001');
    const text = w.rt.slack.renderText(message);
    expect(text).toContain('@ayu contacted lead');
    expect(text).toContain('after 12 minutes');
    expect(text).not.toContain('[Mark as CONTACTED]');
  });

  test('a second click changes nothing and says already contacted', () => {
    const { w, id } = assigned();
    w.click('UAYU0001', id);
    const contactedAt = (w.lead(id).contacted_at as Date).getTime();
    w.rt.clock.advanceMinutes(1);
    w.click('UAYU0001', id);
    expect((w.lead(id).contacted_at as Date).getTime()).toBe(contactedAt);
    expect(w.rt.slack.ephemerals('UAYU0001').map((e) => e.text)).toEqual([
      expect.stringContaining('already marked CONTACTED'),
    ]);
  });

  test('a rep who is not the owner gets an ephemeral refusal naming the owner, and the lead stays NEW', () => {
    const w = new World({ settings: { leads_channel_id: LEADS_CHANNEL } });
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.click('UBIMA0002', id);
    expect(w.lead(id).stage).toBe('NEW');
    expect(w.rt.slack.ephemerals('UBIMA0002').map((e) => e.text)).toEqual([
      expect.stringContaining('is not yours; it belongs to Ayu'),
    ]);
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'REJECTED']);
    expect(w.seen(LEADS_CHANNEL)[0]).toContain('[Mark as CONTACTED]');
  });

  test('a rep whose lead was re-routed away is told so, with the new owner, and cannot mark it', () => {
    const { w, id } = assigned();
    const oldMessage = w.messageRef(id);
    w.sweepAfter(60);
    w.click('UAYU0001', id, { message: oldMessage });
    expect(w.lead(id)).toMatchObject({ stage: 'NEW', sales_slack_id: 'UBIMA0002' });
    expect(w.rt.slack.ephemerals('UAYU0001').map((e) => e.text)).toEqual([
      expect.stringContaining('was re-routed away from you'),
    ]);
    w.click('UBIMA0002', id);
    expect(w.lead(id).stage).toBe('CONTACTED');
  });

  test('a lead an admin already moved to QUALIFIED cannot be marked CONTACTED', () => {
    const { w, id } = assigned();
    w.editLead(id, 'stage', 'QUALIFIED');
    w.click('UAYU0001', id);
    expect(w.lead(id).stage).toBe('QUALIFIED');
    expect(w.rt.slack.ephemerals('UAYU0001').map((e) => e.text)).toEqual([
      expect.stringContaining('is at stage QUALIFIED'),
    ]);
  });

  test('a click on a lead that no longer exists says unknown lead', () => {
    const { w, id } = assigned();
    const ref = w.messageRef(id);
    w.rt.book.sheet('lead_sheet').deleteRowAt(2);
    w.click('UAYU0001', id, { message: ref });
    expect(w.rt.slack.ephemerals('UAYU0001').map((e) => e.text)).toEqual([
      expect.stringContaining("can't find lead"),
    ]);
  });

  test('a click with a wrong token changes nothing, answers an empty 200 and is logged without the token', () => {
    const { w, id } = assigned();
    const output = w.click('UAYU0001', id, { token: 'forged-token' }) as { getContent(): string };
    expect(output.getContent()).toBe('');
    expect(w.lead(id).stage).toBe('NEW');
    expect(w.rt.slack.responseUrlPosts).toEqual([]);
    expect(w.rt.logText()).toContain('Slack request ignored: missing or wrong verification token');
    expect(w.rt.logText()).not.toContain('forged-token');
    expect(w.rt.logText()).not.toContain(VERIFICATION_TOKEN);
  });

  test('with WEBAPP_SECRET set, a click without ?k= is ignored and one with it works', () => {
    const { w, id } = assigned();
    w.rt.properties.set('WEBAPP_SECRET', 'url-secret-for-tests');
    w.click('UAYU0001', id);
    expect(w.lead(id).stage).toBe('NEW');
    w.click('UAYU0001', id, { queryParams: { k: 'url-secret-for-tests' } });
    expect(w.lead(id).stage).toBe('CONTACTED');
  });

  test('when another run holds the lock for longer than Slack waits, the click changes nothing and the rep is asked to click again', () => {
    const { w, id } = assigned();
    w.rt.lock.holdElsewhere();
    w.click('UAYU0001', id);
    expect(w.lead(id).stage).toBe('NEW');
    expect(w.rt.slack.ephemerals('UAYU0001').map((e) => e.text)).toEqual([
      expect.stringContaining('Please click again'),
    ]);
    w.rt.lock.releaseElsewhere();
    w.click('UAYU0001', id);
    expect(w.lead(id).stage).toBe('CONTACTED');
  });
});

test('after a re-route the contacted message says both how long the owner took and how long the lead waited', () => {
  const w = new World();
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  w.sweepAfter(60);
  w.rt.clock.advanceMinutes(5);
  w.click('UBIMA0002', id);
  expect(w.seen('UBIMA0002')[0]).toContain('after 5 minutes (65 minutes since the lead came in)');
});

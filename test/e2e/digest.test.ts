/**
 * The manager's daily digest through dist/Code.js: once a day after daily_digest_hour
 * (spreadsheet time zone, Asia/Jakarta here: the runtime's clock starts Thu 2026-11-26
 * 09:00 local), business days only with business_hours, to the escalation channel or
 * the manager's DM, exactly once even when sweeps overlap or a run dies halfway.
 */
import { ESCALATION_CHANNEL, MANAGER, World, onSlackRequest, type WorldOptions } from './world';

/** Makes the n-th call (1-based) of a Sheets values method throw, once. */
function failNthCall(w: World, method: 'append', n: number): void {
  const values = w.rt.sheetsApi.Spreadsheets.Values as unknown as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const original = values[method];
  let calls = 0;
  values[method] = (...args: unknown[]) => {
    calls++;
    if (calls === n)
      throw new Error(
        `API call to sheets.spreadsheets.values.${method} failed with error: Internal error encountered.`,
      );
    return original(...args);
  };
}

function press(w: World, userId: string, actionId: string, leadId: string): void {
  const message = w.messageRef(leadId);
  w.rt.run('doPost', w.rt.slack.clickEvent({ userId, actionId, value: leadId, message }));
}

/** Minutes after 09:00 local on the first day, for the clock. */
function at(w: World, hhmm: string, day = 0): void {
  const [h, m] = hhmm.split(':').map(Number);
  const target = Date.UTC(2026, 10, 26 + day, h - 7, m);
  const minutes = (target - w.rt.clock.now()) / 60_000;
  if (minutes < 0) throw new Error(`the clock is already past ${hhmm}`);
  w.rt.clock.advanceMinutes(minutes);
}

function sweepAt(w: World, hhmm: string, day = 0): void {
  at(w, hhmm, day);
  w.rt.run('runSlaSweep');
}

function digests(w: World, where = ESCALATION_CHANNEL): string[] {
  return w.rt.slack
    .messages(where)
    .map((m) => w.rt.slack.renderText(m))
    .filter((text) => /digest|Ringkasan/.test(text));
}

function world(settings: WorldOptions['settings'] = {}): World {
  return new World({
    settings: {
      daily_digest_hour: 10,
      escalation_channel_id: ESCALATION_CHANNEL,
      sla_minutes: 20,
      ...settings,
    },
  });
}

describe('the daily digest', () => {
  test("after the hour the manager gets the day's figures: leads in, within SLA, median minutes, re-routes, escalations, per rep, leads still NEW", () => {
    const w = world();
    const one = w.submit({ Name: 'One', Phone: '0812-0000-0001' })!; // Ayu
    const two = w.submit({ Name: 'Two', Phone: '0812-0000-0002' })!; // Bima
    const three = w.submit({ Name: 'Three', Phone: '0812-0000-0003' })!; // Citra
    at(w, '09:02');
    press(w, 'UCITRA003', 'pass_lead', three); // → Ayu
    at(w, '09:05');
    press(w, 'UAYU0001', 'mark_contacted', one); // 5 min: within
    at(w, '09:10');
    press(w, 'UAYU0001', 'mark_contacted', three); // 10 min: within
    sweepAt(w, '09:20'); // Bima missed the SLA: two → Citra
    at(w, '09:25');
    press(w, 'UCITRA003', 'mark_contacted', two); // 25 min: not within 20
    at(w, '09:45');
    const four = w.submit({ Name: 'Four <b>', Phone: '0812-0000-0004' })!; // Ayu, still NEW
    sweepAt(w, '09:59');
    expect(digests(w)).toEqual([]);
    sweepAt(w, '10:00');
    const [digest] = digests(w);
    expect(digest).toContain('Daily lead digest, 2026-11-26');
    expect(digest).toContain('@manager, the figures for the last 24 hours:');
    expect(digest).toContain('Leads in: 4');
    expect(digest).toContain('Contacted within the SLA: 2 of 3 contacted');
    expect(digest).toContain('Median minutes to first contact: 10');
    expect(digest).toContain('Re-routes: 2');
    expect(digest).toContain('Escalations: 0');
    expect(digest).toContain('@ayu: 3 · 2 · 2 · 7.5 · 0 · 0');
    expect(digest).toContain('@bima: 1 · 0 · 0 · – · 1 · 0');
    expect(digest).toContain('@citra: 2 · 1 · 0 · 25 · 1 · 0');
    expect(digest).toContain('Leads still NEW: 1');
    expect(digest).toContain(`${four} · Four <b> · @ayu · waiting 15 minutes`);
    expect(w.events('')).toContain('DIGEST');
    expect(w.rt.slack.dm(MANAGER)).toEqual([]);
  });

  test('exactly once a day: later sweeps send nothing more; the next day brings the next one', () => {
    const w = world();
    w.submit({ Name: 'One', Phone: '0812-0000-0001' });
    sweepAt(w, '10:00');
    sweepAt(w, '10:05');
    sweepAt(w, '23:55');
    expect(digests(w)).toHaveLength(1);
    sweepAt(w, '09:55', 1);
    expect(digests(w)).toHaveLength(1);
    sweepAt(w, '10:00', 1);
    expect(digests(w)).toHaveLength(2);
    expect(digests(w)[1]).toContain('2026-11-27');
    expect(
      w
        .table('slack_outbox')
        .filter((r) => r.kind === 'DIGEST')
        .map((r) => r.id),
    ).toEqual(['DIGEST-2026-11-26', 'DIGEST-2026-11-27']);
  });

  test('an idle engine still sends it on time: the sweep plan includes the digest hour', () => {
    const w = world({ sla_check_every_minutes: 5 });
    sweepAt(w, '09:50'); // reads, and plans the next work (at most 15 minutes ahead)
    w.sweepAfter(5); // 09:55: skips, the plan says nothing is due before 10:00
    w.sweepAfter(5); // 10:00: the digest hour is in the plan, so this sweep reads
    expect(digests(w)).toHaveLength(1);
    const [message] = w.rt.slack.messages(ESCALATION_CHANNEL);
    expect(Number(message.ts) * 1000).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 26, 3, 0));
    expect(Number(message.ts) * 1000).toBeLessThan(Date.UTC(2026, 10, 26, 3, 1));
  });

  test('overlapping sweeps: a second sweep running while the first sends queues no second digest', () => {
    const w = world();
    w.submit({ Name: 'One', Phone: '0812-0000-0001' });
    at(w, '10:00');
    const nested = onSlackRequest(w, () => w.rt.run('runSlaSweep'), { method: 'chat.postMessage' });
    w.rt.run('runSlaSweep');
    expect(nested.fired()).toBe(true);
    sweepAt(w, '10:30');
    expect(digests(w)).toHaveLength(1);
  });

  test('a run that dies before queueing it leaves it owed: the next sweep sends it, once', () => {
    const w = world();
    w.submit({ Name: 'One', Phone: '0812-0000-0001' });
    at(w, '10:00');
    failNthCall(w, 'append', 1); // the sweep's outbox append
    expect(() => w.rt.run('runSlaSweep')).toThrow('Internal error encountered');
    expect(digests(w)).toEqual([]);
    sweepAt(w, '10:05');
    sweepAt(w, '10:30');
    expect(digests(w)).toHaveLength(1);
  });

  test('a run that dies after queueing it: the queued digest is sent once its lease ends, never twice', () => {
    const w = world();
    w.submit({ Name: 'One', Phone: '0812-0000-0001' });
    at(w, '10:00');
    failNthCall(w, 'append', 2); // the log rows, after the outbox row
    expect(() => w.rt.run('runSlaSweep')).toThrow('Internal error encountered');
    sweepAt(w, '10:05');
    expect(digests(w)).toEqual([]); // still leased to the run that died
    sweepAt(w, '10:15');
    sweepAt(w, '10:30');
    expect(digests(w)).toHaveLength(1);
  });

  test('with business_hours set, only business days: none on Saturday or Sunday, Monday again', () => {
    const w = world({ business_hours: 'Mon-Fri 09:00-17:00', daily_digest_hour: 17 });
    sweepAt(w, '17:05'); // Thursday
    sweepAt(w, '17:05', 1); // Friday
    sweepAt(w, '17:05', 2); // Saturday
    sweepAt(w, '17:05', 3); // Sunday
    expect(digests(w)).toHaveLength(2);
    sweepAt(w, '17:05', 4); // Monday
    expect(digests(w).map((d) => /\d{4}-\d{2}-\d{2}/.exec(d)?.[0])).toEqual([
      '2026-11-26',
      '2026-11-27',
      '2026-11-30',
    ]);
  });

  test('without an escalation channel it is a DM to the manager; in Bahasa Indonesia with language = id', () => {
    const w = world({ escalation_channel_id: '', language: 'id' });
    w.submit({ Name: 'One', Phone: '0812-0000-0001' });
    sweepAt(w, '10:00');
    const [dm] = w.rt.slack.dm(MANAGER).map((m) => w.rt.slack.renderText(m));
    expect(dm).toContain('Ringkasan harian lead, 2026-11-26');
    expect(dm).toContain('Lead masuk: 1');
    expect(dm).toContain('Lead yang masih NEW: 1');
  });

  test('off by default, and a bad hour stops the run naming the setting', () => {
    const w = new World({ settings: { escalation_channel_id: ESCALATION_CHANNEL } });
    sweepAt(w, '23:00');
    expect(digests(w)).toEqual([]);
    w.setSettings({ daily_digest_hour: 24 });
    w.forgetSweepPlan(); // an admin's edit is seen by the next sweep that reads
    expect(() => w.sweepAfter(5)).toThrow(
      /daily_digest_hour is "24"; it must be a whole number from 0 to 23/,
    );
  });
});

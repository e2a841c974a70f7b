/**
 * The product inside the Sheets API's per-minute quotas (60 read and 60 write requests
 * per minute per user, developers.google.com/sheets/api/limits; modelled in
 * test/runtime/spreadsheet/sheets-quota.ts), through dist/Code.js: runs back off and
 * retry inside their budget, a burst of form responses loses nothing, and a Slack click
 * the quota refuses is told so and changes nothing.
 */
import { TYPICAL_LATENCY } from '../runtime/latency';
import { formBurst } from './form-burst';
import { changedSheets, onSlackRequest, snapshotBook, World } from './world';

const OWNER = 'owner@example.com';

describe('Sheets API per-minute quota', () => {
  test('a click refused by the quota is answered "could not save, click again" and changes nothing', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const owner = String(w.lead(id).sales_slack_id);
    w.rt.clock.advanceMinutes(2);
    w.rt.sheetsQuota!.spend('read', OWNER, 60);
    const before = snapshotBook(w);
    w.click(owner, id);
    expect(changedSheets(before, snapshotBook(w))).toEqual([]);
    expect(w.rt.slack.ephemerals(owner).map((e) => e.text)).toEqual([
      'Could not save: Google Sheets is at its per-minute limit right now, so nothing changed. Please click again in a minute.',
    ]);
    expect(w.rt.failures).toEqual([]);
    // A minute later the same click goes through.
    w.rt.clock.advanceMinutes(1);
    w.click(owner, id);
    expect(w.lead(id).stage).toBe('CONTACTED');
  });

  test('a click whose write is refused changes nothing either', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const owner = String(w.lead(id).sales_slack_id);
    w.rt.clock.advanceMinutes(2);
    w.rt.sheetsQuota!.spend('write', OWNER, 60);
    const before = snapshotBook(w);
    w.click(owner, id);
    expect(changedSheets(before, snapshotBook(w))).toEqual([]);
    expect(w.rt.slack.ephemerals(owner).map((e) => e.text)).toEqual([
      expect.stringContaining('Could not save'),
    ]);
  });

  test('/leads refused by the quota says to try again in a minute', () => {
    const w = new World();
    w.submit({ Name: 'Budi', Phone: '0812-3456-7890' });
    w.rt.clock.advanceMinutes(2);
    w.rt.sheetsQuota!.spend('read', OWNER, 60);
    w.rt.run('doPost', w.rt.slack.slashCommandEvent({ userId: 'UAYU0001', command: '/leads' }));
    expect(w.rt.slack.ephemerals('UAYU0001').map((e) => e.text)).toEqual([
      expect.stringContaining('per-minute limit right now'),
    ]);
  });

  test('a form response that meets a used-up quota waits it out (backoff) and becomes its lead', () => {
    const w = new World();
    w.rt.clock.advanceMinutes(2);
    w.rt.sheetsQuota!.spend('read', OWNER, 60);
    const start = w.rt.clock.now();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    expect(w.lead(id).sales_slack_id).not.toBe('');
    // It waited for the window to refill: 1 + 2 + 4 + 8 + 16 + 32 s of backoff at most.
    expect(w.rt.clock.now() - start).toBeGreaterThanOrEqual(60_000);
    expect(w.rt.clock.now() - start).toBeLessThanOrEqual(65_000);
    expect(w.rt.failures).toEqual([]);
  });

  test('a message sent at the end of an intake that already waited out the quota is recorded, never posted twice', () => {
    const w = new World();
    w.rt.clock.advanceMinutes(2);
    // The intake first waits about a minute for reads (most of its budget), then posts the
    // message; right then the minute's reads and writes are spent again (another burst).
    w.rt.sheetsQuota!.spend('read', OWNER, 60);
    onSlackRequest(
      w,
      () => {
        w.rt.sheetsQuota!.spend('read', OWNER, 60);
        w.rt.sheetsQuota!.spend('write', OWNER, 60);
      },
      { method: 'chat.postMessage', after: true },
    );
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const owner = String(w.lead(id).sales_slack_id);
    // Recorded by the intake itself, after waiting for the window to refill.
    expect(w.lead(id).slack_ts).not.toBe('');
    expect(w.table('slack_outbox').map((r) => r.status)).toEqual(['SENT']);
    // Past the lease (10 minutes) the sweeps do not post it again.
    for (let i = 0; i < 4; i++) w.sweepAfter(5);
    expect(w.rt.slack.dm(owner).filter((m) => String(m.text).includes(id))).toHaveLength(1);
    expect(w.rt.failures).toEqual([]);
  });

  test.each([
    [1, 'no'],
    [5, 'no'],
    [1, 'typical'],
    [5, 'typical'],
  ] as const)(
    'a burst of 60 form responses in 2 minutes (%i-minute checks, %s latency): each becomes exactly one lead, assigned and messaged once within 15 minutes',
    (every, model) => {
      // With latency an intake that sent its message may meet the spent write quota when
      // it records the send: it waits the window out (sheets-values.ts), for a message
      // left unrecorded would be posted again when its lease ends.
      const latency = model === 'typical' ? TYPICAL_LATENCY : undefined;
      const { w, names, submittedAt, delivered } = formBurst(every, { latency });
      const leads = w.leads();
      expect(leads.map((l) => l.name).sort()).toEqual(names);
      for (const lead of leads) {
        expect(lead.sales_slack_id).not.toBe('');
        expect(lead.slack_ts).not.toBe('');
      }
      // Each lead's message reached Slack once (the 429s of Slack's per-channel limit are
      // retried), within 15 minutes of its response's time.
      expect(delivered).toHaveLength(60);
      leads.forEach((lead) => {
        const sent = delivered.filter((r) => String(r.body.text).includes(String(lead.lead_id)));
        expect(sent).toHaveLength(1);
        expect(sent[0].atMs - submittedAt(String(lead.name))).toBeLessThanOrEqual(15 * 60_000);
      });
      expect(w.rt.properties.keys().filter((k) => k.startsWith('PARKED_RESPONSE_'))).toEqual([]);
      expect(w.rt.failures).toEqual([]);
      // The burst did meet the quota: some intakes waited (backoff) for the window to refill.
      const waited = w.rt.executions.filter(
        (x) => x.entry === 'onFormSubmit' && x.endedMs - x.startedMs >= 1_000,
      );
      expect(waited.length).toBeGreaterThan(0);
    },
  );
});

describe('UrlFetch daily quota', () => {
  test('a quota spent for a whole day loses no message: each goes out within 15 minutes of the quota returning', () => {
    // Google resets UrlFetch's daily quota up to a day after it ran out
    // (developers.google.com/apps-script/guides/services/quotas); the runtime's window
    // starts at the first call and lasts 24 h (test/runtime/slack/daily-quota.ts).
    const w = new World({ urlFetchDailyQuota: 4, settings: { sla_minutes: 2880 } });
    const ids = ['Ana', 'Budi', 'Citra', 'Dewi', 'Eka', 'Fajar'].map((name, i) =>
      w.submit({ Name: name, Phone: `0812-5550-${2000 + i}` })!,
    );
    const firstCall = w.rt.slack.requests[0].atMs;
    const resetAt = firstCall + 24 * 60 * 60_000;
    const unsent = ids.filter((id) => w.lead(id).slack_ts === '');
    expect(unsent.length).toBeGreaterThan(0);
    // A day of 5-minute checks, and a quarter of an hour more.
    while (w.rt.clock.now() < resetAt + 15 * 60_000) {
      w.rt.clock.advanceMinutes(5);
      w.rt.fireDueTriggers();
    }
    for (const id of ids) {
      const lead = w.lead(id);
      expect(lead.slack_ts).not.toBe('');
      const sent = w.rt.slack.requests.filter(
        (r) =>
          r.method === 'chat.postMessage' && r.status === 200 && String(r.body.text).includes(id),
      );
      expect(sent).toHaveLength(1);
      if (unsent.includes(id)) {
        expect(sent[0].atMs).toBeGreaterThanOrEqual(resetAt);
        expect(sent[0].atMs - resetAt).toBeLessThanOrEqual(15 * 60_000);
      }
    }
    expect(w.events().filter((e) => e === 'NOTIFY_FAILED')).toEqual([]);
    expect(w.rt.failures).toEqual([]);
  });
});

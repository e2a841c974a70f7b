/**
 * Web intake through dist/Code.js: a JSON POST to the web app with ?intake=<secret>
 * becomes a lead through the form's pipeline; anything wrong gets {"ok":false} and
 * writes nothing; Slack's requests still go to Slack's handler.
 */
import {
  jsonPostEvent,
  webAppPostEvent,
  type WebAppPostEvent,
} from '../runtime/services/web-app-request';
import { changedSheets, snapshotBook, World } from './world';

const SECRET = 'intake-secret-for-tests';

function post(w: World, event: WebAppPostEvent): Record<string, unknown> {
  const output = w.rt.run('doPost', event) as {
    getContent(): string;
    getMimeType(): string;
  };
  expect(output.getMimeType()).toBe('JSON');
  return JSON.parse(output.getContent()) as Record<string, unknown>;
}

const LEAD = {
  name: 'Rina',
  phone: '0812-5555-0101',
  email: 'rina@example.com',
  source: 'meta',
  answers: { Produk: 'Paket Premium', Kota: 'Surabaya' },
  external_id: 'leadgen-000123',
};

function world(): World {
  const w = new World();
  w.rt.properties.set('INTAKE_SECRET', SECRET);
  return w;
}

describe('web intake', () => {
  test('a JSON lead becomes a lead: phone normalised, source and answers kept, assigned in turn, the rep told, the SLA running', () => {
    const w = world();
    const first = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const answer = post(w, jsonPostEvent(LEAD, { intake: SECRET }));
    expect(answer).toEqual({ ok: true, lead_id: expect.stringMatching(/^L-20261126-/) });
    const id = String(answer.lead_id);
    expect(w.lead(first).sales_slack_id).toBe('UAYU0001');
    expect(w.lead(id)).toMatchObject({
      name: 'Rina',
      phone: '6281255550101',
      phone_raw: '0812-5555-0101',
      email: 'rina@example.com',
      source: 'meta',
      answers: 'Produk: Paket Premium\nKota: Surabaya',
      stage: 'NEW',
      sales_slack_id: 'UBIMA0002',
      route_count: 1,
    });
    expect(w.lead(first).source).toBe('form');
    expect(w.log().filter((r) => r.lead_id === id)).toEqual([
      expect.objectContaining({
        event: 'RECEIVED',
        actor: 'web',
        detail: 'from meta (external_id leadgen-000123)',
      }),
      expect.objectContaining({ event: 'ASSIGNED', to_slack_id: 'UBIMA0002' }),
    ]);
    const [message] = w.seen('UBIMA0002');
    expect(message).toContain('Source: meta');
    expect(message).toContain('Produk: Paket Premium');
    // The SLA applies: an hour later it moves on.
    w.sweepAfter(61);
    expect(w.lead(id)).toMatchObject({ sales_slack_id: 'UCITRA003', route_count: 2 });
  });

  test('the same external_id twice makes one lead; the second answer names it', () => {
    const w = world();
    const a = post(w, jsonPostEvent(LEAD, { intake: SECRET }));
    const b = post(w, jsonPostEvent({ ...LEAD, phone: '0813-0000-1111' }, { intake: SECRET }));
    expect(b).toEqual({ ok: true, lead_id: a.lead_id, duplicate: true });
    expect(w.leadIds()).toEqual([a.lead_id]);
    expect(w.seen('UAYU0001')).toHaveLength(1);
    // Another source may use the same id for a different lead.
    const c = post(
      w,
      jsonPostEvent(
        { ...LEAD, source: 'website', phone: '0813-0000-2222', email: '' },
        { intake: SECRET },
      ),
    );
    expect(c.lead_id).not.toBe(a.lead_id);
  });

  test('the same phone as an open lead is merged into it (the returning-lead rule), and the answer says so', () => {
    const w = world();
    const id = w.submit({ Name: 'Rina', Phone: '0812-5555-0101' })!;
    const answer = post(w, jsonPostEvent({ ...LEAD, external_id: '' }, { intake: SECRET }));
    expect(answer).toEqual({ ok: true, lead_id: id, merged: true });
    expect(w.lead(id).submission_count).toBe(2);
  });

  test.each<[string, WebAppPostEvent, RegExp]>([
    [
      'malformed JSON',
      webAppPostEvent({
        body: '{"name": "Rina",',
        contentType: 'application/json',
        query: { intake: SECRET },
      }),
      /not valid JSON/,
    ],
    ['a JSON array', jsonPostEvent([LEAD], { intake: SECRET }), /must be a JSON object/],
    ['no secret', jsonPostEvent(LEAD), /missing intake secret/],
    [
      'a wrong secret',
      jsonPostEvent(LEAD, { intake: 'guessed-secret-123' }),
      /^wrong intake secret$/,
    ],
    [
      'no usable contact',
      jsonPostEvent({ name: 'Rina', phone: 'call me', email: 'rina at home' }, { intake: SECRET }),
      /could not be read and there is no usable email/,
    ],
    [
      'no contact at all',
      jsonPostEvent({ name: 'Rina', answers: { Kota: 'Solo' } }, { intake: SECRET }),
      /no usable contact/,
    ],
    [
      'answers that are not an object',
      jsonPostEvent({ ...LEAD, answers: ['a'] }, { intake: SECRET }),
      /"answers" must be an object/,
    ],
    [
      'a nested value',
      jsonPostEvent({ ...LEAD, name: { first: 'R' } }, { intake: SECRET }),
      /"name" must be text/,
    ],
    [
      'a Slack payload sent to the intake URL',
      webAppPostEvent({
        body: 'payload=%7B%22type%22%3A%22block_actions%22%7D',
        query: { intake: SECRET },
      }),
      /not valid JSON/,
    ],
  ])('%s: {"ok":false} with the reason, and nothing written', (_label, event, error) => {
    const w = world();
    const before = snapshotBook(w);
    const requests = w.rt.slack.requests.length;
    const answer = post(w, event);
    expect(answer).toEqual({ ok: false, error: expect.stringMatching(error) });
    expect(changedSheets(before, snapshotBook(w))).toEqual([]);
    expect(w.rt.slack.requests.length).toBe(requests);
    expect(w.rt.logText()).not.toContain(SECRET);
    expect(w.rt.logText()).not.toContain('guessed-secret-123');
    expect(w.rt.logText()).toMatch(/web intake refused/);
  });

  test('with INTAKE_SECRET unset web intake is off, whatever secret is sent', () => {
    const w = new World();
    const before = snapshotBook(w);
    expect(post(w, jsonPostEvent(LEAD, { intake: '' }))).toEqual({
      ok: false,
      error: expect.stringMatching(/INTAKE_SECRET is not set/),
    });
    expect(changedSheets(before, snapshotBook(w))).toEqual([]);
  });

  test('curl -d without a JSON content type: Apps Script decodes the body as form fields, the lead is still read from postData.contents', () => {
    const w = world();
    const body = JSON.stringify({ ...LEAD, phone: '+62 812 5555 0101' });
    const event = webAppPostEvent({ body, query: { intake: SECRET } });
    expect(event.postData.type).toBe('application/x-www-form-urlencoded');
    const answer = post(w, event);
    expect(answer.ok).toBe(true);
    expect(w.lead(String(answer.lead_id)).phone).toBe('6281255550101');
  });

  test('a lead that cannot be taken now (the lock stays busy) is queued, not lost: the next sweep takes it in, once', () => {
    const w = world();
    w.rt.lock.holdElsewhere({ untilMs: w.rt.clock.now() + 10 * 60_000 });
    const answer = post(w, jsonPostEvent(LEAD, { intake: SECRET }));
    expect(answer).toEqual({ ok: true, lead_id: null, queued: true });
    expect(w.leadIds()).toEqual([]);
    // The caller retries anyway while the lock is still busy: still one parked copy.
    expect(post(w, jsonPostEvent(LEAD, { intake: SECRET }))).toEqual(answer);
    expect(w.rt.properties.keys().filter((k) => k.startsWith('PARKED_RESPONSE_'))).toHaveLength(1);
    w.rt.lock.releaseElsewhere();
    w.sweepAfter(5);
    expect(w.leads()).toEqual([expect.objectContaining({ name: 'Rina', source: 'meta' })]);
    expect(post(w, jsonPostEvent(LEAD, { intake: SECRET }))).toMatchObject({ duplicate: true });
    expect(w.leadIds()).toHaveLength(1);
  });

  test('Slack requests are never taken for web intake: a click and /leads still reach Slack’s handler', () => {
    const w = world();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    const out = w.click('UAYU0001', id) as { getContent(): string };
    expect(out.getContent()).toBe('');
    expect(w.lead(id).stage).toBe('CONTACTED');
    const list = w.rt.run(
      'doPost',
      w.rt.slack.slashCommandEvent({ userId: 'UAYU0001', command: '/leads' }),
    ) as { getContent(): string };
    expect(list.getContent()).toBe('');
    expect(w.rt.slack.renderText(w.rt.slack.ephemerals('UAYU0001').slice(-1)[0])).toContain(
      'no open leads',
    );
    expect(w.leadIds()).toEqual([id]);
    expect(w.rt.logText()).not.toMatch(/web intake/);
  });
});

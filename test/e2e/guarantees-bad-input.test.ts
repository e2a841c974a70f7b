/**
 * Issue 4, security: whatever arrives (a lead typed as a formula, mrkdwn meant to ping a
 * channel, any request at all to the web app) is stored as text, shown escaped, or
 * ignored without changing a cell; secrets never reach a sheet, a log line or Slack;
 * doGet tells nothing personal. All through dist/Code.js.
 */
import fc from 'fast-check';
import { formPostEvent } from '../runtime/slack/interaction-events';
import {
  BOT_TOKEN,
  changedSheets,
  ESCALATION_CHANNEL,
  LEADS_CHANNEL,
  MANAGER,
  snapshotBook,
  VERIFICATION_TOKEN,
  World,
  type Row,
} from './world';

const WEBAPP_SECRET = 'webapp-secret-for-tests-0123';
const SECRETS = [BOT_TOKEN, VERIFICATION_TOKEN, WEBAPP_SECRET];
const ENGINE_SHEETS = [
  'settings',
  'sales_sheet',
  'lead_sheet',
  'routing_state_sheet',
  'routing_log',
  'slack_outbox',
];
const FAKE_RESPONSE_URL = 'https://hooks.slack.com/actions/T0001/999/not-issued';

interface ClickFields {
  token?: unknown;
  type?: unknown;
  userId?: unknown;
  actionId?: unknown;
  value?: unknown;
  responseUrl?: unknown;
}

/** A block_actions payload as Slack sends it, with any field replaced. */
function payload(fields: ClickFields): Record<string, unknown> {
  return {
    type: 'type' in fields ? fields.type : 'block_actions',
    token: 'token' in fields ? fields.token : VERIFICATION_TOKEN,
    user: { id: fields.userId ?? 'UAYU0001', username: 'x', team_id: 'T0001' },
    api_app_id: 'A0LEADAPP',
    response_url: 'responseUrl' in fields ? fields.responseUrl : FAKE_RESPONSE_URL,
    actions: [
      {
        action_id: 'actionId' in fields ? fields.actionId : 'mark_contacted',
        value: fields.value,
        type: 'button',
        block_id: 'b',
      },
    ],
  };
}

/** A form-encoded POST to the web app with `payload` (and `k`) as Slack would send it. */
function post(
  body: Record<string, unknown> | string | undefined,
  query: Record<string, string> = {},
): ReturnType<typeof formPostEvent> {
  if (body === undefined) return formPostEvent('', query);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return formPostEvent(`payload=${encodeURIComponent(text)}`, query);
}

function content(output: unknown): string {
  return (output as { getContent(): string }).getContent();
}

function expectNoFormulas(w: World): void {
  for (const name of ENGINE_SHEETS) {
    const formulas = w.rt.book
      .sheet(name)
      .formulas()
      .flat()
      .filter((f) => f !== '');
    expect({ sheet: name, formulas }).toEqual({ sheet: name, formulas: [] });
  }
}

function allSlackText(w: World): string {
  const conversations = [
    LEADS_CHANNEL,
    ESCALATION_CHANNEL,
    MANAGER,
    'UAYU0001',
    'UBIMA0002',
    'UCITRA003',
    'UOUTSIDER',
  ];
  const messages = conversations.flatMap((c) => w.rt.slack.messages(c));
  const ephemerals = ['UAYU0001', 'UBIMA0002', 'UCITRA003', 'UOUTSIDER', MANAGER].flatMap((u) =>
    w.rt.slack.ephemerals(u),
  );
  return JSON.stringify([
    messages,
    ephemerals,
    w.rt.slack.responseUrlPosts,
    w.rt.slack.requests.map((r) => [r.url, r.body, r.rawBody]),
  ]);
}

describe('formula injection', () => {
  test.each([
    ['=IMPORTXML("http://x","//a")'],
    ['+1+1'],
    ['-2'],
    ['@foo'],
    ["'quoted"],
    ['=HYPERLINK("http://evil.example","click")'],
  ])(
    'a lead named %s, with phone =1+1, is stored as that literal text everywhere, through intake, re-route and click',
    (name) => {
      const w = new World();
      const id = w.submit({ Name: name, Phone: '=1+1', Email: '=cmd|"/c calc"!A1' })!;
      const check = (): void => {
        const lead = w.lead(id);
        expect(lead).toMatchObject({
          name,
          phone: '',
          phone_raw: '=1+1',
          email: '=cmd|"/c calc"!A1',
        });
        expectNoFormulas(w);
      };
      check();
      w.sweepAfter(60);
      expect(w.lead(id).sales_slack_id).toBe('UBIMA0002');
      w.click('UBIMA0002', id);
      expect(w.lead(id).stage).toBe('CONTACTED');
      check();
      expect(w.seen('UBIMA0002')[0]).toContain(name);
    },
  );
});

describe('Slack mrkdwn injection', () => {
  test('a lead’s name, phone and email reach Slack escaped in every message: assignment, re-route, escalation and the contacted answer', () => {
    const w = new World({
      settings: { escalation_threshold: 2, escalation_channel_id: ESCALATION_CHANNEL },
    });
    const hostile = {
      Name: '<!channel> *urgent* <https://evil.example|open me>',
      Phone: '<!here> 0812',
      Email: '<@UOUTSIDER>&<!subteam^S1>',
    };
    const id = w.submit(hostile)!;
    w.sweepAfter(60);
    w.sweepAfter(60);
    expect(w.events(id)).toContain('ESCALATED');
    w.click('UBIMA0002', id);
    expect(w.lead(id).stage).toBe('CONTACTED');
    const sent = JSON.stringify(
      w.rt.slack.requests.filter((r) => r.method !== 'auth.test').map((r) => r.body),
    );
    for (const raw of [
      '<!channel>',
      '<!here>',
      '<@UOUTSIDER>',
      '<https://evil.example|open me>',
      '<!subteam^S1>',
    ])
      expect(sent).not.toContain(JSON.stringify(raw).slice(1, -1));
    expect(sent).toContain('&lt;!channel&gt;');
    expect(sent).toContain('&lt;!here&gt; 0812');
    expect(sent).toContain('&lt;@UOUTSIDER&gt;&amp;&lt;!subteam^S1&gt;');
    expect(
      w.rt.slack.requests.filter((r) => /chat\.(postMessage|update)|response_url/.test(r.method))
        .length,
    ).toBeGreaterThanOrEqual(5);
  });
});

describe('doPost with anything at all', () => {
  function world(): { w: World; id: string } {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    return { w, id };
  }

  const ignored: Array<[string, (id: string) => unknown, string]> = [
    ['no event at all', () => undefined, 'no payload parameter'],
    ['an event with no parameter', () => ({}), 'no payload parameter'],
    ['no payload', () => post(undefined), 'no payload parameter'],
    ['a payload that is not JSON', () => post('{"type": block_actions'), 'payload is not JSON'],
    ['a JSON array', () => post('[1,2,3]'), 'payload is not a JSON object'],
    ['a JSON string', () => post('"block_actions"'), 'payload is not a JSON object'],
    [
      'a payload with no user and no actions',
      () => post({ type: 'block_actions', token: VERIFICATION_TOKEN }),
      'payload has no user or no action',
    ],
    [
      'actions that are not a list',
      (id) =>
        post({ ...payload({ value: id }), actions: { action_id: 'mark_contacted', value: id } }),
      'payload has no user or no action',
    ],
    [
      'a view_submission',
      (id) => post(payload({ value: id, type: 'view_submission' })),
      'unsupported payload type',
    ],
    [
      'an unknown action',
      (id) => post(payload({ value: id, actionId: 'delete_lead' })),
      'unknown action "delete_lead"',
    ],
    [
      'a button with no lead id',
      () => post(payload({ value: '   ' })),
      'button has no usable lead id',
    ],
    [
      'a lead id of 101 characters',
      () => post(payload({ value: 'L'.repeat(101) })),
      'button has no usable lead id',
    ],
    [
      'a response_url that is not Slack’s',
      (id) => post(payload({ value: id, responseUrl: 'https://hooks.slack.com.evil.example/x' })),
      'response_url is missing or not a Slack URL',
    ],
    [
      'a 100 kB payload',
      (id) => post({ ...payload({ value: id }), padding: 'x'.repeat(100 * 1024) }),
      'characters is larger than 65536',
    ],
    [
      'a wrong token',
      (id) => post(payload({ value: id, token: 'forged-token-value' })),
      'missing or wrong verification token',
    ],
    [
      'the token with a trailing space',
      (id) => post(payload({ value: id, token: `${VERIFICATION_TOKEN} ` })),
      'missing or wrong verification token',
    ],
    [
      'no token',
      (id) => post(payload({ value: id, token: undefined })),
      'missing or wrong verification token',
    ],
    [
      'a token that is not a string',
      (id) => post(payload({ value: id, token: ['verification-token-for-tests'] })),
      'missing or wrong verification token',
    ],
  ];

  test.each(ignored)(
    '%s: an empty 200, no sheet cell changed, the reason logged without secrets',
    (_label, event, reason) => {
      const { w, id } = world();
      const before = snapshotBook(w);
      const lines = w.rt.logs.length;
      const output = w.rt.run('doPost', event(id));
      expect(content(output)).toBe('');
      expect(changedSheets(before, snapshotBook(w))).toEqual([]);
      const logged = w.rt.logs
        .slice(lines)
        .map((l) => l.text)
        .join('\n');
      expect(logged).toMatch(
        new RegExp(
          `Slack request ignored: [^\\n]*${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        ),
      );
      for (const secret of [...SECRETS, 'forged-token-value']) expect(logged).not.toContain(secret);
      expect(w.rt.slack.responseUrlPosts).toEqual([]);
    },
  );

  test('an unknown lead id from an authentic request: an empty 200, the rep told, no lead data changed, one REJECTED audit row', () => {
    const { w } = world();
    const before = snapshotBook(w);
    const output = w.rt.run(
      'doPost',
      post(
        payload({
          value: 'L-20991231-DEADBEEF',
          responseUrl: w.rt.slack.newResponseUrl(
            w.messageRef(w.leads()[0].lead_id as string),
            'UAYU0001',
          ),
        }),
      ),
    );
    expect(content(output)).toBe('');
    // The contract's routing_log records refused clicks (REJECTED); nothing else moves.
    expect(changedSheets(before, snapshotBook(w))).toEqual(['routing_log']);
    expect(w.log().at(-1)).toMatchObject({
      event: 'REJECTED',
      lead_id: 'L-20991231-DEADBEEF',
      actor: 'UAYU0001',
      detail: 'UNKNOWN_LEAD',
    });
    expect(w.rt.slack.ephemerals('UAYU0001').map((e) => e.text)).toEqual([
      expect.stringContaining("can't find lead L-20991231-DEADBEEF"),
    ]);
  });

  test.each([
    ['without k', {}],
    ['with a wrong k', { k: 'not-the-secret' }],
    ['with k in another case', { k: WEBAPP_SECRET.toUpperCase() }],
  ])(
    'with WEBAPP_SECRET set, the owner’s genuine click %s is ignored: an empty 200, nothing changed, the reason logged without secrets',
    (_label, query) => {
      const { w, id } = world();
      w.rt.properties.set('WEBAPP_SECRET', WEBAPP_SECRET);
      const before = snapshotBook(w);
      const lines = w.rt.logs.length;
      const output = w.click('UAYU0001', id, { queryParams: query });
      expect(content(output)).toBe('');
      expect(changedSheets(before, snapshotBook(w))).toEqual([]);
      const logged = w.rt.logs
        .slice(lines)
        .map((l) => l.text)
        .join('\n');
      expect(logged).toContain('Slack request ignored: missing or wrong k (WEBAPP_SECRET)');
      for (const secret of SECRETS) expect(logged).not.toContain(secret);
      expect(w.rt.slack.responseUrlPosts).toEqual([]);
      w.click('UAYU0001', id, { queryParams: { k: WEBAPP_SECRET } });
      expect(w.lead(id).stage).toBe('CONTACTED');
    },
  );

  /**
   * 250 random requests by default (about 12 s through the bundle); FUZZ_RUNS=1000 for a
   * deeper run. The same property over the port fakes runs 1000 in test/app.
   */
  const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 250);
  /**
   * A fixed seed by default, so `npm test` is the same run every time (unseeded, about one
   * run in seven generated no valid owner click and failed on tally.CONTACTED);
   * FUZZ_SEED=<n> (or FUZZ_SEED=random) for other or longer runs with FUZZ_RUNS.
   */
  const fuzzSeed =
    process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261127);
  test(`${fuzzRuns} random requests: sheets change only for the verified owner marking a NEW lead CONTACTED (an authentic refused click adds one REJECTED audit row, nothing else)`, () => {
    const w = new World({
      reps: [
        { name: 'Ayu', slackId: 'UAYU0001' },
        { name: 'Bima', slackId: 'UBIMA0002' },
        { name: 'Citra', slackId: 'UCITRA003' },
      ],
    });
    w.rt.properties.set('WEBAPP_SECRET', WEBAPP_SECRET);
    const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((n, i) =>
      w.submit({ Name: n, Phone: `0812-0000-000${i}` })!,
    );
    w.editLead(ids[8], 'stage', 'QUALIFIED');
    const users = ['UAYU0001', 'UBIMA0002', 'UCITRA003', 'UOUTSIDER', MANAGER];

    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 30 }));
    const token = fc.oneof(
      { arbitrary: fc.constant(VERIFICATION_TOKEN), weight: 6 },
      {
        arbitrary: fc.constantFrom(
          '',
          'wrong',
          VERIFICATION_TOKEN.toUpperCase(),
          `${VERIFICATION_TOKEN} `,
          VERIFICATION_TOKEN.slice(0, -1),
          BOT_TOKEN,
        ),
        weight: 2,
      },
      { arbitrary: fc.oneof(text, fc.integer(), fc.constant(null)), weight: 1 },
    );
    const leadValue = fc.oneof(
      { arbitrary: fc.constantFrom(...ids), weight: 6 },
      {
        arbitrary: fc.constantFrom(
          ...ids.map((id) => ` ${id}\n`),
          ...ids.map((id) => id.toLowerCase()),
          'L-20991231-DEADBEEF',
          '=1+1',
          '',
          'L'.repeat(101),
        ),
        weight: 2,
      },
      { arbitrary: fc.oneof(text, fc.integer(), fc.constant(null)), weight: 1 },
    );
    const clickFields = {
      token,
      type: fc.oneof(
        { arbitrary: fc.constant('block_actions'), weight: 8 },
        {
          arbitrary: fc.oneof(fc.constantFrom('view_submission', 'BLOCK_ACTIONS'), text),
          weight: 1,
        },
      ),
      user: fc.oneof(
        {
          arbitrary: fc.record({
            id: fc.oneof(
              { arbitrary: fc.constantFrom(...users), weight: 8 },
              { arbitrary: text, weight: 1 },
            ),
          }),
          weight: 8,
        },
        { arbitrary: fc.anything(), weight: 1 },
      ),
      actions: fc.oneof(
        {
          arbitrary: fc
            .record({
              action_id: fc.oneof(
                { arbitrary: fc.constant('mark_contacted'), weight: 8 },
                {
                  arbitrary: fc.oneof(
                    fc.constantFrom('Mark_Contacted', 'mark_contacted ', 'approve'),
                    text,
                  ),
                  weight: 1,
                },
              ),
              value: leadValue,
            })
            .map((a) => [a]),
          weight: 8,
        },
        { arbitrary: fc.anything(), weight: 1 },
      ),
      response_url: fc.oneof(
        { arbitrary: fc.constant(FAKE_RESPONSE_URL), weight: 8 },
        {
          arbitrary: fc.oneof(
            fc.constantFrom('https://evil.example/x', 'http://hooks.slack.com/x'),
            text,
          ),
          weight: 1,
        },
      ),
    };
    // Mostly complete clicks (each field usually right), sometimes with fields left out.
    const clickObject = fc.oneof(
      { arbitrary: fc.record(clickFields), weight: 6 },
      { arbitrary: fc.record(clickFields, { requiredKeys: [] }), weight: 1 },
    );
    const payloadText = fc.oneof(
      { arbitrary: clickObject.map((o) => JSON.stringify(o)), weight: 12 },
      { arbitrary: fc.json(), weight: 1 },
      { arbitrary: text, weight: 1 },
    );
    const k = fc.oneof(
      { arbitrary: fc.constant(WEBAPP_SECRET), weight: 8 },
      { arbitrary: fc.constantFrom('', 'nope', WEBAPP_SECRET.toUpperCase()), weight: 1 },
      { arbitrary: text, weight: 1 },
    );
    const request = fc.oneof(
      {
        arbitrary: fc.record({ payload: payloadText, k }).map((parameter) => ({ parameter })),
        weight: 16,
      },
      {
        arbitrary: fc
          .record(
            {
              payload: fc.oneof(payloadText, fc.anything()),
              k: fc.oneof(k, fc.anything()),
              extra: fc.anything(),
            },
            { requiredKeys: [] },
          )
          .map((parameter) => ({ parameter })),
        weight: 3,
      },
      { arbitrary: fc.record({ parameter: fc.anything() }), weight: 1 },
      { arbitrary: fc.anything(), weight: 1 },
    );

    /** A sheet's rows (header first) rebuilt from a snapshot's stored cells. */
    function rowsIn(snapshot: Record<string, string>, sheet: string): unknown[][] {
      const rows: unknown[][] = [];
      for (const [r, c, value] of JSON.parse(snapshot[sheet]) as Array<[number, number, unknown]>)
        (rows[r - 1] ??= [])[c - 1] = value;
      return Array.from(rows, (line) => Array.from(line ?? [], (v) => v ?? ''));
    }

    /** The lead rows of a snapshot, keyed by header. */
    function leadsIn(snapshot: Record<string, string>): Row[] {
      const [header, ...rows] = rowsIn(snapshot, 'lead_sheet');
      return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? ''])));
    }

    /** What the engine must make of a request (its own reading of the contract, written out independently). */
    function expected(
      event: unknown,
      leads: Row[],
    ): 'IGNORED' | 'REJECTED' | { contacted: string } {
      const parameter =
        event && typeof event === 'object'
          ? (event as { parameter?: unknown }).parameter
          : undefined;
      if (!parameter || typeof parameter !== 'object' || Array.isArray(parameter)) return 'IGNORED';
      const p = parameter as Record<string, unknown>;
      if (p.k !== WEBAPP_SECRET) return 'IGNORED';
      if (typeof p.payload !== 'string' || p.payload.length > 64 * 1024) return 'IGNORED';
      let body: unknown;
      try {
        body = JSON.parse(p.payload);
      } catch {
        return 'IGNORED';
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) return 'IGNORED';
      const b = body as Record<string, unknown>;
      if (b.token !== VERIFICATION_TOKEN || b.type !== 'block_actions') return 'IGNORED';
      const user =
        b.user && typeof b.user === 'object' && !Array.isArray(b.user)
          ? (b.user as Record<string, unknown>).id
          : undefined;
      const action = Array.isArray(b.actions) ? b.actions[0] : undefined;
      if (
        typeof user !== 'string' ||
        user === '' ||
        !action ||
        typeof action !== 'object' ||
        Array.isArray(action)
      )
        return 'IGNORED';
      const a = action as Record<string, unknown>;
      if (a.action_id !== 'mark_contacted' || typeof a.value !== 'string') return 'IGNORED';
      const leadId = a.value.trim();
      if (leadId === '' || leadId.length > 100) return 'IGNORED';
      if (
        typeof b.response_url !== 'string' ||
        !b.response_url.startsWith('https://hooks.slack.com/')
      )
        return 'IGNORED';
      const lead = leads.find((l) => l.lead_id === leadId);
      return lead && lead.sales_slack_id === user && lead.stage === 'NEW'
        ? { contacted: leadId }
        : 'REJECTED';
    }

    /** Rows of routing_log in a snapshot (header first). */
    const logRows = (snapshot: Record<string, string>): unknown[][] =>
      rowsIn(snapshot, 'routing_log');

    const tally = { IGNORED: 0, REJECTED: 0, CONTACTED: 0 };
    // Nothing changes the book between runs, so each run's "after" is the next run's
    // "before" (taken afresh after a failed run, so that shrinking compares honestly).
    let before = snapshotBook(w);
    let stale = false;
    fc.assert(
      fc.property(request, (event) => {
        if (stale) before = snapshotBook(w);
        stale = true;
        const want = expected(event, leadsIn(before));
        const output = w.rt.run('doPost', event);
        // People send these over time: the Sheets API allows 60 reads and 60 writes a
        // minute, and a click whose answer fails writes up to 6 times (its row anchor,
        // the lead, the log, the fallback rewrite queued and recorded; a click refused by
        // the quota is tested elsewhere).
        w.rt.clock.advanceMs(10_000);
        expect(content(output)).toBe('');
        const after = snapshotBook(w);
        const changed = changedSheets(before, after);
        const [logBefore, logAfter] = [logRows(before), logRows(after)];
        before = after;
        if (want === 'IGNORED') {
          tally.IGNORED++;
          expect(changed).toEqual([]);
          stale = false;
          return;
        }
        // Whatever else happened, the log only grew at its end.
        expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
        const added = logAfter
          .slice(logBefore.length)
          .map((r) => String(r[logBefore[0].indexOf('event')]));
        if (want === 'REJECTED') {
          tally.REJECTED++;
          // slack_outbox too when the lead's message still showed a button that no
          // longer acts (the lead was closed by hand): the refusal takes it away.
          expect(changed.filter((s) => s !== 'slack_outbox')).toEqual(['routing_log']);
          expect(added).toEqual(['REJECTED']);
        } else {
          tally.CONTACTED++;
          // slack_outbox too when the lead's own message is rewritten (a click without a
          // message, as from /leads, takes its button away by chat.update).
          expect(changed.filter((s) => s !== 'slack_outbox')).toEqual([
            'lead_sheet',
            'routing_log',
          ]);
          expect(added).toEqual(['CONTACTED']);
          expect(leadsIn(after).find((l) => l.lead_id === want.contacted)).toMatchObject({
            stage: 'CONTACTED',
          });
        }
        stale = false;
      }),
      { numRuns: fuzzRuns, seed: fuzzSeed },
    );
    // The run exercised every branch, and nothing it stored is a formula.
    expect(tally.CONTACTED).toBeGreaterThan(0);
    expect(tally.REJECTED).toBeGreaterThan(fuzzRuns / 20);
    expect(tally.IGNORED).toBeGreaterThan(fuzzRuns / 10);
    expectNoFormulas(w);
    expect(w.rt.failures).toEqual([]);
    expect(w.rt.counters.unlockedWrites).toEqual([]);
    for (const secret of SECRETS) expect(w.rt.logText()).not.toContain(secret);
  });
});

describe('secrets', () => {
  test('after a full scenario with failures, SLACK_BOT_TOKEN, SLACK_VERIFICATION_TOKEN and WEBAPP_SECRET are in no sheet cell, no log line and no Slack message', () => {
    const w = new World({
      settings: {
        escalation_threshold: 2,
        escalation_channel_id: ESCALATION_CHANNEL,
        leads_channel_id: LEADS_CHANNEL,
      },
    });
    w.rt.properties.set('WEBAPP_SECRET', WEBAPP_SECRET);
    const k = { k: WEBAPP_SECRET };
    w.rt.slack.failNext(1, { status: 500 }, 'chat.postMessage');
    const a = w.submit({ Name: 'Adi', Phone: '0812-0000-0001' })!;
    w.rt.slack.failNext(1, { error: 'invalid_auth' }, 'chat.postMessage');
    const b = w.submit({ Name: 'Budi', Phone: '0812-0000-0002' })!;
    w.rt.slack.failNext(1, { throws: 'network' });
    w.submit({ Name: 'Cici', Phone: '0812-0000-0003' }, { duplicate: true });
    w.sweepAfter(5);
    w.click('UAYU0001', a, { queryParams: { k: 'wrong' } });
    w.click('UAYU0001', a, { queryParams: k, token: 'forged' });
    w.rt.slack.failNext(1, { throws: 'quota' });
    w.rt.slack.failNext(2, { status: 429, retryAfterSeconds: 30 });
    w.sweepAfter(60);
    w.sweepAfter(60);
    w.click('UCITRA003', a, { queryParams: k });
    w.click('UAYU0001', a, { queryParams: k });
    w.rt.run('doPost', post({ ...payload({ value: a }), padding: 'x'.repeat(70_000) }, k));
    w.rt.properties.set('SLACK_VERIFICATION_TOKEN', '');
    w.click('UCITRA003', b, { queryParams: k });
    w.rt.properties.set('SLACK_VERIFICATION_TOKEN', VERIFICATION_TOKEN);
    w.setSettings({ sla_minutes: 'abc' });
    // Run SLA check now reads at once (a planned sweep sees the edit within 15 minutes).
    w.rt.clock.advanceMinutes(5);
    expect(() => w.rt.run('runSlaSweepNow')).toThrow();
    w.setSettings({ sla_minutes: 60 });
    w.rt.run('setup');
    w.rt.run('doGet');
    expect(w.events(a)).toContain('ESCALATED');
    expect(w.rt.logs.length).toBeGreaterThan(20);

    for (const name of w.rt.book.sheetNames()) {
      const cells = JSON.stringify([
        w.rt.book.sheet(name).rows(),
        w.rt.book.sheet(name).formulas(),
      ]);
      for (const secret of SECRETS)
        expect({ sheet: name, leaks: cells.includes(secret) }).toEqual({
          sheet: name,
          leaks: false,
        });
    }
    const logged = w.rt.logs.map((l) => l.text).join('\n');
    for (const secret of SECRETS)
      expect({ secret, inLog: logged.includes(secret) }).toEqual({ secret, inLog: false });
    const slack = allSlackText(w);
    for (const secret of SECRETS)
      expect({ secret, inSlack: slack.includes(secret) }).toEqual({ secret, inSlack: false });
  });
});

describe('doGet', () => {
  test('reports counts only: no lead id, name, phone, email or token', () => {
    const w = new World();
    const leads = [
      { Name: 'Budi Santoso', Phone: '0812-3456-7890', Email: 'budi@example.com' },
      { Name: 'Sari', Phone: '+62 813 1111 2222', Email: 'sari@example.com' },
    ];
    const ids = leads.map((l) => w.submit(l)!);
    w.rt.slack.setDown(true);
    w.submit({ Name: 'Dewi', Phone: 'call me', Email: 'dewi@example.com' });
    w.rt.clock.advanceMinutes(61);
    const output = w.rt.run('doGet') as { getContent(): string; getMimeType(): string };
    const text = output.getContent();
    const body = JSON.parse(text) as Row;
    expect(Object.keys(body).sort()).toEqual([
      'leadsNew',
      'leadsOverdue',
      'leadsUnassigned',
      'messagesPending',
      'ok',
      'service',
      'time',
    ]);
    expect(body).toMatchObject({
      ok: true,
      service: 'lead-routing',
      leadsNew: 3,
      leadsOverdue: 3,
      leadsUnassigned: 0,
      messagesPending: 1,
    });
    const forbidden = [
      ...ids,
      ...w.leads().map((l) => String(l.lead_id)),
      'Budi',
      'Sari',
      'Dewi',
      '6281234567890',
      '0812-3456-7890',
      '3456',
      'call me',
      '@example.com',
      'UAYU0001',
      ...SECRETS,
    ];
    for (const word of forbidden)
      expect({ word, shown: text.includes(word) }).toEqual({ word, shown: false });
  });

  test('when the sheets are broken it says so with an error code, still without personal data', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.book.sheet('lead_sheet').setCell('D1', 'status');
    const text = (w.rt.run('doGet') as { getContent(): string }).getContent();
    expect(JSON.parse(text)).toMatchObject({
      ok: false,
      service: 'lead-routing',
      error: 'MISSING_HEADER',
    });
    for (const word of [id, 'Budi', '6281234567890', ...SECRETS]) expect(text).not.toContain(word);
  });
});

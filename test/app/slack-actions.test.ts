/**
 * What Slack posts to the web app, over in-memory ports (no build): Mark as CONTACTED
 * (owner only, NEW only), the manager's Take and Reassign on an escalation, and
 * `/leads`. Requests are shaped as Slack sends them: a `payload` form field for
 * block_actions, plain fields for a slash command.
 */
import fc from 'fast-check';
import { admitResponse } from '../../src/app/intake';
import { CLICK_LOCK_MS, handleSlackRequest } from '../../src/app/slack-action';
import { runSweep } from '../../src/app/sweep';
import { MARK_CONTACTED_ACTION, REASSIGN_ACTION, TAKE_ACTION } from '../../src/domain/messages';
import { fakeWorld, formResponse, MINUTE, T0 } from '../fakes/services';

const TOKEN = 'verification-token-test';
const RESPONSE_URL = 'https://hooks.slack.com/actions/T1/1/abc';

function button(
  userId: string,
  actionId: string,
  action: Record<string, unknown>,
  token = TOKEN,
): { parameter: Record<string, unknown> } {
  return {
    parameter: {
      payload: JSON.stringify({
        type: 'block_actions',
        token,
        user: { id: userId },
        // A click on a (non-ephemeral) message carries its container and the message.
        container: {
          type: 'message',
          message_ts: '1.000100',
          channel_id: 'D1',
          is_ephemeral: false,
        },
        message: { ts: '1.000100', text: 'the lead message' },
        response_url: RESPONSE_URL,
        actions: [{ action_id: actionId, ...action }],
      }),
    },
  };
}

const click = (userId: string, leadId: string, token = TOKEN) =>
  button(userId, MARK_CONTACTED_ACTION, { value: leadId }, token);

function world() {
  const w = fakeWorld({
    reps: [
      { slackId: 'UAYU', name: 'Ayu' },
      { slackId: 'UBIMA', name: 'Bima' },
      { slackId: 'UCITRA', name: 'Citra' },
    ],
  });
  w.workbook.settings.set('manager_slack_id', 'UBOSS');
  const r = admitResponse(w.services, formResponse({ Name: 'Budi', Phone: '0812-3456-7890' }));
  if (r.kind !== 'CREATED') throw new Error(r.kind);
  return { ...w, id: r.leadId };
}

/** The last answer sent through response_url. */
const lastAnswer = (w: ReturnType<typeof world>) => w.slack.responses[w.slack.responses.length - 1];

describe('Mark as CONTACTED', () => {
  test('the owner’s click marks the lead and replaces the message', () => {
    const w = world();
    w.clock.advance(12 * MINUTE);
    handleSlackRequest(w.services, click('UAYU', w.id));
    expect(w.workbook.lead(w.id)).toMatchObject({
      stage: 'CONTACTED',
      contactedAt: T0 + 12 * MINUTE,
    });
    expect(w.workbook.events(w.id)).toEqual(['RECEIVED', 'ASSIGNED', 'CONTACTED']);
    expect(lastAnswer(w).body).toMatchObject({ replace_original: true });
    // A click reads only the lead (loadLead), never the whole workbook.
    expect(w.workbook.calls.load).toBe(1);
    expect(w.workbook.unlockedWrites).toEqual([]);
  });

  test('anyone else, or a second click: refused with a reason, one REJECTED row, nothing else', () => {
    const w = world();
    handleSlackRequest(w.services, click('UBIMA', w.id));
    expect(w.workbook.lead(w.id).stage).toBe('NEW');
    expect(lastAnswer(w).body).toMatchObject({ response_type: 'ephemeral' });
    handleSlackRequest(w.services, click('UAYU', w.id));
    handleSlackRequest(w.services, click('UAYU', w.id));
    expect(w.workbook.events(w.id)).toEqual([
      'RECEIVED',
      'ASSIGNED',
      'REJECTED',
      'CONTACTED',
      'REJECTED',
    ]);
    expect(w.workbook.lead(w.id).stage).toBe('CONTACTED');
  });

  test('a wrong verification token or k changes nothing and answers nothing', () => {
    const w = world();
    handleSlackRequest(w.services, click('UAYU', w.id, 'forged'));
    w.secrets.secret = 'k-secret';
    handleSlackRequest(w.services, click('UAYU', w.id));
    expect(w.workbook.lead(w.id).stage).toBe('NEW');
    expect(w.slack.responses).toEqual([]);
    expect(w.log.at('warn')).toEqual([
      'Slack request ignored: missing or wrong verification token',
      'Slack request ignored: missing or wrong k (WEBAPP_SECRET)',
    ]);
    expect(w.log.text()).not.toContain(TOKEN);
  });

  test('lock busy for longer than Slack waits: nothing changes, the rep is asked to click again', () => {
    const w = world();
    w.lock.holdElsewhere();
    handleSlackRequest(w.services, click('UAYU', w.id));
    expect(w.clock.now()).toBe(T0 + CLICK_LOCK_MS);
    expect(CLICK_LOCK_MS).toBeLessThanOrEqual(30);
    expect(w.workbook.lead(w.id).stage).toBe('NEW');
    expect(w.workbook.events(w.id)).toEqual(['RECEIVED', 'ASSIGNED']);
    expect(JSON.stringify(lastAnswer(w).body)).toMatch(/again/i);
  });

  test('a re-route that landed first wins over the old owner’s click', () => {
    const w = world();
    w.clock.advance(60 * MINUTE);
    runSweep(w.services);
    handleSlackRequest(w.services, click('UAYU', w.id));
    expect(w.workbook.lead(w.id)).toMatchObject({ stage: 'NEW', salesSlackId: 'UBIMA' });
  });
});

describe('the manager on an escalation', () => {
  function escalated() {
    const w = world();
    w.workbook.settings.set('escalation_threshold', 1);
    w.clock.advance(60 * MINUTE);
    runSweep(w.services);
    expect(w.workbook.events(w.id)).toContain('ESCALATED');
    return w;
  }

  test('Take: the manager becomes the owner, the old owner’s button goes', () => {
    const w = escalated();
    handleSlackRequest(w.services, button('UBOSS', TAKE_ACTION, { value: w.id }));
    expect(w.workbook.lead(w.id)).toMatchObject({ salesSlackId: 'UBOSS', routeCount: 2 });
    expect(w.workbook.events(w.id)).toContain('REASSIGNED');
    expect(w.slack.postedTo('UBOSS').length).toBeGreaterThanOrEqual(2);
    const [old] = w.slack.postedTo('UAYU');
    expect(JSON.stringify(old.updates.at(-1)?.blocks ?? [])).not.toContain(MARK_CONTACTED_ACTION);
  });

  test('Reassign to a rep: the rep gets the lead with its button and a fresh SLA', () => {
    const w = escalated();
    w.clock.advance(5 * MINUTE);
    handleSlackRequest(
      w.services,
      button('UBOSS', REASSIGN_ACTION, { selected_option: { value: `${w.id}|UCITRA` } }),
    );
    expect(w.workbook.lead(w.id)).toMatchObject({
      salesSlackId: 'UCITRA',
      assignedAt: T0 + 65 * MINUTE,
    });
    expect(JSON.stringify(w.slack.postedTo('UCITRA')[0].body.blocks)).toContain(
      MARK_CONTACTED_ACTION,
    );
    // The escalation stays on record: the sweep never re-routes it.
    w.clock.advance(120 * MINUTE);
    runSweep(w.services);
    expect(w.workbook.lead(w.id).salesSlackId).toBe('UCITRA');
  });

  test('only manager_slack_id may use them; a rep who is not active cannot be picked', () => {
    const w = escalated();
    handleSlackRequest(w.services, button('UBIMA', TAKE_ACTION, { value: w.id }));
    w.workbook.reps[2].active = false;
    handleSlackRequest(
      w.services,
      button('UBOSS', REASSIGN_ACTION, { selected_option: { value: `${w.id}|UCITRA` } }),
    );
    expect(w.workbook.lead(w.id).salesSlackId).toBe('UAYU');
    expect(w.workbook.log.filter((e) => e.event === 'REJECTED').map((e) => e.detail)).toEqual([
      'TAKE: NOT_MANAGER',
      'REASSIGN: NOT_A_REP',
    ]);
  });
});

describe('/leads', () => {
  test('a rep sees their open leads with the time left; a stranger is told why not', () => {
    const w = world();
    w.clock.advance(20 * MINUTE);
    const command = (user: string) => ({
      parameter: { command: '/leads', token: TOKEN, user_id: user, response_url: RESPONSE_URL },
    });
    handleSlackRequest(w.services, command('UAYU'));
    expect(JSON.stringify(lastAnswer(w).body)).toContain('40 minutes left (by Thu 10:00)');
    handleSlackRequest(w.services, command('USTRANGER'));
    expect(JSON.stringify(lastAnswer(w).body)).toContain("can't find you");
    expect(w.workbook.log.map((e) => e.event)).toEqual(['RECEIVED', 'ASSIGNED']);
  });
});

describe('any request at all', () => {
  test('1000 random requests: a lead changes only for its verified owner marking it while NEW', () => {
    const w = world();
    const ids = [w.id];
    for (const name of ['Sari', 'Tono', 'Umi']) {
      const r = admitResponse(
        w.services,
        formResponse({ Name: name, Phone: `0812-5555-00${ids.length}` }, name),
      );
      if (r.kind === 'CREATED') ids.push(r.leadId);
    }
    w.workbook.editLead(ids[3], { stage: 'QUALIFIED' });
    w.secrets.secret = 'k-secret';
    const users = ['UAYU', 'UBIMA', 'UCITRA', 'UOUTSIDER', 'UBOSS'];
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 20 }));
    const often = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) =>
      fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 });
    const fields = fc.record({
      k: often(fc.constant('k-secret'), fc.oneof(text, fc.constant('K-SECRET'))),
      token: often(fc.constant(TOKEN), fc.oneof(text, fc.constant(`${TOKEN} `), fc.constant(null))),
      type: often(fc.constant('block_actions'), fc.oneof(text, fc.constant('view_submission'))),
      user: often(fc.constantFrom(...users), fc.oneof(text, fc.integer())),
      actionId: often(
        fc.constant(MARK_CONTACTED_ACTION),
        fc.oneof(text, fc.constant('Mark_Contacted')),
      ),
      value: often(
        fc.constantFrom(...ids),
        fc.oneof(text, fc.constant(`${ids[0]}\n`), fc.constant('L'.repeat(101))),
      ),
      responseUrl: often(
        fc.constant(RESPONSE_URL),
        fc.constantFrom('https://evil.example/x', 'http://hooks.slack.com/x'),
      ),
    });
    const tally = { ignored: 0, rejected: 0, contacted: 0 };
    fc.assert(
      fc.property(fields, (f) => {
        const before = JSON.stringify(w.workbook.leadRows);
        const logBefore = w.workbook.log.length;
        const found = w.workbook.leadRows.find((l) => l.leadId === String(f.value).trim());
        const target = found && { ...found };
        handleSlackRequest(w.services, {
          parameter: {
            k: f.k,
            payload: JSON.stringify({
              type: f.type,
              token: f.token,
              user: { id: f.user },
              response_url: f.responseUrl,
              actions: [{ action_id: f.actionId, value: f.value }],
            }),
          },
        });
        const added = w.workbook.log.slice(logBefore).map((e) => e.event);
        const authentic =
          f.k === 'k-secret' &&
          f.token === TOKEN &&
          f.type === 'block_actions' &&
          typeof f.user === 'string' &&
          f.user !== '' &&
          f.actionId === MARK_CONTACTED_ACTION &&
          typeof f.value === 'string' &&
          f.value.trim() !== '' &&
          f.value.length <= 100 &&
          f.responseUrl === RESPONSE_URL;
        if (!authentic) {
          tally.ignored++;
          expect(added).toEqual([]);
          expect(JSON.stringify(w.workbook.leadRows)).toBe(before);
        } else if (target && target.salesSlackId === f.user && target.stage === 'NEW') {
          tally.contacted++;
          expect(added).toEqual(['CONTACTED']);
          expect(w.workbook.lead(target.leadId).stage).toBe('CONTACTED');
        } else {
          tally.rejected++;
          expect(added).toEqual(['REJECTED']);
          expect(JSON.stringify(w.workbook.leadRows)).toBe(before);
        }
      }),
      { numRuns: 1000 },
    );
    expect(tally.contacted).toBeGreaterThan(0);
    expect(tally.rejected).toBeGreaterThan(50);
    expect(tally.ignored).toBeGreaterThan(100);
    expect(w.workbook.unlockedWrites).toEqual([]);
  });
});

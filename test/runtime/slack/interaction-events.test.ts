/** The doPost events Slack's interactions and slash commands produce in Apps Script. */
import {
  ALICE,
  BOB,
  CAROL,
  LEADS,
  VERIFICATION_TOKEN,
  leadBlocks,
  makeHarness,
} from './test-fixtures';

test('clickEvent builds a form-encoded doPost event whose payload parses', () => {
  const h = makeHarness();
  const posted = h.api('chat.postMessage', {
    channel: LEADS,
    text: 'Lead L-1',
    blocks: leadBlocks('L-1'),
  }).json;
  const e = h.slack.clickEvent({
    userId: ALICE,
    actionId: 'mark_contacted',
    value: 'L-1',
    message: { channel: LEADS, ts: posted.ts },
  });

  expect(e.postData.type).toBe('application/x-www-form-urlencoded');
  expect(e.postData.name).toBe('postData');
  expect(e.postData.contents.startsWith('payload=')).toBe(true);
  expect(e.postData.length).toBe(e.postData.contents.length);
  expect(e.contentLength).toBe(e.postData.length);
  expect(e.contextPath).toBe('');
  expect(e.queryString).toBeNull();
  expect(e.parameters.payload).toEqual([e.parameter.payload]);

  const payload = JSON.parse(e.parameter.payload);
  expect(payload).toMatchObject({
    type: 'block_actions',
    token: VERIFICATION_TOKEN,
    user: { id: ALICE, username: 'alice', name: 'alice', team_id: 'T0001' },
    api_app_id: 'A0LEADAPP',
    team: { id: 'T0001', domain: 'leads-test' },
    container: { type: 'message', message_ts: posted.ts, channel_id: LEADS, is_ephemeral: false },
    channel: { id: LEADS, name: 'leads' },
    message: { ts: posted.ts, text: 'Lead L-1', user: 'U0LEADBOT', bot_id: 'B0LEADBOT' },
    actions: [
      {
        action_id: 'mark_contacted',
        block_id: 'lead_L-1',
        value: 'L-1',
        type: 'button',
        style: 'primary',
        text: { type: 'plain_text', text: 'Mark as CONTACTED' },
      },
    ],
  });
  expect(payload.actions[0].action_ts).toMatch(/^\d+\.\d{6}$/);
  expect(payload.trigger_id).toEqual(expect.any(String));
  expect(payload.message.blocks).toHaveLength(2);
  expect(payload.response_url).toMatch(/^https:\/\/hooks\.slack\.com\/actions\//);
});

test('the click payload response_url is registered and bound to the clicking user', () => {
  const h = makeHarness();
  const posted = h.api('chat.postMessage', {
    channel: LEADS,
    text: 'Lead L-1',
    blocks: leadBlocks('L-1'),
  }).json;
  const e = h.slack.clickEvent({
    userId: BOB,
    actionId: 'mark_contacted',
    message: { channel: LEADS, ts: posted.ts },
  });
  const { response_url: url } = JSON.parse(e.parameter.payload);
  h.fetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify({ text: 'Not your lead' }),
  });
  expect(h.slack.ephemerals(BOB).map((m) => m.text)).toEqual(['Not your lead']);
});

test('query parameters of the Request URL and a forged token appear as Apps Script shows them', () => {
  const h = makeHarness();
  const posted = h.api('chat.postMessage', {
    channel: ALICE,
    text: 'Lead L-1',
    blocks: leadBlocks('L-1'),
  }).json;
  const e = h.slack.clickEvent({
    userId: ALICE,
    actionId: 'mark_contacted',
    message: { channel: posted.channel, ts: posted.ts },
    queryParams: { k: 'web-app-secret-test' },
    token: 'forged',
  });
  expect(e.queryString).toBe('k=web-app-secret-test');
  expect(e.parameter.k).toBe('web-app-secret-test');
  expect(e.parameters.k).toEqual(['web-app-secret-test']);
  const payload = JSON.parse(e.parameter.payload);
  expect(payload.token).toBe('forged');
  expect(payload.channel).toEqual({ id: posted.channel, name: 'directmessage' });
});

test('a person cannot click a message in a conversation they cannot see', () => {
  const h = makeHarness();
  const posted = h.api('chat.postMessage', {
    channel: ALICE,
    text: 'Lead',
    blocks: leadBlocks('L-1'),
  }).json;
  expect(() =>
    h.slack.clickEvent({
      userId: BOB,
      actionId: 'mark_contacted',
      message: { channel: posted.channel, ts: posted.ts },
    }),
  ).toThrow('cannot see');
});

test('a button an update removed can still be clicked from a stale screen', () => {
  const h = makeHarness();
  const posted = h.api('chat.postMessage', {
    channel: LEADS,
    text: 'Lead',
    blocks: leadBlocks('L-1'),
  }).json;
  h.api('chat.update', { channel: LEADS, ts: posted.ts, text: 'Re-routed', blocks: [] });
  const e = h.slack.clickEvent({
    userId: ALICE,
    actionId: 'mark_contacted',
    message: { channel: LEADS, ts: posted.ts },
  });
  const payload = JSON.parse(e.parameter.payload);
  expect(payload.actions[0].value).toBe('L-1');
  expect(payload.message.text).toBe('Re-routed');
  expect(() =>
    h.slack.clickEvent({
      userId: ALICE,
      actionId: 'no_such_button',
      message: { channel: LEADS, ts: posted.ts },
    }),
  ).toThrow('no button');
});

test('slashCommandEvent carries the form fields Slack sends for a slash command', () => {
  const h = makeHarness();
  const e = h.slack.slashCommandEvent({ userId: ALICE, command: '/leads', text: 'mine today' });
  expect(e.postData.type).toBe('application/x-www-form-urlencoded');
  expect(e.postData.contents).toContain('command=%2Fleads');
  expect(e.postData.contents).toContain('text=mine+today');
  expect(e.parameter).toMatchObject({
    token: VERIFICATION_TOKEN,
    team_id: 'T0001',
    team_domain: 'leads-test',
    channel_id: h.slack.dmChannelId(ALICE),
    channel_name: 'directmessage',
    user_id: ALICE,
    user_name: 'alice',
    command: '/leads',
    text: 'mine today',
    api_app_id: 'A0LEADAPP',
  });
  expect(e.parameter.response_url).toMatch(/^https:\/\/hooks\.slack\.com\/commands\/T0001\//);
  expect(e.parameter.trigger_id).toEqual(expect.any(String));
});

test('a slash command in a channel the user is not in cannot happen', () => {
  const h = makeHarness();
  expect(() =>
    h.slack.slashCommandEvent({ userId: CAROL, command: '/leads', channelId: LEADS }),
  ).toThrow('not in');
});

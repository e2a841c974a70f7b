/** The Web API emulator: chat methods, auth, body parsing, rate limits, state and records. */
import {
  ALICE,
  BOB,
  BOT_TOKEN,
  CAROL,
  LEADS,
  RANDOM,
  leadBlocks,
  makeHarness,
} from './test-fixtures';

test('postMessage to a user id lands in their DM and answers the D… channel', () => {
  const { api, slack } = makeHarness();
  const reply = api('chat.postMessage', {
    channel: ALICE,
    text: 'New lead L-1',
    blocks: leadBlocks('L-1'),
  });
  expect(reply.status).toBe(200);
  expect(reply.json.ok).toBe(true);
  expect(reply.json.channel).toMatch(/^D/);
  expect(reply.json.channel).toBe(slack.dmChannelId(ALICE));
  expect(reply.json.message).toMatchObject({
    type: 'message',
    text: 'New lead L-1',
    user: 'U0LEADBOT',
    bot_id: 'B0LEADBOT',
    ts: reply.json.ts,
  });
  expect(slack.dm(ALICE).map((m) => m.ts)).toEqual([reply.json.ts]);
  expect(slack.dm(BOB)).toEqual([]);
});

test('postMessage to an unknown channel answers channel_not_found', () => {
  const { api } = makeHarness();
  expect(api('chat.postMessage', { channel: 'C0NOPE', text: 'x' }).json).toEqual({
    ok: false,
    error: 'channel_not_found',
  });
  expect(api('chat.postMessage', { channel: 'U0NOBODY', text: 'x' }).json).toEqual({
    ok: false,
    error: 'channel_not_found',
  });
});

test('postMessage to a channel the bot is not in answers not_in_channel', () => {
  const { api, slack } = makeHarness();
  expect(api('chat.postMessage', { channel: RANDOM, text: 'x' }).json).toEqual({
    ok: false,
    error: 'not_in_channel',
  });
  expect(slack.messages(RANDOM)).toEqual([]);
});

test('postMessage accepts a channel name and answers its id', () => {
  const { api } = makeHarness();
  expect(api('chat.postMessage', { channel: '#leads', text: 'x' }).json.channel).toBe(LEADS);
});

test('postMessage without text, blocks or attachments answers no_text', () => {
  const { api } = makeHarness();
  expect(api('chat.postMessage', { channel: LEADS }).json).toEqual({ ok: false, error: 'no_text' });
});

test('a wrong token answers invalid_auth with HTTP 200', () => {
  const { api, slack } = makeHarness();
  const reply = api(
    'chat.postMessage',
    { channel: LEADS, text: 'x' },
    'xoxb-wrong-not-a-real-token',
  );
  expect(reply.status).toBe(200);
  expect(reply.json).toEqual({ ok: false, error: 'invalid_auth' });
  expect(slack.messages(LEADS)).toEqual([]);
});

test('no Authorization header answers not_authed', () => {
  const { fetchApp } = makeHarness();
  const response = fetchApp.fetch('https://slack.com/api/chat.postMessage', {
    method: 'post',
    contentType: 'application/json; charset=utf-8',
    payload: JSON.stringify({ channel: LEADS, text: 'x', token: BOT_TOKEN }),
  });
  // A token inside a JSON body is not read: only the header (or a form field) counts.
  expect(JSON.parse(response.getContentText())).toEqual({ ok: false, error: 'not_authed' });
});

test('a JSON body sent without a JSON content type is not understood (channel never seen)', () => {
  const { fetchApp, slack } = makeHarness();
  const response = fetchApp.fetch('https://slack.com/api/chat.postMessage', {
    method: 'post',
    headers: { Authorization: `Bearer ${BOT_TOKEN}` },
    payload: JSON.stringify({ channel: LEADS, text: 'hello' }),
  });
  expect(JSON.parse(response.getContentText())).toEqual({ ok: false, error: 'channel_not_found' });
  expect(slack.messages(LEADS)).toEqual([]);
});

test('a JSON content type without charset works but carries the missing_charset warning', () => {
  const { fetchApp } = makeHarness();
  const response = fetchApp.fetch('https://slack.com/api/auth.test', {
    method: 'post',
    contentType: 'application/json',
    headers: { Authorization: `Bearer ${BOT_TOKEN}` },
    payload: '{}',
  });
  const body = JSON.parse(response.getContentText());
  expect(body.ok).toBe(true);
  expect(body.warning).toBe('missing_charset');
  expect(body.response_metadata).toEqual({ warnings: ['missing_charset'] });
});

test('a burst into one channel gets 429 with Retry-After, then is accepted after the wait', () => {
  const { api, clock, slack } = makeHarness();
  for (let i = 0; i < 3; i += 1)
    expect(api('chat.postMessage', { channel: LEADS, text: `m${i}` }).json.ok).toBe(true);
  const limited = api('chat.postMessage', { channel: LEADS, text: 'm3' });
  expect(limited.status).toBe(429);
  expect(limited.headers['Retry-After']).toBe('1');
  expect(limited.json).toEqual({ ok: false, error: 'ratelimited' });
  // Another conversation has its own budget.
  expect(api('chat.postMessage', { channel: ALICE, text: 'dm' }).json.ok).toBe(true);
  clock.advanceMs(Number(limited.headers['Retry-After']) * 1000);
  expect(api('chat.postMessage', { channel: LEADS, text: 'm3' }).json.ok).toBe(true);
  expect(slack.messages(LEADS).map((m) => m.text)).toEqual(['m0', 'm1', 'm2', 'm3']);
});

test('a 429 on a muted-less fetch throws with code 429', () => {
  const { slack, fetchApp } = makeHarness();
  slack.failNext(1, { status: 429, retryAfterSeconds: 30 });
  expect(() =>
    fetchApp.fetch('https://slack.com/api/auth.test', {
      method: 'post',
      headers: { Authorization: `Bearer ${BOT_TOKEN}` },
    }),
  ).toThrow(
    'Request failed for https://slack.com returned code 429. Truncated server response: {"ok":false,"error":"ratelimited"}',
  );
});

test('message ts values are strictly increasing and derived from the fake clock', () => {
  const { api, clock } = makeHarness();
  const a = api('chat.postMessage', { channel: LEADS, text: 'a' }).json.ts as string;
  const b = api('chat.postMessage', { channel: ALICE, text: 'b' }).json.ts as string;
  expect(a).toMatch(/^\d{10}\.\d{6}$/);
  expect(Math.floor(Number(a))).toBe(Math.floor(clock.now() / 1000));
  expect(Number(b)).toBeGreaterThan(Number(a));
});

test('chat.update replaces text and blocks and keeps the history', () => {
  const { api, slack, clock } = makeHarness();
  const posted = api('chat.postMessage', {
    channel: LEADS,
    text: 'Lead L-1',
    blocks: leadBlocks('L-1'),
  }).json;
  clock.advanceMinutes(5);
  const updated = api('chat.update', {
    channel: LEADS,
    ts: posted.ts,
    text: 'Lead L-1 re-routed',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Re-routed to <@U0BOB>' } }],
  });
  expect(updated.json).toMatchObject({
    ok: true,
    channel: LEADS,
    ts: posted.ts,
    text: 'Lead L-1 re-routed',
  });
  const [message] = slack.messages(LEADS);
  expect(message.text).toBe('Lead L-1 re-routed');
  expect(slack.renderText(message)).toBe('Re-routed to @bob');
  expect(message.updates).toHaveLength(1);
  expect(message.updates[0]).toMatchObject({
    via: 'chat.update',
    atMs: clock.now(),
    previous: { text: 'Lead L-1' },
  });
  expect(slack.renderText(message.updates[0].previous)).toContain('[Mark as CONTACTED]');
});

test('chat.update without blocks keeps the blocks; an empty array removes them', () => {
  const { api, slack } = makeHarness();
  const { ts } = api('chat.postMessage', {
    channel: LEADS,
    text: 'a',
    blocks: leadBlocks('L-1'),
  }).json;
  api('chat.update', { channel: LEADS, ts, text: 'b' });
  expect(slack.messages(LEADS)[0].blocks).toHaveLength(2);
  api('chat.update', { channel: LEADS, ts, text: 'c', blocks: [] });
  expect(slack.messages(LEADS)[0].blocks).toBeUndefined();
});

test('chat.update errors: user id as channel, unknown ts, message by a person', () => {
  const { api, slack } = makeHarness();
  const dm = api('chat.postMessage', { channel: ALICE, text: 'a' }).json;
  expect(api('chat.update', { channel: ALICE, ts: dm.ts, text: 'b' }).json.error).toBe(
    'channel_not_found',
  );
  expect(api('chat.update', { channel: dm.channel, ts: dm.ts, text: 'b' }).json.ok).toBe(true);
  expect(api('chat.update', { channel: LEADS, ts: '1.000001', text: 'b' }).json.error).toBe(
    'message_not_found',
  );
  const human = slack.postAsUser(BOB, LEADS, 'my own words');
  expect(api('chat.update', { channel: LEADS, ts: human.ts, text: 'b' }).json.error).toBe(
    'cant_update_message',
  );
});

test('chat.postEphemeral reaches only a member of the channel', () => {
  const { api, slack } = makeHarness();
  expect(api('chat.postEphemeral', { channel: LEADS, user: CAROL, text: 'x' }).json).toEqual({
    ok: false,
    error: 'user_not_in_channel',
  });
  const reply = api('chat.postEphemeral', { channel: LEADS, user: BOB, text: 'Not your lead' });
  expect(reply.json.ok).toBe(true);
  expect(reply.json.message_ts).toMatch(/^\d+\.\d{6}$/);
  expect(slack.ephemerals(BOB)).toEqual([
    {
      channel: LEADS,
      user: BOB,
      messageTs: reply.json.message_ts,
      text: 'Not your lead',
      via: 'chat.postEphemeral',
    },
  ]);
  expect(slack.messages(LEADS)).toEqual([]);
});

test("a button label over 75 characters answers invalid_blocks with Slack's pointer message", () => {
  const { api } = makeHarness();
  const blocks = [
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } },
      ],
    },
  ];
  const reply = api('chat.postMessage', { channel: LEADS, text: 'x', blocks });
  expect(reply.json.ok).toBe(false);
  expect(reply.json.error).toBe('invalid_blocks');
  expect(reply.json.response_metadata.messages).toEqual([
    '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
  ]);
});

test('more than 50 blocks, or an unknown block type, answers invalid_blocks', () => {
  const { api } = makeHarness();
  const many = Array.from({ length: 51 }, () => ({ type: 'divider' }));
  expect(api('chat.postMessage', { channel: LEADS, text: 'x', blocks: many }).json.error).toBe(
    'invalid_blocks',
  );
  expect(
    api('chat.postMessage', { channel: LEADS, text: 'x', blocks: [{ type: 'banner' }] }).json.error,
  ).toBe('invalid_blocks');
});

test('auth.test answers the bot identity', () => {
  const { api } = makeHarness();
  expect(api('auth.test', {}).json).toEqual({
    ok: true,
    url: 'https://leads-test.slack.com/',
    team: 'leads-test',
    user: 'leadbot',
    team_id: 'T0001',
    user_id: 'U0LEADBOT',
    bot_id: 'B0LEADBOT',
    is_enterprise_install: false,
  });
});

test('an unknown method answers unknown_method before checking auth', () => {
  const { api } = makeHarness();
  expect(api('chat.postMessages', {}, 'xoxb-wrong').json).toEqual({
    ok: false,
    error: 'unknown_method',
    req_method: 'chat.postMessages',
  });
});

test('failNext with an error code, restricted to one method', () => {
  const { api, slack } = makeHarness();
  slack.failNext(1, { error: 'channel_not_found' }, 'chat.update');
  expect(api('chat.postMessage', { channel: LEADS, text: 'a' }).json.ok).toBe(true);
  const { ts } = slack.messages(LEADS)[0];
  expect(api('chat.update', { channel: LEADS, ts, text: 'b' }).json).toEqual({
    ok: false,
    error: 'channel_not_found',
  });
  expect(api('chat.update', { channel: LEADS, ts, text: 'b' }).json.ok).toBe(true);
});

test('setDown makes every call answer 500 until it is lifted', () => {
  const { api, slack } = makeHarness();
  slack.setDown(true);
  expect(api('auth.test', {}).status).toBe(500);
  expect(api('auth.test', {}).status).toBe(500);
  slack.setDown(false);
  expect(api('auth.test', {}).status).toBe(200);
});

test('recorded requests never contain the token', () => {
  const { api, slack, fetchApp } = makeHarness();
  api('chat.postMessage', { channel: LEADS, text: 'a' });
  fetchApp.fetch('https://slack.com/api/auth.test', {
    method: 'post',
    payload: { token: BOT_TOKEN },
  });
  expect(slack.requests).toHaveLength(2);
  expect(slack.requests[0]).toMatchObject({
    method: 'chat.postMessage',
    httpMethod: 'POST',
    status: 200,
    body: { channel: LEADS, text: 'a' },
  });
  expect(slack.requests[0].headers.Authorization).toBe('Bearer [REDACTED]');
  expect(slack.requests[1].body.token).toBe('[REDACTED]');
  expect(JSON.stringify(slack.requests)).not.toContain(BOT_TOKEN);
});

test('renderText reads a lead message as a person would', () => {
  const { api, slack } = makeHarness();
  api('chat.postMessage', { channel: LEADS, text: 'fallback', blocks: leadBlocks('L-7') });
  expect(slack.renderText(slack.messages(LEADS)[0])).toBe(
    'New lead L-7 for @alice\n[Mark as CONTACTED]',
  );
});

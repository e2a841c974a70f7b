/** The UrlFetchApp fake: Apps Script's exceptions, counting, quota and request encoding. */
import { BOT_TOKEN, LEADS, makeHarness } from './test-fixtures';

const POST_URL = 'https://slack.com/api/chat.postMessage';
const jsonPost = (body: unknown, extra: Record<string, unknown> = {}) => ({
  method: 'post' as const,
  contentType: 'application/json; charset=utf-8',
  headers: { Authorization: `Bearer ${BOT_TOKEN}` },
  payload: JSON.stringify(body),
  ...extra,
});

test('failNext 500: fetch throws Apps Script "Request failed" exception without muteHttpExceptions', () => {
  const { slack, fetchApp } = makeHarness();
  slack.failNext(1, { status: 500 });
  let thrown: unknown;
  try {
    fetchApp.fetch(POST_URL, jsonPost({ channel: LEADS, text: 'hi' }));
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(Error);
  const error = thrown as Error;
  expect(error.name).toBe('Exception');
  expect(error.message).toBe(
    'Request failed for https://slack.com returned code 500. Truncated server response: ' +
      '{"ok":false,"error":"internal_error"} (use muteHttpExceptions option to examine full response)',
  );
  expect(String(error)).toMatch(
    /^Exception: Request failed for https:\/\/slack\.com returned code 500\./,
  );
  expect(slack.messages(LEADS)).toHaveLength(0);
});

test('failNext 500 with muteHttpExceptions: the response comes back with getResponseCode() 500', () => {
  const { slack, fetchApp } = makeHarness();
  slack.failNext(1, { status: 500 });
  const response = fetchApp.fetch(
    POST_URL,
    jsonPost({ channel: LEADS, text: 'hi' }, { muteHttpExceptions: true }),
  );
  expect(response.getResponseCode()).toBe(500);
  // The failure is used up: the next request goes through.
  expect(fetchApp.fetch(POST_URL, jsonPost({ channel: LEADS, text: 'hi' })).getResponseCode()).toBe(
    200,
  );
});

test('a long error body is truncated in the exception message like Apps Script does', () => {
  const { slack, fetchApp } = makeHarness();
  slack.failNext(1, { status: 502, body: 'x'.repeat(400) });
  expect(() => fetchApp.fetch(POST_URL, jsonPost({ channel: LEADS, text: 'hi' }))).toThrow(
    `Truncated server response: ${'x'.repeat(147)}... (use muteHttpExceptions option to examine full response)`,
  );
});

test('a network failure throws "Address unavailable: <url>" even with muteHttpExceptions', () => {
  const { slack, fetchApp, deps } = makeHarness();
  slack.failNext(1, { throws: 'network' });
  expect(() =>
    fetchApp.fetch(
      POST_URL,
      jsonPost({ channel: LEADS, text: 'hi' }, { muteHttpExceptions: true }),
    ),
  ).toThrow('Address unavailable: https://slack.com/api/chat.postMessage');
  expect(slack.messages(LEADS)).toHaveLength(0);
  expect(deps.counters.fetches).toBe(1);
});

test('a network failure after Slack acted (delivered) still posted the message', () => {
  const { slack, fetchApp } = makeHarness();
  slack.failNext(1, { throws: 'network', delivered: true });
  expect(() => fetchApp.fetch(POST_URL, jsonPost({ channel: LEADS, text: 'hi' }))).toThrow(
    'Address unavailable',
  );
  expect(slack.messages(LEADS).map((m) => m.text)).toEqual(['hi']);
});

test('a host other than Slack fails like an unresolvable name', () => {
  const { fetchApp, deps } = makeHarness();
  expect(() =>
    fetchApp.fetch('https://example.com/hook?x=1', { muteHttpExceptions: true }),
  ).toThrow('DNS error: https://example.com/hook?x=1');
  expect(deps.counters.fetchCalls).toBe(1);
});

test('a malformed URL throws "Invalid argument"', () => {
  const { fetchApp } = makeHarness();
  expect(() => fetchApp.fetch('slack.com/api/auth.test')).toThrow(
    'Invalid argument: slack.com/api/auth.test',
  );
});

test('after the daily quota every request throws "Service invoked too many times for one day: urlfetch."', () => {
  const { fetchApp, deps } = makeHarness({}, { dailyQuota: 2 });
  fetchApp.fetch('https://slack.com/api/auth.test', jsonPost({}));
  fetchApp.fetch('https://slack.com/api/auth.test', jsonPost({}));
  expect(() => fetchApp.fetch('https://slack.com/api/auth.test', jsonPost({}))).toThrow(
    'Service invoked too many times for one day: urlfetch.',
  );
  expect(deps.counters.fetches).toBe(2);
  expect(deps.counters.fetchCalls).toBe(3);
});

test('the daily quota refreshes 24 hours after its window started', () => {
  const { fetchApp, clock } = makeHarness({}, { dailyQuota: 1 });
  fetchApp.fetch('https://slack.com/api/auth.test', jsonPost({}));
  clock.advanceMinutes(23 * 60);
  expect(() => fetchApp.fetch('https://slack.com/api/auth.test', jsonPost({}))).toThrow(
    'Service invoked too many times',
  );
  clock.advanceMinutes(60);
  expect(fetchApp.fetch('https://slack.com/api/auth.test', jsonPost({})).getResponseCode()).toBe(
    200,
  );
});

test('an injected quota failure throws the quota exception and is not counted as sent', () => {
  const { slack, fetchApp, deps } = makeHarness();
  slack.failNext(1, { throws: 'quota' });
  expect(() =>
    fetchApp.fetch(
      POST_URL,
      jsonPost({ channel: LEADS, text: 'hi' }, { muteHttpExceptions: true }),
    ),
  ).toThrow('Service invoked too many times for one day: urlfetch.');
  expect(deps.counters.fetches).toBe(0);
});

test('fetchAll returns responses in request order and counts each request', () => {
  const { fetchApp, deps, charges } = makeHarness();
  const responses = fetchApp.fetchAll([
    { url: POST_URL, ...jsonPost({ channel: LEADS, text: 'one' }) },
    { url: 'https://slack.com/api/auth.test', ...jsonPost({}) },
    { url: POST_URL, ...jsonPost({ channel: 'C0NOPE', text: 'three' }) },
  ]);
  const bodies = responses.map((r) => JSON.parse(r.getContentText()));
  expect(bodies[0].message.text).toBe('one');
  expect(bodies[1].user_id).toBe('U0LEADBOT');
  expect(bodies[2]).toEqual({ ok: false, error: 'channel_not_found' });
  expect(deps.counters.fetches).toBe(3);
  expect(deps.counters.fetchCalls).toBe(1);
  expect(charges).toEqual([{ kind: 'fetch' }, { kind: 'fetch' }, { kind: 'fetch' }]);
});

test('fetchAll sends every request, then throws the first failure', () => {
  const { slack, fetchApp } = makeHarness();
  slack.failNext(1, { status: 503 }, 'auth.test');
  expect(() =>
    fetchApp.fetchAll([
      { url: 'https://slack.com/api/auth.test', ...jsonPost({}) },
      { url: POST_URL, ...jsonPost({ channel: LEADS, text: 'still sent' }) },
    ]),
  ).toThrow('returned code 503');
  expect(slack.messages(LEADS).map((m) => m.text)).toEqual(['still sent']);
});

test('an object payload is form-encoded, so blocks given as an array arrive as "[object Object]"', () => {
  const { fetchApp } = makeHarness();
  const response = fetchApp.fetch(POST_URL, {
    method: 'post',
    headers: { authorization: `Bearer ${BOT_TOKEN}` },
    payload: { channel: LEADS, text: 'x', blocks: [{ type: 'divider' }] } as unknown as Record<
      string,
      string
    >,
  });
  expect(JSON.parse(response.getContentText())).toEqual({
    ok: false,
    error: 'invalid_blocks_format',
  });
});

test('method is case-insensitive and headers come back with getHeaders()', () => {
  const { fetchApp } = makeHarness();
  const response = fetchApp.fetch('https://slack.com/api/auth.test', {
    ...jsonPost({}),
    method: 'POST' as 'post',
  });
  expect(response.getHeaders()).toEqual({ 'Content-Type': 'application/json; charset=utf-8' });
  expect(response.getAllHeaders()).toEqual(response.getHeaders());
  expect(response.getContent().length).toBe(Buffer.byteLength(response.getContentText()));
});

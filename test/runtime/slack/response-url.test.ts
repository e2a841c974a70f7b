/** response_url: replacing, deleting, ephemeral and in-channel replies, expiry and use limit. */
import { ALICE, LEADS, leadBlocks, makeHarness, type Harness } from './test-fixtures';

function postLead(h: Harness): { channel: string; ts: string } {
  const reply = h.api('chat.postMessage', {
    channel: LEADS,
    text: 'Lead L-1',
    blocks: leadBlocks('L-1'),
  }).json;
  return { channel: reply.channel, ts: reply.ts };
}

function respond(h: Harness, url: string, body: Record<string, unknown>) {
  const response = h.fetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify(body),
    muteHttpExceptions: true,
  });
  return { status: response.getResponseCode(), json: JSON.parse(response.getContentText()) };
}

test('replace_original replaces the message a reader of the channel sees', () => {
  const h = makeHarness();
  const ref = postLead(h);
  const url = h.slack.newResponseUrl(ref, ALICE);
  expect(url).toMatch(/^https:\/\/hooks\.slack\.com\/actions\/T0001\/\d+\/[0-9a-f]+$/);
  const reply = respond(h, url, { replace_original: true, text: 'Contacted by alice' });
  expect(reply).toEqual({ status: 200, json: { ok: true } });
  const [message] = h.slack.messages(LEADS);
  expect(h.slack.renderText(message)).toBe('Contacted by alice');
  expect(message.blocks).toBeUndefined();
  expect(message.updates).toHaveLength(1);
  expect(message.updates[0].via).toBe('response_url');
  expect(h.slack.responseUrlPosts).toEqual([
    {
      url,
      atMs: h.clock.now(),
      status: 200,
      body: { replace_original: true, text: 'Contacted by alice' },
      effect: 'replaced',
    },
  ]);
});

test('a response_url post without replace_original is ephemeral to the user who acted', () => {
  const h = makeHarness();
  const url = h.slack.newResponseUrl(postLead(h), ALICE);
  expect(respond(h, url, { text: 'Only you can see this' }).status).toBe(200);
  expect(h.slack.ephemerals(ALICE).map((e) => [e.text, e.via])).toEqual([
    ['Only you can see this', 'response_url'],
  ]);
  expect(h.slack.messages(LEADS)).toHaveLength(1);
});

test('response_type in_channel posts a new message in the conversation', () => {
  const h = makeHarness();
  const url = h.slack.newResponseUrl(postLead(h), ALICE);
  respond(h, url, { response_type: 'in_channel', text: 'Everyone sees this' });
  expect(h.slack.messages(LEADS).map((m) => m.text)).toEqual(['Lead L-1', 'Everyone sees this']);
});

test('delete_original marks the original message deleted', () => {
  const h = makeHarness();
  const url = h.slack.newResponseUrl(postLead(h), ALICE);
  respond(h, url, { delete_original: true });
  expect(h.slack.messages(LEADS)[0].deleted).toBe(true);
});

test('an unknown response_url answers 404', () => {
  const h = makeHarness();
  expect(respond(h, 'https://hooks.slack.com/actions/T0001/1/deadbeef', { text: 'x' })).toEqual({
    status: 404,
    json: { ok: false, error: 'expired_url' },
  });
});

test('a response_url expires after 30 minutes', () => {
  const h = makeHarness();
  const url = h.slack.newResponseUrl(postLead(h), ALICE);
  h.clock.advanceMinutes(31);
  expect(respond(h, url, { text: 'late' }).status).toBe(404);
});

test('a response_url accepts 5 posts, the 6th answers 404', () => {
  const h = makeHarness();
  const url = h.slack.newResponseUrl(postLead(h), ALICE);
  for (let i = 0; i < 5; i += 1) expect(respond(h, url, { text: `r${i}` }).status).toBe(200);
  expect(respond(h, url, { text: 'r5' }).status).toBe(404);
});

test('a response_url post that is not JSON answers 400 invalid_payload', () => {
  const h = makeHarness();
  const url = h.slack.newResponseUrl(postLead(h), ALICE);
  const response = h.fetchApp.fetch(url, {
    method: 'post',
    payload: 'text=hello',
    muteHttpExceptions: true,
  });
  expect(response.getResponseCode()).toBe(400);
  expect(JSON.parse(response.getContentText())).toEqual({ ok: false, error: 'invalid_payload' });
});

test('failNext restricted to response_url fails only response_url posts', () => {
  const h = makeHarness();
  const url = h.slack.newResponseUrl(postLead(h), ALICE);
  h.slack.failNext(1, { status: 500 }, 'response_url');
  expect(h.api('auth.test', {}).status).toBe(200);
  expect(respond(h, url, { replace_original: true, text: 'x' }).status).toBe(500);
  expect(h.slack.messages(LEADS)[0].text).toBe('Lead L-1');
});

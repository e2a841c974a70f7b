/**
 * Clicks on ephemeral messages (a /leads list): the block_actions payload has
 * `container.is_ephemeral` true and no `message` (docs.slack.dev,
 * reference/interaction-payloads/block_actions-payload), and the click's response_url
 * replaces or deletes that ephemeral message for its user only (chat.update cannot
 * reach an ephemeral message).
 */
import { ALICE, BOB, LEADS, leadBlocks, makeHarness, type Harness } from './test-fixtures';

/** An ephemeral list with a button, shown to ALICE through a slash command's response_url. */
function showList(h: Harness): { channel: string; messageTs: string } {
  const command = h.slack.slashCommandEvent({ userId: ALICE, command: '/leads', channelId: LEADS });
  const url = command.parameter.response_url;
  h.fetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify({ text: 'Your leads', blocks: leadBlocks('L-1') }),
    muteHttpExceptions: true,
  });
  const [shown] = h.slack.ephemerals(ALICE);
  return { channel: shown.channel, messageTs: shown.messageTs };
}

function respond(h: Harness, url: string, body: Record<string, unknown>) {
  const response = h.fetchApp.fetch(url, {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify(body),
    muteHttpExceptions: true,
  });
  return response.getResponseCode();
}

test('a click on an ephemeral message: container.is_ephemeral is true and there is no message', () => {
  const h = makeHarness();
  const list = showList(h);
  const e = h.slack.ephemeralClickEvent({
    userId: ALICE,
    actionId: 'mark_contacted',
    value: 'L-1',
    ephemeral: list,
  });
  const payload = JSON.parse(e.parameter.payload);
  expect(payload.container).toEqual({
    type: 'message',
    message_ts: list.messageTs,
    channel_id: LEADS,
    is_ephemeral: true,
  });
  expect(payload).not.toHaveProperty('message');
  expect(payload.actions[0]).toMatchObject({ action_id: 'mark_contacted', value: 'L-1' });
  expect(payload.response_url).toMatch(/^https:\/\/hooks\.slack\.com\/actions\//);
});

test('only the user who sees an ephemeral message can click it', () => {
  const h = makeHarness();
  const list = showList(h);
  expect(() =>
    h.slack.ephemeralClickEvent({ userId: BOB, actionId: 'mark_contacted', ephemeral: list }),
  ).toThrow(/sees no ephemeral message/);
});

test('its response_url replaces the ephemeral message with replace_original, and nobody else sees anything', () => {
  const h = makeHarness();
  const list = showList(h);
  const e = h.slack.ephemeralClickEvent({
    userId: ALICE,
    actionId: 'mark_contacted',
    ephemeral: list,
  });
  expect(
    respond(h, e.parameter.payload && JSON.parse(e.parameter.payload).response_url, {
      replace_original: true,
      text: 'Your leads (one fewer)',
    }),
  ).toBe(200);
  const shown = h.slack.ephemerals(ALICE);
  expect(shown.map((m) => m.text)).toEqual(['Your leads (one fewer)']);
  expect(shown[0].replaced?.map((m) => m.text)).toEqual(['Your leads']);
  expect(h.slack.messages(LEADS)).toEqual([]);
});

test('without replace_original the answer is a new ephemeral message and the list stays', () => {
  const h = makeHarness();
  const list = showList(h);
  const e = h.slack.ephemeralClickEvent({
    userId: ALICE,
    actionId: 'mark_contacted',
    ephemeral: list,
  });
  const url = JSON.parse(e.parameter.payload).response_url;
  expect(respond(h, url, { replace_original: false, text: 'Done' })).toBe(200);
  expect(h.slack.ephemerals(ALICE).map((m) => m.text)).toEqual(['Your leads', 'Done']);
});

test('delete_original removes the ephemeral message', () => {
  const h = makeHarness();
  const list = showList(h);
  const e = h.slack.ephemeralClickEvent({
    userId: ALICE,
    actionId: 'mark_contacted',
    ephemeral: list,
  });
  const url = JSON.parse(e.parameter.payload).response_url;
  expect(respond(h, url, { delete_original: true })).toBe(200);
  expect(h.slack.ephemerals(ALICE)).toEqual([]);
});

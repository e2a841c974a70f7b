import fc from 'fast-check';
import { handleSlackRequest } from '../../src/app/slack-action';
import type { Services } from '../../src/app/ports';
import {
  buttonLeadId,
  constantTimeEquals,
  pickedLeadAndRep,
  readInteraction,
} from '../../src/app/slack-request';

const TOKEN = 'verification-token-for-tests';
const click = (over: Record<string, unknown> = {}) => ({
  type: 'block_actions',
  token: TOKEN,
  user: { id: 'UA1' },
  response_url: 'https://hooks.slack.com/actions/T1/1/x',
  actions: [{ action_id: 'mark_contacted', value: 'L-1' }],
  ...over,
});
const request = (payload: unknown, extra: Record<string, unknown> = {}) => ({
  parameter: { payload: typeof payload === 'string' ? payload : JSON.stringify(payload), ...extra },
});

describe('reading what Slack posts to the web app', () => {
  test('a well-formed click with the right token is an ACTION carrying its action_id and fields', () => {
    expect(readInteraction(request(click()), TOKEN, '')).toEqual({
      kind: 'ACTION',
      actionId: 'mark_contacted',
      action: { action_id: 'mark_contacted', value: 'L-1' },
      userId: 'UA1',
      responseUrl: 'https://hooks.slack.com/actions/T1/1/x',
      messageTs: '',
      channelId: '',
      fromEphemeral: true,
    });
  });
  test('a click on a message says which message; one on an ephemeral message (container.is_ephemeral, no message) says so', () => {
    const onMessage = click({
      container: { type: 'message', message_ts: '17.1', channel_id: 'C1', is_ephemeral: false },
      message: { ts: '17.1', text: 'x' },
    });
    expect(readInteraction(request(onMessage), TOKEN, '')).toMatchObject({
      messageTs: '17.1',
      channelId: 'C1',
      fromEphemeral: false,
    });
    const onEphemeral = click({
      container: { type: 'message', message_ts: '18.2', channel_id: 'C1', is_ephemeral: true },
    });
    expect(readInteraction(request(onEphemeral), TOKEN, '')).toMatchObject({
      messageTs: '18.2',
      fromEphemeral: true,
    });
  });
  test('the lead id of a button and of a Reassign option are read, unusable ones are null', () => {
    expect(buttonLeadId({ value: ' L-1 ' })).toBe('L-1');
    expect(buttonLeadId({ value: '' })).toBeNull();
    expect(buttonLeadId({ value: 'x'.repeat(101) })).toBeNull();
    expect(pickedLeadAndRep({ selected_option: { value: 'L-1|UB2' } })).toEqual({
      leadId: 'L-1',
      toSlackId: 'UB2',
    });
    expect(pickedLeadAndRep({ selected_option: { value: 'L-1|' } })).toBeNull();
    expect(pickedLeadAndRep({})).toBeNull();
  });
  test.each([
    ['no payload', { parameter: {} }, 'no payload parameter'],
    ['not JSON', request('{nope'), 'payload is not JSON'],
    ['a JSON array', request('[1,2]'), 'payload is not a JSON object'],
    ['a wrong token', request(click({ token: 'nope' })), 'missing or wrong verification token'],
    [
      'a missing token',
      request(click({ token: undefined })),
      'missing or wrong verification token',
    ],
    [
      'another payload type',
      request(click({ type: 'view_submission' })),
      'unsupported payload type "view_submission"',
    ],
    [
      'an action without an action_id',
      request(click({ actions: [{ value: 'x' }] })),
      'action has no action_id',
    ],
    [
      'a response_url that is not Slack',
      request(click({ response_url: 'https://evil.example/x' })),
      'response_url is missing or not a Slack URL',
    ],
    [
      'a 100 kB payload',
      request('x'.repeat(100 * 1024)),
      'payload of 102400 characters is larger than 65536',
    ],
  ])('%s is ignored with a reason', (_what, req, reason) => {
    expect(readInteraction(req, TOKEN, '')).toEqual({ kind: 'IGNORED', reason });
  });
  test('with WEBAPP_SECRET set, the URL must carry k', () => {
    expect(readInteraction(request(click()), TOKEN, 's3cret').kind).toBe('IGNORED');
    expect(readInteraction(request(click(), { k: 's3cret' }), TOKEN, 's3cret').kind).toBe('ACTION');
  });
  test('with no verification token configured nothing is accepted', () => {
    expect(readInteraction(request(click({ token: '' })), '', '')).toMatchObject({
      kind: 'IGNORED',
    });
  });
  test('property: constant-time comparison agrees with === for non-empty strings', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        (a, b) => constantTimeEquals(a, b) === (a === b && a.length > 0),
      ),
    );
  });
});

describe('routing actions by action_id', () => {
  /** Services where anything but the secrets and the log fails the test if touched. */
  function untouchable(): { services: Services; warnings: string[] } {
    const warnings: string[] = [];
    const fail = (): never => {
      throw new Error('the router touched the workbook, lock or Slack for an ignored action');
    };
    const services = {
      secrets: { verificationToken: () => TOKEN, webappSecret: () => '' },
      log: { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} },
      workbook: { load: fail, loadLead: fail, commit: fail },
      lock: { withLock: fail },
      slack: { sendAll: fail, respond: fail },
    } as unknown as Services;
    return { services, warnings };
  }

  test.each([
    [
      'an action_id with no route',
      { action_id: 'delete_all', value: 'L-1' },
      'unknown action "delete_all"',
    ],
    [
      'pass_lead without a lead id',
      { action_id: 'pass_lead', value: '' },
      'pass_lead: button has no usable lead id',
    ],
    [
      'a Reassign option without a rep',
      { action_id: 'reassign_lead', selected_option: { value: 'L-1' } },
      'reassign_lead: reassign menu has no usable lead id or rep',
    ],
  ])('%s is ignored, logged, and nothing is read or locked', (_what, action, reason) => {
    const { services, warnings } = untouchable();
    const result = handleSlackRequest(services, request(click({ actions: [action] })));
    expect(result).toEqual({ kind: 'IGNORED', reason });
    expect(warnings).toEqual([`Slack request ignored: ${reason}`]);
  });
});

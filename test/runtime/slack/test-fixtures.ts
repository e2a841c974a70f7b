/**
 * A small workspace and helpers shared by the Slack emulator tests: fake runtime deps,
 * the emulator, the UrlFetchApp fake over it, and `api()` which calls a Web API method
 * the way the bundle does (JSON body, Bearer token, muted HTTP exceptions).
 */
import { Clock, makeClockDate } from '../clock';
import { newCounters } from '../counters';
import type { RoundTrip, RuntimeDeps } from '../deps';
import {
  SlackEmulator,
  createUrlFetchApp,
  type FakeUrlFetchApp,
  type SlackEmulatorOptions,
  type UrlFetchAppOptions,
} from './index';

export const BOT_TOKEN = 'xoxb-test-not-a-real-token';
export const VERIFICATION_TOKEN = 'verification-test-not-real';

export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';
export const CAROL = 'U0CAROL';
export const BOT = 'U0LEADBOT';
export const LEADS = 'C0LEADS';
export const RANDOM = 'C0RANDOM';

export interface Harness {
  deps: RuntimeDeps;
  clock: Clock;
  charges: RoundTrip[];
  slack: SlackEmulator;
  fetchApp: FakeUrlFetchApp;
  api(method: string, body: Record<string, unknown>, token?: string): ApiReply;
}

export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read Slack's JSON freely
  json: Record<string, any>;
}

export function makeHarness(
  overrides: Partial<SlackEmulatorOptions> = {},
  fetchOptions: UrlFetchAppOptions = {},
): Harness {
  const clock = new Clock();
  const charges: RoundTrip[] = [];
  const deps: RuntimeDeps = {
    clock,
    counters: newCounters(),
    DateClass: makeClockDate(clock),
    lockGuard: { currentExecutionHoldsScriptLock: () => true },
    timeZone: 'Asia/Jakarta',
    charge: (trip) => {
      charges.push(trip);
    },
  };
  const slack = new SlackEmulator(deps, {
    botToken: BOT_TOKEN,
    verificationToken: VERIFICATION_TOKEN,
    users: [
      { id: ALICE, name: 'alice' },
      { id: BOB, name: 'bob' },
      { id: CAROL, name: 'carol' },
      { id: BOT, name: 'leadbot', isBot: true },
    ],
    channels: [
      { id: LEADS, name: 'leads', members: [ALICE, BOB, BOT] },
      { id: RANDOM, name: 'random', members: [ALICE, CAROL] },
    ],
    ...overrides,
  });
  const fetchApp = createUrlFetchApp(deps, slack, fetchOptions);
  const api = (method: string, body: Record<string, unknown>, token = BOT_TOKEN): ApiReply => {
    const response = fetchApp.fetch(`https://slack.com/api/${method}`, {
      method: 'post',
      contentType: 'application/json; charset=utf-8',
      headers: { Authorization: `Bearer ${token}` },
      payload: JSON.stringify(body),
      muteHttpExceptions: true,
    });
    return {
      status: response.getResponseCode(),
      headers: response.getHeaders(),
      json: JSON.parse(response.getContentText()) as ApiReply['json'],
    };
  };
  return { deps, clock, charges, slack, fetchApp, api };
}

/** A lead message like the bundle's: a section and a primary button. */
export function leadBlocks(leadId: string): unknown[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `*New lead* ${leadId} for <@${ALICE}>` } },
    {
      type: 'actions',
      block_id: `lead_${leadId}`,
      elements: [
        {
          type: 'button',
          action_id: 'mark_contacted',
          value: leadId,
          style: 'primary',
          text: { type: 'plain_text', text: 'Mark as CONTACTED' },
        },
      ],
    },
  ];
}

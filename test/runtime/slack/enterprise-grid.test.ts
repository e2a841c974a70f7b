/**
 * Enterprise Grid payloads built by the Slack emulator. Sources: Slack's block_actions
 * interaction payload reference (api.slack.com/reference/interaction-payloads/block-actions:
 * in an Enterprise org user.team_id is the org's E… id, team may carry enterprise_id /
 * enterprise_name); bolt-js src/types (actions/block-action.ts, shortcuts/global-shortcut.ts:
 * `team` is null for org-wide (org app) installs, `enterprise` {id, name} and
 * `is_enterprise_install` boolean); bolt-js src/types/command/index.ts and Slack's "Implementing
 * slash commands" page: slash commands carry enterprise_id, enterprise_name and
 * is_enterprise_install as a string; migration.exchange reference: global member ids begin
 * with W or U.
 */
import { BOT_TOKEN, VERIFICATION_TOKEN, leadBlocks, makeHarness } from './test-fixtures';

const WANI = 'W0ANI';
const GRID_LEADS = 'C0GRID';

function grid(orgWide: boolean) {
  const h = makeHarness({
    teamId: 'T0GRIDWS',
    enterprise: { id: 'E0ACME', name: 'Acme Group', orgWide },
    users: [
      { id: WANI, name: 'ani' },
      { id: 'U0LEADBOT', name: 'leadbot', isBot: true },
    ],
    channels: [{ id: GRID_LEADS, name: 'leads', members: [WANI, 'U0LEADBOT'] }],
  });
  const posted = h.api('chat.postMessage', {
    channel: GRID_LEADS,
    text: 'Lead L-1',
    blocks: leadBlocks('L-1'),
  }).json;
  return { h, posted };
}

test('an org-wide install: team is null, enterprise names the org, is_enterprise_install is true, user.team_id is the E… id', () => {
  const { h, posted } = grid(true);
  const e = h.slack.clickEvent({
    userId: WANI,
    actionId: 'mark_contacted',
    value: 'L-1',
    message: { channel: GRID_LEADS, ts: posted.ts },
  });
  const payload = JSON.parse(e.parameter.payload);
  expect(payload.team).toBeNull();
  expect(payload.enterprise).toEqual({ id: 'E0ACME', name: 'Acme Group' });
  expect(payload.is_enterprise_install).toBe(true);
  expect(payload.user).toEqual({ id: WANI, username: 'ani', name: 'ani', team_id: 'E0ACME' });
  expect(payload.token).toBe(VERIFICATION_TOKEN);
});

test('a workspace of a Grid org (not an org-wide install): team carries the org, enterprise is set, not an enterprise install', () => {
  const { h, posted } = grid(false);
  const payload = JSON.parse(
    h.slack.clickEvent({
      userId: WANI,
      actionId: 'mark_contacted',
      message: { channel: GRID_LEADS, ts: posted.ts },
    }).parameter.payload,
  );
  expect(payload.team).toEqual({
    id: 'T0GRIDWS',
    domain: 'leads-test',
    enterprise_id: 'E0ACME',
    enterprise_name: 'Acme Group',
  });
  expect(payload.enterprise).toEqual({ id: 'E0ACME', name: 'Acme Group' });
  expect(payload.is_enterprise_install).toBe(false);
});

test('a slash command in a Grid org carries enterprise_id, enterprise_name and is_enterprise_install as text', () => {
  const { h } = grid(true);
  const e = h.slack.slashCommandEvent({ userId: WANI, command: '/leads' });
  expect(e.parameter).toMatchObject({
    user_id: WANI,
    team_id: 'T0GRIDWS',
    enterprise_id: 'E0ACME',
    enterprise_name: 'Acme Group',
    is_enterprise_install: 'true',
  });
});

test('a plain workspace keeps team, enterprise null and no enterprise fields in slash commands', () => {
  const h = makeHarness();
  const e = h.slack.slashCommandEvent({ userId: 'U0ALICE', command: '/leads' });
  expect(e.parameter.is_enterprise_install).toBe('false');
  expect('enterprise_id' in e.parameter).toBe(false);
  expect(h.api('auth.test', {}, BOT_TOKEN).json.is_enterprise_install).toBe(false);
  expect(grid(true).h.api('auth.test', {}).json).toMatchObject({
    enterprise_id: 'E0ACME',
    is_enterprise_install: true,
  });
});

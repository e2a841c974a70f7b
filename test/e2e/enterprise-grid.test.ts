/**
 * An Enterprise Grid org with the app installed org-wide, through dist/Code.js: member
 * ids begin with W, interaction payloads carry team: null and an enterprise object,
 * slash commands carry enterprise_id. Clicks, /leads and the manager's Take work as in
 * a plain workspace.
 */
import { formPostEvent } from '../runtime/slack/interaction-events';
import { World } from './world';

const ANI = 'W0ANI0001';
const BENI = 'W0BENI002';
const BOSS = 'W0BOSS003';

function gridWorld(settings: Record<string, string | number> = {}): World {
  const w = new World({
    enterprise: { id: 'E0ACME', name: 'Acme Group', orgWide: true },
    reps: [
      { name: 'Ani', slackId: ANI },
      { name: 'Beni', slackId: BENI },
      { name: 'Boss', slackId: BOSS, active: false },
    ],
    settings,
  });
  w.setSettings({ manager_slack_id: BOSS });
  return w;
}

test('W… reps get leads, mark them from an org-wide install’s payload (team null), and list them with /leads', () => {
  const w = gridWorld();
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  expect(w.lead(id).sales_slack_id).toBe(ANI);
  const event = w.rt.slack.clickEvent({
    userId: ANI,
    actionId: 'mark_contacted',
    value: id,
    message: w.messageRef(id),
  });
  const payload = JSON.parse(event.parameter.payload) as Record<string, unknown>;
  expect(payload).toMatchObject({
    team: null,
    enterprise: { id: 'E0ACME', name: 'Acme Group' },
    is_enterprise_install: true,
    user: { id: ANI, team_id: 'E0ACME' },
  });
  w.rt.run('doPost', event);
  expect(w.lead(id).stage).toBe('CONTACTED');
  expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED', 'CONTACTED']);

  const second = w.submit({ Name: 'Sari', Phone: '0813-1111-2222' })!;
  const command = w.rt.slack.slashCommandEvent({ userId: BENI, command: '/leads' });
  expect(command.parameter).toMatchObject({
    enterprise_id: 'E0ACME',
    is_enterprise_install: 'true',
  });
  w.rt.run('doPost', command);
  const [list] = w.rt.slack.ephemerals(BENI).slice(-1);
  expect(w.rt.slack.renderText(list)).toContain(second);
});

test('an escalated lead is taken by a W… manager from the escalation message', () => {
  const w = gridWorld({ escalation_threshold: 1, sla_minutes: 30 });
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  w.sweepAfter(30);
  expect(w.events(id)).toContain('ESCALATED');
  const [escalation] = w.rt.slack.dm(BOSS);
  w.rt.run(
    'doPost',
    w.rt.slack.clickEvent({
      userId: BOSS,
      actionId: 'take_lead',
      value: id,
      message: { channel: escalation.channel, ts: escalation.ts },
    }),
  );
  expect(w.lead(id).sales_slack_id).toBe(BOSS);
  expect(w.events(id)).toContain('REASSIGNED');
});

// Slack always sends `user` in a block_actions payload and `user_id` in a slash command
// (interaction payload reference; slash command payload fields): without them a Grid
// request is refused exactly as in a plain workspace.
test('a Grid click without its user, or a Grid /leads without user_id, is refused: nothing changes', () => {
  const w = gridWorld();
  const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
  const click = w.rt.slack.clickEvent({
    userId: ANI,
    actionId: 'mark_contacted',
    value: id,
    message: w.messageRef(id),
  });
  const payload = JSON.parse(click.parameter.payload) as Record<string, unknown>;
  delete payload.user;
  const before = w.lead(id);
  const eventsBefore = w.events(id);
  const lines = w.rt.logs.length;
  w.rt.run('doPost', formPostEvent(`payload=${encodeURIComponent(JSON.stringify(payload))}`));
  const command = w.rt.slack.slashCommandEvent({ userId: BENI, command: '/leads' });
  const fields = { ...command.parameter } as Record<string, string>;
  delete fields.user_id;
  const body = Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  w.rt.run('doPost', formPostEvent(body));
  expect(w.lead(id)).toEqual(before);
  expect(w.lead(id).stage).not.toBe('CONTACTED');
  expect(w.events(id)).toEqual(eventsBefore);
  expect(w.rt.slack.ephemerals(BENI)).toEqual([]);
  const logged = w.rt.logs
    .slice(lines)
    .map((l) => l.text)
    .join('\n');
  expect(logged).toContain('Slack request ignored: payload has no user or no action');
  expect(logged).toContain('Slack request ignored: slash command has no user');
});

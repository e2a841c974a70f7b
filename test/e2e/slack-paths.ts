/**
 * A deployed engine with 5,000 leads and every Slack path ready to be taken: a NEW lead
 * with its message in the leads channel, two escalated leads with the manager's
 * message. Shared by the 3-second test (slack-deadline.test.ts) and `npm run bench`,
 * which time the same five paths under the latency model.
 */
import type { LatencyModel } from '../runtime';
import { ESCALATION_CHANNEL, LEADS_CHANNEL, MANAGER, World } from './world';

export type SlackPath = 'click' | 'refused click' | '/leads' | 'manager Take' | 'manager Reassign';
export const SLACK_PATHS: readonly SlackPath[] = [
  'click',
  'refused click',
  '/leads',
  'manager Take',
  'manager Reassign',
];

export interface SlackPathWorld {
  w: World;
  /** A NEW lead inside its SLA, with its message in the leads channel. */
  fresh: string;
  /** Two escalated leads, each with the manager's message. */
  escalated: Array<{ id: string; ref: { channel: string; ts: string } }>;
}

/** Filler leads below the real ones: closed or contacted, 1 in 100 NEW and just assigned. */
function seedFillers(w: World, count: number): void {
  const sheet = w.rt.book.sheet('lead_sheet');
  const header = sheet.rows()[0].map(String);
  const first = sheet.rows().length + 1;
  const reps = ['UAYU0001', 'UBIMA0002', 'UCITRA003'];
  const names = ['Ayu', 'Bima', 'Citra'];
  const now = w.rt.clock.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const open = i % 100 === 1;
    const stage = open ? 'NEW' : ['CONTACTED', 'QUALIFIED', 'CLOSED_LOST'][i % 3];
    const at = new Date(now - (open ? 5 : 26 * 60) * 60_000);
    const lead: Record<string, string | number | Date> = {
      lead_id: `L-FILL-${String(i + 1).padStart(6, '0')}`,
      name: `Lead ${i + 1}`,
      phone: `62812${String(1_000_000 + i)}`,
      stage,
      assigned_sales: names[i % 3],
      sales_slack_id: reps[i % 3],
      route_count: 1,
      created_at: at,
      assigned_at: at,
      last_routed_at: at,
      contacted_at: open ? '' : at,
      email: `lead${i + 1}@example.com`,
      submission_key: `fill-${i + 1}`,
      submission_count: 1,
    };
    return header.map((h) => lead[h] ?? '');
  });
  sheet.setRawRows(rows, first);
}

/**
 * Finished messages in slack_outbox, as the archive keeps them (two days of sent
 * messages whose buttons are gone), one per filler lead, each with a Slack body of about
 * 1,200 characters: the outbox a busy team carries, which the Slack paths read.
 */
function seedOutbox(w: World, count: number): void {
  const sheet = w.rt.book.sheet('slack_outbox');
  const header = sheet.rows()[0].map(String);
  const at = new Date(w.rt.clock.now() - 60 * 60_000);
  const body = JSON.stringify({ channel: LEADS_CHANNEL, text: 'x'.repeat(1_200) });
  const rows = Array.from({ length: count }, (_, i) => {
    const item: Record<string, string | number | Date> = {
      id: `O-FILL-${i + 1}`,
      lead_id: `L-FILL-${String(i + 1).padStart(6, '0')}`,
      kind: 'ASSIGNMENT',
      route: 1,
      method: 'chat.postMessage',
      body,
      status: 'SENT',
      attempts: 1,
      created_at: at,
      sent_at: at,
      to_slack_id: 'UAYU0001',
      message_channel: LEADS_CHANNEL,
      message_ts: `1700000000.${String(i).padStart(6, '0')}`,
      button: 'GONE',
    };
    return header.map((h) => item[h] ?? '');
  });
  if (count) sheet.setRawRows(rows, sheet.rows().length + 1);
}

/**
 * The world; `latency` applies from the start (set-up, intake and sweep pay it too).
 * `outboxRows` finished messages are added to slack_outbox (0: only the world's own).
 */
export function slackPathWorld(
  latency: LatencyModel,
  leads = 5_000,
  outboxRows = 0,
): SlackPathWorld {
  const w = new World({
    latency,
    settings: {
      sla_minutes: 30,
      escalation_threshold: 1,
      leads_channel_id: LEADS_CHANNEL,
      escalation_channel_id: ESCALATION_CHANNEL,
    },
  });
  const a = w.submit({ Name: 'Ani', Phone: '0812-1111-0001' })!;
  const b = w.submit({ Name: 'Bayu', Phone: '0812-1111-0002' })!;
  w.sweepAfter(31);
  const messages = w.rt.slack.messages(ESCALATION_CHANNEL);
  const refOf = (id: string) => {
    const m = messages.find((x) => (x.text ?? '').includes(id));
    if (!m) throw new Error(`no escalation message for ${id}`);
    return { channel: m.channel, ts: m.ts };
  };
  const fresh = w.submit({ Name: 'Citra', Phone: '0812-1111-0003' })!;
  seedFillers(w, leads - 3);
  seedOutbox(w, outboxRows);
  w.rt.clock.advanceMinutes(1);
  return { w, fresh, escalated: [a, b].map((id) => ({ id, ref: refOf(id) })) };
}

/** Takes one path as Slack would send it; returns the doPost's answer time in ms. */
export function takePath(s: SlackPathWorld, path: SlackPath): number {
  const { w, fresh, escalated } = s;
  const owner = String(w.lead(fresh).sales_slack_id);
  const other = ['UAYU0001', 'UBIMA0002', 'UCITRA003'].find((u) => u !== owner)!;
  switch (path) {
    case 'click':
      w.click(owner, fresh);
      break;
    case 'refused click':
      w.click(other, fresh);
      break;
    case '/leads':
      w.rt.run('doPost', w.rt.slack.slashCommandEvent({ userId: owner, command: '/leads' }));
      break;
    case 'manager Take':
      w.rt.run(
        'doPost',
        w.rt.slack.clickEvent({
          userId: MANAGER,
          actionId: 'take_lead',
          value: escalated[0].id,
          message: escalated[0].ref,
        }),
      );
      break;
    case 'manager Reassign':
      w.rt.run(
        'doPost',
        w.rt.slack.clickEvent({
          userId: MANAGER,
          actionId: 'reassign_lead',
          selectedOption: `${escalated[1].id}|UCITRA003`,
          message: escalated[1].ref,
        }),
      );
      break;
  }
  const record = w.rt.executions[w.rt.executions.length - 1];
  if (record.entry !== 'doPost' || record.answeredAfterMs === undefined)
    throw new Error('takePath: the last execution is not the doPost');
  return record.answeredAfterMs;
}

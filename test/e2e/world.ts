/**
 * A deployed engine on the local runtime, the way a team would have it: dist/Code.js
 * loaded, a form linked, setup() run, Script Properties set, reps in sales_sheet and a
 * manager in settings. Tests, the demo and the benchmark all start from here and then
 * act as people do: submit the form, let time pass, click in Slack, edit the sheet.
 */
import { columnLetter } from '../../src/adapters/a1';
import { createRuntime, type LocalRuntime, type RuntimeOptions } from '../runtime';

export const BOT_TOKEN = 'xoxb-test-not-a-real-token';
export const VERIFICATION_TOKEN = 'verification-token-for-tests';
export const MANAGER = 'UMANAGER1';
export const LEADS_CHANNEL = 'CLEADS001';
export const ESCALATION_CHANNEL = 'CESCAL001';
/** The emulator's default bot user: it must be a member of channels it posts to. */
export const BOT_USER = 'U0LEADBOT';

export interface RepRow {
  name: string;
  slackId: string;
  active?: boolean | string;
  email?: string;
  /** Optional columns an admin adds to sales_sheet. */
  weight?: number | string;
  maxOpenLeads?: number | string;
  awayUntil?: Date | string;
  /** Comma-separated team names (the optional `team` column). */
  team?: string;
}

/** One row of routing_rules as an admin types it. */
export interface RuleRow {
  field: string;
  operator: string;
  value: string;
  team?: string;
  slaMinutes?: number | string;
  active?: boolean | string;
}

export const DEFAULT_REPS: RepRow[] = [
  { name: 'Ayu', slackId: 'UAYU0001' },
  { name: 'Bima', slackId: 'UBIMA0002' },
  { name: 'Citra', slackId: 'UCITRA003' },
];

export interface WorldOptions extends RuntimeOptions {
  reps?: RepRow[];
  /** Settings values written over the defaults (key → value as typed). */
  settings?: Record<string, string | number>;
  /** Leave these Script Properties unset. */
  withoutProperties?: Array<'SLACK_BOT_TOKEN' | 'SLACK_VERIFICATION_TOKEN'>;
  /** Skip linking a form. */
  noForm?: boolean;
  /** The linked form's question titles (default Name, Phone, Email). */
  formQuestions?: string[];
}

export type Row = Record<string, unknown>;

export class World {
  readonly rt: LocalRuntime;

  constructor(options: WorldOptions = {}) {
    const reps = options.reps ?? DEFAULT_REPS;
    const users = [
      ...reps
        .filter((r) => /^[UW]/.test(r.slackId))
        .map((r) => ({ id: r.slackId, name: r.name.toLowerCase() })),
      { id: MANAGER, name: 'manager' },
      { id: 'UOUTSIDER', name: 'outsider' },
    ];
    const uniqueUsers = users.filter((u, i) => users.findIndex((v) => v.id === u.id) === i);
    this.rt = createRuntime({
      botToken: BOT_TOKEN,
      verificationToken: VERIFICATION_TOKEN,
      users: uniqueUsers,
      channels: [
        { id: LEADS_CHANNEL, name: 'leads', members: [BOT_USER, ...uniqueUsers.map((u) => u.id)] },
        { id: ESCALATION_CHANNEL, name: 'escalations', members: [BOT_USER, MANAGER] },
      ],
      ...options,
    });
    const without = new Set(options.withoutProperties ?? []);
    if (!without.has('SLACK_BOT_TOKEN')) this.rt.properties.set('SLACK_BOT_TOKEN', BOT_TOKEN);
    if (!without.has('SLACK_VERIFICATION_TOKEN'))
      this.rt.properties.set('SLACK_VERIFICATION_TOKEN', VERIFICATION_TOKEN);
    if (!options.noForm)
      this.rt.book.linkForm({ questions: options.formQuestions ?? ['Name', 'Phone', 'Email'] });
    this.rt.run('setup');
    this.setReps(reps);
    this.setSettings({ manager_slack_id: MANAGER, ...(options.settings ?? {}) });
  }

  /** Replaces sales_sheet's rows, typed as an admin would. */
  setReps(reps: RepRow[]): void {
    const sheet = this.rt.book.sheet('sales_sheet');
    const optional: Array<[keyof RepRow, string]> = [
      ['weight', 'weight'],
      ['maxOpenLeads', 'max_open_leads'],
      ['awayUntil', 'away_until'],
      ['team', 'team'],
    ];
    for (const [field, column] of optional) {
      const header = sheet.rows()[0].map(String);
      if (reps.some((r) => r[field] !== undefined) && !header.includes(column))
        sheet.setCell(`${String.fromCharCode(65 + header.length)}1`, column);
    }
    const header = sheet.rows()[0].map(String);
    const old = sheet.rows().length;
    for (let row = old; row >= 2; row--) sheet.deleteRowAt(row);
    if (reps.length === 0) return;
    sheet.setRows(
      reps.map((rep) =>
        header.map<string | number | boolean | Date>(
          (h) =>
            ({
              name: rep.name,
              email: rep.email ?? '',
              slack_id: rep.slackId,
              active: rep.active ?? true,
              weight: rep.weight ?? '',
              max_open_leads: rep.maxOpenLeads ?? '',
              away_until: rep.awayUntil ?? '',
              team: rep.team ?? '',
            })[h] ?? '',
        ),
      ),
      2,
    );
  }

  /**
   * Replaces routing_rules' rows below the header (the example row setup() wrote
   * included), typed as an admin would, top to bottom.
   */
  setRules(rules: RuleRow[]): void {
    const sheet = this.rt.book.sheet('routing_rules');
    const header = sheet.rows()[0].map(String);
    for (let row = sheet.rows().length; row >= 2; row--) sheet.deleteRowAt(row);
    if (rules.length === 0) return;
    sheet.setRows(
      rules.map((rule) =>
        header.map(
          (h) =>
            ({
              field: rule.field,
              operator: rule.operator,
              value: rule.value,
              team: rule.team ?? '',
              sla_minutes: rule.slaMinutes ?? '',
              active: rule.active ?? true,
            })[h] ?? '',
        ),
      ),
      2,
    );
  }

  /** Types settings values into the `value` column, by key. */
  setSettings(values: Record<string, string | number>): void {
    const sheet = this.rt.book.sheet('settings');
    const rows = sheet.rows();
    const header = rows[0].map(String);
    const k = header.indexOf('key');
    const v = header.indexOf('value');
    for (const [key, value] of Object.entries(values)) {
      const index = rows.findIndex((r) => r[k] === key);
      if (index < 0) throw new Error(`no setting ${key}`);
      const row = rows[index].slice();
      row[v] = value;
      sheet.setRows([row], index + 1);
    }
  }

  /** An admin adds a column of their own to lead_sheet, after the last one. */
  addLeadColumn(header: string): void {
    const sheet = this.rt.book.sheet('lead_sheet');
    const width = sheet.rowValues(1).length;
    sheet.setCell(`${columnLetters(width + 1)}1`, header);
  }

  /** An admin types a value into one cell of a lead's row. */
  editLead(leadId: string, header: string, value: string | number | boolean): void {
    const sheet = this.rt.book.sheet('lead_sheet');
    const rows = sheet.rows();
    const column = rows[0].map(String).indexOf(header);
    const index = rows.findIndex((r) => r[rows[0].map(String).indexOf('lead_id')] === leadId);
    if (column < 0 || index < 1) throw new Error(`no ${header} / ${leadId}`);
    this.rt.book.sheet('lead_sheet').setCell(`${columnLetters(column + 1)}${index + 1}`, value);
  }

  /**
   * Writes `count` leads straight into lead_sheet (uncounted, like rows an earlier
   * month left): NEW and assigned round-robin, `due` of them past the SLA, the rest
   * assigned just now. For scale tests and the benchmark.
   */
  seedLeads(
    count: number,
    options: { due?: number; stage?: string; reps?: string[] } = {},
  ): string[] {
    const sheet = this.rt.book.sheet('lead_sheet');
    const header = sheet.rows()[0].map(String);
    const reps = options.reps ?? DEFAULT_REPS.map((r) => r.slackId);
    const names = new Map(DEFAULT_REPS.map((r) => [r.slackId, r.name]));
    const now = this.rt.clock.now();
    const due = options.due ?? 0;
    const ids: string[] = [];
    const rows = Array.from({ length: count }, (_, i) => {
      const id = `L-SEED-${String(i).padStart(7, '0')}`;
      ids.push(id);
      const owner = reps[i % reps.length];
      const assigned = new Date(i < due ? now - 2 * 24 * 3_600_000 : now);
      const values: Record<string, string | number | Date> = {
        lead_id: id,
        name: `Seeded lead ${i}`,
        phone: `62812${String(10_000_000 + i)}`,
        stage: options.stage ?? 'NEW',
        assigned_sales: names.get(owner) ?? owner,
        sales_slack_id: owner,
        route_count: 1,
        created_at: assigned,
        assigned_at: assigned,
        last_routed_at: assigned,
        phone_raw: `0812${String(10_000_000 + i)}`,
        slack_channel: `D${owner.slice(1)}`,
        slack_ts: `1700000000.${String(i).padStart(6, '0')}`,
        route_history: owner,
        submission_key: `SEED${i}`,
      };
      return header.map((h) => values[h] ?? '');
    });
    const firstEmpty = sheet.rows().length + 1;
    sheet.setRawRows(rows, firstEmpty);
    this.forgetSweepPlan();
    return ids;
  }

  /**
   * Drops the sweep's cached plan, as its expiry would: rows written straight into the
   * sheet are work the engine has not heard of.
   */
  forgetSweepPlan(): void {
    this.rt.cache.remove('lead-routing:next-work-at');
  }

  /** Rows of a sheet as objects keyed by header (values as getValues returns them). */
  table(sheetName: string): Row[] {
    const [header, ...rows] = this.rt.book.sheet(sheetName).rows();
    return rows
      .filter((r) => r.some((c) => c !== ''))
      .map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
  }

  leads(): Row[] {
    return this.table('lead_sheet');
  }

  lead(leadId: string): Row {
    const found = this.leads().find((l) => l.lead_id === leadId);
    if (!found) throw new Error(`no lead ${leadId}`);
    return found;
  }

  log(): Row[] {
    return this.table('routing_log');
  }

  events(leadId?: string): string[] {
    return this.log()
      .filter((r) => leadId === undefined || r.lead_id === leadId)
      .map((r) => String(r.event));
  }

  /** A form response arrives; returns the new lead id (or undefined when none was made). */
  submit(answers: Record<string, string>, options?: { duplicate?: boolean }): string | undefined {
    const before = new Set(this.leadIds());
    const records = this.rt.fireFormSubmit(answers, options);
    const failed = records.filter((r) => !r.ok);
    if (failed.length) throw failed[0].error;
    return this.leadIds().find((id) => !before.has(id));
  }

  /** Every lead_id in lead_sheet, read cheaply (no Date conversion). */
  leadIds(): string[] {
    const sheet = this.rt.book.sheet('lead_sheet');
    const column = sheet.rowValues(1).map(String).indexOf('lead_id') + 1;
    return column
      ? sheet
          .columnValues(column)
          .slice(1)
          .map(String)
          .filter((id) => id !== '')
      : [];
  }

  /** Lets minutes pass and runs the sweep (as its trigger would). */
  sweepAfter(minutes: number): unknown {
    this.rt.clock.advanceMinutes(minutes);
    return this.rt.run('runSlaSweep');
  }

  /** Where the lead's current message is (channel + ts), from the sheet. */
  messageRef(leadId: string): { channel: string; ts: string } {
    const lead = this.lead(leadId);
    return { channel: String(lead.slack_channel), ts: String(lead.slack_ts) };
  }

  /** A Slack user clicks "Mark as CONTACTED" on the lead's message. */
  click(
    userId: string,
    leadId: string,
    options: {
      message?: { channel: string; ts: string };
      token?: string;
      queryParams?: Record<string, string>;
    } = {},
  ): unknown {
    const event = this.rt.slack.clickEvent({
      userId,
      actionId: 'mark_contacted',
      value: leadId,
      message: options.message ?? this.messageRef(leadId),
      token: options.token,
      queryParams: options.queryParams,
    });
    return this.rt.run('doPost', event);
  }

  /** A rep types /leads (in their DM with the app); the list arrives as an ephemeral message. */
  leadsCommand(userId: string): unknown {
    return this.rt.run('doPost', this.rt.slack.slashCommandEvent({ userId, command: '/leads' }));
  }

  /** A rep clicks "Mark as CONTACTED" for a lead in the newest /leads list they see. */
  clickInList(userId: string, leadId: string): unknown {
    const list = this.rt.slack
      .ephemerals(userId)
      .filter((e) => JSON.stringify(e.blocks ?? []).includes(`"value":"${leadId}"`))
      .pop();
    if (!list) throw new Error(`${userId} sees no /leads list with ${leadId}`);
    const event = this.rt.slack.ephemeralClickEvent({
      userId,
      actionId: 'mark_contacted',
      value: leadId,
      ephemeral: { channel: list.channel, messageTs: list.messageTs },
    });
    return this.rt.run('doPost', event);
  }

  /** Every message a person sees in a channel or DM, rendered as text. */
  seen(channelOrUser: string): string[] {
    return this.rt.slack.messages(channelOrUser).map((m) => this.rt.slack.renderText(m));
  }
}

// ---- helpers for the reliability and security guarantees (issue 4) ----

/** The stored grid behind a test-facing sheet handle (the fake's model; read only). */
interface StoredGrid {
  rows: Array<Array<{ value: unknown; formula: string } | undefined> | undefined>;
}

/**
 * Every sheet's stored cells (value, and formula where there is one), as JSON text by
 * sheet name: a before/after snapshot, equal exactly when no cell's content differs.
 * It reads the fake's stored grid directly: rows() / formulas() find the data range by
 * scanning all 1000 × 26 formatted cells (fast under tsx, ~50× slower under jest),
 * which a thousand-request property test cannot afford twice per request.
 */
export function snapshotBook(w: World): Record<string, string> {
  return Object.fromEntries(
    w.rt.book.sheetNames().map((name) => {
      const grid = (w.rt.book.sheet(name) as unknown as { sheet?: StoredGrid }).sheet;
      if (!grid || !Array.isArray(grid.rows))
        throw new Error(
          'snapshotBook: the spreadsheet fake no longer keeps its cells in sheet.rows; update this helper',
        );
      const cells: Array<[number, number, unknown, string?]> = [];
      grid.rows.forEach((line, r) =>
        line?.forEach((cell, c) => {
          if (cell && (cell.value !== '' || cell.formula !== ''))
            cells.push(
              cell.formula ? [r + 1, c + 1, cell.value, cell.formula] : [r + 1, c + 1, cell.value],
            );
        }),
      );
      return [name, JSON.stringify(cells)];
    }),
  );
}

/** Names of the sheets that differ between two snapshots. */
export function changedSheets(
  before: Record<string, string>,
  after: Record<string, string>,
): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}

/**
 * Runs `hook` once, on the `nth` (1-based) request that reaches Slack (only requests
 * to `method` count when given), before the emulator handles it or, with
 * `after: true`, once it has. Everything the hook does (a nested execution, an
 * admin's edit) happens while the outer execution is waiting on UrlFetchApp.
 */
export function onSlackRequest(
  w: World,
  hook: (method: string) => void,
  options: { nth?: number; method?: string; after?: boolean } = {},
): { fired(): boolean } {
  const slack = w.rt.slack;
  const original = slack.receive.bind(slack);
  let seen = 0;
  let fired = false;
  slack.receive = (request) => {
    const url = new URL(request.url);
    const method =
      url.hostname === 'hooks.slack.com' ? 'response_url' : url.pathname.replace(/^\/api\//, '');
    const matches =
      !fired &&
      (options.method === undefined || options.method === method) &&
      ++seen === (options.nth ?? 1);
    if (matches && !options.after) {
      fired = true;
      hook(method);
    }
    const delivery = original(request);
    if (matches && options.after) {
      fired = true;
      hook(method);
    }
    return delivery;
  };
  return { fired: () => fired };
}

/**
 * Runs `hook` once, right after the next spreadsheet round trip that reads cells (the
 * one batchGet a use case starts with), so an admin's edit lands between the engine's
 * read and its write.
 */
export function afterNextSheetRead(w: World, hook: () => void): { fired(): boolean } {
  const deps = w.rt.deps;
  const original = deps.charge.bind(deps);
  let fired = false;
  deps.charge = (trip) => {
    original(trip);
    if (!fired && trip.kind === 'spreadsheet' && (trip.cellsRead ?? 0) > 0) {
      fired = true;
      hook();
    }
  };
  return { fired: () => fired };
}

/** Rows of slack_outbox as objects. */
export function outbox(w: World): Row[] {
  return w.table('slack_outbox');
}

/** A1 column letters of a 1-based column number (the engine's own, a pure function). */
export const columnLetters = columnLetter;

/** 1-based sheet row of a lead (undefined when it is not in lead_sheet). */
export function leadRow(w: World, leadId: string): number | undefined {
  const rows = w.rt.book.sheet('lead_sheet').rows();
  const k = rows[0].map(String).findIndex((h) => h.trim().toLowerCase() === 'lead_id');
  const index = rows.findIndex((r, i) => i > 0 && r[k] === leadId);
  return index < 1 ? undefined : index + 1;
}

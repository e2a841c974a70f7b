/**
 * The `dashboard` sheet's numbers, pure: computed by the SLA sweep from the leads it
 * has already read (no formulas, no extra reads). Where they sit on the sheet is the
 * adapter's business (adapters/dashboard-grid.ts).
 *
 * Days are the spreadsheet's local calendar days, given as `dayOf(epochMs)` →
 * 'yyyy-mm-dd' (the adapter builds it from Utilities.formatDate). "Today" is
 * dayOf(now); "last 7 days" is today and the 6 days before it; "last 30 days" is
 * today and the 29 before; the daily series is today and the 13 before, oldest first.
 *
 * Definitions, over the leads in lead_sheet (archived leads are no longer counted):
 * - Contacted lead: stage CONTACTED, QUALIFIED or CLOSED_LOST with a contacted_at.
 * - Assignment: one entry of route_history (a lead typed in with a sales_slack_id but
 *   no history counts as one assignment to that rep). Only the last entry has a
 *   recorded time: assigned_at (else last_routed_at, else created_at). An earlier
 *   entry i (0-based) is placed at its earliest possible time, created_at + i ×
 *   sla_minutes (a re-route needs a full SLA), never later than the last assignment.
 *   Entry 0 is therefore created_at: intake assigns at once.
 * Per rep (every rep of sales_sheet in sheet order, then anyone else who has held a
 * lead, by Slack id; at most MAX_REPS rows):
 * - Assigned today / 7 d / 30 d: assignments to the rep placed in that window.
 * - Contacted (30 d): contacted leads whose sales_slack_id is the rep, contacted_at
 *   in the last 30 days.
 * - Median minutes to contact: median of contacted_at − assigned_at over those leads
 *   (leads without assigned_at, or contacted before it, are left out); '' when none.
 * - SLA breaches (30 d): times the rep appears in route_history before the last entry
 *   (the lead was re-routed away from them), counted when that re-route (the next
 *   entry's time) falls in the last 30 days; a hand-on the rep chose (an entry of
 *   passed_by) is not a breach.
 * - Passed (30 d): the rep's entries in passed_by (pass_lead), placed like breaches.
 * - Qualified / Lost (30 d): leads at stage QUALIFIED / CLOSED_LOST whose sales_slack_id
 *   is the rep, contacted_at in the last 30 days (their conversion).
 * - Open now: stage NEW and sales_slack_id = the rep.
 * Overall:
 * - Leads today: created_at today.
 * - Contacted within SLA (30 d): of the contacted leads with contacted_at in the last
 *   30 days and a created_at, the share with contacted_at − created_at ≤ sla_minutes
 *   (a fraction 0..1; '' when there are none). "Leads contacted (30 d)" is that
 *   denominator.
 * - Escalations (30 d): escalated_at in the last 30 days.
 * - Unassigned now: stage NEW and no sales_slack_id.
 * Daily series: per day, leads created (created_at that day) and the share answered
 * within the SLA, defined as above over the leads contacted that day ('' when none).
 * Per team (the lead's `team`, compared without case; leads without one form the row
 * "(no team)"; teams in name order, that row last; at most MAX_TEAMS rows): leads today
 * and in 30 d (created_at), contacted 30 d and the share within the SLA as above,
 * escalations 30 d, open now (NEW with an owner) and unassigned now (NEW without).
 * A lead's SLA is its own (`sla_minutes` from its routing rule) when it has one, else
 * the setting's, everywhere above.
 */
import type { Lead } from './lead';
import type { Rep } from './rep';
import { parseStage } from './stage';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Rows of the per-rep table; more reps than this are left out (and said so). */
export const MAX_REPS = 50;
/** Days in the daily series. */
export const SERIES_DAYS = 14;
/** Rows of the per-team table; more teams than this are left out (and said so). */
export const MAX_TEAMS = 20;
/** The per-team table's label for leads no routing rule gave a team. */
export const NO_TEAM_LABEL = '(no team)';

export interface RepStats {
  name: string;
  slackId: string;
  assignedToday: number;
  assigned7d: number;
  assigned30d: number;
  contacted30d: number;
  /** Minutes, one decimal; null when the rep has no timed contact. */
  medianMinutesToContact: number | null;
  slaBreaches30d: number;
  /** Hand-ons the rep chose (pass_lead). */
  passed30d: number;
  qualified30d: number;
  lost30d: number;
  openNow: number;
}

export interface OverallStats {
  leadsToday: number;
  /** Contacted leads with contacted_at in the last 30 days and a created_at. */
  contacted30d: number;
  contactedWithinSla30d: number;
  /** contactedWithinSla30d / contacted30d (0..1, four decimals); null when none. */
  shareWithinSla30d: number | null;
  escalations30d: number;
  unassignedNow: number;
}

export interface TeamStats {
  /** The team as the first lead seen names it; NO_TEAM_LABEL for leads without one. */
  team: string;
  leadsToday: number;
  leads30d: number;
  contacted30d: number;
  /** 0..1, four decimals; null when none contacted. */
  shareWithinSla30d: number | null;
  escalations30d: number;
  openNow: number;
  unassignedNow: number;
}

export interface DailyPoint {
  /** 'yyyy-mm-dd', local. */
  day: string;
  leadsCreated: number;
  /** Contacted that day (with a created_at): the share's denominator. */
  contacted: number;
  /** 0..1, four decimals; null when nobody was contacted that day. */
  shareWithinSla: number | null;
}

export interface DashboardStats {
  /** 'yyyy-mm-dd', local. */
  today: string;
  /** At most MAX_REPS, in display order. */
  reps: RepStats[];
  /** Reps there were before the MAX_REPS cut. */
  repsTotal: number;
  overall: OverallStats;
  /** SERIES_DAYS points, oldest first, ending today. */
  daily: DailyPoint[];
  /** At most MAX_TEAMS, in display order. */
  teams: TeamStats[];
  /** Teams there were before the MAX_TEAMS cut. */
  teamsTotal: number;
}

export interface DashboardInput {
  leads: readonly Lead[];
  reps: readonly Rep[];
  /** settings.sla_minutes. */
  slaMinutes: number;
  /** Epoch ms. */
  now: number;
  /** Local calendar day of an instant: 'yyyy-mm-dd' in the spreadsheet's time zone. */
  dayOf: (epochMs: number) => string;
}

/** 'yyyy-mm-dd' of a Date's UTC calendar day (the proleptic Gregorian calendar, as Date uses). */
function isoDay(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('not a date');
  return date.toISOString().slice(0, 10);
}

/** The calendar day `n` days after `day` (n may be negative): '2026-03-01', -1 → '2026-02-28'. */
export function addDays(day: string, n: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a yyyy-mm-dd day: "${day}"`);
  // setUTCFullYear rather than Date.UTC, which would read the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + n);
  return isoDay(date);
}

/** 'yyyy-mm-dd' of an instant read as UTC wall time; with a zone's offset added first it is that zone's day. */
export function utcDay(epochMs: number): string {
  return isoDay(new Date(epochMs));
}

function isContacted(lead: Lead): boolean {
  const stage = parseStage(lead.stage);
  return (
    lead.contactedAt !== null &&
    (stage === 'CONTACTED' || stage === 'QUALIFIED' || stage === 'CLOSED_LOST')
  );
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(value * 10) / 10;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Slack ids of everyone who held the lead, oldest first (see "Assignment" above). */
function holders(lead: Lead): readonly string[] {
  if (lead.routeHistory.length) return lead.routeHistory;
  return lead.salesSlackId ? [lead.salesSlackId] : [];
}

/** Epoch ms of assignment `i` of `count` (see "Assignment" above); null when unknown. */
function assignmentTime(lead: Lead, i: number, count: number, settingSlaMs: number): number | null {
  const slaMs = lead.slaMinutes !== null ? lead.slaMinutes * MINUTE_MS : settingSlaMs;
  const last = lead.assignedAt ?? lead.lastRoutedAt ?? lead.createdAt;
  if (i === count - 1) return last;
  const first = lead.createdAt ?? last;
  if (first === null) return null;
  const earliest = first + i * slaMs;
  return last === null ? earliest : Math.min(earliest, last);
}

function emptyRep(name: string, slackId: string): RepStats {
  return {
    name,
    slackId,
    assignedToday: 0,
    assigned7d: 0,
    assigned30d: 0,
    contacted30d: 0,
    medianMinutesToContact: null,
    slaBreaches30d: 0,
    passed30d: 0,
    qualified30d: 0,
    lost30d: 0,
    openNow: 0,
  };
}

/** The windows of one computation: local days, and which of them an instant falls on. */
interface Windows {
  today: string;
  start7: string;
  start30: string;
  seriesStart: string;
  /** The local day of an instant; null for none, or one too old for any window. */
  dayOf(t: number | null): string | null;
  /** True for a day from `from` to today. */
  within(day: string | null, from: string): day is string;
}

function windowsOf(input: DashboardInput): Windows {
  const today = input.dayOf(input.now);
  // Instants this far back cannot fall on any day of the windows, whatever the zone.
  const tooOld = input.now - 32 * DAY_MS;
  return {
    today,
    start7: addDays(today, -6),
    start30: addDays(today, -29),
    seriesStart: addDays(today, -(SERIES_DAYS - 1)),
    dayOf: (t) => (t === null || t < tooOld ? null : input.dayOf(t)),
    within: (day, from): day is string => day !== null && day >= from && day <= today,
  };
}

/** Per-rep rows: sales_sheet order (one row per Slack id), then other holders by Slack id. */
class RepRows {
  private readonly rows: RepStats[] = [];
  private readonly byId = new Map<string, RepStats>();
  private readonly others = new Map<string, RepStats>();
  /** Minutes from assignment to contact, per row, for the median. */
  readonly minutes = new Map<RepStats, number[]>();

  constructor(reps: readonly Rep[]) {
    for (const rep of reps) {
      if (!rep.name && !rep.slackId) continue;
      if (rep.slackId && this.byId.has(rep.slackId)) continue;
      const row = emptyRep(rep.name || rep.slackId, rep.slackId);
      this.rows.push(row);
      if (rep.slackId) this.byId.set(rep.slackId, row);
    }
  }

  /** The row of a Slack id, made (after the roster's) for someone not on it. */
  rowFor(slackId: string, name: string): RepStats {
    let row = this.byId.get(slackId);
    if (!row) {
      row = emptyRep(name || slackId, slackId);
      this.byId.set(slackId, row);
      this.others.set(slackId, row);
    } else if (name && this.others.has(slackId) && row.name === slackId) row.name = name;
    return row;
  }

  /** Every row in display order, medians filled in. */
  all(): RepStats[] {
    for (const [row, list] of this.minutes) row.medianMinutesToContact = median(list);
    return [
      ...this.rows,
      ...[...this.others.values()].sort((a, b) =>
        a.slackId < b.slackId ? -1 : a.slackId > b.slackId ? 1 : 0,
      ),
    ];
  }
}

type TeamTally = TeamStats & { inSla: number };

/** Everything counted over the leads, before shares and order. */
interface Tally {
  reps: RepRows;
  overall: OverallStats;
  /** Leads created per local day of the series. */
  created: Map<string, number>;
  /** Leads contacted per local day of the series, and how many within their SLA. */
  contactedOn: Map<string, { contacted: number; inSla: number }>;
  /** By team key (lower case, spaces folded; '' for leads without a team). */
  teams: Map<string, TeamTally>;
}

function teamFor(teams: Map<string, TeamTally>, lead: Lead): TeamTally {
  const key = lead.team.trim().replace(/\s+/g, ' ').toLowerCase();
  let row = teams.get(key);
  if (!row) {
    row = {
      team: key ? lead.team.trim() : NO_TEAM_LABEL,
      leadsToday: 0,
      leads30d: 0,
      contacted30d: 0,
      shareWithinSla30d: null,
      escalations30d: 0,
      openNow: 0,
      unassignedNow: 0,
      inSla: 0,
    };
    teams.set(key, row);
  }
  return row;
}

/** Open now (NEW with an owner) and unassigned now (NEW without). */
function countOpen(tally: Tally, team: TeamTally, lead: Lead): void {
  if (parseStage(lead.stage) !== 'NEW') return;
  if (lead.salesSlackId) {
    tally.reps.rowFor(lead.salesSlackId, lead.assignedSales).openNow += 1;
    team.openNow += 1;
  } else {
    tally.overall.unassignedNow += 1;
    team.unassignedNow += 1;
  }
}

/** Leads today, in 30 days and per day of the series; escalations in 30 days. */
function countCreated(tally: Tally, team: TeamTally, lead: Lead, w: Windows): void {
  const createdDay = w.dayOf(lead.createdAt);
  if (createdDay === w.today) {
    tally.overall.leadsToday += 1;
    team.leadsToday += 1;
  }
  if (w.within(createdDay, w.start30)) team.leads30d += 1;
  if (w.within(createdDay, w.seriesStart))
    tally.created.set(createdDay, (tally.created.get(createdDay) ?? 0) + 1);
  if (w.within(w.dayOf(lead.escalatedAt), w.start30)) {
    tally.overall.escalations30d += 1;
    team.escalations30d += 1;
  }
}

/** Each holder's assignments in the windows, and the hand-ons away from them (passes, else breaches). */
function countAssignments(tally: Tally, lead: Lead, w: Windows, slaMs: number): void {
  const history = holders(lead);
  const days = history.map((_, i) => w.dayOf(assignmentTime(lead, i, history.length, slaMs)));
  // Each pass is one of the rep's hand-ons; the rest of them were missed SLAs.
  const passesLeft = new Map<string, number>();
  for (const id of lead.passedBy) passesLeft.set(id, (passesLeft.get(id) ?? 0) + 1);
  history.forEach((slackId, i) => {
    const isCurrent = i === history.length - 1 && slackId === lead.salesSlackId;
    const row = tally.reps.rowFor(slackId, isCurrent ? lead.assignedSales : '');
    const day = days[i];
    if (w.within(day, w.start30)) {
      row.assigned30d += 1;
      if (day >= w.start7) row.assigned7d += 1;
      if (day === w.today) row.assignedToday += 1;
    }
    if (i < history.length - 1 && w.within(days[i + 1], w.start30)) {
      const passes = passesLeft.get(slackId) ?? 0;
      if (passes > 0) {
        passesLeft.set(slackId, passes - 1);
        row.passed30d += 1;
      } else row.slaBreaches30d += 1;
    }
  });
}

/** A lead contacted in the last 30 days: its owner's contact, outcome and minutes; the SLA shares. */
function countContact(tally: Tally, team: TeamTally, lead: Lead, w: Windows, slaMs: number): void {
  if (!isContacted(lead)) return;
  const contactedAt = lead.contactedAt as number;
  const day = w.dayOf(contactedAt);
  if (!w.within(day, w.start30)) return;
  if (lead.salesSlackId) countOwnerContact(tally, lead, contactedAt);
  if (lead.createdAt === null) return;
  const leadSlaMs = lead.slaMinutes !== null ? lead.slaMinutes * MINUTE_MS : slaMs;
  const inSla = contactedAt - lead.createdAt <= leadSlaMs ? 1 : 0;
  tally.overall.contacted30d += 1;
  tally.overall.contactedWithinSla30d += inSla;
  team.contacted30d += 1;
  team.inSla += inSla;
  if (day >= w.seriesStart) {
    const point = tally.contactedOn.get(day) ?? { contacted: 0, inSla: 0 };
    point.contacted += 1;
    point.inSla += inSla;
    tally.contactedOn.set(day, point);
  }
}

function countOwnerContact(tally: Tally, lead: Lead, contactedAt: number): void {
  const row = tally.reps.rowFor(lead.salesSlackId, lead.assignedSales);
  row.contacted30d += 1;
  const stage = parseStage(lead.stage);
  if (stage === 'QUALIFIED') row.qualified30d += 1;
  if (stage === 'CLOSED_LOST') row.lost30d += 1;
  if (lead.assignedAt !== null && contactedAt >= lead.assignedAt) {
    const list = tally.reps.minutes.get(row) ?? [];
    list.push((contactedAt - lead.assignedAt) / MINUTE_MS);
    tally.reps.minutes.set(row, list);
  }
}

/** SERIES_DAYS points, oldest first, ending today. */
function dailySeries(tally: Tally, w: Windows): DailyPoint[] {
  const daily: DailyPoint[] = [];
  for (let i = 0; i < SERIES_DAYS; i++) {
    const day = addDays(w.seriesStart, i);
    const point = tally.contactedOn.get(day) ?? { contacted: 0, inSla: 0 };
    daily.push({
      day,
      leadsCreated: tally.created.get(day) ?? 0,
      contacted: point.contacted,
      shareWithinSla: share(point.inSla, point.contacted),
    });
  }
  return daily;
}

/** Teams with anything to show, in name order, "(no team)" last. */
function teamRows(teams: Map<string, TeamTally>): TeamStats[] {
  return [...teams.entries()]
    .filter(
      ([, t]) => t.leads30d + t.contacted30d + t.escalations30d + t.openNow + t.unassignedNow > 0,
    )
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([, { inSla, ...t }]) => ({ ...t, shareWithinSla30d: share(inSla, t.contacted30d) }));
}

/** Every number the dashboard shows, from the leads and reps as they are at `now`. */
export function dashboardStats(input: DashboardInput): DashboardStats {
  const slaMs = input.slaMinutes * MINUTE_MS;
  const w = windowsOf(input);
  const tally: Tally = {
    reps: new RepRows(input.reps),
    overall: emptyOverall(),
    created: new Map(),
    contactedOn: new Map(),
    teams: new Map(),
  };
  for (const lead of input.leads) {
    const team = teamFor(tally.teams, lead);
    countOpen(tally, team, lead);
    countCreated(tally, team, lead, w);
    countAssignments(tally, lead, w, slaMs);
    countContact(tally, team, lead, w, slaMs);
  }
  const overall = tally.overall;
  overall.shareWithinSla30d = share(overall.contactedWithinSla30d, overall.contacted30d);
  const all = tally.reps.all();
  const teams = teamRows(tally.teams);
  return {
    today: w.today,
    reps: all.slice(0, MAX_REPS),
    repsTotal: all.length,
    overall,
    daily: dailySeries(tally, w),
    teams: teams.slice(0, MAX_TEAMS),
    teamsTotal: teams.length,
  };
}

function emptyOverall(): OverallStats {
  return {
    leadsToday: 0,
    contacted30d: 0,
    contactedWithinSla30d: 0,
    shareWithinSla30d: null,
    escalations30d: 0,
    unassignedNow: 0,
  };
}

/** Stats for a dashboard with nothing in it yet (setup() writes it before the first sweep). */
export function emptyDashboardStats(): DashboardStats {
  return {
    today: '',
    reps: [],
    repsTotal: 0,
    overall: emptyOverall(),
    daily: [],
    teams: [],
    teamsTotal: 0,
  };
}

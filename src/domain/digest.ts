/**
 * The manager's daily digest, pure: when it is owed, and the figures it carries.
 *
 * When: once per local calendar day (the spreadsheet's time zone), at or after
 * `daily_digest_hour`, on business days only when `business_hours` is set (a day with
 * open hours that is not in `holidays`). The claim is the outbox row `DIGEST-<day>`,
 * queued under the script lock in the same commit as the rest of the sweep's work, so
 * overlapping sweeps queue one, and a run that dies before its commit leaves it owed.
 *
 * What, over the 24 hours before the digest is composed (`from` to `to`, epoch ms):
 * - Leads in: created_at in the period.
 * - Contacted: contacted_at in the period (stage CONTACTED, QUALIFIED or CLOSED_LOST);
 *   within the SLA when contacted_at is no later than the SLA deadline counted from
 *   created_at (the lead's own SLA from its routing rule, else sla_minutes; business
 *   hours apply, as for routing); minutes to first contact are
 *   contacted_at − created_at (wall-clock), their median one decimal.
 * - Re-routes: hand-overs queued in the period: distinct (lead, route ≥ 2) assignment
 *   messages in slack_outbox (a missed SLA, a pass, the manager's hand-over, the
 *   reminder when nobody else was free); the rep it moved from is route_history's
 *   entry before it. slack_outbox keeps rows 2 days, longer than the period.
 * - Escalations: escalated_at in the period (per rep: the owner at escalation).
 * - Per rep: assignments in the period (first assignments of leads in, plus hand-overs
 *   to them), and the figures above for the leads they contacted or lost.
 * - Still NEW: every lead at stage NEW now, oldest first.
 */
import { utcDay } from './dashboard';
import type { BusinessHours } from './business-hours';
import type { Lead } from './lead';
import type { OutboxItem } from './outbox';
import type { Rep } from './rep';
import { parseStage } from './stage';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The period the figures cover, ending when the digest is composed. */
export const DIGEST_PERIOD_MS = DAY_MS;

/** The outbox row id that claims the digest of a local day ('yyyy-mm-dd'). */
export function digestId(day: string): string {
  return `DIGEST-${day}`;
}

export interface DigestTiming {
  /** settings.daily_digest_hour; null = off. */
  hour: number | null;
  businessHours: BusinessHours;
  holidays: ReadonlySet<string>;
  /** Local time minus UTC at `now`, minutes. */
  offsetMinutes: number;
  now: number;
  /** Ids of every row in slack_outbox. */
  outboxIds: ReadonlySet<string>;
}

/** Local weekday, 0 = Monday … 6 = Sunday (business_hours' order), of a 'yyyy-mm-dd' day. */
function mondayFirstWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** Whether the team works on a local day: every day without business hours, else open days not in holidays. */
export function isBusinessDay(
  day: string,
  hours: BusinessHours,
  holidays: ReadonlySet<string>,
): boolean {
  if (hours === null) return true;
  return hours.days[mondayFirstWeekday(day)].length > 0 && !holidays.has(day);
}

/** The local day whose digest is owed now, or null (off, too early, not a business day, already queued). */
export function digestDue(timing: DigestTiming): string | null {
  if (timing.hour === null) return null;
  const local = timing.now + timing.offsetMinutes * MINUTE_MS;
  const day = utcDay(local);
  const hour = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
  if (hour < timing.hour) return null;
  if (!isBusinessDay(day, timing.businessHours, timing.holidays)) return null;
  return timing.outboxIds.has(digestId(day)) ? null : day;
}

/**
 * The next instant (epoch ms) a digest may be owed, for the sweep's plan: now when one
 * is owed, else the digest hour of the next local day that has not had one (the sweep
 * rechecks business days when it gets there). Infinity when the digest is off.
 */
export function nextDigestAt(timing: DigestTiming): number {
  if (timing.hour === null) return Infinity;
  if (digestDue(timing) !== null) return timing.now;
  const local = timing.now + timing.offsetMinutes * MINUTE_MS;
  const midnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const atToday = midnight + timing.hour * 3_600_000 - timing.offsetMinutes * MINUTE_MS;
  return atToday > timing.now ? atToday : atToday + DAY_MS;
}

export interface RepDigest {
  name: string;
  slackId: string;
  assigned: number;
  contacted: number;
  contactedWithinSla: number;
  /** Minutes, one decimal; null when none. */
  medianMinutesToContact: number | null;
  /** Hand-overs away from this rep. */
  movedAway: number;
  escalated: number;
}

export interface StillNew {
  leadId: string;
  name: string;
  ownerSlackId: string;
  ownerName: string;
  /** Epoch ms; null when unknown. */
  createdAt: number | null;
}

export interface DigestFigures {
  day: string;
  from: number;
  to: number;
  leadsIn: number;
  contacted: number;
  contactedWithinSla: number;
  medianMinutesToContact: number | null;
  reroutes: number;
  escalations: number;
  reps: RepDigest[];
  stillNew: StillNew[];
}

export interface DigestInput {
  day: string;
  leads: readonly Lead[];
  reps: readonly Rep[];
  outbox: readonly OutboxItem[];
  /** Epoch ms: the period is [to − DIGEST_PERIOD_MS, to). */
  to: number;
  /** The SLA deadline of a lead that came in at `createdAt` with its own SLA (null = the setting's); the sweep's SLA clock. */
  deadline: (createdAt: number, slaMinutes: number | null) => number;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(value * 10) / 10;
}

function isContacted(lead: Lead): boolean {
  const stage = parseStage(lead.stage);
  return (
    lead.contactedAt !== null &&
    (stage === 'CONTACTED' || stage === 'QUALIFIED' || stage === 'CLOSED_LOST')
  );
}

/** Every figure of the digest for the period ending at `to`. */
export function digestFigures(input: DigestInput): DigestFigures {
  const to = input.to;
  const from = to - DIGEST_PERIOD_MS;
  const inPeriod = (t: number | null): t is number => t !== null && t >= from && t < to;
  const rows: RepDigest[] = [];
  const byId = new Map<string, RepDigest>();
  const minutes = new Map<RepDigest, number[]>();
  const rowFor = (slackId: string, name: string): RepDigest => {
    let row = byId.get(slackId);
    if (!row) {
      row = {
        name: name || slackId,
        slackId,
        assigned: 0,
        contacted: 0,
        contactedWithinSla: 0,
        medianMinutesToContact: null,
        movedAway: 0,
        escalated: 0,
      };
      byId.set(slackId, row);
      rows.push(row);
    }
    return row;
  };
  for (const rep of input.reps) if (rep.slackId) rowFor(rep.slackId, rep.name);
  const leadsById = new Map(input.leads.map((lead) => [lead.leadId, lead]));
  const all: number[] = [];
  const figures: DigestFigures = {
    day: input.day,
    from,
    to,
    leadsIn: 0,
    contacted: 0,
    contactedWithinSla: 0,
    medianMinutesToContact: null,
    reroutes: 0,
    escalations: 0,
    reps: rows,
    stillNew: [],
  };
  for (const lead of input.leads) {
    if (inPeriod(lead.createdAt)) {
      figures.leadsIn += 1;
      const first = lead.routeHistory[0] ?? (lead.routeCount <= 1 ? lead.salesSlackId : '');
      if (first) rowFor(first, first === lead.salesSlackId ? lead.assignedSales : '').assigned += 1;
    }
    if (inPeriod(lead.escalatedAt)) {
      figures.escalations += 1;
      if (lead.salesSlackId) rowFor(lead.salesSlackId, lead.assignedSales).escalated += 1;
    }
    if (isContacted(lead) && inPeriod(lead.contactedAt)) {
      const contactedAt = lead.contactedAt;
      const row = lead.salesSlackId ? rowFor(lead.salesSlackId, lead.assignedSales) : null;
      figures.contacted += 1;
      if (row) row.contacted += 1;
      if (lead.createdAt !== null && contactedAt >= lead.createdAt) {
        const waited = (contactedAt - lead.createdAt) / MINUTE_MS;
        all.push(waited);
        if (row) minutes.set(row, [...(minutes.get(row) ?? []), waited]);
        if (contactedAt <= input.deadline(lead.createdAt, lead.slaMinutes)) {
          figures.contactedWithinSla += 1;
          if (row) row.contactedWithinSla += 1;
        }
      }
    }
    if (parseStage(lead.stage) === 'NEW')
      figures.stillNew.push({
        leadId: lead.leadId,
        name: lead.name,
        ownerSlackId: lead.salesSlackId,
        ownerName: lead.assignedSales,
        createdAt: lead.createdAt,
      });
  }
  const handovers = new Set<string>();
  for (const item of input.outbox) {
    if (item.kind !== 'ASSIGNMENT' || item.route < 2 || !inPeriod(item.createdAt)) continue;
    const key = `${item.leadId}#${item.route}`;
    if (handovers.has(key)) continue;
    handovers.add(key);
    figures.reroutes += 1;
    const history = leadsById.get(item.leadId)?.routeHistory ?? [];
    const fromRep = history[item.route - 2];
    const toRep = history[item.route - 1];
    if (fromRep) rowFor(fromRep, '').movedAway += 1;
    if (toRep) rowFor(toRep, '').assigned += 1;
  }
  for (const [row, list] of minutes) row.medianMinutesToContact = median(list);
  figures.medianMinutesToContact = median(all);
  figures.stillNew.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  figures.reps = rows.filter((r) => r.assigned + r.contacted + r.movedAway + r.escalated > 0);
  return figures;
}

/**
 * The SLA clock: a lead is due when its owner has held it for `sla_minutes` of open
 * time without marking it CONTACTED. Open time is every minute when `business_hours`
 * is empty (the seed's behaviour), else only the hours it names, minus holidays, in
 * the spreadsheet's time zone. A lead picked by a routing rule with `sla_minutes` carries
 * its own SLA, kept on the lead, so later edits to the rule do not move its deadline.
 */
import {
  addOpenMinutes,
  isOpen,
  nextOpening,
  type BusinessHours,
  type ZoneOffsets,
} from './business-hours';
import type { Lead } from './lead';

export interface SlaClock {
  /**
   * Instant (epoch ms) by which a lead assigned at `assignedAt` must be contacted.
   * @param slaMinutes the lead's own SLA (from its routing rule); omitted or null = the setting's
   */
  deadline(assignedAt: number, slaMinutes?: number | null): number;
  /** Whether the team is at work at `atMs` (re-routing happens only then). */
  isOpen(atMs: number): boolean;
  /** `atMs` when open, else the next opening. */
  nextOpening(atMs: number): number;
}

/** @param holidays local dates 'yyyy-mm-dd' */
export function slaClock(
  slaMinutes: number,
  hours: BusinessHours,
  holidays: ReadonlySet<string>,
  zone: ZoneOffsets,
): SlaClock {
  return {
    deadline: (assignedAt, own) =>
      addOpenMinutes(hours, holidays, zone, assignedAt, own ?? slaMinutes),
    isOpen: (atMs) => isOpen(hours, holidays, zone, atMs),
    nextOpening: (atMs) => nextOpening(hours, holidays, zone, atMs),
  };
}

/** Instant at which the current owner's SLA (the lead's own, else the setting's) runs out; null if unassigned. */
export function slaDeadline(lead: Lead, sla: SlaClock): number | null {
  return lead.assignedAt === null || !lead.salesSlackId
    ? null
    : sla.deadline(lead.assignedAt, lead.slaMinutes);
}

/** The SLA in minutes that applies to a lead: its rule's, else the setting's. */
export function leadSlaMinutes(lead: Pick<Lead, 'slaMinutes'>, settingMinutes: number): number {
  return lead.slaMinutes ?? settingMinutes;
}

export function isSlaExpired(lead: Lead, sla: SlaClock, now: number): boolean {
  const deadline = slaDeadline(lead, sla);
  return deadline !== null && now >= deadline;
}

/**
 * The SLA clock: a lead is due when its owner has held it for `sla_minutes` of open
 * time without marking it CONTACTED. Open time is every minute when `business_hours`
 * is empty (the seed's behaviour), else only the hours it names, minus holidays, in
 * the spreadsheet's time zone.
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
  /** Instant (epoch ms) by which a lead assigned at `assignedAt` must be contacted. */
  deadline(assignedAt: number): number;
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
    deadline: (assignedAt) => addOpenMinutes(hours, holidays, zone, assignedAt, slaMinutes),
    isOpen: (atMs) => isOpen(hours, holidays, zone, atMs),
    nextOpening: (atMs) => nextOpening(hours, holidays, zone, atMs),
  };
}

/** Instant at which the current owner's SLA runs out; null if unassigned. */
export function slaDeadline(lead: Lead, clock: SlaClock): number | null {
  return lead.assignedAt === null || !lead.salesSlackId ? null : clock.deadline(lead.assignedAt);
}

export function isSlaExpired(lead: Lead, clock: SlaClock, now: number): boolean {
  const deadline = slaDeadline(lead, clock);
  return deadline !== null && now >= deadline;
}

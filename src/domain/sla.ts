/**
 * The SLA clock: a lead is due when its owner has held it for the SLA without
 * marking it CONTACTED. Wall-clock minutes (business hours are a later rule).
 */
import type { Lead } from './lead';

/** Instant (epoch ms) at which the current owner's SLA runs out; null if unassigned. */
export function slaDeadline(lead: Lead, slaMinutes: number): number | null {
  return lead.assignedAt === null || !lead.salesSlackId ? null : lead.assignedAt + slaMinutes * 60_000;
}

export function isSlaExpired(lead: Lead, slaMinutes: number, now: number): boolean {
  const deadline = slaDeadline(lead, slaMinutes);
  return deadline !== null && now >= deadline;
}

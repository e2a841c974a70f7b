/**
 * The `dashboard` sheet's two moments. refreshDashboard: the SLA sweep, holding the
 * lock after its commit, turns the snapshot it already read (plus the changes it just
 * made) into the dashboard's numbers and writes them in one call; a failure there is
 * logged and never stops the sweep. buildDashboard: setup() creates the sheet, its
 * formats and its two charts, once.
 */
import { dashboardStats } from '../domain/dashboard';
import { errorText, RoutingError } from '../domain/errors';
import type { Lead, LeadPatch } from '../domain/lead';
import type { Settings } from '../domain/settings';
import type { DashboardBuilder, Services, WorkbookSnapshot } from './ports';

function withPatches(leads: readonly Lead[], patches: readonly LeadPatch[]): readonly Lead[] {
  if (patches.length === 0) return leads;
  const changes = new Map(patches.map((p) => [p.leadId, p.changes]));
  return leads.map((lead) => {
    const change = changes.get(lead.leadId);
    return change ? { ...lead, ...change } : lead;
  });
}

/**
 * Recomputes and writes the dashboard: one spreadsheet call whatever the number of
 * leads. Does nothing when the services have no dashboard (services.dashboard unset).
 * @param snapshot what the sweep read at the start of its run
 * @param now epoch ms of the run
 * @param applied the lead patches the sweep's commit applied (skipped ones left out)
 */
export function refreshDashboard(
  services: Services,
  snapshot: WorkbookSnapshot,
  settings: Settings,
  now: number,
  applied: readonly LeadPatch[] = [],
): void {
  const target = services.dashboard;
  if (!target) return;
  try {
    const stats = dashboardStats({
      leads: withPatches(snapshot.leads, applied),
      reps: snapshot.reps,
      slaMinutes: settings.slaMinutes,
      now,
      dayOf: (ms) => target.dayOf(ms),
    });
    target.write(stats, now);
  } catch (err) {
    // The dashboard is a view: routing must go on without it.
    if (err instanceof RoutingError) services.log.warn(`dashboard not refreshed: ${err.message}`);
    else services.log.error(`dashboard not refreshed: ${errorText(err, true)}`);
  }
}

/** setup()'s step for the dashboard: the sheet, its formats and its two charts, once. */
export function buildDashboard(builder: DashboardBuilder): string[] {
  return builder.build();
}

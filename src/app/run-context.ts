/**
 * The per-run context: what one run of a use case (an intake, a sweep, a click) works
 * with once it has read the workbook — the services, the settings, the run's instant
 * and its SLA clock — handed on as one value instead of four parameters.
 */
import type { Settings } from '../domain/settings';
import { slaClock, type SlaClock } from '../domain/sla';
import type { Services } from './ports';

export interface RunContext {
  services: Services;
  settings: Settings;
  /** Epoch ms the run stamps on what it writes (read from the Clock port once, at its start). */
  now: number;
  /** Deadlines in open time: sla_minutes, business hours and holidays in the spreadsheet's zone. */
  sla: SlaClock;
}

/** The context of a run that read `settings` and `holidays` at `now`. */
export function runContext(
  services: Services,
  settings: Settings,
  holidays: ReadonlySet<string>,
  now: number,
): RunContext {
  return { services, settings, now, sla: slaClockFor(services, settings, holidays) };
}

/** The SLA clock for this run: sla_minutes of open time in the spreadsheet's zone. */
export function slaClockFor(
  services: Services,
  settings: Settings,
  holidays: ReadonlySet<string>,
): SlaClock {
  return slaClock(settings.slaMinutes, settings.businessHours, holidays, services.localTime);
}

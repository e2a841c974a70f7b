/**
 * What doGet reports: whether the engine can read its sheets and how much is waiting,
 * as counts only. No lead, no phone, no name, no token.
 */
import { parseSettings } from '../domain/settings';
import { isSlaExpired } from '../domain/sla';
import { parseStage } from '../domain/stage';
import { slaClockFor } from './run-context';
import type { Services } from './ports';

export interface Health {
  ok: boolean;
  service: 'lead-routing';
  time: string;
  leadsNew?: number;
  leadsUnassigned?: number;
  leadsOverdue?: number;
  messagesPending?: number;
  error?: string;
}

export function checkHealth(services: Services): Health {
  const now = services.clock.now();
  const base = { service: 'lead-routing' as const, time: new Date(now).toISOString() };
  try {
    const snapshot = services.workbook.load();
    const settings = parseSettings(snapshot.settings);
    const open = snapshot.leads.filter((lead) => parseStage(lead.stage) === 'NEW');
    const sla = slaClockFor(services, settings, snapshot.holidays);
    return {
      ok: true,
      ...base,
      leadsNew: open.length,
      leadsUnassigned: open.filter((lead) => !lead.salesSlackId).length,
      leadsOverdue: open.filter((lead) => isSlaExpired(lead, sla, now)).length,
      messagesPending: snapshot.outbox.filter((item) => item.status === 'PENDING').length,
    };
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : 'ERROR';
    return { ok: false, ...base, error: code };
  }
}

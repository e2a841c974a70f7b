/** Small builders for domain tests: reps, leads and settings with readable defaults. */
import type { Lead } from '../../src/domain/lead';
import type { Rep } from '../../src/domain/rep';
import { parseSettings, type Settings } from '../../src/domain/settings';

export const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);
export const MINUTE = 60_000;

export function reps(...ids: Array<string | [string, boolean]>): Rep[] {
  return ids.map((entry, index) => {
    const [slackId, active] = Array.isArray(entry) ? entry : [entry, true];
    return rep({ slackId, active, index });
  });
}

export function rep(fields: Partial<Rep> & { slackId: string }): Rep {
  return {
    name: `Rep ${fields.slackId}`,
    email: '',
    active: true,
    index: 0,
    weight: 1,
    maxOpenLeads: null,
    awayUntil: null,
    teams: [],
    ...fields,
  };
}

export function lead(overrides: Partial<Lead> = {}): Lead {
  return {
    leadId: 'L-20261126-AAAA0001',
    name: 'Budi',
    phone: '6281234567890',
    phoneRaw: '0812-3456-7890',
    email: '',
    stage: 'NEW',
    assignedSales: '',
    salesSlackId: '',
    routeCount: 0,
    createdAt: T0,
    assignedAt: null,
    lastRoutedAt: null,
    contactedAt: null,
    escalatedAt: null,
    slackChannel: '',
    slackTs: '',
    routeHistory: [],
    submissionKey: '',
    submissionCount: 1,
    lastSubmittedAt: null,
    team: '',
    routingRule: '',
    slaMinutes: null,
    source: 'form',
    answers: '',
    passedBy: [],
    ...overrides,
  };
}

export function settings(values: Record<string, string | number> = {}): Settings {
  return parseSettings(new Map(Object.entries(values)));
}

/**
 * The SLA sweep: under the lock, read everything once, decide (assign the waiting,
 * re-route the overdue, escalate once), write every change in one commit and lease the
 * Slack messages owed; then, with the lock released, send them and record outcomes.
 * Clicks therefore never wait behind a slow Slack.
 */
import { logEntry, type LogEntry } from '../domain/lead';
import { describeRosterProblem, rosterProblems } from '../domain/rep';
import { planSweep } from '../domain/routing';
import { parseSettings } from '../domain/settings';
import { deliver, leaseBatch, type DeliveryReport } from './deliver';
import { noticesFor } from './notifications';
import type { GuardedLeadPatch, Services, WorkbookChanges } from './ports';
import { ESCALATED_PREFIX, ROSTER_PROBLEMS, escalatedLeadIds, pointerFrom, pointerState } from './state-keys';
import type { OutboxItem } from '../domain/outbox';

export interface SweepReport {
  assigned: number;
  rerouted: number;
  escalated: number;
  waiting: number;
  delivery: DeliveryReport;
}

const LOCK_MS = 30_000;

export function runSweep(services: Services): SweepReport {
  let batch: OutboxItem[] = [];
  const report = services.lock.withLock(LOCK_MS, (): SweepReport => {
    const now = services.clock.now();
    const snapshot = services.workbook.load();
    const settings = parseSettings(snapshot.settings);
    const plan = planSweep({ leads: snapshot.leads, reps: snapshot.reps, pointer: pointerFrom(snapshot.state), settings, now, escalated: escalatedLeadIds(snapshot.state) });
    const notices = noticesFor(services, plan.decisions, snapshot.outbox, settings, now);
    const log: LogEntry[] = [...notices.log];
    const state: Record<string, string | number | Date> = {};
    const leadPatches: GuardedLeadPatch[] = plan.decisions.map((d) => ({
      ...d.patch,
      expect: { stage: d.lead.stage, salesSlackId: d.lead.salesSlackId, routeCount: d.lead.routeCount },
    }));
    if (plan.decisions.some((d) => d.kind === 'ASSIGNED')) Object.assign(state, pointerState(plan.pointer));
    for (const d of plan.decisions) if (d.kind === 'ESCALATED') state[`${ESCALATED_PREFIX}${d.lead.leadId}`] = new Date(now);
    const problems = rosterProblems(snapshot.reps).map(describeRosterProblem).join('; ');
    if (problems !== (snapshot.state.get(ROSTER_PROBLEMS) ?? '')) {
      state[ROSTER_PROBLEMS] = problems;
      if (problems) {
        log.push(logEntry(now, 'ROSTER_PROBLEM', { detail: problems }));
        services.log.warn(problems);
      }
    }
    const cancelled = new Set(notices.outboxPatches.map((p) => p.id));
    const pending = [...snapshot.outbox.filter((item) => !cancelled.has(item.id)), ...notices.newOutbox];
    const leased = leaseBatch(pending, now);
    const leases = new Map(leased.leases.map((l) => [l.id, l.changes]));
    for (const item of notices.newOutbox) Object.assign(item, leases.get(item.id) ?? {});
    const changes: WorkbookChanges = {
      leadPatches,
      state,
      log,
      newOutbox: notices.newOutbox,
      outboxPatches: [...notices.outboxPatches, ...leased.leases.filter((l) => !notices.newOutbox.some((n) => n.id === l.id))],
    };
    const commit = services.workbook.commit(changes);
    const skipped = new Set(commit.skippedLeads.map((s) => s.leadId));
    batch = leased.batch.filter((item) => !(skipped.has(item.leadId) && notices.newOutbox.includes(item)));
    const count = (kind: string): number => plan.decisions.filter((d) => d.kind === kind && !skipped.has(d.lead.leadId)).length;
    return { assigned: count('ASSIGNED'), rerouted: count('REROUTED'), escalated: count('ESCALATED'), waiting: plan.waiting, delivery: { sent: 0, retrying: 0, failed: 0 } };
  });
  report.delivery = deliver(services, batch);
  return report;
}

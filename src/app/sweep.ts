/**
 * The SLA sweep: under the lock, read everything once, decide (assign the waiting,
 * re-route the overdue, escalate once), write every change in one commit and lease the
 * Slack messages owed (the manager's daily digest among them, once a day); then, with
 * the lock released, send them and record outcomes.
 * Clicks therefore never wait behind a slow Slack.
 */
import { logEntry, type LogEntry } from '../domain/lead';
import { availableReps, describeRosterProblem, rosterProblems } from '../domain/rep';
import { nextDeadline, openLeadCounts, planSweep } from '../domain/routing';
import { parseSettings } from '../domain/settings';
import { textsFor } from '../domain/texts';
import { deliver, leaseBatch, type DeliveryReport } from './deliver';
import { admitParked } from './intake';
import {
  assignmentNotice,
  availableAgainExcept,
  nobodyAvailableNotice,
  noticesFor,
} from './notifications';
import { routingProblems, teamReps } from '../domain/teams';
import { refreshDashboard } from './dashboard';
import { followLeads } from './follow-lead';
import { dailyDigest } from './digest';
import type { GuardedLeadPatch, Services, WorkbookChanges } from './ports';
import { runContext } from './run-context';
import {
  ESCALATED_PREFIX,
  ROSTER_PROBLEMS,
  escalatedLeadIds,
  rotationsFrom,
  rotationsState,
} from './state-keys';
import { leadsWithoutMessage, type OutboxItem } from '../domain/outbox';

export interface SweepReport {
  assigned: number;
  rerouted: number;
  escalated: number;
  waiting: number;
  delivery: DeliveryReport;
  /** Parked form responses admitted by this sweep. */
  parkedAdmitted?: number;
  /** True when nothing could be due yet and the sheets were not read. */
  skipped?: boolean;
}

const LOCK_MS = 30_000;
/**
 * Elapsed time (ms) after which a sweep leaves Slack delivery to the next run: Apps
 * Script ends an execution at 6 minutes, and a run must never stop halfway.
 */
export const DELIVERY_BUDGET_MS = 3 * 60_000;
/** Elapsed time (ms) after which no further Slack wave starts: room is left to record outcomes. */
export const DELIVERY_STOP_MS = 4 * 60_000;
/** Longest roster and rule problem text kept in routing_state_sheet and the log (characters). */
const MAX_PROBLEMS_CHARS = 5_000;

export function runSweep(services: Services): SweepReport {
  let batch: OutboxItem[] = [];
  const started = services.clock.now();
  // Skip the read only when the next sweep still comes no later than the planned work
  // (so work waits no longer than without a plan) and nothing is parked.
  const planned = services.schedule.nextWorkAt();
  if (
    planned !== null &&
    started + planned.everyMs <= planned.atMs &&
    services.parked.all().length === 0
  ) {
    return {
      assigned: 0,
      rerouted: 0,
      escalated: 0,
      waiting: 0,
      delivery: { sent: 0, retrying: 0, failed: 0 },
      skipped: true,
    };
  }
  const report = services.lock.withLock(LOCK_MS, (): SweepReport => {
    const now = services.clock.now();
    const snapshot = services.workbook.load();
    const settings = parseSettings(snapshot.settings);
    const ctx = runContext(services, settings, snapshot.holidays, now);
    const rotations = rotationsFrom(snapshot.state);
    const plan = planSweep({
      leads: snapshot.leads,
      reps: snapshot.reps,
      rotations,
      settings,
      now,
      escalated: escalatedLeadIds(snapshot.state),
      sla: ctx.sla,
    });
    const notices = noticesFor(ctx, plan.decisions, snapshot.outbox, snapshot.reps);
    const log: LogEntry[] = [...notices.log];
    const decided = new Set(plan.decisions.map((d) => d.lead.leadId));
    // Slack follows every lead: messages no longer true are cancelled, buttons that no
    // longer act are taken away (re-routes, reminders, hand edits of stage or owner).
    const changed = new Map(plan.decisions.map((d) => [d.lead.leadId, d.patch.changes]));
    const leadsAfter = new Map(
      snapshot.leads.map((lead) => [lead.leadId, { ...lead, ...(changed.get(lead.leadId) ?? {}) }]),
    );
    const follow = followLeads(
      services,
      leadsAfter,
      snapshot.outbox,
      now,
      textsFor(settings.language),
    );
    notices.newOutbox.push(...follow.newOutbox);
    notices.outboxPatches.push(...follow.outboxPatches);
    log.push(...follow.log);
    for (const lead of leadsWithoutMessage(snapshot.leads, snapshot.outbox)) {
      if (decided.has(lead.leadId)) continue;
      notices.newOutbox.push(assignmentNotice(ctx, lead));
      log.push(
        logEntry(now, 'NOTIFY_RETRY', {
          leadId: lead.leadId,
          toSlackId: lead.salesSlackId,
          detail: `no message was queued for route ${lead.routeCount} (a run stopped halfway); queued now`,
        }),
      );
    }
    const state: Record<string, string | number | Date> = {};
    const leadPatches: GuardedLeadPatch[] = plan.decisions.map((d) => ({
      ...d.patch,
      expect: {
        stage: d.lead.stage,
        salesSlackId: d.lead.salesSlackId,
        routeCount: d.lead.routeCount,
      },
    }));
    Object.assign(state, rotationsState(rotations, plan.rotations));
    for (const d of plan.decisions)
      if (d.kind === 'ESCALATED') state[`${ESCALATED_PREFIX}${d.lead.leadId}`] = new Date(now);
    // The manager hears once per stretch, per team whose leads wait (and once for leads without one).
    for (const { team, count } of plan.waitingByTeam.values()) {
      const notice = nobodyAvailableNotice(ctx, snapshot.state, count, '', team);
      notices.newOutbox.push(...notice.newOutbox);
      log.push(...notice.log);
      Object.assign(state, notice.state);
    }
    // A stretch ends only when someone of its team can take a lead again, not merely
    // because no lead waits (an admin closing the waiting lead makes nobody available).
    const held = openLeadCounts(snapshot.leads);
    Object.assign(
      state,
      availableAgainExcept(
        snapshot.state,
        new Set(plan.waitingByTeam.keys()),
        (team) => availableReps(teamReps(snapshot.reps, team), now, held).length > 0,
      ),
    );
    // The manager's daily digest: queued in this commit when owed (its outbox row is the claim).
    const digest = dailyDigest(services, snapshot, settings, ctx.sla, now);
    notices.newOutbox.push(...digest.newOutbox);
    log.push(...digest.log);
    const problems = [
      ...rosterProblems(snapshot.reps).map(describeRosterProblem),
      ...routingProblems(snapshot.rules, snapshot.reps),
      ...snapshot.duplicateLeadIds.map(
        (id) =>
          `lead_sheet: lead_id ${id} is on more than one row; only the first row is routed (delete the copy)`,
      ),
    ].join('; ');
    // One cell holds at most 50,000 characters: a long list (many broken rows) is cut
    // well short of it, so the sweep's own write never fails on it; Check set-up lists all.
    const shown =
      problems.length > MAX_PROBLEMS_CHARS
        ? `${problems.slice(0, MAX_PROBLEMS_CHARS - 60)}… (more: run Lead Routing → Check set-up)`
        : problems;
    if (shown !== (snapshot.state.get(ROSTER_PROBLEMS) ?? '')) {
      state[ROSTER_PROBLEMS] = shown;
      if (shown) {
        log.push(logEntry(now, 'ROSTER_PROBLEM', { detail: shown }));
        services.log.warn(shown);
      }
    }
    const cancelled = new Set(notices.outboxPatches.map((p) => p.id));
    const pending = [
      ...snapshot.outbox.filter((item) => !cancelled.has(item.id)),
      ...notices.newOutbox,
    ];
    const inBudget = services.clock.now() - started < DELIVERY_BUDGET_MS;
    const leased = inBudget ? leaseBatch(pending, now) : { batch: [], leases: [] };
    if (!inBudget) services.log.warn('sweep: Slack delivery left to the next run (time budget)');
    const leases = new Map(leased.leases.map((l) => [l.id, l.changes]));
    for (const item of notices.newOutbox) Object.assign(item, leases.get(item.id) ?? {});
    const changes: WorkbookChanges = {
      leadPatches,
      state,
      log,
      newOutbox: notices.newOutbox,
      outboxPatches: [
        ...notices.outboxPatches,
        ...leased.leases.filter((l) => !notices.newOutbox.some((n) => n.id === l.id)),
      ],
    };
    const commit = services.workbook.commit(changes);
    const skipped = new Set(commit.skippedLeads.map((s) => s.leadId));
    refreshDashboard(
      services,
      snapshot,
      settings,
      now,
      leadPatches.filter((p) => !skipped.has(p.leadId)),
    );
    batch = leased.batch.filter(
      (item) => !(skipped.has(item.leadId) && notices.newOutbox.includes(item)),
    );
    // The next sweep that has work: a deadline, a message due, or now while leads wait.
    const decidedNow = new Map(
      plan.decisions
        .filter((d) => !skipped.has(d.lead.leadId))
        .map((d) => [d.lead.leadId, d.patch.changes]),
    );
    const after = snapshot.leads.map((lead) => ({
      ...lead,
      ...(decidedNow.get(lead.leadId) ?? {}),
    }));
    let next = nextDeadline(after, escalatedLeadIds(snapshot.state), ctx.sla, now);
    for (const item of [...snapshot.outbox, ...notices.newOutbox]) {
      if (item.status === 'PENDING' && !cancelled.has(item.id))
        next = Math.min(next, item.nextAttemptAt ?? now);
    }
    next = Math.min(next, digest.nextAt);
    services.schedule.plan(next, settings.slaCheckEveryMinutes * 60_000);
    const count = (kind: string): number =>
      plan.decisions.filter((d) => d.kind === kind && !skipped.has(d.lead.leadId)).length;
    return {
      assigned: count('ASSIGNED'),
      rerouted: count('REROUTED'),
      escalated: count('ESCALATED'),
      waiting: plan.waiting,
      delivery: { sent: 0, retrying: 0, failed: 0 },
    };
  });
  report.delivery = deliver(services, batch, started + DELIVERY_STOP_MS);
  if (services.clock.now() - started < DELIVERY_BUDGET_MS)
    report.parkedAdmitted = admitParked(services);
  return report;
}

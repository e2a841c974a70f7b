/**
 * The SLA sweep: under the lock, read everything once, plan (planSweep and the pure steps
 * of domain/sweep-plan.ts: assign the waiting, re-route the overdue, escalate once), queue
 * the Slack messages owed (the manager's daily digest among them, once a day), write
 * every change in one commit and lease what is sent now; then, with the lock released,
 * send them and record outcomes. Clicks therefore never wait behind a slow Slack.
 * When the next deadline falls just after that (domain/sweep-timing.ts), the sweep
 * waits for it and runs one more such pass, so it re-routes at the deadline rather than
 * up to a check interval later. A sweep whose work is not due yet does not wait for the
 * lock: when another run holds it, the next sweep reads (readsOnlyAhead). One that waits
 * for it in vain leaves its work to the next sweep too (the menu's run fails instead).
 */
import { logEntry, type LogEntry } from '../domain/lead';
import { availableReps } from '../domain/rep';
import { openLeadCounts, planSweep, type SweepPlan } from '../domain/routing';
import { parseSettings } from '../domain/settings';
import {
  countApplied,
  guardedPatches,
  leadsAfter,
  nextSweepWork,
  sweepProblems,
} from '../domain/sweep-plan';
import { readsOnlyAhead, secondPassWaitMs, skipsReading } from '../domain/sweep-timing';
import { RoutingError } from '../domain/errors';
import { textsFor } from '../domain/texts';
import { deliver, leaseBatch, type DeliveryReport } from './deliver';
import { admitParked } from './intake';
import {
  assignmentNotice,
  availableAgainExcept,
  nobodyAvailableNotice,
  noticesFor,
} from './notifications';
import { teamReps, type Rotations } from '../domain/teams';
import { refreshDashboard } from './dashboard';
import { followLeads } from './follow-lead';
import { dailyDigest } from './digest';
import type { Services, WorkbookSnapshot } from './ports';
import { runContext, type RunContext } from './run-context';
import {
  ESCALATED_PREFIX,
  ROSTER_PROBLEMS,
  escalatedLeadIds,
  rotationsFrom,
  rotationsState,
} from './state-keys';
import { leadsWithoutMessage, type OutboxItem, type OutboxPatch } from '../domain/outbox';

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
  /**
   * With `skipped`: another run held the script lock, so the sweep changed nothing and
   * left its work to the next sweep: at once when it would only have read ahead of its
   * work (domain/sweep-timing.ts, readsOnlyAhead), else after waiting LOCK_MS for it.
   */
  lockBusy?: boolean;
  /**
   * Set when the sweep waited this long (ms) for work due just after its pass and then
   * ran a second pass (domain/sweep-timing.ts); the counts are both passes'.
   */
  secondPassAfterMs?: number;
}

const LOCK_MS = 30_000;
/** Lock timeout (ms) of a sweep that reads only ahead of its work: it does not wait. */
const AHEAD_LOCK_MS = 0;
/**
 * Elapsed time (ms) after which a sweep leaves Slack delivery to the next run: Apps
 * Script ends an execution at 6 minutes, and a run must never stop halfway. No second
 * pass starts after it either.
 */
export const DELIVERY_BUDGET_MS = 3 * 60_000;
/** Elapsed time (ms) after which no further Slack wave starts: room is left to record outcomes. */
export const DELIVERY_STOP_MS = 4 * 60_000;

export interface SweepOptions {
  /**
   * Fail with LOCK_TIMEOUT when another run holds the lock for LOCK_MS (the menu's run:
   * the admin is told). Otherwise (the trigger) the sweep warns and leaves its work to
   * the next sweep, as an intake parks its response: nothing is lost, and a time-driven
   * run does not fail because a long run (an intake waiting out the Sheets quota under
   * the lock) happened to be under way when it fell due.
   */
  failWhenBusy?: boolean;
}

/**
 * One sweep execution: a pass (or a skip, when nothing is due before the next sweep), then
 * at most one second pass at work due just after it (domain/sweep-timing.ts).
 */
export function runSweep(services: Services, options: SweepOptions = {}): SweepReport {
  const started = services.clock.now();
  const planned = services.schedule.nextWorkAt();
  const parked = services.parked.all().length;
  const first: { report: SweepReport; readAt: number | null } = skipsReading(
    planned,
    started,
    parked,
  )
    ? { report: skippedReport(), readAt: null }
    : firstPass(services, started, readsOnlyAhead(planned, started, parked), options);
  const wait = secondPassWaitMs({
    nextWorkAt:
      first.readAt === null
        ? (planned?.atMs ?? null)
        : (services.schedule.nextWorkAt()?.atMs ?? null),
    readAt: first.readAt,
    now: services.clock.now(),
    startedAt: started,
    latestStartMs: DELIVERY_BUDGET_MS,
  });
  if (wait === null) return first.report;
  services.pause(wait);
  let second: SweepReport;
  try {
    second = sweepPass(services, started).report;
  } catch (e) {
    // The first pass's work is written and sent; the next sweep does what this one could not.
    if (!(e instanceof RoutingError && e.code === 'LOCK_TIMEOUT')) throw e;
    services.log.warn(`sweep: second pass not run (${e.message})`);
    return first.report;
  }
  return withSecondPass(first.report, second, wait);
}

/**
 * The first pass. One that reads only ahead of its work does not wait for the lock; when
 * another run holds it (past LOCK_MS otherwise) the next sweep does the work.
 */
function firstPass(
  services: Services,
  started: number,
  ahead: boolean,
  options: SweepOptions,
): { report: SweepReport; readAt: number | null } {
  try {
    return sweepPass(services, started, ahead ? AHEAD_LOCK_MS : LOCK_MS);
  } catch (e) {
    if (!(e instanceof RoutingError && e.code === 'LOCK_TIMEOUT')) throw e;
    if (ahead)
      services.log.info(
        'sweep: another run holds the lock and nothing is due yet; the next sweep reads',
      );
    else if (options.failWhenBusy) throw e;
    else services.log.warn(`sweep: not run (${e.message}); the next sweep does its work`);
    return { report: { ...skippedReport(), lockBusy: true }, readAt: null };
  }
}

function skippedReport(): SweepReport {
  return {
    assigned: 0,
    rerouted: 0,
    escalated: 0,
    waiting: 0,
    delivery: { sent: 0, retrying: 0, failed: 0 },
    skipped: true,
  };
}

/**
 * One pass: read, plan and commit under the lock, then send with the lock released and
 * take in parked responses while the execution's time budget allows.
 * @param started when the execution started (epoch ms): a second pass keeps the first's budgets
 * @param lockMs how long it waits for the script lock (ms)
 * @returns the pass's report and when it read the sheets (epoch ms)
 */
function sweepPass(
  services: Services,
  started: number,
  lockMs = LOCK_MS,
): { report: SweepReport; readAt: number } {
  let batch: OutboxItem[] = [];
  let readAt = started;
  const report = services.lock.withLock(lockMs, (): SweepReport => {
    const now = services.clock.now();
    readAt = now;
    const snapshot = services.workbook.load();
    const ctx = runContext(services, parseSettings(snapshot.settings), snapshot.holidays, now);
    const rotations = rotationsFrom(snapshot.state);
    const plan = planSweep({
      leads: snapshot.leads,
      reps: snapshot.reps,
      rotations,
      settings: ctx.settings,
      now,
      escalated: escalatedLeadIds(snapshot.state),
      sla: ctx.sla,
    });
    const work = queueSweepWork(ctx, snapshot, plan, rotations);
    const committed = commitSweep(ctx, snapshot, plan, work, started);
    batch = committed.batch;
    return committed.report;
  });
  report.delivery = deliver(services, batch, started + DELIVERY_STOP_MS);
  if (services.clock.now() - started < DELIVERY_BUDGET_MS)
    report.parkedAdmitted = admitParked(services);
  return { report, readAt };
}

/** The execution's report: both passes' counts, the second pass's waiting leads. */
function withSecondPass(first: SweepReport, second: SweepReport, waitedMs: number): SweepReport {
  const parked = (first.parkedAdmitted ?? 0) + (second.parkedAdmitted ?? 0);
  return {
    assigned: first.assigned + second.assigned,
    rerouted: first.rerouted + second.rerouted,
    escalated: first.escalated + second.escalated,
    waiting: second.waiting,
    delivery: {
      sent: first.delivery.sent + second.delivery.sent,
      retrying: first.delivery.retrying + second.delivery.retrying,
      failed: first.delivery.failed + second.delivery.failed,
    },
    ...(first.parkedAdmitted !== undefined || second.parkedAdmitted !== undefined
      ? { parkedAdmitted: parked }
      : {}),
    secondPassAfterMs: waitedMs,
  };
}

/** What the sweep writes besides its lead patches: messages, their changes, log rows, state. */
interface SweepWork {
  newOutbox: OutboxItem[];
  outboxPatches: OutboxPatch[];
  log: LogEntry[];
  state: Record<string, string | number | Date>;
  /** When the next daily digest may be owed (Infinity = off). */
  digestAt: number;
}

/** Queues every message and row the plan owes, in the order they are written. */
function queueSweepWork(
  ctx: RunContext,
  snapshot: WorkbookSnapshot,
  plan: SweepPlan,
  rotations: Rotations,
): SweepWork {
  const notices = noticesFor(ctx, plan.decisions, snapshot.outbox, snapshot.reps);
  const work: SweepWork = {
    newOutbox: notices.newOutbox,
    outboxPatches: notices.outboxPatches,
    log: [...notices.log],
    state: {},
    digestAt: Infinity,
  };
  // Slack follows every lead: messages no longer true are cancelled, buttons that no
  // longer act are taken away (re-routes, reminders, hand edits of stage or owner).
  const after = leadsAfter(snapshot.leads, plan.decisions);
  const follow = followLeads(
    ctx.services,
    new Map(after.map((lead) => [lead.leadId, lead])),
    snapshot.outbox,
    ctx.now,
    textsFor(ctx.settings.language),
  );
  work.newOutbox.push(...follow.newOutbox);
  work.outboxPatches.push(...follow.outboxPatches);
  work.log.push(...follow.log);
  requeueMissing(ctx, snapshot, plan, work);
  queueState(ctx, snapshot, plan, work, rotations);
  // The manager's daily digest: queued in this commit when owed (its outbox row is the claim).
  const digest = dailyDigest(ctx, snapshot);
  work.newOutbox.push(...digest.newOutbox);
  work.log.push(...digest.log);
  work.digestAt = digest.nextAt;
  const shown = sweepProblems(snapshot.reps, snapshot.rules, snapshot.duplicateLeadIds);
  if (shown !== (snapshot.state.get(ROSTER_PROBLEMS) ?? '')) {
    work.state[ROSTER_PROBLEMS] = shown;
    if (shown) {
      work.log.push(logEntry(ctx.now, 'ROSTER_PROBLEM', { detail: shown }));
      ctx.services.log.warn(shown);
    }
  }
  return work;
}

/** An assigned lead whose message was never queued (a run stopped halfway) gets it now. */
function requeueMissing(
  ctx: RunContext,
  snapshot: WorkbookSnapshot,
  plan: SweepPlan,
  work: SweepWork,
): void {
  const decided = new Set(plan.decisions.map((d) => d.lead.leadId));
  for (const lead of leadsWithoutMessage(snapshot.leads, snapshot.outbox)) {
    if (decided.has(lead.leadId)) continue;
    work.newOutbox.push(assignmentNotice(ctx, lead));
    work.log.push(
      logEntry(ctx.now, 'NOTIFY_RETRY', {
        leadId: lead.leadId,
        toSlackId: lead.salesSlackId,
        detail: `no message was queued for route ${lead.routeCount} (a run stopped halfway); queued now`,
      }),
    );
  }
}

/**
 * Rotations, escalation keys, and the nobody-available stretches per team.
 * @param rotations the rotations planSweep was given: only the ones it moved are written
 */
function queueState(
  ctx: RunContext,
  snapshot: WorkbookSnapshot,
  plan: SweepPlan,
  work: SweepWork,
  rotations: Rotations,
): void {
  const { state } = work;
  Object.assign(state, rotationsState(rotations, plan.rotations));
  for (const d of plan.decisions)
    if (d.kind === 'ESCALATED') state[`${ESCALATED_PREFIX}${d.lead.leadId}`] = new Date(ctx.now);
  // The manager hears once per stretch, per team whose leads wait (and once for leads without one).
  for (const { team, count } of plan.waitingByTeam.values()) {
    const notice = nobodyAvailableNotice(ctx, snapshot.state, count, '', team);
    work.newOutbox.push(...notice.newOutbox);
    work.log.push(...notice.log);
    Object.assign(state, notice.state);
  }
  // A stretch ends only when someone of its team can receive a lead again, not merely
  // because no lead waits (an admin closing the waiting lead makes nobody available).
  const held = openLeadCounts(snapshot.leads);
  Object.assign(
    state,
    availableAgainExcept(
      snapshot.state,
      new Set(plan.waitingByTeam.keys()),
      (team) => availableReps(teamReps(snapshot.reps, team), ctx.now, held).length > 0,
    ),
  );
}

/**
 * Leases what this run sends (unless its time budget is spent), writes everything in one
 * commit, refreshes the dashboard and sets the schedule.
 * @returns the report and the leased messages to send after the lock
 */
function commitSweep(
  ctx: RunContext,
  snapshot: WorkbookSnapshot,
  plan: SweepPlan,
  work: SweepWork,
  started: number,
): { report: SweepReport; batch: OutboxItem[] } {
  const { services, now } = ctx;
  const cancelled = new Set(work.outboxPatches.map((p) => p.id));
  const pending = [...snapshot.outbox.filter((item) => !cancelled.has(item.id)), ...work.newOutbox];
  const inBudget = services.clock.now() - started < DELIVERY_BUDGET_MS;
  const leased = inBudget ? leaseBatch(pending, now) : { batch: [], leases: [] };
  if (!inBudget) services.log.warn('sweep: Slack delivery left to the next run (time budget)');
  const leases = new Map(leased.leases.map((l) => [l.id, l.changes]));
  for (const item of work.newOutbox) Object.assign(item, leases.get(item.id) ?? {});
  const leadPatches = guardedPatches(plan.decisions);
  const commit = services.workbook.commit({
    leadPatches,
    state: work.state,
    log: work.log,
    newOutbox: work.newOutbox,
    outboxPatches: [
      ...work.outboxPatches,
      ...leased.leases.filter((l) => !work.newOutbox.some((n) => n.id === l.id)),
    ],
  });
  const skipped = new Set(commit.skippedLeads.map((s) => s.leadId));
  refreshDashboard(
    services,
    snapshot,
    ctx.settings,
    now,
    leadPatches.filter((p) => !skipped.has(p.leadId)),
  );
  // What this run sends is not planned work: its outcome is recorded right after, and a
  // retry or a deferral moves the schedule earlier then (deliver). Planning its lease made
  // every sweep that sent anything read again 10 minutes later. A run that dies while
  // sending leaves the lease to expire; the next sweep that reads (at most
  // MAX_IDLE_MINUTES after this plan) sends it again.
  const sending = new Set(leased.batch.map((item) => item.id));
  const next = nextSweepWork({
    leads: snapshot.leads,
    decisions: plan.decisions,
    skipped,
    escalated: escalatedLeadIds(snapshot.state),
    sla: ctx.sla,
    outbox: [...snapshot.outbox, ...work.newOutbox].filter(
      (item) => !cancelled.has(item.id) && !sending.has(item.id),
    ),
    digestAt: work.digestAt,
    now,
  });
  services.schedule.setNextWorkAt(next, ctx.settings.slaCheckEveryMinutes * 60_000);
  return {
    report: {
      ...countApplied(plan.decisions, skipped),
      waiting: plan.waiting,
      delivery: { sent: 0, retrying: 0, failed: 0 },
    },
    batch: leased.batch.filter(
      (item) => !(skipped.has(item.leadId) && work.newOutbox.includes(item)),
    ),
  };
}

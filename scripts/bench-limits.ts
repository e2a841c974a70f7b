/**
 * Benchmark of the platform limits of issue 10 that are about size and daily time
 * (helper 10A's part): trigger-minutes per day at 1,000 / 5,000 / 20,000 open leads for
 * 1- and 5-minute checks, and the live spreadsheet's grid cells per lifetime lead over a
 * simulated fortnight. Runs dist/Code.js on the local runtime, whole days minute by
 * minute, with a pessimistic latency model passed explicitly (below), so the figures
 * hold whatever the shared cost model (bench-model.ts) settles on.
 *
 *   npx tsx scripts/bench-limits.ts          (after npm run build; npm run bench runs it too)
 *   BENCH_LIMITS_SIZES=2000 npx tsx scripts/bench-limits.ts
 */
import { performance } from 'node:perf_hooks';
import { World } from '../test/e2e/world';
import type { LatencyModel } from '../test/runtime';
import { PESSIMISTIC_LATENCY } from '../test/runtime/latency';

/**
 * The project's one latency model at its slow end (test/runtime/latency.ts, where each
 * figure's source is given): 300 ms a Sheets call, 0.031 / 0.15 ms a cell read / written,
 * 600 ms an HTTP round trip, 300 ms to start an execution (the runtime charges it, so it
 * is in every execution's duration). The same object the Slack paths' figures and the
 * bench's cost model use (issue 10: one model). Before, this file had a harsher set of
 * its own (0.05 / 0.2 ms a cell, 1 s an HTTP request, 1 s start-up) with no source.
 */
export const PESSIMISTIC: LatencyModel = PESSIMISTIC_LATENCY;
export const CONSUMER_QUOTA_MIN = 90;

const MINUTE = 60_000;
const SLA_MINUTES = 60;
/** Share of new leads a rep contacts within the SLA; the rest are re-routed once. */
const CONTACTED_IN_TIME = 0.8;
const CONTACT_AFTER_MIN = 20;

export interface DayResult {
  openLeads: number;
  everyMinutes: number;
  newLeads: number;
  triggerRuns: number;
  /** Executions of the sweep trigger (runSlaSweep) in the day, reading or not. */
  sweepRuns: number;
  sweepsThatRead: number;
  /**
   * Modelled trigger runtime of the day, minutes (execution overhead included, and the
   * script-lock waits charged to sweeps that ran late behind another run: lockWaitMinutes).
   */
  triggerMinutes: number;
  /**
   * Of triggerMinutes: script-lock waits, minutes. The runtime runs one execution at a
   * time; a sweep due while an intake runs would start on time on Google and wait for the
   * lock inside its execution (test/runtime/services/lock-service.ts, platformWaitMs).
   */
  lockWaitMinutes: number;
  /** Trigger runs charged such a wait. */
  lockWaitRuns: number;
  /**
   * Sweeps that found the script lock busy and left their work to the next sweep: at once
   * when they would only have read ahead of it (src/domain/sweep-timing.ts, readsOnlyAhead),
   * else after waiting 30 s in vain (SweepReport.lockBusy).
   */
  lockBusySweeps: number;
  /** The same per hour of the day (by each execution's start), minutes. */
  hourlyMinutes: number[];
  failedRuns: number;
  reroutes: number;
  /** Largest delay between a lead's SLA deadline and its re-route, minutes. */
  maxLatenessMin: number;
  /** Smallest such delay, minutes: negative would be a re-route before its deadline. */
  minLatenessMin: number;
  /** Sweeps that waited for work due just after their pass and ran a second pass. */
  secondPasses: number;
  /** Longest intake run of the day, minutes (a sweep due in the same minute waits for it). */
  longestIntakeMin: number;
  nodeMs: number;
}

/**
 * The simulations' n-th form response: a distinct name, phone (prefix + 7 digits) and
 * email per simulation, so no two are taken for one person.
 * @returns the lead id, or undefined when none was made
 */
function submitLead(
  w: World,
  n: number,
  tag: { name: string; phone: string; email: string },
): string | undefined {
  return w.submit({
    Name: `${tag.name} ${n}`,
    Phone: `${tag.phone}${String(1_000_000 + n)}`,
    Email: `${tag.email}${n}@example.com`,
  });
}

/** A rep marks a lead contacted by hand (an edit in the sheet, no execution). */
function contact(w: World, leadId: string, column: number, stageColumn: number): void {
  const sheet = w.rt.book.sheet('lead_sheet');
  const row = sheet.columnValues(column).findIndex((v) => v === leadId);
  if (row < 1) return;
  const letter = String.fromCharCode(64 + stageColumn);
  sheet.setCell(`${letter}${row + 1}`, 'CONTACTED');
}

/**
 * The sweep trigger's next nominal fire time (epoch ms). The simulated day starts there,
 * so every sweep is due on a minute of the day, at the same instant as that minute's form
 * response; the runtime runs the response first, and a sweep that then takes the script
 * lock is charged the wait it would have had behind it on Google (the worst case: every
 * response meets a sweep due at its very start, with 1-minute checks).
 */
function nextSweepDue(w: World): number {
  const t = w.rt.triggers.find((x) => x.handler === 'runSlaSweep' && x.intervalMs !== undefined);
  if (!t?.intervalMs) throw new Error('triggerDay: no time-driven sweep trigger installed');
  const now = w.rt.clock.now();
  return t.lastFiredMs + Math.ceil((now - t.lastFiredMs) / t.intervalMs) * t.intervalMs;
}

/**
 * One day (24 h from 09:00 local) at `openLeads` open leads: `openLeads / 10` new leads
 * arrive evenly between 09:00 and 21:00 through the form; 80 % are contacted 20 minutes
 * after assignment, the rest once re-routed. Every time-driven trigger fires when due.
 * @param hours simulate only the day's first hours (its busiest: arrivals and re-routes)
 */
export function triggerDay(openLeads: number, everyMinutes: number, hours = 24): DayResult {
  const t0 = performance.now();
  const w = new World({
    latency: PESSIMISTIC,
    uuidSeed: 7,
    settings: { sla_minutes: SLA_MINUTES, sla_check_every_minutes: everyMinutes },
  });
  w.rt.run('setup'); // reinstall the sweep at the interval just set
  w.seedLeads(openLeads, { stage: 'CONTACTED' });
  const header = w.rt.book.sheet('lead_sheet').rowValues(1).map(String);
  const idColumn = header.indexOf('lead_id') + 1;
  const stageColumn = header.indexOf('stage') + 1;
  const newLeads = Math.max(1, Math.round(openLeads / 10));
  const start = nextSweepDue(w);
  const firstExecution = w.rt.executions.length;
  const arrivals = new Map<number, number>();
  for (let i = 0; i < newLeads; i++) {
    const minute = Math.floor((i * 12 * 60) / newLeads);
    arrivals.set(minute, (arrivals.get(minute) ?? 0) + 1);
  }
  const contacts = new Map<number, string[]>();
  let n = 0;
  for (let minute = 0; minute < hours * 60; minute++) {
    w.rt.clock.set(Math.max(w.rt.clock.now(), start + minute * MINUTE));
    for (let k = 0; k < (arrivals.get(minute) ?? 0); k++) {
      const id = submitLead(w, n, { name: 'Day lead', phone: '0813', email: 'day' });
      const inTime = n % 10 < CONTACTED_IN_TIME * 10;
      n++;
      if (!id) continue;
      const at = minute + (inTime ? CONTACT_AFTER_MIN : SLA_MINUTES + CONTACT_AFTER_MIN + 2);
      contacts.set(at, [...(contacts.get(at) ?? []), id]);
    }
    for (const id of contacts.get(minute) ?? []) contact(w, id, idColumn, stageColumn);
    w.rt.fireDueTriggers();
  }
  const runs = w.rt.executions.slice(firstExecution).filter((e) => e.kind === 'trigger');
  const ms = runs.reduce((sum, e) => sum + e.durationMs, 0);
  const hourlyMinutes = new Array<number>(hours).fill(0);
  for (const e of runs) {
    const hour = Math.min(hours - 1, Math.floor((e.startedMs - start) / (60 * MINUTE)));
    hourlyMinutes[hour] += e.durationMs / MINUTE;
  }
  const log = w.log();
  const lastAssigned = new Map<string, number>();
  let reroutes = 0;
  let maxLateness = 0;
  let minLateness = Infinity;
  for (const row of log) {
    const id = String(row.lead_id);
    const at = row.at instanceof Date ? row.at.getTime() : Number.NaN;
    if (row.event === 'REROUTED') {
      reroutes++;
      const prev = lastAssigned.get(id);
      if (prev !== undefined) {
        const lateness = (at - (prev + SLA_MINUTES * MINUTE)) / MINUTE;
        maxLateness = Math.max(maxLateness, lateness);
        minLateness = Math.min(minLateness, lateness);
      }
    }
    if (row.event === 'ASSIGNED' || row.event === 'REROUTED') lastAssigned.set(id, at);
  }
  return {
    openLeads,
    everyMinutes,
    newLeads,
    triggerRuns: runs.length,
    sweepRuns: runs.filter((e) => e.entry === 'runSlaSweep').length,
    sweepsThatRead: runs.filter(
      (e) => e.entry === 'runSlaSweep' && e.ok && !(e.value as { skipped?: boolean }).skipped,
    ).length,
    triggerMinutes: ms / MINUTE,
    lockWaitMinutes: runs.reduce((sum, e) => sum + e.lockWaitMs, 0) / MINUTE,
    lockWaitRuns: runs.filter((e) => e.lockWaitMs > 0).length,
    lockBusySweeps: runs.filter(
      (e) => e.entry === 'runSlaSweep' && e.ok && (e.value as { lockBusy?: boolean }).lockBusy,
    ).length,
    hourlyMinutes,
    failedRuns: runs.filter((e) => !e.ok).length,
    reroutes,
    maxLatenessMin: maxLateness,
    minLatenessMin: minLateness,
    secondPasses: runs.filter(
      (e) =>
        e.entry === 'runSlaSweep' &&
        e.ok &&
        (e.value as { secondPassAfterMs?: number } | null)?.secondPassAfterMs !== undefined,
    ).length,
    longestIntakeMin:
      Math.max(0, ...runs.filter((e) => e.entry === 'onFormSubmit').map((e) => e.durationMs)) /
      MINUTE,
    nodeMs: performance.now() - t0,
  };
}

/** Modelled duration of one execution of each kind at `openLeads` rows (overhead included), ms. */
export interface RunCosts {
  openLeads: number;
  readingSweepMs: number;
  skippedSweepMs: number;
  intakeMs: number;
}

function lastDuration(w: World): number {
  const e = w.rt.executions[w.rt.executions.length - 1];
  return e.durationMs;
}

/** Measures a reading sweep, a sweep that skips reading, and one intake at `openLeads` leads. */
export function runCosts(openLeads: number): RunCosts {
  const w = new World({
    latency: PESSIMISTIC,
    uuidSeed: 9,
    settings: { sla_minutes: SLA_MINUTES },
  });
  w.seedLeads(openLeads, { stage: 'CONTACTED' });
  w.rt.clock.advanceMinutes(1);
  w.submit({ Name: 'Probe', Phone: '081399999999', Email: 'probe@example.com' });
  const intakeMs = lastDuration(w);
  w.rt.clock.advanceMinutes(1);
  w.rt.run('runSlaSweepNow');
  const readingSweepMs = lastDuration(w);
  w.rt.clock.advanceMinutes(1);
  w.rt.run('runSlaSweep');
  const skippedSweepMs = lastDuration(w);
  return { openLeads, readingSweepMs, skippedSweepMs, intakeMs };
}

/**
 * Upper bound of a day's trigger-minutes from measured run costs: every sweep of the day
 * reads (the plan usually lets most skip), plus `openLeads / 10` intakes. Not in it: a
 * sweep's second pass (domain/sweep-timing.ts: waiting at most SECOND_PASS_HORIZON_MS
 * for a deadline just after its pass, then one more read), which adds at most that wait
 * and one reading sweep per pass; triggerDay's simulated day has them.
 */
export function dayUpperBoundMinutes(c: RunCosts, everyMinutes: number): number {
  const sweeps = (24 * 60) / everyMinutes;
  return (sweeps * c.readingSweepMs + (c.openLeads / 10) * c.intakeMs) / MINUTE;
}

export interface FortnightResult {
  days: number;
  lifetimeLeads: number;
  gridCellsStart: number;
  gridCellsEnd: number;
  /** Grid cells of the live spreadsheet at the end, per lead it has ever taken in. */
  cellsPerLifetimeLead: number;
  /** Growth over the second week, per lead taken in that week. */
  marginalCellsPerLead: number;
  bySheet: Record<string, number>;
  nodeMs: number;
}

function gridCells(w: World): number {
  return w.rt.book
    .sheetNames()
    .reduce((n, name) => n + w.rt.book.sheet(name).maxRows * w.rt.book.sheet(name).maxColumns, 0);
}

/**
 * A fortnight at `perDay` leads a day (09:00-21:00), default settings except 15-minute
 * checks (the grid does not depend on the interval): every lead contacted after 20
 * minutes and closed (QUALIFIED) two days later; the nightly archive runs.
 */
export function gridFortnight(perDay: number, days = 14): FortnightResult {
  const t0 = performance.now();
  const w = new World({ uuidSeed: 11, settings: { sla_check_every_minutes: 15 } });
  w.rt.run('setup');
  const header = w.rt.book.sheet('lead_sheet').rowValues(1).map(String);
  const idColumn = header.indexOf('lead_id') + 1;
  const stageColumn = header.indexOf('stage') + 1;
  const start = w.rt.clock.now();
  const gridCellsStart = gridCells(w);
  const due = new Map<number, Array<[string, string]>>();
  let n = 0;
  let midCells = 0;
  let midLeads = 0;
  for (let minute = 0; minute < days * 24 * 60; minute++) {
    if (minute === 7 * 24 * 60) {
      midCells = gridCells(w);
      midLeads = n;
    }
    w.rt.clock.set(Math.max(w.rt.clock.now(), start + minute * MINUTE));
    const inDay = minute % (24 * 60);
    if (
      inDay < 12 * 60 &&
      inDay % Math.floor((12 * 60) / perDay) === 0 &&
      inDay / Math.floor((12 * 60) / perDay) < perDay
    ) {
      const id = submitLead(w, n, { name: 'Lead', phone: '0814', email: 'f' });
      n++;
      if (id) {
        const contactAt = minute + CONTACT_AFTER_MIN;
        due.set(contactAt, [...(due.get(contactAt) ?? []), [id, 'CONTACTED']]);
        const closeAt = minute + 2 * 24 * 60;
        due.set(closeAt, [...(due.get(closeAt) ?? []), [id, 'QUALIFIED']]);
      }
    }
    for (const [id, stage] of due.get(minute) ?? []) {
      const sheet = w.rt.book.sheet('lead_sheet');
      const row = sheet.columnValues(idColumn).findIndex((v) => v === id);
      if (row > 0) sheet.setCell(`${String.fromCharCode(64 + stageColumn)}${row + 1}`, stage);
    }
    w.rt.fireDueTriggers();
  }
  const end = gridCells(w);
  const bySheet: Record<string, number> = {};
  for (const name of w.rt.book.sheetNames())
    bySheet[name] = w.rt.book.sheet(name).maxRows * w.rt.book.sheet(name).maxColumns;
  return {
    days,
    lifetimeLeads: n,
    gridCellsStart,
    gridCellsEnd: end,
    cellsPerLifetimeLead: end / n,
    marginalCellsPerLead: (end - midCells) / Math.max(1, n - midLeads),
    bySheet,
    nodeMs: performance.now() - t0,
  };
}

export interface SteadyStateResult {
  perDay: number;
  days: number;
  lifetimeLeads: number;
  /** Live grid cells at the end of each day (after the night's archive). */
  cellsByDay: number[];
  /** From `fromDay` to the end: grid cells added per lead taken in meanwhile. */
  marginalCellsPerLead: number;
  fromDay: number;
  cellsPerLifetimeLead: number;
  /** Rows in the yearly archive spreadsheets at the end, by sheet. */
  archivedRows: Record<string, number>;
  bySheet: Record<string, number>;
  nodeMs: number;
}

/**
 * The live spreadsheet's size once every window is full: `perDay` leads a day
 * (09:00-21:00), each contacted after 20 minutes and closed (QUALIFIED) two days later,
 * hourly checks (the grid does not depend on the interval; hourly keeps Node's time
 * down), the nightly archive firing as installed, with the given windows. A lead's rows
 * leave lead_sheet about archive_after_days + 2 days after it arrives and the live
 * spreadsheet yearly_archive_after_days later, so from then on the window is full: the
 * growth from `fromDay` to the end, per lead, is what a further lifetime lead costs the
 * live spreadsheet. The product's defaults (30 and 60 days) fill only after about 95
 * days, which takes the local runtime most of an hour; the bench uses short windows
 * (1 and 3 days, as the end-to-end test does), the same code path.
 */
export function gridSteadyState(
  perDay: number,
  windows: { archiveAfterDays: number; yearlyAfterDays: number },
  days: number,
  fromDay: number,
): SteadyStateResult {
  const t0 = performance.now();
  const w = new World({
    uuidSeed: 13,
    settings: {
      sla_check_every_minutes: 60,
      archive_after_days: windows.archiveAfterDays,
      yearly_archive_after_days: windows.yearlyAfterDays,
    },
  });
  w.rt.run('setup');
  const header = w.rt.book.sheet('lead_sheet').rowValues(1).map(String);
  const idColumn = header.indexOf('lead_id') + 1;
  const stageColumn = header.indexOf('stage') + 1;
  const start = w.rt.clock.now();
  const due = new Map<number, Array<[string, string]>>();
  const gap = Math.floor((12 * 60) / perDay);
  const cellsByDay: number[] = [];
  const STEP = 5;
  let n = 0;
  let leadsAtFrom = 0;
  for (let minute = 0; minute < days * 24 * 60; minute += STEP) {
    w.rt.clock.set(Math.max(w.rt.clock.now(), start + minute * MINUTE));
    const inDay = minute % (24 * 60);
    for (let m = inDay; m < inDay + STEP; m++) {
      if (m < 12 * 60 && m % gap === 0 && m / gap < perDay) {
        const id = submitLead(w, n, { name: 'Lead', phone: '0815', email: 's' });
        n++;
        if (id) {
          const at = minute - inDay + m;
          const contactAt = at + CONTACT_AFTER_MIN;
          due.set(contactAt, [...(due.get(contactAt) ?? []), [id, 'CONTACTED']]);
          const closeAt = at + 2 * 24 * 60;
          due.set(closeAt, [...(due.get(closeAt) ?? []), [id, 'QUALIFIED']]);
        }
      }
    }
    for (let m = minute; m < minute + STEP; m++)
      for (const [id, stage] of due.get(m) ?? []) {
        const sheet = w.rt.book.sheet('lead_sheet');
        const row = sheet.columnValues(idColumn).findIndex((v) => v === id);
        if (row > 0) sheet.setCell(`${String.fromCharCode(64 + stageColumn)}${row + 1}`, stage);
      }
    w.rt.fireDueTriggers();
    if ((minute + STEP) % (24 * 60) === 0) {
      cellsByDay.push(gridCells(w));
      if (cellsByDay.length === fromDay) leadsAtFrom = n;
    }
  }
  const archivedRows: Record<string, number> = {};
  for (const book of w.rt.createdSpreadsheets())
    for (const name of book.sheetNames())
      archivedRows[name] =
        (archivedRows[name] ?? 0) + Math.max(0, book.sheet(name).rows().length - 1);
  const bySheet: Record<string, number> = {};
  for (const name of w.rt.book.sheetNames())
    bySheet[name] = w.rt.book.sheet(name).maxRows * w.rt.book.sheet(name).maxColumns;
  const end = cellsByDay[cellsByDay.length - 1];
  return {
    perDay,
    days,
    lifetimeLeads: n,
    cellsByDay,
    fromDay,
    marginalCellsPerLead: (end - cellsByDay[fromDay - 1]) / Math.max(1, n - leadsAtFrom),
    cellsPerLifetimeLead: end / n,
    archivedRows,
    bySheet,
    nodeMs: performance.now() - t0,
  };
}

const f1 = (x: number): string => x.toFixed(1);
const int = (x: number): string => Math.round(x).toLocaleString('en-US');

/** The bench's section for these limits, printed line by line. */
export function printLimitsSection(print: (line?: string) => void): void {
  const m = PESSIMISTIC;
  print(
    `6. Platform limits (issue 10): pessimistic latency ${m.perSpreadsheetCallMs} ms per Sheets call, ${m.perCellReadMs} ms per cell read, ${m.perCellWrittenMs} ms per cell written, ${m.perFetchMs} ms per HTTP request, ${m.perExecutionMs ?? 0} ms start-up per execution (test/runtime/latency.ts, the model of every other section); trigger quota ${CONSUMER_QUOTA_MIN} min/day consumer, 360 min Workspace`,
  );
  print(
    "  6a. One run of each kind, measured (modelled s), and a day's upper bound if every sweep read (new leads a day = open / 10):",
  );
  for (const size of [1_000, 5_000, 20_000]) {
    const c = runCosts(size);
    print(
      `    ${int(size)} open leads: reading sweep ${f1(c.readingSweepMs / 1000)} s, sweep that skips reading ${f1(c.skippedSweepMs / 1000)} s, intake ${f1(c.intakeMs / 1000)} s; day upper bound ${f1(dayUpperBoundMinutes(c, 5))} trigger-min with 5-min checks, ${f1(dayUpperBoundMinutes(c, 1))} with 1-min checks`,
    );
  }
  print(
    '  6b. A simulated day at 2,000 open leads (200 new, 80% contacted in 20 min, the rest re-routed once), every trigger firing when due:',
  );
  for (const every of [5, 1]) {
    const d = triggerDay(2_000, every);
    print(
      `    ${every}-min checks: ${f1(d.triggerMinutes)} trigger-min, of which ${f1(d.lockWaitMinutes)} waiting for the script lock (${d.lockWaitRuns} runs; ${d.lockBusySweeps} sweeps found it busy and left their work to the next; ${d.triggerRuns} trigger runs, ${d.sweepRuns} sweeps, ${d.sweepsThatRead} of them read, ${d.failedRuns} failed), ${d.reroutes} re-routes, latest re-route ${f1(d.maxLatenessMin)} min after its SLA deadline (earliest ${f1(d.minLatenessMin)}; ${d.secondPasses} sweeps waited for a deadline just after their pass); Node ${f1(d.nodeMs / 1000)} s`,
    );
  }
  const g = gridFortnight(30);
  print(
    `  6c. Grid cells of the live spreadsheet over a simulated fortnight (30 leads a day, each contacted, closed after 2 days; default settings): ${int(g.gridCellsStart)} cells at the start, ${int(g.gridCellsEnd)} after ${int(g.lifetimeLeads)} lifetime leads = ${f1(g.cellsPerLifetimeLead)} cells per lifetime lead; second week ${f1(g.marginalCellsPerLead)} more cells per new lead; Node ${f1(g.nodeMs / 1000)} s`,
  );
  print(
    `    by sheet: ${Object.entries(g.bySheet)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(', ')}`,
  );
  const s = gridSteadyState(20, { archiveAfterDays: 1, yearlyAfterDays: 3 }, 14, 7);
  print(
    `  6d. Steady state with short windows (archive_after_days 1, yearly_archive_after_days 3; ${s.perDay} leads a day, closed after 2 days, ${s.days} simulated days, ${int(s.lifetimeLeads)} lifetime leads): live grid ${s.cellsByDay.map(int).join(' ')} cells at the end of each day; days ${s.fromDay}-${s.days}: ${f1(s.marginalCellsPerLead)} cells per further lead (the windows are full: a further lifetime lead costs the live spreadsheet nothing); ${f1(s.cellsPerLifetimeLead)} cells per lifetime lead on day ${s.days}; Node ${f1(s.nodeMs / 1000)} s`,
  );
  print(
    `    live by sheet: ${Object.entries(s.bySheet)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(', ')}; rows in the yearly archive: ${Object.entries(s.archivedRows)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(', ')}`,
  );
  print(
    '    With the defaults (30 and 60 days) the same flat line comes after about 95 days, at the level the windows hold (the leads of those days); not simulated here (most of an hour of Node time).',
  );
}

function main(): void {
  printLimitsSection((line = '') => console.log(line));
}

if (require.main === module) main();

/**
 * The benchmark's cost model, pure: what a counted run would cost on Apps Script, and
 * what the seed's access pattern would have cost for the same scenario.
 *
 * The figures are the local runtime's own latency model (test/runtime/latency.ts, with
 * their sources): the same object is handed to the runtime as its `latency`, so the
 * bench and the runtime can never disagree. A run costs a latency per spreadsheet round
 * trip, plus a cost per cell read and per cell written, plus a latency per HTTP round
 * trip: one UrlFetchApp.fetch, or one UrlFetchApp.fetchAll, whose requests Apps Script
 * sends in parallel (Tanaike, "Benchmark: fetchAll method in UrlFetch service"). Time the
 * script spends in Utilities.sleep is added by the caller (it is not a count). The
 * runtime charges every request of a fetchAll in turn, so its fake clock is an upper
 * bound of this model (runtimeChargeMs below).
 *
 * Limits used alongside: one execution may run 6 minutes, triggers 90 min a day in all
 * (6 h on Workspace) (https://developers.google.com/apps-script/guides/services/quotas); the Sheets API
 * allows 60 read and 60 write requests per minute per user per project
 * (https://developers.google.com/sheets/api/limits).
 */
import {
  LATENCY_SOURCES,
  PESSIMISTIC_LATENCY,
  TYPICAL_LATENCY,
  type LatencyModel,
} from '../test/runtime/latency';

/** The runtime's LatencyModel: it is passed to the runtime as `latency` unchanged. */
export type CostModel = LatencyModel;

/** What a run usually costs (the bench's table). */
export const APPS_SCRIPT_COSTS: CostModel = TYPICAL_LATENCY;
/** The slow end of every figure: the 3-second and 6-minute checks. */
export const APPS_SCRIPT_PESSIMISTIC: CostModel = PESSIMISTIC_LATENCY;

/** One line per figure, for the report's header. */
export const COST_SOURCES: readonly string[] = LATENCY_SOURCES;

/** Apps Script's limit for one execution. */
export const EXECUTION_LIMIT_MS = 6 * 60_000;
/** Sheets API write requests per minute per user per project. */
export const SHEETS_API_WRITES_PER_MINUTE = 60;

/** What a run did, as the runtime counts it (test/runtime/counters.ts). */
export interface AccessCounts {
  spreadsheetCalls: number;
  cellsRead: number;
  cellsWritten: number;
  /** HTTP requests (each request of a fetchAll counts). */
  fetches: number;
  /** HTTP round trips: UrlFetchApp.fetch and fetchAll invocations. */
  fetchCalls: number;
}

/** Modelled Apps Script time of a run's service calls, in milliseconds (sleeps not included). */
export function estimateMs(c: AccessCounts, m: CostModel = APPS_SCRIPT_COSTS): number {
  return estimateSheetsMs(c, m) + c.fetchCalls * m.perFetchMs;
}

/** The spreadsheet part only (no HTTP). */
export function estimateSheetsMs(c: AccessCounts, m: CostModel = APPS_SCRIPT_COSTS): number {
  return (
    c.spreadsheetCalls * m.perSpreadsheetCallMs +
    c.cellsRead * m.perCellReadMs +
    c.cellsWritten * m.perCellWrittenMs
  );
}

/** What the local runtime's latency model advances the fake clock by for these counts (every request charged). */
export function runtimeChargeMs(c: AccessCounts, m: CostModel = APPS_SCRIPT_COSTS): number {
  return estimateSheetsMs(c, m) + c.fetches * m.perFetchMs;
}

/**
 * The seed's sweep (seed/lead-routing-seed.txt, sections D-F): one read of lead_sheet
 * per scan, then for every due lead one row update and one Slack message, and for every
 * escalation a lookup of `escalated_<lead_id>` in routing_state_sheet and a write of it.
 */
export interface SeedScenario {
  /** Cells of one read of lead_sheet (header included), the same read our engine makes. */
  leadSheetCells: number;
  /** NEW leads past their SLA (re-routes + escalations). */
  dueLeads: number;
  /** Of those, the ones at the escalation threshold. */
  escalations: number;
  /** Cells one lookup reads: routing_state_sheet's key and value columns. */
  stateCellsPerLookup: number;
}

/** Cells one seed update writes: assigned_sales, sales_slack_id, route_count, assigned_at, last_routed_at. */
export const SEED_CELLS_PER_UPDATE = 5;
/** Cells one escalation flag write sets: key and value. */
export const SEED_CELLS_PER_FLAG = 2;

/** Counts for the seed's access pattern: calls = 1 read + due x 1 update + escalations x 2. */
export function seedAccess(s: SeedScenario): AccessCounts & { writeCalls: number } {
  return {
    spreadsheetCalls: 1 + s.dueLeads + 2 * s.escalations,
    cellsRead: s.leadSheetCells + s.escalations * s.stateCellsPerLookup,
    cellsWritten: s.dueLeads * SEED_CELLS_PER_UPDATE + s.escalations * SEED_CELLS_PER_FLAG,
    fetches: s.dueLeads,
    fetchCalls: s.dueLeads,
    writeCalls: s.dueLeads + s.escalations,
  };
}

/** Trigger runtime per day: 90 min on consumer accounts, 6 h on Workspace (quotas page above). */
export const TRIGGER_RUNTIME_PER_DAY_MS = { consumer: 90 * 60_000, workspace: 6 * 60 * 60_000 };

/** Minutes the Sheets API write quota alone needs for that many write requests. */
export function writeQuotaMinutes(writeCalls: number): number {
  return writeCalls / SHEETS_API_WRITES_PER_MINUTE;
}

/**
 * Rows at which a run reaches `budgetMs`, from two measurements on a straight line
 * (time = fixed + perRow x rows). Null when time does not grow with rows.
 */
export function rowsAtBudget(
  a: { rows: number; ms: number },
  b: { rows: number; ms: number },
  budgetMs: number = EXECUTION_LIMIT_MS,
): { perThousandRowsMs: number; rows: number } | null {
  const perRow = (b.ms - a.ms) / (b.rows - a.rows);
  if (!(perRow > 0)) return null;
  const fixed = a.ms - perRow * a.rows;
  return { perThousandRowsMs: perRow * 1000, rows: Math.floor((budgetMs - fixed) / perRow) };
}

/**
 * The benchmark's cost model, pure: what a counted run would cost on Apps Script, and
 * what the seed's access pattern would have cost for the same scenario.
 *
 * A run costs a fixed latency per spreadsheet round trip, plus a cost per cell read and
 * per cell written, plus a latency per HTTP round trip: one UrlFetchApp.fetch, or one
 * UrlFetchApp.fetchAll, whose requests Apps Script sends in parallel (Tanaike, "Benchmark:
 * fetchAll method in UrlFetch service", https://tanaikech.github.io/2018/04/19/benchmark-fetchall-method-in-urlfetch-service-for-google-apps-script/).
 * Time the script spends in Utilities.sleep is added by the caller (it is not a count).
 *
 * The same four numbers can be handed to the local runtime as its `latency` model
 * (test/runtime/index.ts). The runtime charges every request of a fetchAll in turn, so
 * its fake clock is an upper bound of this model (runtimeChargeMs below).
 *
 * Where the figures come from (published measurements, not ours):
 *
 * - perSpreadsheetCallMs = 30. A round trip that really reaches the spreadsheet.
 *   "What is faster: ScriptDb or SpreadsheetApp?" (Stack Overflow answer by Mogsdad,
 *   mirrored at https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp):
 *   400 row writes, each followed by flush(), took almost 12 s, so about 30 ms per
 *   committed call. Google's best-practices page
 *   (https://developers.google.com/apps-script/guides/support/best-practices, "Use batch
 *   operations") sets the background of 100 x 100 cells one call at a time in about
 *   70 s, against 1 s for one batched call: about 7 ms per call, helped by Apps Script's
 *   write cache. A Sheets API call (what this engine makes) is never cached, so we take
 *   the committed figure, 30 ms. A higher latency only widens the gap to the seed.
 * - perCellReadMs = 0.025. "12万行のデータ取得" follow-up by shi-suzuki
 *   (https://qiita.com/shi-suzuki/items/d23c6c7e4a0bbe2831af): 120,000 rows x 2 columns
 *   of plain text read in 6.03 s through the Sheets API (7.38 s with getValues), i.e.
 *   25-31 microseconds per cell.
 * - perCellWrittenMs = 0.1. Google's best-practices example again: one batched call
 *   writing 10,000 cells takes about 1 s, 0.1 ms per cell (Mogsdad: a 4,000-cell
 *   setValues plus flush in 610 ms, 0.15 ms per cell).
 * - perFetchMs = 500, per round trip. pre-practice.net, "UrlFetchApp.fetchAllを使って複数のfetchを同時に"
 *   (https://www.pre-practice.net/2020/03/urlfetchappfetchallfetch.html): three
 *   sequential UrlFetchApp.fetch calls to a Google API took 1.769 s (0.59 s each), the
 *   same three through fetchAll 0.929 s. Rounded down to 0.5 s per round trip.
 *
 * Limits used alongside: one execution may run 6 minutes, triggers 90 min a day in all
 * (6 h on Workspace) (https://developers.google.com/apps-script/guides/services/quotas); the Sheets API
 * allows 60 write requests per minute per user per project
 * (https://developers.google.com/sheets/api/limits).
 */

/** Same shape as the runtime's LatencyModel, so it can be passed as `latency`. */
export interface CostModel {
  perSpreadsheetCallMs: number;
  perCellReadMs: number;
  perCellWrittenMs: number;
  perFetchMs: number;
}

export const APPS_SCRIPT_COSTS: CostModel = {
  perSpreadsheetCallMs: 30,
  perCellReadMs: 0.025,
  perCellWrittenMs: 0.1,
  perFetchMs: 500,
};

/** One line per figure, for the report's header. */
export const COST_SOURCES: readonly string[] = [
  'per spreadsheet call 30 ms: Mogsdad (Stack Overflow, "What is faster: ScriptDb or SpreadsheetApp?"): 400 flushed row writes in ~12 s; Google best practices: 10,000 per-cell calls ~70 s (7 ms, write-cached)',
  'per cell read 0.025 ms: qiita.com/shi-suzuki/items/d23c6c7e4a0bbe2831af: 240,000 cells via Sheets API in 6.03 s (getValues 7.38 s)',
  'per cell written 0.1 ms: developers.google.com/apps-script/guides/support/best-practices: 10,000 cells in one batched call ~1 s',
  'per HTTP round trip 500 ms: pre-practice.net/2020/03/urlfetchappfetchallfetch.html: 3 sequential UrlFetchApp.fetch 1.769 s, one fetchAll of the 3 0.929 s (fetchAll runs in parallel: tanaikech.github.io 2018-04-19)',
];

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

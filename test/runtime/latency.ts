/**
 * The one latency model of the project: what each round trip costs in modelled Apps
 * Script time. The local runtime advances its fake clock by it (`latency` option), and
 * the benchmark's cost model (scripts/bench-model.ts) is this same object, so a bench
 * figure and a test's modelled time can never drift apart.
 *
 * Two figure sets:
 * - TYPICAL_LATENCY: what a run usually costs (the bench's table).
 * - PESSIMISTIC_LATENCY: the slow end of every published figure, for the checks that
 *   must hold on a bad day (Slack's 3 seconds, the 6-minute limit).
 *
 * Where the figures come from (published measurements, not ours; where nothing is
 * published we say so and take the reading that is harder on the product):
 *
 * - Per Sheets API call. Google publishes no latency. Published SpreadsheetApp figures
 *   are lower bounds: Mogsdad (Stack Overflow, "What is faster: ScriptDb or
 *   SpreadsheetApp?"): 400 row writes each followed by flush() in ~12 s, so ~30 ms per
 *   committed call; Google's best-practices page (developers.google.com/apps-script/
 *   guides/support/best-practices): 10,000 single-cell calls ~70 s, 7 ms each, helped by
 *   a write cache the advanced Sheets service does not have. An advanced-service call is
 *   a REST request through Google's front end; the only figure we have for that from
 *   Apps Script is the field observation in issue 10 ("150–300 ms"), so typical 150 ms,
 *   pessimistic 300 ms. (A UrlFetch round trip to a Google API measures 590 ms, below.)
 * - Per cell read: qiita.com/shi-suzuki/items/d23c6c7e4a0bbe2831af: 120,000 rows x 2
 *   columns through the Sheets API in 6.03 s (25 µs a cell), with getValues 7.38 s
 *   (31 µs). Typical 0.025 ms, pessimistic 0.031 ms.
 * - Per cell written: Google's best-practices example, 10,000 cells in one batched call
 *   ~1 s (0.1 ms); Mogsdad: a 4,000-cell setValues plus flush in 610 ms (0.15 ms).
 *   Typical 0.1 ms, pessimistic 0.15 ms.
 * - Per HTTP round trip: pre-practice.net/2020/03/urlfetchappfetchallfetch.html: three
 *   sequential UrlFetchApp.fetch calls 1.769 s (0.59 s each), one fetchAll of the three
 *   0.929 s (fetchAll runs them in parallel: tanaikech.github.io 2018-04-19).
 *   Typical 500 ms, pessimistic 600 ms.
 * - Per execution and for the web app. Google documents neither the cost of starting
 *   an execution nor the redirect a web app answers with (doPost's output is served
 *   from script.googleusercontent.com after a 302 that the caller follows). The one
 *   figure we have is issue 10's: about a second between Slack's request and the start
 *   of the script's own work plus the redirect. Both models split it as 300 ms to start
 *   any execution (also charged to triggers) and 700 ms for the web app's redirect.
 */

/** Modelled Apps Script latency, in fake-clock milliseconds. */
export interface LatencyModel {
  /** Each SpreadsheetApp / Sheets round trip. */
  perSpreadsheetCallMs: number;
  /** Each cell a read returns. */
  perCellReadMs: number;
  /** Each cell a write changes. */
  perCellWrittenMs: number;
  /** Each HTTP request UrlFetchApp sends. */
  perFetchMs: number;
  /** Starting any execution (loading the project), charged before the entry point runs. */
  perExecutionMs?: number;
  /** A web app's answer reaching its caller after doPost returns (Google's redirect). */
  webAppResponseMs?: number;
}

export const TYPICAL_LATENCY: Required<LatencyModel> = {
  perSpreadsheetCallMs: 150,
  perCellReadMs: 0.025,
  perCellWrittenMs: 0.1,
  perFetchMs: 500,
  perExecutionMs: 300,
  webAppResponseMs: 700,
};

export const PESSIMISTIC_LATENCY: Required<LatencyModel> = {
  perSpreadsheetCallMs: 300,
  perCellReadMs: 0.031,
  perCellWrittenMs: 0.15,
  perFetchMs: 600,
  perExecutionMs: 300,
  webAppResponseMs: 700,
};

/** One line per figure, for the bench's header. */
export const LATENCY_SOURCES: readonly string[] = [
  'per Sheets API call 150 ms (pessimistic 300): issue 10 field observation "150–300 ms from Apps Script"; no published figure (SpreadsheetApp lower bounds: Mogsdad ~30 ms per flushed call, Google best practices ~7 ms write-cached)',
  'per cell read 0.025 ms (0.031): qiita.com/shi-suzuki/items/d23c6c7e4a0bbe2831af: 240,000 cells via Sheets API in 6.03 s (getValues 7.38 s)',
  'per cell written 0.1 ms (0.15): Google best practices: 10,000 cells in one batched call ~1 s; Mogsdad: 4,000 cells + flush in 610 ms',
  'per HTTP round trip 500 ms (600): pre-practice.net/2020/03/urlfetchappfetchallfetch.html: 3 sequential UrlFetchApp.fetch 1.769 s, one fetchAll of the 3 0.929 s',
  'per execution 300 ms + web app redirect 700 ms (both models): issue 10 "about a second of overhead"; Google documents neither',
];

/**
 * What `trip` costs under `model`, in ms: a fetch is one HTTP round trip; a spreadsheet
 * call is its round trip plus its cells.
 */
export function tripMs(
  model: LatencyModel,
  trip: { kind: 'spreadsheet' | 'fetch'; cellsRead?: number; cellsWritten?: number },
): number {
  return trip.kind === 'fetch'
    ? model.perFetchMs
    : model.perSpreadsheetCallMs +
        (trip.cellsRead ?? 0) * model.perCellReadMs +
        (trip.cellsWritten ?? 0) * model.perCellWrittenMs;
}

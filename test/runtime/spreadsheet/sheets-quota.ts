/**
 * The Sheets API's per-minute quotas, as the advanced Sheets service meets them.
 *
 * Documented (developers.google.com/sheets/api/limits, "Usage limits"): read requests
 * 300 per minute per project and 60 per minute per user per project; write requests
 * the same; "Sheets API has per-minute quotas, and they're refilled every minute";
 * going over "generates a 429: Too many requests HTTP status code response"; "read
 * requests are calls to any method that retrieves data from a spreadsheet, such as get
 * or search. Write requests are calls to any method that changes a spreadsheet, such as
 * update, clear, or copyTo." The API's error body (as Google returns it, e.g.
 * pastebin.com/A9auJNW7): code 429, status RESOURCE_EXHAUSTED, message "Quota exceeded
 * for quota metric 'Read requests' and limit 'Read requests per minute per user' of
 * service 'sheets.googleapis.com' for consumer 'project_number:…'." Apps Script's
 * advanced service throws it as a GoogleJsonResponseException whose message is
 * "API call to sheets.spreadsheets.values.batchGet failed with error: Quota exceeded …".
 *
 * Where the documentation is silent we take the reading that is harder on the product:
 * - "Refilled every minute" does not say whether minutes are aligned: we count a
 *   rolling 60-second window, so no 60 s ever hold more than the limit (aligned minutes
 *   would allow up to twice the limit across a boundary).
 * - Whether a refused request counts: it does here (it still uses up the window).
 * - SpreadsheetApp is a different service (its limits are not published) and is not
 *   counted here; only the advanced `Sheets` service is.
 * Every execution of this project runs as its owner (triggers as their installer, the
 * web app executing as the deployer), so the per-user limit is the one that binds.
 */
import type { Clock } from '../clock';
import type { SheetsQuotaGate } from '../deps';

/** Google's documented defaults. */
export const SHEETS_API_LIMITS = {
  readsPerMinutePerUser: 60,
  writesPerMinutePerUser: 60,
  readsPerMinutePerProject: 300,
  writesPerMinutePerProject: 300,
} as const;

const WINDOW_MS = 60_000;
/** A made-up but well-formed consumer, as the error names the Apps Script project's. */
const CONSUMER = 'project_number:000000000000';

/** The API's message for a refused request (see the file comment). */
export function quotaExceededMessage(kind: 'read' | 'write', scope: 'user' | 'project'): string {
  const metric = kind === 'read' ? 'Read requests' : 'Write requests';
  const limit = scope === 'user' ? `${metric} per minute per user` : `${metric} per minute`;
  return `Quota exceeded for quota metric '${metric}' and limit '${limit}' of service 'sheets.googleapis.com' for consumer '${CONSUMER}'.`;
}

export class SheetsApiQuota implements SheetsQuotaGate {
  /** Request instants (epoch ms) per `${kind}|${user}` and per `${kind}|*` (the project). */
  private readonly windows = new Map<string, number[]>();
  private readonly limits: { read: number; write: number };

  constructor(
    private readonly clock: Clock,
    private readonly currentUser: () => string,
    options: { readsPerMinutePerUser?: number; writesPerMinutePerUser?: number } = {},
  ) {
    this.limits = {
      read: options.readsPerMinutePerUser ?? SHEETS_API_LIMITS.readsPerMinutePerUser,
      write: options.writesPerMinutePerUser ?? SHEETS_API_LIMITS.writesPerMinutePerUser,
    };
  }

  take(kind: 'read' | 'write'): string | null {
    const now = this.clock.now();
    const user = this.recent(`${kind}|${this.currentUser()}`, now);
    const project = this.recent(`${kind}|*`, now);
    const projectLimit =
      kind === 'read'
        ? SHEETS_API_LIMITS.readsPerMinutePerProject
        : SHEETS_API_LIMITS.writesPerMinutePerProject;
    // A refused request still counts (harder reading; see above).
    user.push(now);
    project.push(now);
    if (user.length > this.limits[kind]) return quotaExceededMessage(kind, 'user');
    if (project.length > projectLimit) return quotaExceededMessage(kind, 'project');
    return null;
  }

  /**
   * Test control: `userEmail` made `count` more requests of `kind` just now (another
   * execution of the same owner, say a sweep), as if through the API.
   */
  spend(kind: 'read' | 'write', userEmail: string, count: number): void {
    const now = this.clock.now();
    const user = this.recent(`${kind}|${userEmail}`, now);
    const project = this.recent(`${kind}|*`, now);
    for (let i = 0; i < count; i++) {
      user.push(now);
      project.push(now);
    }
  }

  /** Requests of one key within the last 60 s (older ones dropped). */
  private recent(key: string, now: number): number[] {
    const kept = (this.windows.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
    this.windows.set(key, kept);
    return kept;
  }
}

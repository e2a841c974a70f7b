/**
 * The archive night's second step: rows older than `yearly_archive_after_days` leave
 * the live spreadsheet for the archive spreadsheet of their year (routing_log,
 * lead_archive, and form responses that became leads), so the live spreadsheet stays
 * the same size however many leads it has taken in. It runs under the script lock, after
 * the closed leads moved to lead_archive, within the night run's time: at most
 * YEARLY_CELLS_PER_NIGHT cells, nothing new started after the deadline; what is left
 * goes the next night. Each row is copied before it is deleted, and a move cut short is
 * finished without copying twice (adapters/sheets-yearly-archive.ts).
 */
import { logEntry } from '../domain/lead';
import { parseSettings } from '../domain/settings';
import { YEARLY_CELLS_PER_NIGHT } from '../domain/yearly-archive';
import type { Services, YearlyArchive, YearlyMoveReport } from './ports';

const LOCK_MS = 60_000;
/**
 * Ms after the night run starts past which no sheet's move begins: one sheet's move is
 * bounded by the cell budget (about a minute of writes on a pessimistic model) and may
 * wait a minute for the Sheets API's quota, so it still ends inside Apps Script's 6.
 */
export const YEARLY_MOVE_STARTS_WITHIN_MS = 180_000;
const DAY_MS = 86_400_000;

/**
 * @param deadlineMs epoch ms after which no sheet's move is started (the caller leaves
 *   room before Apps Script's 6 minutes)
 */
export function moveToYearlyArchive(
  services: Services,
  archive: YearlyArchive,
  deadlineMs: number,
): YearlyMoveReport {
  return services.lock.withLock(LOCK_MS, () => {
    const now = services.clock.now();
    const snapshotSettings = archive.settings();
    const days = parseSettings(snapshotSettings).yearlyArchiveAfterDays;
    const report = archive.moveOlderThan(now - days * DAY_MS, snapshotSettings, {
      cells: YEARLY_CELLS_PER_NIGHT,
      deadlineMs,
    });
    const moved = Object.entries(report.moved).filter(([, n]) => n > 0);
    if (moved.length)
      services.workbook.commit({
        log: [
          logEntry(now, 'MOVED_TO_YEARLY_ARCHIVE', {
            detail: `moved rows older than ${days} days: ${moved.map(([sheet, n]) => `${n} from ${sheet}`).join(', ')}; into ${report.into.map((a) => `${a.name} (${a.url})`).join(', ')}${report.more ? '; more left for the next night' : ''}`,
          }),
        ],
      });
    return report;
  });
}

/**
 * The nightly archive: closed leads untouched for `archive_after_days` move to
 * lead_archive in one batch, and finished outbox rows are dropped, so the sheets every
 * run reads stay small. It runs from its own daily trigger, at night, apart from the
 * sweep, so neither the sweep's round trips nor the admins' day are affected.
 */
import { leadsToArchive, outboxToDrop } from '../domain/archive';
import { logEntry } from '../domain/lead';
import { parseSettings } from '../domain/settings';
import type { ArchiveReport, Services, SheetUpkeep } from './ports';

const LOCK_MS = 60_000;

export function runArchive(services: Services, upkeep?: SheetUpkeep): ArchiveReport {
  return services.lock.withLock(LOCK_MS, () => {
    upkeep?.refreshLeadSheet();
    const now = services.clock.now();
    const snapshot = services.workbook.load();
    const settings = parseSettings(snapshot.settings);
    const leadIds = leadsToArchive(snapshot.leads, now, settings.archiveAfterDays);
    const outboxIds = outboxToDrop(snapshot.outbox, snapshot.leads, now);
    const report = services.workbook.archive(leadIds, outboxIds, now);
    const log = [];
    if (report.archived)
      log.push(
        logEntry(now, 'ARCHIVED', {
          detail: `moved ${report.archived} closed lead(s) older than ${settings.archiveAfterDays} days to lead_archive`,
        }),
      );
    for (const leadId of report.restored) {
      log.push(
        logEntry(now, 'ERROR', {
          leadId,
          detail:
            'the row moved while archiving (an edit at the same moment); it was written back to lead_sheet',
        }),
      );
    }
    for (const leadId of report.keptInSheet ?? [])
      log.push(
        logEntry(now, 'ERROR', {
          leadId,
          detail:
            'not archived: its row kept moving while it was removed from lead_sheet (a sort at that moment); taken out of lead_archive again, it is archived another night',
        }),
      );
    if (log.length) services.workbook.commit({ log });
    return report;
  });
}

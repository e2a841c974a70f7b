/** What "Check set-up" needs to know about the Apps Script project itself. */
import type { ProjectFacts } from '../app/ports';
import { PROPERTY } from './script-properties';
import { readOwnership, runningAs } from './trigger-owner';
import { readFormQuestionTitles } from './form-responses';
import { readLinkedArchives } from './yearly-archive-links';

export function readProjectFacts(): ProjectFacts {
  const triggerCounts: Record<string, number> = {};
  for (const trigger of ScriptApp.getProjectTriggers()) {
    const handler = trigger.getHandlerFunction();
    triggerCounts[handler] = (triggerCounts[handler] ?? 0) + 1;
  }
  let webAppUrl: string;
  try {
    webAppUrl = ScriptApp.getService().getUrl() ?? '';
  } catch {
    webAppUrl = '';
  }
  const { owner, lastSweepAt } = readOwnership();
  let gridCells: number | undefined;
  try {
    if (typeof Sheets === 'undefined' || !Sheets) throw new Error('no Sheets service');
    const id = SpreadsheetApp.getActive().getId();
    const response = Sheets.Spreadsheets.get(id, {
      fields: 'sheets.properties.gridProperties(rowCount,columnCount)',
    });
    gridCells = (response.sheets ?? []).reduce(
      (n, sheet) =>
        n +
        (sheet.properties?.gridProperties?.rowCount ?? 0) *
          (sheet.properties?.gridProperties?.columnCount ?? 0),
      0,
    );
  } catch {
    gridCells = undefined;
  }
  const every = Number(PropertiesService.getScriptProperties().getProperty('SWEEP_EVERY_MINUTES'));
  return {
    triggerCounts,
    me: runningAs(),
    triggerOwner: owner,
    lastSweepAt,
    now: Date.now(),
    gridCells,
    yearlyArchives: readLinkedArchives(),
    sweepEveryMs: (Number.isFinite(every) && every > 0 ? every : 5) * 60_000,
    formLinked: Boolean(SpreadsheetApp.getActive().getFormUrl()),
    webAppUrl,
    hasBotToken: Boolean(PropertiesService.getScriptProperties().getProperty(PROPERTY.botToken)),
    formQuestions: readFormQuestionTitles(),
  };
}

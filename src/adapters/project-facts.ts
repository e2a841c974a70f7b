/** What "Check set-up" needs to know about the Apps Script project itself. */
import type { ProjectFacts } from '../app/ports';
import { PROPERTY } from './script-properties';

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
  return {
    triggerCounts,
    formLinked: Boolean(SpreadsheetApp.getActive().getFormUrl()),
    webAppUrl,
    hasBotToken: Boolean(PropertiesService.getScriptProperties().getProperty(PROPERTY.botToken)),
  };
}

/**
 * Reads the linked form's response sheet(s) as a person sees them (display values),
 * header row first. Only the menu's "Reprocess form responses" uses it.
 */
import type { FormResponse } from '../app/ports';

export function readFormResponses(): FormResponse[] {
  const responses: FormResponse[] = [];
  for (const sheet of SpreadsheetApp.getActive().getSheets()) {
    if (!sheet.getFormUrl()) continue;
    const rows = sheet.getDataRange().getDisplayValues();
    const header = rows[0] ?? [];
    for (const row of rows.slice(1)) {
      if (row.every((cell) => cell.trim() === '')) continue;
      const namedValues: Record<string, string[]> = {};
      header.forEach((title, i) => (namedValues[title] = [row[i] ?? '']));
      responses.push({ namedValues, values: row });
    }
  }
  return responses;
}

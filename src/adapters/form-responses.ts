/**
 * Reads the linked form's response sheet(s) as a person sees them (display values),
 * header row first. Only the menu's "Reprocess form responses" uses it.
 */
import type { FormResponse } from '../app/ports';

/**
 * The linked form's question titles: the header row of its response sheet (Timestamp
 * first), as Forms writes it; null when no sheet receives form responses.
 */
export function readFormQuestionTitles(): string[] | null {
  const spreadsheet = SpreadsheetApp.getActive();
  const linked = spreadsheet.getFormUrl();
  const sheets = spreadsheet.getSheets().filter((sheet) => sheet.getFormUrl());
  const sheet = sheets.find((s) => s.getFormUrl() === linked) ?? sheets[0];
  if (!sheet || sheet.getLastColumn() < 1) return null;
  return sheet
    .getRange(1, 1, 1, sheet.getLastColumn())
    .getDisplayValues()[0]
    .filter((title) => title.trim() !== '');
}

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

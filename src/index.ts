/**
 * The global entry points Apps Script calls. Each one parses its event, builds the
 * real adapters once, runs one use case and catches at the top. Nothing else lives here.
 */

/** Health check for a browser or an uptime monitor: no personal data. */
export function doGet(): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify({ ok: true })).setMimeType(ContentService.MimeType.JSON);
}

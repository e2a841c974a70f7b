/**
 * Who may use Connect Slack: the person at the spreadsheet, when Apps Script tells us
 * their email and that email is the spreadsheet's owner or one of its editors.
 *
 * What Apps Script allows: Session.getActiveUser().getEmail() is the person who made
 * the sidebar call (it runs as them, with their authorization), but "if security
 * policies do not allow access to the user's email address, this method returns a blank
 * string" (reference/base/user#getEmail). Spreadsheet.getEditors() lists the users with
 * edit permission by email; getOwner() the owner (null in a shared drive). Access given
 * through a Google Group, a domain or "anyone with the link" does not show in either
 * list. We take the reading harder on the product: no email, or an email in neither
 * list, is refused (the message says to ask the owner to add them by email).
 */
import type { EditorGate, EditorVerdict } from '../app/ports';
import { PROPERTY } from './script-properties';

function boundSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActive();
  if (active) return active;
  return SpreadsheetApp.openById(
    PropertiesService.getScriptProperties().getProperty(PROPERTY.spreadsheetId) ?? '',
  );
}

export class SpreadsheetEditorGate implements EditorGate {
  check(): EditorVerdict {
    const email = (Session.getActiveUser().getEmail() || '').trim().toLowerCase();
    if (!email) return { ok: false, reason: 'NO_IDENTITY', email: '' };
    const spreadsheet = boundSpreadsheet();
    const people: string[] = [];
    try {
      const owner = spreadsheet.getOwner();
      if (owner) people.push(owner.getEmail());
      for (const editor of spreadsheet.getEditors()) people.push(editor.getEmail());
    } catch {
      // Someone who cannot list the editors is not one of them.
    }
    return people.some((p) => p.trim().toLowerCase() === email)
      ? { ok: true, email }
      : { ok: false, reason: 'NOT_EDITOR', email };
  }
}

/**
 * What setup() does to the spreadsheet and the project, with SpreadsheetApp and
 * ScriptApp: create or repair sheets and headers (never reordering an admin's
 * columns), formats and validation, default settings that do not overwrite edits,
 * and the triggers, exactly once each however often it runs.
 */
import {
  DATE_COLUMNS,
  HEADERS,
  SHEETS,
  TEXT_COLUMNS,
  type SetupTarget,
  type SheetName,
} from '../app/ports';
import type { SettingSpec } from '../domain/settings';
import { RULE_OPERATORS } from '../domain/routing-rules';
import { STAGES } from '../domain/stage';
import { normaliseHeader } from './header-table';
import { noteSpreadsheetAppWrite } from './spreadsheet-writes';
import { rememberSheetIds } from './sheets-values';
import { decideOwnership } from '../domain/trigger-owner';
import {
  noteSweepRan,
  readOwnership,
  recordOwner,
  removeOwnTriggers,
  runningAs,
} from './trigger-owner';
import { readFormQuestionTitles } from './form-responses';

/** Number format for date-time cells, shown in the spreadsheet's time zone. */
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const SWEEP_PROPERTY = 'SWEEP_EVERY_MINUTES';
export const SWEEP_HANDLER = 'runSlaSweep';
export const FORM_HANDLER = 'onFormSubmit';
export const ARCHIVE_HANDLER = 'runArchive';
/** Hour of the day (spreadsheet time zone) the nightly archive runs. */
const ARCHIVE_HOUR = 2;

export class SpreadsheetSetup implements SetupTarget {
  private readonly spreadsheet = SpreadsheetApp.getActive();

  spreadsheetId(): string {
    return this.spreadsheet.getId();
  }

  /** Creates the sheet or adds its missing headers; applies formats. Returns what it did. */
  ensureSheet(name: SheetName): string[] {
    noteSpreadsheetAppWrite();
    const done: string[] = [];
    let sheet = this.spreadsheet.getSheetByName(name);
    const created = !sheet;
    if (!sheet) {
      sheet = this.spreadsheet.insertSheet(name);
      done.push(`created sheet ${name}`);
    }
    const wanted = HEADERS[name];
    const lastColumn = sheet.getLastColumn();
    const current =
      lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0].map(normaliseHeader) : [];
    const missing = wanted.filter((h) => !current.includes(h));
    if (missing.length) {
      const start = current.length + 1;
      if (start + missing.length - 1 > sheet.getMaxColumns())
        sheet.insertColumnsAfter(
          sheet.getMaxColumns(),
          start + missing.length - 1 - sheet.getMaxColumns(),
        );
      sheet.getRange(1, start, 1, missing.length).setValues([missing]);
      if (current.length)
        done.push(`${name}: added column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    }
    const headers = [...current, ...missing];
    if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
    // No bold header: rows the Sheets API appends copy the row above's format, so a bold
    // header would make every lead bold. The frozen row sets the header apart.
    const rows = sheet.getMaxRows() - 1;
    // Whole columns, header included: rows the engine appends take the format of the row
    // above, which for the first lead is the header row (a format on a label changes nothing).
    sheet.getRange(1, 1, 1, headers.length).setNumberFormat('General');
    // The lead sheets' other columns (counts, stage) back to General: after an admin
    // reorders columns a count could otherwise sit under a date format left by the column
    // that was there (and read back as a date).
    if (name === SHEETS.leads || name === SHEETS.archive)
      for (const header of HEADERS[name])
        if (!TEXT_COLUMNS[name].includes(header) && !DATE_COLUMNS[name].includes(header))
          sheet.getRange(1, headers.indexOf(header) + 1, rows + 1, 1).setNumberFormat('General');
    for (const header of TEXT_COLUMNS[name])
      sheet.getRange(1, headers.indexOf(header) + 1, rows + 1, 1).setNumberFormat('@');
    for (const header of DATE_COLUMNS[name])
      sheet.getRange(1, headers.indexOf(header) + 1, rows + 1, 1).setNumberFormat(DATE_TIME_FORMAT);
    if (rows > 0) {
      if (name === SHEETS.leads) {
        const rule = SpreadsheetApp.newDataValidation()
          .requireValueInList([...STAGES, 'CLOSED LOST'], true)
          .setAllowInvalid(true)
          .setHelpText('NEW, CONTACTED, QUALIFIED or CLOSED_LOST')
          .build();
        sheet.getRange(2, headers.indexOf('stage') + 1, rows, 1).setDataValidation(rule);
      }
      if (name === SHEETS.sales) {
        const rule = SpreadsheetApp.newDataValidation()
          .requireCheckbox()
          .setAllowInvalid(true)
          .setHelpText('Ticked (or ON / TRUE / yes) = gets leads')
          .build();
        sheet.getRange(2, headers.indexOf('active') + 1, rows, 1).setDataValidation(rule);
      }
      if (name === SHEETS.rules) this.ruleValidation(sheet, headers, rows, created);
    }
    return done;
  }

  /**
   * routing_rules: a dropdown of the operators, a checkbox for active, and (only when the
   * sheet is new, so an admin who deleted it never gets it back) an example row whose
   * field starts with '#', which the engine never reads as a rule.
   */
  private ruleValidation(
    sheet: GoogleAppsScript.Spreadsheet.Sheet,
    headers: readonly string[],
    rows: number,
    created: boolean,
  ): void {
    const operators = SpreadsheetApp.newDataValidation()
      .requireValueInList([...RULE_OPERATORS], true)
      .setAllowInvalid(false)
      .setHelpText(RULE_OPERATORS.join(', '))
      .build();
    sheet.getRange(2, headers.indexOf('operator') + 1, rows, 1).setDataValidation(operators);
    const active = SpreadsheetApp.newDataValidation()
      .requireCheckbox()
      .setAllowInvalid(true)
      .setHelpText('Ticked = the rule is used')
      .build();
    sheet.getRange(2, headers.indexOf('active') + 1, rows, 1).setDataValidation(active);
    if (!created) return;
    const example: Record<string, string | number | boolean> = {
      field: '# Example (never used; copy it to a new row and remove the #): Product',
      operator: 'equals',
      value: 'Solar panels',
      team: 'solar',
      sla_minutes: 30,
      active: false,
    };
    sheet.getRange(2, 1, 1, headers.length).setValues([headers.map((h) => example[h] ?? '')]);
  }

  /** Raw settings values by key. */
  readSettings(): Map<string, unknown> {
    const sheet = this.spreadsheet.getSheetByName(SHEETS.settings);
    const map = new Map<string, unknown>();
    if (!sheet || sheet.getLastRow() < 2) return map;
    const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
    const header = values[0].map(normaliseHeader);
    const k = header.indexOf('key');
    const v = header.indexOf('value');
    for (const row of values.slice(1))
      if (String(row[k]).trim()) map.set(String(row[k]).trim(), row[v]);
    return map;
  }

  /** Appends the settings that are missing, with their defaults and descriptions. */
  addMissingSettings(
    specs: readonly SettingSpec[],
    present: ReadonlyMap<string, unknown>,
  ): string[] {
    const sheet = this.spreadsheet.getSheetByName(SHEETS.settings)!;
    const header = sheet
      .getRange(1, 1, 1, sheet.getLastColumn())
      .getValues()[0]
      .map(normaliseHeader);
    const missing = specs.filter((s) => !present.has(s.key));
    if (!missing.length) return [];
    noteSpreadsheetAppWrite();
    const rows = missing.map((spec) => {
      const row: Array<string | number> = new Array<string | number>(header.length).fill('');
      row[header.indexOf('key')] = spec.key;
      row[header.indexOf('value')] = spec.defaultValue;
      row[header.indexOf('description')] = spec.description;
      return row;
    });
    const start = Math.max(sheet.getLastRow(), 1) + 1;
    if (start + rows.length - 1 > sheet.getMaxRows())
      sheet.insertRowsAfter(sheet.getMaxRows(), start + rows.length - 1 - sheet.getMaxRows());
    const range = sheet.getRange(start, 1, rows.length, header.length);
    range.setNumberFormat('@');
    const valueColumn = sheet.getRange(start, header.indexOf('value') + 1, rows.length, 1);
    valueColumn.setNumberFormat('General');
    range.setValues(rows);
    return [
      `settings: wrote default${missing.length > 1 ? 's' : ''} for ${missing.map((s) => s.key).join(', ')}`,
    ];
  }

  /**
   * Installs the form-submit, sweep and archive triggers once each; replaces the sweep
   * trigger when its interval changed. Triggers belong to the account that creates them
   * and each account sees only its own, so when another admin owns a running set this
   * installs nothing (and removes any set of this account's); when that set has stopped,
   * this account takes over and becomes the owner.
   */
  ensureTriggers(sweepMinutes: number): string[] {
    const done: string[] = [];
    const me = runningAs();
    const { owner, lastSweepAt } = readOwnership();
    const decision = decideOwnership({
      owner,
      me,
      lastSweepAt,
      now: Date.now(),
      sweepEveryMs: sweepMinutes * 60_000,
    });
    if (decision.kind === 'theirs') {
      const removed = removeOwnTriggers();
      done.push(
        `triggers: left as they are. They belong to ${owner} and run as that account (last SLA sweep ${minutesAgo(lastSweepAt)}); Apps Script shows each account only its own triggers, so ${me} needs none${removed ? `; removed ${removed} duplicate trigger(s) of ${me}` : ''}. After changing sla_check_every_minutes, ask ${owner} to run Set up.`,
      );
      return done;
    }
    if (decision.kind === 'take_over')
      done.push(
        `triggers: taken over from ${decision.previousOwner}, whose SLA sweep has not run ${lastSweepAt === null ? 'since this was recorded' : `for ${minutesAgo(lastSweepAt).replace(' ago', '')}`}; they now run as ${me}. If ${decision.previousOwner}'s triggers ever fire again they remove themselves.`,
      );
    const props = PropertiesService.getScriptProperties();
    const installedEvery = props.getProperty(SWEEP_PROPERTY);
    const triggers = ScriptApp.getProjectTriggers();
    let haveForm = false;
    let haveSweep = false;
    let haveArchive = false;
    for (const trigger of triggers) {
      const handler = trigger.getHandlerFunction();
      if (handler === FORM_HANDLER) {
        if (haveForm || trigger.getEventType() !== ScriptApp.EventType.ON_FORM_SUBMIT) {
          ScriptApp.deleteTrigger(trigger);
          done.push('removed a duplicate form-submit trigger');
        } else haveForm = true;
      } else if (handler === ARCHIVE_HANDLER) {
        if (haveArchive || trigger.getEventType() !== ScriptApp.EventType.CLOCK) {
          ScriptApp.deleteTrigger(trigger);
          done.push('removed a duplicate archive trigger');
        } else haveArchive = true;
      } else if (handler === SWEEP_HANDLER) {
        if (
          haveSweep ||
          trigger.getEventType() !== ScriptApp.EventType.CLOCK ||
          installedEvery !== String(sweepMinutes)
        ) {
          ScriptApp.deleteTrigger(trigger);
          if (haveSweep) done.push('removed a duplicate SLA sweep trigger');
        } else haveSweep = true;
      }
    }
    if (!haveForm) {
      ScriptApp.newTrigger(FORM_HANDLER).forSpreadsheet(this.spreadsheet).onFormSubmit().create();
      done.push('installed the form-submit trigger');
    }
    if (!haveSweep) {
      const builder = ScriptApp.newTrigger(SWEEP_HANDLER).timeBased();
      if (sweepMinutes === 60) builder.everyHours(1).create();
      else builder.everyMinutes(sweepMinutes).create();
      props.setProperty(SWEEP_PROPERTY, String(sweepMinutes));
      done.push(`installed the SLA sweep trigger (every ${sweepMinutes} min)`);
    }
    if (!haveArchive) {
      ScriptApp.newTrigger(ARCHIVE_HANDLER).timeBased().everyDays(1).atHour(ARCHIVE_HOUR).create();
      done.push(`installed the nightly archive trigger (around ${ARCHIVE_HOUR}:00)`);
    }
    recordOwner(me);
    // A set just installed or checked by its owner counts as running until its first sweep.
    noteSweepRan(Date.now());
    return done;
  }

  /**
   * Deletes the empty rows and columns past the content of the engine's sheets (one
   * empty row is kept below the data: a sheet needs a non-frozen row) and the empty
   * columns of the form's response sheet (Forms adds a column itself for a new
   * question; its rows are left alone). Every grid cell counts toward the spreadsheet's
   * 10,000,000-cell limit whether it is filled or not, and a new sheet is 1000 × 26.
   */
  trimGrids(names: readonly SheetName[]): string[] {
    const done: string[] = [];
    const ids: Record<string, number> = {};
    for (const sheet of this.spreadsheet.getSheets()) {
      const name = sheet.getName();
      ids[name] = sheet.getSheetId();
      const ours = (names as readonly string[]).includes(name);
      const form = !ours && Boolean(sheet.getFormUrl());
      if (!ours && !form) continue;
      const maxRows = sheet.getMaxRows();
      const maxColumns = sheet.getMaxColumns();
      const lastColumn = Math.max(1, sheet.getLastColumn());
      const keepRows = Math.max(sheet.getLastRow() + 1, 2);
      let cells = 0;
      if (maxColumns > lastColumn) {
        noteSpreadsheetAppWrite();
        sheet.deleteColumns(lastColumn + 1, maxColumns - lastColumn);
        cells += (maxColumns - lastColumn) * maxRows;
      }
      if (ours && maxRows > keepRows) {
        noteSpreadsheetAppWrite();
        sheet.deleteRows(keepRows + 1, maxRows - keepRows);
        cells += (maxRows - keepRows) * lastColumn;
      }
      if (cells > 0) done.push(`${name}: trimmed ${cells.toLocaleString('en-US')} empty cells`);
    }
    rememberSheetIds(ids);
    return done;
  }

  formLinked(): boolean {
    return Boolean(this.spreadsheet.getFormUrl());
  }

  formQuestionTitles(): string[] | null {
    return readFormQuestionTitles();
  }

  /** Types a setting's value (as text) into its row of `settings`; false when the key has no row. */
  writeSetting(key: string, value: string): boolean {
    const sheet = this.spreadsheet.getSheetByName(SHEETS.settings);
    if (!sheet || sheet.getLastRow() < 2) return false;
    const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
    const header = values[0].map(normaliseHeader);
    const k = header.indexOf('key');
    const v = header.indexOf('value');
    const index = values.findIndex((row, i) => i > 0 && String(row[k]).trim() === key);
    if (k < 0 || v < 0 || index < 1) return false;
    const cell = sheet.getRange(index + 1, v + 1);
    noteSpreadsheetAppWrite();
    // Plain text, so a title such as "No. HP" or "=Name" is kept as typed.
    cell.setNumberFormat('@');
    cell.setValue(value);
    return true;
  }
}

/** "12 min ago" from an epoch-ms instant; "never recorded" for null. */
function minutesAgo(at: number | null): string {
  if (at === null) return 'never recorded';
  const minutes = Math.max(0, Math.round((Date.now() - at) / 60_000));
  return minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

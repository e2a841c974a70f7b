/**
 * A Google Form linked to the spreadsheet: the response sheet it creates and the
 * event object an installable spreadsheet onFormSubmit trigger receives.
 *
 * Documented event shape (developers.google.com/apps-script/guides/triggers/events,
 * "Form submit", Sheets): authMode (FULL), namedValues ({'First Name': ['Jane'],
 * 'Timestamp': ['6/7/2015 20:54:13']}), range (the response row), source (the
 * Spreadsheet), triggerUid, values (in spreadsheet column order). The timestamp
 * string uses the en_US 'M/d/yyyy H:mm:ss' form shown in namedValues.
 *
 * How the answers land in the sheet: Forms writes them like typed input, so an
 * answer such as '0812…' becomes a number in the sheet (the well-known "Forms drops
 * the leading zero" problem) unless the column is formatted as plain text. Forms
 * never creates formulas, so answers starting with '=', '+', '-' or an apostrophe
 * are stored as the exact text. The event's values/namedValues carry the submitted
 * strings.
 */
import { storeParsed } from './cells';
import { parseUserEntered, dateToSerial } from './coerce';
import type { Ctx } from './context';
import { appsScriptException } from './errors';
import type { SheetModel } from './model';
import { DEFAULT_DATE_TIME, formatDateSerial } from './number-format';
import { FakeRange } from './range';
import { FakeSpreadsheet } from './spreadsheet';

export interface LinkFormOptions {
  /** Name of the response sheet Forms creates; default 'Form Responses 1'. */
  responseSheetName?: string;
  /** Question titles, in form order. */
  questions: string[];
}

/** What onFormSubmit(e) receives from an installable spreadsheet form-submit trigger. */
export interface FormSubmitEvent {
  authMode: 'FULL';
  triggerUid: string;
  range: FakeRange;
  source: FakeSpreadsheet;
  values: string[];
  namedValues: Record<string, string[]>;
}

/** Creates (or reuses) the response sheet as the first tab, with its header row frozen. */
export function linkForm(
  ctx: Ctx,
  options: LinkFormOptions,
): { formUrl: string; sheetName: string } {
  const model = ctx.model;
  const name = options.responseSheetName ?? 'Form Responses 1';
  let sheet = model.byName(name);
  if (!sheet) {
    if (model.nameTaken(name))
      throw appsScriptException(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    sheet = model.addSheet(name, 0);
  }
  const header = ['Timestamp', ...options.questions];
  header.forEach((h, j) => storeParsed(sheet, 1, j + 1, { value: h, formula: '' }));
  sheet.frozenRows = 1;
  model.formSheet = sheet;
  model.formUrl = `https://docs.google.com/forms/d/${model.id}-form/viewform`;
  return { formUrl: model.formUrl, sheetName: sheet.name };
}

function headerOf(sheet: SheetModel): string[] {
  const out: string[] = [];
  for (let c = 1; c <= sheet.lastColumn(); c += 1) out.push(String(sheet.peek(1, c)?.value ?? ''));
  return out;
}

/** Appends one response row and returns the trigger event for it. */
export function submitForm(
  ctx: Ctx,
  answers: Record<string, string>,
  triggerUid = '4034124084959907503',
): FormSubmitEvent {
  const sheet = ctx.model.formSheet;
  if (!sheet) throw new Error('book.submitForm: no form is linked (call book.linkForm first)');
  const header = headerOf(sheet);
  for (const q of Object.keys(answers)) {
    if (!header.includes(q)) {
      // A question the sheet has no column for gets a new column at the end, as Forms does.
      header.push(q);
      if (header.length > sheet.maxCols)
        sheet.insertColumnsBefore(sheet.maxCols + 1, header.length - sheet.maxCols);
      storeParsed(sheet, 1, header.length, { value: q, formula: '' });
    }
  }
  const row = sheet.lastRow() + 1;
  if (row > sheet.maxRows) sheet.insertRowsBefore(sheet.maxRows + 1, row - sheet.maxRows);
  const tz = ctx.model.timeZone;
  const serial = dateToSerial(new ctx.deps.DateClass(), tz);
  const stamp = formatDateSerial(serial, DEFAULT_DATE_TIME);
  const values: string[] = [];
  const namedValues: Record<string, string[]> = {};
  header.forEach((h, j) => {
    const col = j + 1;
    if (j === 0) {
      const cell = sheet.cell(row, col);
      cell.value = serial;
      cell.formula = '';
      cell.format = DEFAULT_DATE_TIME;
      values.push(stamp);
      namedValues[h] = [stamp];
      return;
    }
    const answer = answers[h] ?? '';
    const format = sheet.peek(row, col)?.format ?? '';
    const parsed = parseUserEntered(answer, format, tz);
    const verbatim = parsed.formula !== '' || answer.startsWith("'");
    storeParsed(sheet, row, col, verbatim ? { value: answer, formula: '' } : parsed);
    values.push(answer);
    namedValues[h] = namedValues[h] ? [...namedValues[h], answer] : [answer];
  });
  return {
    authMode: 'FULL',
    triggerUid,
    range: new FakeRange(ctx, sheet, row, 1, 1, header.length),
    source: new FakeSpreadsheet(ctx),
    values,
    namedValues,
  };
}

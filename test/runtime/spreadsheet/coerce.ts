/**
 * How Sheets turns written input into stored cells.
 *
 * "User-entered" parsing (Range.setValues/setValue, appendRow, the API's
 * USER_ENTERED) treats strings like a person typing them in an en_US spreadsheet:
 * numbers ('0812' → 812, '1,234.5', '12%', '$5'), booleans ('true'), dates
 * ('2026-11-26', '11/26/2026 10:00'), formulas ('=…', and '+…'/'-…' expressions
 * that are not plain numbers, which Sheets rewrites to '=+…'), and a leading
 * apostrophe that forces text and is dropped. A cell already formatted as plain
 * text ('@') stores the string verbatim: no number, boolean, date or formula parsing,
 * and the apostrophe is kept (typing into a Plain-text cell stores exactly what was
 * typed; a formula typed there shows as text — the usual "formula shows as text"
 * cause in Sheets help forums).
 *
 * RAW (the API's valueInputOption RAW) stores strings as given.
 */
import { fieldsToSerial, instantToSerial } from './dates';
import { AUTOMATIC, DEFAULT_DATE_TIME, GENERAL, PLAIN_TEXT } from './number-format';
import type { CellValue } from './model';

/** The outcome of parsing one input: the value to store, a formula, and a format Sheets picks. */
export interface Parsed {
  value: CellValue;
  formula: string;
  /** Number format Sheets assigns when the cell's format is automatic; undefined = leave. */
  autoFormat?: string;
}

const EMPTY: Parsed = { value: '', formula: '' };

function isAutomatic(fmt: string): boolean {
  return fmt === AUTOMATIC || fmt === GENERAL;
}

/** en_US numbers: optional sign, optional '$', digits with optional thousands commas, decimals, exponent, '%'. */
const NUMBER = /^([+-]?)(\$?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%?)$/;

export function parseNumber(text: string): { value: number; format?: string } | null {
  const m = NUMBER.exec(text.trim());
  if (!m) return null;
  const [, sign, dollar, digits, exp, pct] = m;
  let value = Number(digits.replace(/,/g, ''));
  if (exp !== undefined) value *= 10 ** Number(exp);
  if (sign === '-') value = -value;
  if (pct) value /= 100;
  const decimals = digits.includes('.') ? digits.split('.')[1].length : 0;
  const grouped = digits.includes(',');
  let format: string | undefined;
  if (pct) format = decimals > 0 ? '0.00%' : '0%';
  else if (dollar) format = '"$"#,##0.00';
  else if (exp !== undefined) format = '0.00E+00';
  else if (grouped) format = decimals > 0 ? '#,##0.00' : '#,##0';
  if (pct && dollar) return null;
  return { value, format };
}

const ISO_DATE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?$/i;

function hour24(h: number, ampm: string | undefined): number | null {
  if (!ampm) return h;
  if (h < 1 || h > 12) return null;
  const pm = ampm.toLowerCase() === 'pm';
  return (h % 12) + (pm ? 12 : 0);
}

/** Recognises the date and time shapes an en_US spreadsheet parses; serial + the format Sheets applies. */
export function parseDate(text: string): { value: number; format: string } | null {
  const s = text.trim();
  let m = ISO_DATE.exec(s);
  let y: number, mo: number, d: number;
  let iso = true;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = US_DATE.exec(s);
    iso = false;
    if (m) [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (m) {
    const hasTime = m[4] !== undefined;
    const h = hasTime ? hour24(Number(m[4]), m[7]) : 0;
    if (h === null) return null;
    const serial = fieldsToSerial(
      y!,
      mo!,
      d!,
      h,
      hasTime ? Number(m[5]) : 0,
      m[6] ? Number(m[6]) : 0,
    );
    if (serial === null) return null;
    const dateFmt = iso ? 'yyyy-mm-dd' : 'M/d/yyyy';
    return { value: serial, format: hasTime ? `${dateFmt} H:mm:ss` : dateFmt };
  }
  const t = TIME_ONLY.exec(s);
  if (t) {
    const h = hour24(Number(t[1]), t[4]);
    const min = Number(t[2]);
    const sec = t[3] ? Number(t[3]) : 0;
    if (h === null || h > 23 || min > 59 || sec > 59) return null;
    return {
      value: (h * 3600 + min * 60 + sec) / 86400,
      format: t[4] ? 'h:mm:ss am/pm' : 'H:mm:ss',
    };
  }
  return null;
}

/** What setValues does with a Date: the wall-clock time in the spreadsheet's zone, as a serial. */
export function dateToSerial(date: Date, timeZone: string): number {
  return instantToSerial(date.getTime(), timeZone);
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/**
 * Parses one value written through SpreadsheetApp (setValues/setValue/appendRow) or the
 * API's USER_ENTERED option, for a cell whose current number format is `cellFormat`.
 */
export function parseUserEntered(input: unknown, cellFormat: string, timeZone: string): Parsed {
  if (input === null || input === undefined) return EMPTY;
  if (typeof input === 'number') return { value: input, formula: '' };
  if (typeof input === 'boolean') return { value: input, formula: '' };
  if (isDate(input)) {
    const t = input.getTime();
    if (Number.isNaN(t)) return { value: 'Invalid Date', formula: '' };
    return {
      value: dateToSerial(input, timeZone),
      formula: '',
      autoFormat: isAutomatic(cellFormat) ? DEFAULT_DATE_TIME : undefined,
    };
  }
  const text = String(input);
  if (text === '') return EMPTY;
  if (cellFormat === PLAIN_TEXT) return { value: text, formula: '' };
  if (text.startsWith("'")) return { value: text.slice(1), formula: '' };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  const upper = text.trim().toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE', formula: '' };
  const num = parseNumber(text);
  if (num)
    return {
      value: num.value,
      formula: '',
      autoFormat: num.format && isAutomatic(cellFormat) ? num.format : undefined,
    };
  const date = parseDate(text);
  if (date)
    return {
      value: date.value,
      formula: '',
      autoFormat: isAutomatic(cellFormat) ? date.format : undefined,
    };
  // '+1+1' is typed as a formula: Sheets stores '=+1+1'. Same for a leading '-'.
  if (/^[+-]./.test(text)) return { value: '', formula: `=${text}` };
  return { value: text, formula: '' };
}

/**
 * What the API's RAW option stores: strings exactly as given (no formulas, no numbers),
 * numbers and booleans as such. Values arrive as JSON, so a Date is its ISO string.
 */
export function parseRaw(input: string | number | boolean): Parsed {
  if (input === '') return EMPTY;
  return { value: input, formula: '' };
}

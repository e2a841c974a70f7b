/**
 * Reading and writing stored cells the way each caller sees them: getValues (dates
 * as Date objects in the spreadsheet's zone), getDisplayValues (formatted strings),
 * and storing a parsed input (value or formula, plus the format Sheets picks).
 */
import { serialToInstant } from './dates';
import {
  checkCellText,
  FORMULA_PLACEHOLDER,
  type Cell,
  type CellValue,
  type SheetModel,
} from './model';
import { formatCellValue, isDateTimeFormat } from './number-format';
import type { Parsed } from './coerce';

/** A value as Range.getValues returns it: '' for empty, Date for date-formatted numbers. */
export function valueForScript(
  cell: Cell | undefined,
  timeZone: string,
  DateClass: DateConstructor,
): CellValue | Date {
  if (!cell) return '';
  if (cell.formula) return FORMULA_PLACEHOLDER;
  const v = cell.value;
  if (typeof v === 'number' && isDateTimeFormat(cell.format))
    return new DateClass(serialToInstant(v, timeZone));
  return v;
}

/** What the cell shows (getDisplayValues, FORMATTED_VALUE). */
export function displayValue(cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.formula) return FORMULA_PLACEHOLDER;
  return formatCellValue(cell.value, cell.format);
}

/** Stores a parsed input into the cell at 1-based (row, col). */
export function storeParsed(sheet: SheetModel, row: number, col: number, parsed: Parsed): void {
  checkCellText(parsed.value);
  checkCellText(parsed.formula);
  const existing = sheet.peek(row, col);
  if (!existing && parsed.value === '' && parsed.formula === '') return;
  const cell = sheet.cell(row, col);
  cell.value = parsed.formula ? FORMULA_PLACEHOLDER : parsed.value;
  cell.formula = parsed.formula;
  if (parsed.autoFormat !== undefined) cell.format = parsed.autoFormat;
}

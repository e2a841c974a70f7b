/**
 * Sheets' sort order for cell values (Range.sort and book.sheet(...).sortBy):
 * ascending puts numbers first, then text (case-insensitive), then booleans
 * (FALSE before TRUE); empty cells always go last, in either direction.
 */
import type { CellValue } from './model';

function rank(v: CellValue): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

/** Compares two cell values; empty cells sort last regardless of `ascending`. */
export function compareCellValues(a: CellValue, b: CellValue, ascending: boolean): number {
  const ea = a === '';
  const eb = b === '';
  if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
  let d = rank(a) - rank(b);
  if (d === 0) {
    if (typeof a === 'number' && typeof b === 'number') d = a - b;
    else if (typeof a === 'string' && typeof b === 'string')
      d = a.localeCompare(b, 'en', { sensitivity: 'base' });
    else d = Number(a) - Number(b);
  }
  return ascending ? d : -d;
}

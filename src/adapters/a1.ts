/** A1 notation for the Sheets API: quoted sheet names, column letters, 1-based rows. */

/** 1 → A, 26 → Z, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 'lead_sheet' → "'lead_sheet'" (quotes doubled inside, as the API requires). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A row segment: sheet!C5:F5, columns 1-based and inclusive. */
export function rowSegment(
  sheet: string,
  row: number,
  firstColumn: number,
  lastColumn: number,
): string {
  const first = `${columnLetter(firstColumn)}${row}`;
  return firstColumn === lastColumn
    ? `${quoteSheet(sheet)}!${first}`
    : `${quoteSheet(sheet)}!${first}:${columnLetter(lastColumn)}${row}`;
}

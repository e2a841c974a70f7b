/**
 * Spreadsheet date-time cells are serial numbers: days since 1899-12-30 in the
 * spreadsheet's local time (Google Sheets API, DateTimeRenderOption SERIAL_NUMBER).
 * Converting needs the zone's UTC offset at that instant, which the caller supplies.
 */
const DAY_MS = 86_400_000;
/** 1899-12-30T00:00:00Z in epoch ms: serial 0. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** @param offsetMinutes local time minus UTC, e.g. +420 for Asia/Jakarta */
export function epochToSerial(epochMs: number, offsetMinutes: number): number {
  return (epochMs + offsetMinutes * 60_000 - SERIAL_EPOCH_MS) / DAY_MS;
}

/** @param offsetMinutes local time minus UTC at (about) that instant */
export function serialToEpoch(serial: number, offsetMinutes: number): number {
  return Math.round(serial * DAY_MS + SERIAL_EPOCH_MS - offsetMinutes * 60_000);
}

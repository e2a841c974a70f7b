/**
 * Sheets' date model: a date-time is a number of days since 1899-12-30 00:00 in the
 * spreadsheet's local wall-clock time (fraction = time of day). These helpers convert
 * between that serial and real instants for an IANA time zone, using Intl (so
 * historical offsets such as Jakarta's +07:07:12 before 1924 come out like Sheets').
 */

const DAY_MS = 86_400_000;
/** Epoch milliseconds of the serial origin 1899-12-30 00:00 read as UTC wall time. */
const ORIGIN_WALL_MS = Date.UTC(1899, 11, 30);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** UTC offsets (wall − instant, ms) by zone and 15-minute bucket. */
const offsetCache = new Map<string, Map<number, number>>();
/** Every zone transition falls on a quarter hour of UTC, so offsets are constant within one. */
const QUARTER_HOUR_MS = 900_000;

/** Wall-clock time of an instant in `tz`, encoded as UTC epoch ms (ms preserved). */
export function instantToWallMs(instantMs: number, tz: string): number {
  const bucket = Math.floor(instantMs / QUARTER_HOUR_MS);
  let zone = offsetCache.get(tz);
  if (!zone) offsetCache.set(tz, (zone = new Map<number, number>()));
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const start = bucket * QUARTER_HOUR_MS;
    offset = exactInstantToWallMs(start, tz) - start;
    zone.set(bucket, offset);
  }
  return instantMs + offset;
}

/** The uncached conversion through Intl (one formatToParts per call). */
function exactInstantToWallMs(instantMs: number, tz: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(whole))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const d = new Date(0);
  d.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  d.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return d.getTime() + (instantMs - whole);
}

/** The instant whose wall-clock time in `tz` is `wallMs` (UTC-encoded wall time). */
export function wallMsToInstant(wallMs: number, tz: string): number {
  const offset1 = instantToWallMs(wallMs, tz) - wallMs;
  let instant = wallMs - offset1;
  const offset2 = instantToWallMs(instant, tz) - instant;
  if (offset2 !== offset1) instant = wallMs - offset2;
  return instant;
}

/** Serial day number (days since 1899-12-30 local) → UTC-encoded wall ms. */
export function serialToWallMs(serial: number): number {
  return ORIGIN_WALL_MS + Math.round(serial * DAY_MS);
}

/** UTC-encoded wall ms → serial day number. */
export function wallMsToSerial(wallMs: number): number {
  return (wallMs - ORIGIN_WALL_MS) / DAY_MS;
}

/** Instant → serial in the spreadsheet's time zone (what setValue(date) stores). */
export function instantToSerial(instantMs: number, tz: string): number {
  return wallMsToSerial(instantToWallMs(instantMs, tz));
}

/** Serial in the spreadsheet's time zone → instant (what getValues returns as a Date). */
export function serialToInstant(serial: number, tz: string): number {
  return wallMsToInstant(serialToWallMs(serial), tz);
}

/** Wall-clock fields of a serial, for formatting. */
export interface WallFields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

export function serialFields(serial: number): WallFields {
  // Display rounds to whole seconds, like Sheets.
  const d = new Date(Math.round(serialToWallMs(serial) / 1000) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** Wall fields → serial; returns null for impossible dates (Feb 30). */
export function fieldsToSerial(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return wallMsToSerial(ms);
}

/**
 * Business hours for the SLA clock: the `business_hours` setting (a weekly schedule in
 * the spreadsheet's time zone) plus holidays (local dates closed all day). The clock only
 * runs while the office is open, so a lead assigned Friday 16:50 with 60 minutes is due
 * Monday 09:50, not Friday 17:50.
 *
 * Everything works on open *spans*: half-open instant ranges [start, end) in epoch ms,
 * produced day by day from the weekly schedule through one local-to-instant conversion.
 * isOpen, nextOpening, addOpenMinutes and openMinutesBetween all read the same spans, so
 * they agree with each other exactly, also across DST changes. Walking spans (not minutes)
 * keeps addOpenMinutes cheap over long closures: about two zone look-ups per local day.
 *
 * Time zones come in as a `ZoneOffsets` function (local minus UTC at an instant); this
 * file never reads a clock or a global zone. It assumes a zone's offset stays within
 * ±24 h and changes at most once in any three days, true of every real zone today.
 */
import { RoutingError } from './errors';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;
/** addOpenMinutes and nextOpening give up after this many consecutive closed local days. */
export const MAX_CLOSED_DAYS = 366;

const EXAMPLES = '"Mon-Fri 09:00-17:00" or "Mon-Fri 09:00-12:00,13:00-17:00; Sat 09:00-13:00"';
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
/** Accepted spellings (lower case) to weekday index, Monday = 0. */
const DAY_INDEX: Readonly<Record<string, number>> = {
  mon: 0,
  monday: 0,
  tue: 1,
  tues: 1,
  tuesday: 1,
  wed: 2,
  wednesday: 2,
  thu: 3,
  thur: 3,
  thurs: 3,
  thursday: 3,
  fri: 4,
  friday: 4,
  sat: 5,
  saturday: 5,
  sun: 6,
  sunday: 6,
};

/** An open stretch of a local day, in minutes after local midnight: [startMinute, endMinute). */
export interface DayInterval {
  readonly startMinute: number;
  /** Exclusive; 1440 (24:00) means open until midnight. */
  readonly endMinute: number;
}

export interface WeeklySchedule {
  /** The setting as the admin wrote it, trimmed; quoted in error messages. */
  readonly text: string;
  /** Seven lists, index 0 = Monday … 6 = Sunday; each sorted, non-empty intervals, merged so none overlap or touch. */
  readonly days: readonly (readonly DayInterval[])[];
}

/**
 * A parsed `business_hours` setting. `null` means the setting is empty: always open, the
 * SLA clock runs on wall-clock time and holidays are ignored (write
 * `Mon-Sun 00:00-24:00` for "always open except holidays").
 */
export type BusinessHours = WeeklySchedule | null;

/** The spreadsheet's time zone, as the adapter sees it. */
export interface ZoneOffsets {
  /** Local time minus UTC, in minutes, at the instant epochMs (e.g. +420 for Asia/Jakarta). */
  offsetMinutes(epochMs: number): number;
}

/** An open span of real time, epoch ms: [start, end). */
type Span = readonly [start: number, end: number];

// ---------------------------------------------------------------------------------------
// Parsing

/**
 * Parses the `business_hours` setting: `;`-separated groups of `<days> <intervals>`.
 * Days: Mon..Sun (or full names, any case), single days, ranges that may wrap (`Fri-Mon`),
 * comma lists (`Mon,Wed,Fri`). Intervals: comma-separated `HH:MM-HH:MM` in 24-hour time
 * (`9:00` allowed, end may be `24:00`), start before end. Overlapping or touching intervals
 * on the same day are merged. Empty text gives `null` (always open).
 * @throws RoutingError BAD_SETTING naming the setting, the problem and the expected form
 */
export function parseBusinessHours(text: string): BusinessHours {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const bad = (why: string): RoutingError =>
    new RoutingError(
      'BAD_SETTING',
      `settings: business_hours "${trimmed}" is not understood (${why}); write it like ${EXAMPLES}`,
    );

  const collected: DayInterval[][] = [[], [], [], [], [], [], []];
  const groups = trimmed
    .replace(/[\u2013\u2014]/g, '-')
    .split(/[;\n]/)
    .map((g) => g.trim())
    .filter((g) => g !== '');
  if (groups.length === 0) throw bad('no days or hours');
  for (const group of groups) {
    const firstDigit = group.search(/\d/);
    if (firstDigit < 0) throw bad(`"${group}" has no hours`);
    const daysPart = group.slice(0, firstDigit).trim().replace(/:$/, '').trim();
    if (daysPart === '') throw bad(`"${group}" does not start with days`);
    const days = parseDays(daysPart, bad);
    const intervals = group
      .slice(firstDigit)
      .split(',')
      .map((part) => parseInterval(part.trim(), bad));
    for (const day of days) collected[day].push(...intervals);
  }
  return { text: trimmed, days: collected.map(mergeIntervals) };
}

function parseDays(part: string, bad: (why: string) => RoutingError): number[] {
  const out = new Set<number>();
  for (const item of part.split(',')) {
    const names = item.trim().split(/\s*-\s*/);
    if (names.length > 2) throw bad(`"${item.trim()}" is not a day or a range of days`);
    const [from, to = from] = names.map((name) => {
      const index = DAY_INDEX[name.toLowerCase()];
      if (index === undefined)
        throw bad(
          name === ''
            ? `a day is missing in "${part}"`
            : `"${name}" is not a day; use Mon, Tue, Wed, Thu, Fri, Sat, Sun`,
        );
      return index;
    });
    // A range runs forward through the week, wrapping past Sunday: Fri-Mon = Fri, Sat, Sun, Mon.
    for (let d = from; ; d = (d + 1) % 7) {
      out.add(d);
      if (d === to) break;
    }
  }
  return [...out];
}

function parseInterval(part: string, bad: (why: string) => RoutingError): DayInterval {
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(part);
  if (!m) throw bad(`"${part}" is not a time range like 09:00-17:00`);
  const startMinute = clockMinutes(m[1], m[2]);
  const endMinute = clockMinutes(m[3], m[4]);
  if (startMinute === null || endMinute === null || startMinute === MINUTES_PER_DAY)
    throw bad(`"${part}" has a time that is not between 00:00 and 24:00`);
  if (startMinute >= endMinute)
    throw bad(
      `"${part}" does not end after it starts; a range cannot cross midnight, so split it at 24:00`,
    );
  return { startMinute, endMinute };
}

/** Minutes after midnight for HH and MM, or null if not a clock time (24:00 allowed). */
function clockMinutes(hh: string, mm: string): number | null {
  const h = Number(hh);
  const m = Number(mm);
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return null;
  return h * 60 + m;
}

function mergeIntervals(list: readonly DayInterval[]): DayInterval[] {
  const sorted = [...list].sort((a, b) => a.startMinute - b.startMinute);
  const out: DayInterval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.startMinute <= last.endMinute) {
      out[out.length - 1] = {
        startMinute: last.startMinute,
        endMinute: Math.max(last.endMinute, iv.endMinute),
      };
    } else {
      out.push(iv);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Queries

/** Whether the office is open at the instant atMs (spans are [start, end): closed at an end). */
export function isOpen(
  hours: BusinessHours,
  holidays: ReadonlySet<string>,
  zone: ZoneOffsets,
  atMs: number,
): boolean {
  if (hours === null) return true;
  for (const [start] of openSpans(hours, holidays, zone, atMs, atMs + 1)) return start <= atMs;
  return false;
}

/**
 * atMs if open, else the instant the office next opens (epoch ms).
 * @throws RoutingError BAD_SETTING if holidays close everything for MAX_CLOSED_DAYS days
 */
export function nextOpening(
  hours: BusinessHours,
  holidays: ReadonlySet<string>,
  zone: ZoneOffsets,
  atMs: number,
): number {
  if (hours === null) return atMs;
  for (const [start] of openSpans(hours, holidays, zone, atMs)) return Math.max(start, atMs);
  throw new Error('unreachable: openSpans without a limit never ends');
}

/**
 * The earliest instant (epoch ms) by which `minutes` of open time have passed since startMs;
 * counting starts at the next opening if startMs is closed. Always-open hours give exactly
 * startMs + minutes * 60 000. Otherwise minutes are rounded to whole milliseconds, and the
 * result is open or exactly the end of a span (so 0 minutes gives nextOpening(startMs)).
 * @param minutes open minutes to add, finite and >= 0 (fractions allowed)
 * @throws RangeError for negative or non-finite minutes
 * @throws RoutingError BAD_SETTING if holidays close everything for MAX_CLOSED_DAYS days in a row
 */
export function addOpenMinutes(
  hours: BusinessHours,
  holidays: ReadonlySet<string>,
  zone: ZoneOffsets,
  startMs: number,
  minutes: number,
): number {
  if (!(minutes >= 0) || !Number.isFinite(minutes))
    throw new RangeError(`addOpenMinutes: minutes must be finite and >= 0, got ${minutes}`);
  if (hours === null) return startMs + minutes * MINUTE_MS;
  let remaining = Math.round(minutes * MINUTE_MS);
  for (const [start, end] of openSpans(hours, holidays, zone, startMs)) {
    const from = Math.max(start, startMs);
    if (remaining <= end - from) return from + remaining;
    remaining -= end - from;
  }
  throw new Error('unreachable: openSpans without a limit never ends');
}

/**
 * Open minutes between two instants (e.g. SLA time left, or overdue when negative):
 * open milliseconds in [fromMs, toMs) divided by 60 000, so possibly fractional; negative
 * (and antisymmetric) when toMs < fromMs. Never throws for a long closure: it only walks
 * the days between the two instants.
 */
export function openMinutesBetween(
  hours: BusinessHours,
  holidays: ReadonlySet<string>,
  zone: ZoneOffsets,
  fromMs: number,
  toMs: number,
): number {
  if (toMs < fromMs) return -openMinutesBetween(hours, holidays, zone, toMs, fromMs);
  if (hours === null) return (toMs - fromMs) / MINUTE_MS;
  let openMs = 0;
  for (const [start, end] of openSpans(hours, holidays, zone, fromMs, toMs)) {
    if (start >= toMs) break;
    openMs += Math.min(end, toMs) - Math.max(start, fromMs);
  }
  return openMs / MINUTE_MS;
}

// ---------------------------------------------------------------------------------------
// Spans: the weekly schedule laid onto real time

/**
 * Open spans ending after fromMs, in time order (consecutive spans may touch at midnight).
 * With untilMs, stops once no later span can start before untilMs; without it, runs on
 * and throws after MAX_CLOSED_DAYS consecutive local days without any open time.
 */
function* openSpans(
  hours: WeeklySchedule,
  holidays: ReadonlySet<string>,
  zone: ZoneOffsets,
  fromMs: number,
  untilMs?: number,
): Generator<Span> {
  // Start a day early: a span of the previous local day may still be running at fromMs.
  const firstDay = localDayNumber(zone, fromMs) - 1;
  let closedDays = 0;
  for (let day = firstDay; ; day++) {
    // Wall times of local day `day` map to instants after day*DAY_MS - 24 h (offsets stay within ±24 h).
    if (untilMs !== undefined && (day - 1) * DAY_MS >= untilMs) return;
    let found = false;
    for (const span of daySpans(hours, holidays, zone, day)) {
      if (span[1] <= fromMs) continue;
      found = true;
      yield span;
    }
    closedDays = found ? 0 : closedDays + 1;
    if (untilMs === undefined && closedDays > MAX_CLOSED_DAYS) {
      throw new RoutingError(
        'BAD_SETTING',
        `settings: business_hours "${hours.text}" with the holidays leaves no open time in the ${MAX_CLOSED_DAYS} days after ${isoDate(firstDay + 1)}; remove some holidays or widen business_hours`,
      );
    }
  }
}

/** Open spans of one local date (days since 1970-01-01 in local time); none on a holiday. */
function daySpans(
  hours: WeeklySchedule,
  holidays: ReadonlySet<string>,
  zone: ZoneOffsets,
  day: number,
): Span[] {
  const intervals = hours.days[weekdayIndex(day)];
  if (intervals.length === 0 || (holidays.size > 0 && holidays.has(isoDate(day)))) return [];
  // Every wall time of this day belongs to an instant in [day - 1, day + 2) days; the
  // offsets at both ends are the only two the day can have (at most one change in 3 days).
  const before = zone.offsetMinutes((day - 1) * DAY_MS);
  const after = zone.offsetMinutes((day + 2) * DAY_MS);
  const midnight = day * DAY_MS;
  const toInstant = (minute: number): number => {
    const local = midnight + minute * MINUTE_MS;
    return before === after
      ? local - before * MINUTE_MS
      : wallToInstant(zone, local, before, after);
  };
  const out: Span[] = [];
  for (const iv of intervals) {
    const start = toInstant(iv.startMinute);
    const end = toInstant(iv.endMinute);
    if (end > start) out.push([start, end]); // empty when the whole interval fell into a DST gap
  }
  return out;
}

/**
 * The instant showing wall time `local` (ms, local time as if UTC) near one offset change
 * from `before` to `after` (minutes). Non-decreasing in `local`, so spans keep their order:
 * - wall time that occurs once: that instant;
 * - repeated wall time (clocks go back): the earlier instant;
 * - skipped wall time (clocks go forward): the instant of the change, i.e. when the
 *   clocks jump past it (an opening at 02:30 in a 02:00→03:00 gap opens at 03:00).
 */
function wallToInstant(zone: ZoneOffsets, local: number, before: number, after: number): number {
  const withBefore = local - before * MINUTE_MS;
  const withAfter = local - after * MINUTE_MS;
  const beforeFits = zone.offsetMinutes(withBefore) === before;
  const afterFits = zone.offsetMinutes(withAfter) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (beforeFits) return withBefore;
  if (afterFits) return withAfter;
  // Gap: withAfter is before the change, withBefore after it; find the first ms after it.
  let lo = Math.min(withBefore, withAfter); // offset still `before`
  let hi = Math.max(withBefore, withAfter); // offset already `after`
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (zone.offsetMinutes(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Local date number (days since 1970-01-01, local time) of an instant. */
function localDayNumber(zone: ZoneOffsets, epochMs: number): number {
  return Math.floor((epochMs + zone.offsetMinutes(epochMs) * MINUTE_MS) / DAY_MS);
}

/** 0 = Monday … 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** 'yyyy-mm-dd' of a local date number: the form holidays are written in. */
function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The schedule written back in canonical form, e.g. "Mon 09:00-17:00; Tue 09:00-17:00"; "" for always open. */
export function formatBusinessHours(hours: BusinessHours): string {
  if (hours === null) return '';
  const hhmm = (minute: number): string =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return hours.days
    .map((list, d) =>
      list.length === 0
        ? ''
        : `${DAY_NAMES[d]} ${list.map((iv) => `${hhmm(iv.startMinute)}-${hhmm(iv.endMinute)}`).join(',')}`,
    )
    .filter((s) => s !== '')
    .join('; ');
}

/**
 * Utilities.formatDate: Java SimpleDateFormat patterns rendered in a time zone, as
 * Apps Script does (reference/utilities/utilities#formatDate; the pattern language is
 * java.text.SimpleDateFormat's, English names).
 *
 * Supported letters: G y M L d H k K h m s S E u a D Z X z, quoted literals ('at',
 * '' for a quote). Other ASCII letters throw like Java ("Illegal pattern character").
 * Time zones: IANA ids through Intl, and Java's custom ids "GMT+7", "GMT+07:00", "UTC".
 * Java falls back to GMT for an id it does not know (TimeZone.getTimeZone), and so
 * does this. Known difference: Java's short zone names ('z') come from its own data
 * ("WIB" for Asia/Jakarta) where Intl has none and gives "GMT+07:00".
 */
import { instantToWallMs } from '../spreadsheet/dates';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Wall-clock fields of an instant in a zone, plus the zone's offset then. */
export interface ZonedFields {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday */
  weekday: number;
  /** Minutes east of UTC. */
  offsetMinutes: number;
}

interface Zone {
  fields(ms: number): ZonedFields;
  name(ms: number, long: boolean): string;
}

const knownZones = new Map<string, boolean>();

/** Whether Intl knows the IANA zone id (Java falls back to GMT for unknown ids). */
function isKnownZone(tz: string): boolean {
  let known = knownZones.get(tz);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(tz, known);
  }
  return known;
}

function utcFields(ms: number, offsetMinutes: number): ZonedFields {
  const d = new Date(ms + offsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes,
  };
}

/** "GMT+07:00" as Java prints a custom zone. */
function gmtName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'GMT';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const a = Math.abs(offsetMinutes);
  return `GMT${sign}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
}

function fixedZone(offsetMinutes: number, label?: string): Zone {
  return {
    fields: (ms) => utcFields(ms, offsetMinutes),
    name: (_ms, long) =>
      label ?? (long && offsetMinutes === 0 ? 'Greenwich Mean Time' : gmtName(offsetMinutes)),
  };
}

function intlZone(tz: string): Zone {
  return {
    fields(ms) {
      // The same zone arithmetic the spreadsheet fake uses for date cells (dates.ts).
      const offsetMinutes = Math.round(
        (instantToWallMs(Math.floor(ms / 1000) * 1000, tz) - Math.floor(ms / 1000) * 1000) / 60_000,
      );
      return utcFields(ms, offsetMinutes);
    },
    name(ms, long) {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        timeZoneName: long ? 'long' : 'short',
      }).formatToParts(new Date(ms));
      const n = parts.find((x) => x.type === 'timeZoneName')?.value ?? '';
      // Intl writes "GMT+7" where it has no abbreviation; Java writes "GMT+07:00".
      return /^GMT[+-]/.test(n) || n === 'GMT' || n === 'UTC'
        ? gmtName(this.fields(ms).offsetMinutes)
        : n;
    },
  };
}

/** Resolves a zone id the way java.util.TimeZone.getTimeZone does (unknown ids mean GMT). */
export function resolveZone(id: string): Zone {
  const s = String(id).trim();
  const custom = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(s);
  if (custom) {
    const minutes = Number(custom[2]) * 60 + Number(custom[3] ?? 0);
    return fixedZone(custom[1] === '-' ? -minutes : minutes);
  }
  if (/^(GMT|UTC|Z)$/i.test(s)) return fixedZone(0, s.toUpperCase() === 'UTC' ? 'UTC' : undefined);
  return isKnownZone(s) ? intlZone(s) : fixedZone(0);
}

/** Wall-clock fields of `date` in `timeZone`. */
export function zonedFields(date: Date, timeZone: string): ZonedFields {
  return resolveZone(timeZone).fields(date.getTime());
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function offset(minutes: number, style: 'Z' | 'X1' | 'X2' | 'X3'): string {
  if (style !== 'Z' && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  if (style === 'X1') return sign + hh;
  if (style === 'X3') return `${sign}${hh}:${mm}`;
  return sign + hh + mm;
}

/**
 * Formats `date` in `timeZone` with a SimpleDateFormat `pattern`.
 * @throws Error for an unknown pattern letter or an unterminated quote, as Java does.
 */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const zone = resolveZone(timeZone);
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('Invalid argument: date');
  const f = zone.fields(ms);
  const dayOfYear =
    Math.floor((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000) + 1;
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      // Inside quotes, '' is a literal quote.
      let j = i + 1;
      let lit = '';
      for (;;) {
        const close = pattern.indexOf("'", j);
        if (close < 0) throw new Error('Unterminated quote');
        lit += pattern.slice(j, close);
        if (pattern[close + 1] === "'") {
          lit += "'";
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      out += lit;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'G':
        out += f.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
        out += n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case 'M':
      case 'L':
        out +=
          n >= 4
            ? MONTHS[f.month - 1]
            : n === 3
              ? MONTHS[f.month - 1].slice(0, 3)
              : pad(f.month, n);
        break;
      case 'd':
        out += pad(f.day, n);
        break;
      case 'D':
        out += pad(dayOfYear, n);
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'K':
        out += pad(f.hour % 12, n);
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += pad(f.millisecond, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[f.weekday] : DAYS[f.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(f.weekday === 0 ? 7 : f.weekday, n);
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'Z':
        out += offset(f.offsetMinutes, 'Z');
        break;
      case 'X':
        if (n > 3) throw new Error('invalid ISO 8601 format: length=' + n);
        out += offset(f.offsetMinutes, n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
        break;
      case 'z':
        out += zone.name(ms, n >= 4);
        break;
      default:
        throw new Error(`Illegal pattern character '${c}'`);
    }
  }
  return out;
}

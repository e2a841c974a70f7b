/**
 * Number formats: what a cell shows (getDisplayValues, the API's FORMATTED_VALUE,
 * form-submit `values`) and whether a number is a date (getValues returns a Date).
 * Covers the patterns this project uses: automatic, plain text '@', date/time
 * patterns ('M/d/yyyy H:mm:ss', 'yyyy-mm-dd hh:mm'), fixed decimals, thousands
 * separators, percentages and literal prefixes/suffixes. Locale en_US.
 */
import { serialFields } from './dates';

/** Apps Script reports an automatic (unset) number format as 'General'. */
export const AUTOMATIC = '';
export const GENERAL = 'General';
export const PLAIN_TEXT = '@';
/** What Sheets gives a cell that receives a Date while its format is automatic (en_US). */
export const DEFAULT_DATE_TIME = 'M/d/yyyy H:mm:ss';

/** Removes quoted literals, escapes and [colour] blocks so tokens can be inspected. */
function stripLiterals(fmt: string): string {
  return fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
}

/** True when the format renders numbers as dates or times (so getValues gives a Date). */
export function isDateTimeFormat(fmt: string): boolean {
  if (fmt === AUTOMATIC || fmt === GENERAL || fmt === PLAIN_TEXT) return false;
  const core = stripLiterals(fmt.split(';')[0]);
  return (
    /[ydhs]/i.test(core) || (/m/i.test(core.replace(/am\/pm|a\/p/gi, '')) && !/[0#]/.test(core))
  );
}

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

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats a serial with a Sheets date pattern (tokens case-insensitive, m = minutes next to h or s). */
export function formatDateSerial(serial: number, fmt: string): string {
  const f = serialFields(serial);
  const tokens: { kind: string; text: string }[] = [];
  const re = /"([^"]*)"|\\(.)|(am\/pm|a\/p)|\[h+\]|(y+|m+|d+|h+|s+)|(\.0+)|(.)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fmt))) {
    if (m[1] !== undefined) tokens.push({ kind: 'lit', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'lit', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'ampm', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: m[4][0].toLowerCase(), text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'frac', text: m[5] });
    else if (/^\[h+\]$/i.test(m[0])) tokens.push({ kind: 'elapsed', text: m[0] });
    else tokens.push({ kind: 'lit', text: m[6] ?? m[0] });
  }
  const twelve = tokens.some((t) => t.kind === 'ampm');
  let out = '';
  tokens.forEach((t, i) => {
    const n = t.text.length;
    switch (t.kind) {
      case 'lit':
        out += t.text;
        break;
      case 'y':
        out += n <= 2 ? pad(f.year % 100, 2) : String(f.year);
        break;
      case 'd':
        out +=
          n === 1
            ? String(f.day)
            : n === 2
              ? pad(f.day, 2)
              : n === 3
                ? DAYS[f.weekday].slice(0, 3)
                : DAYS[f.weekday];
        break;
      case 'h': {
        const h = twelve ? ((f.hour + 11) % 12) + 1 : f.hour;
        out += n === 1 ? String(h) : pad(h, 2);
        break;
      }
      case 'elapsed':
        out += String(Math.floor(serial * 24));
        break;
      case 's':
        out += n === 1 ? String(f.second) : pad(f.second, 2);
        break;
      case 'm': {
        const prev = tokens
          .slice(0, i)
          .reverse()
          .find((x) => x.kind !== 'lit' && x.kind !== 'frac')?.kind;
        const next = tokens.slice(i + 1).find((x) => x.kind !== 'lit' && x.kind !== 'frac')?.kind;
        const minutes = prev === 'h' || prev === 'elapsed' || next === 's';
        if (minutes) out += n === 1 ? String(f.minute) : pad(f.minute, 2);
        else
          out +=
            n === 1
              ? String(f.month)
              : n === 2
                ? pad(f.month, 2)
                : n === 3
                  ? MONTHS[f.month - 1].slice(0, 3)
                  : MONTHS[f.month - 1];
        break;
      }
      case 'ampm': {
        const pm = f.hour >= 12;
        const upper = t.text[0] === 'A' || t.text[0] === 'P';
        const word = t.text.length === 3 ? (pm ? 'p' : 'a') : pm ? 'pm' : 'am';
        out += upper ? word.toUpperCase() : word;
        break;
      }
      case 'frac':
        out += '.' + pad(0, t.text.length - 1);
        break;
    }
  });
  return out;
}

/** Automatic format: up to 10 decimals, integers in full below 1e15, else scientific. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-10)) {
    const [mant, exp] = n.toExponential(5).split('e');
    const trimmed = mant.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${trimmed}E${e < 0 ? '-' : '+'}${pad(Math.abs(e), 2)}`;
  }
  return String(Number(n.toFixed(10)));
}

/** Formats a number with a numeric pattern such as '0', '#,##0.00', '0%', '"Rp"#,##0'. */
export function formatNumberPattern(n: number, fmt: string): string {
  const sections = fmt.split(';');
  let section = sections[0];
  let value = n;
  if (n < 0 && sections.length > 1) {
    section = sections[1];
    value = -n;
  } else if (n === 0 && sections.length > 2) section = sections[2];
  const m = /^(.*?)([#0,]*[#0](?:\.[#0]+)?)(.*)$/.exec(
    section.replace(/"([^"]*)"/g, (_, lit: string) => lit.replace(/[#0,.%]/g, (c) => `\u0000${c}`)),
  );
  if (!m) return formatGeneral(n);
  // eslint-disable-next-line no-control-regex -- \u0000 marks a character the format quoted
  const unescape = (s: string): string => s.replace(/\u0000(.)/g, '$1').replace(/\\(.)/g, '$1');
  const [, prefix, body, suffix] = m;
  // eslint-disable-next-line no-control-regex -- as above
  const percent = (prefix + suffix).replace(/\u0000./g, '').includes('%');
  if (percent) value *= 100;
  const [intPart, decPart = ''] = body.split('.');
  const minDecimals = (decPart.match(/0/g) ?? []).length;
  const maxDecimals = decPart.length;
  const grouping = intPart.includes(',');
  const minInt = (intPart.match(/0/g) ?? []).length;
  let text = Math.abs(value).toFixed(maxDecimals);
  if (maxDecimals > minDecimals)
    text = text.replace(new RegExp(`0{1,${maxDecimals - minDecimals}}$`), '').replace(/\.$/, '');
  let [whole, frac] = text.split('.');
  if (whole === '0' && minInt === 0) whole = '';
  whole = whole.padStart(minInt, '0');
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(text) !== 0 ? '-' : '';
  return `${sign}${unescape(prefix)}${whole}${frac ? '.' + frac : ''}${unescape(suffix)}`;
}

/** What a cell holding `value` shows under number format `fmt`. */
export function formatCellValue(value: string | number | boolean, fmt: string): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (fmt === AUTOMATIC || fmt === GENERAL || fmt === PLAIN_TEXT) return formatGeneral(value);
  if (isDateTimeFormat(fmt)) return formatDateSerial(value, fmt);
  return formatNumberPattern(value, fmt);
}

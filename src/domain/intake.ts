/**
 * A form response turned into a lead draft: the name, phone and email found by question
 * title (form-fields.ts), the phone normalised, every other answer kept, a blank
 * response recognised so it makes no lead, and a fingerprint so a trigger that fires
 * twice makes one lead.
 */
import { formatAnswers, type Answer } from './answers';
import {
  isTimestampTitle,
  resolveFields,
  usedTitles,
  type FieldMap,
  type FieldSettings,
} from './form-fields';
import { normalisePhone } from './phone';

export interface LeadDraft {
  name: string;
  phone: string;
  phoneRaw: string;
  email: string;
  /** False when the phone could not be read: the rep is told to check it. */
  phoneOk: boolean;
  /** Every other answer, as the `answers` cell text ("Question: answer" lines). */
  answers?: string;
}

/** Answers by question title, as `e.namedValues` gives them (an array per title). */
export type NamedValues = Readonly<Record<string, readonly string[] | string>>;

/** First answer to a question, matched by title ignoring case and spaces around it. */
function answer(named: NamedValues, title: string): string {
  const wanted = title.trim().toLowerCase();
  for (const [question, values] of Object.entries(named)) {
    if (question.trim().toLowerCase() !== wanted) continue;
    const first: unknown = Array.isArray(values) ? values[0] : values;
    return String(first ?? '').trim();
  }
  return '';
}

/** The answers to a field's question(s), joined by a space ("First" + "Last"). */
function fieldAnswer(named: NamedValues, titles: readonly string[]): string {
  return titles
    .map((t) => answer(named, t))
    .filter(Boolean)
    .join(' ');
}

/** What a form response says, read with the form's question titles. */
export interface ReadResponse {
  /** Null when every answer is empty (a blank event makes no lead). */
  draft: LeadDraft | null;
  map: FieldMap;
  /**
   * Set when the response has answers but none of them could be read as a name, phone
   * or email: the lead is still made (answers kept) and this says why it has no contact.
   */
  unreadable: string;
}

export function readResponse(
  named: NamedValues,
  settings: FieldSettings & { defaultCountry: string },
): ReadResponse {
  const map = resolveFields(Object.keys(named), settings);
  const name = fieldAnswer(named, map.name.titles);
  const phoneRaw = fieldAnswer(named, map.phone.titles);
  const email = fieldAnswer(named, map.email.titles);
  const used = usedTitles(map);
  const others: Answer[] = Object.keys(named)
    .filter((q) => !used.has(q) && !isTimestampTitle(q))
    .map((q) => ({ question: q.trim(), answer: answer(named, q) }))
    .filter((a) => a.answer !== '');
  if (!name && !phoneRaw && !email && others.length === 0)
    return { draft: null, map, unreadable: '' };
  const phone = phoneRaw ? normalisePhone(phoneRaw, settings.defaultCountry) : null;
  let unreadable = '';
  if (!name && !phoneRaw && !email) {
    const missing = (['name', 'phone', 'email'] as const).filter((f) => map[f].how === 'NONE');
    unreadable = missing.length
      ? `no question of the form could be read as ${missing.join(', ')} (settings ${missing.map((f) => `form_${f}_field`).join(', ')} match no question; the form asks: ${Object.keys(
          named,
        )
          .filter((q) => !isTimestampTitle(q))
          .map((q) => `"${q}"`)
          .join(', ')})`
      : `the answers to ${[...used].map((q) => `"${q}"`).join(', ')} were empty`;
  }
  return {
    map,
    unreadable,
    draft: {
      name,
      phoneRaw,
      email,
      phone: phone && phone.ok ? phone.phone : '',
      phoneOk: Boolean(phone && phone.ok),
      answers: formatAnswers(others),
    },
  };
}

/** Null when every answer is empty (a blank event makes no lead). */
export function draftFromAnswers(
  named: NamedValues,
  settings: FieldSettings & { defaultCountry: string },
): LeadDraft | null {
  return readResponse(named, settings).draft;
}

/** The form's own Timestamp question (Google Forms adds it to the response sheet). */
const TIMESTAMP = 'Timestamp';

/**
 * Characters of each answer the fingerprint looks at. A response parked in Script
 * Properties keeps this much of each answer (9 kB per value), so the parked copy and
 * the response itself have the same fingerprint and make one lead.
 */
export const FINGERPRINT_ANSWER_CHARS = 1_000;

/** An answer as the fingerprint sees it: its first FINGERPRINT_ANSWER_CHARS, trimmed. */
function clippedAnswer(
  named: Readonly<Record<string, readonly string[] | string>>,
  title: string,
): string {
  const wanted = title.trim().toLowerCase();
  for (const [question, values] of Object.entries(named)) {
    if (question.trim().toLowerCase() !== wanted) continue;
    const first: unknown = Array.isArray(values) ? values[0] : values;
    return String(first ?? '')
      .slice(0, FINGERPRINT_ANSWER_CHARS)
      .trim();
  }
  return '';
}

/**
 * Fingerprint of one response: its timestamp and the answers the engine reads as name,
 * phone and email (every answer, sorted by question, when none can be read), the first
 * FINGERPRINT_ANSWER_CHARS of each. Two
 * firings of one response give the same key, and so does the response's row in the
 * form's response sheet, where Sheets has read "0812…" as a number and dropped the zero
 * (each value is reduced to its letters and digits, without leading zeros), and where a
 * question added later shows as an extra empty column (only non-empty answers count).
 */
export function responseFingerprint(
  named: NamedValues,
  values: readonly unknown[],
  fields: FieldSettings,
): string {
  const timestamp =
    Object.keys(named)
      .filter(isTimestampTitle)
      .map((t) => clippedAnswer(named, t))
      .find(Boolean) ||
    clippedAnswer(named, TIMESTAMP) ||
    String(values[0] ?? '');
  const map = resolveFields(Object.keys(named), fields);
  const contact = [map.name, map.phone, map.email].map((r) =>
    r.titles
      .map((t) => clippedAnswer(named, t))
      .filter(Boolean)
      .join(' '),
  );
  if (contact.some(Boolean)) return hashValues([timestamp, ...contact]);
  const rest = Object.keys(named)
    .filter((q) => !isTimestampTitle(q))
    .sort()
    .map((q) => clippedAnswer(named, q))
    .filter(Boolean);
  return hashValues([timestamp, '', '', '', ...rest]);
}

/** Whether a lead was made from (or merged) the response with this fingerprint. */
export function leadHasSubmission(lead: { submissionKey: string }, key: string): boolean {
  return lead.submissionKey.split(/\s+/).includes(key);
}

function fnv(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** A short, stable hash of values, each reduced to letters and digits without leading zeros. */
export function hashValues(values: readonly unknown[]): string {
  const text = values
    .map((v) =>
      String(v ?? '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]/gu, '')
        .replace(/^0+/, ''),
    )
    .join('\u241f');
  return `S${fnv(text)}`;
}

/** A short, stable hash of values taken exactly as given (ids where "A-1" and "a1" differ). */
export function hashExact(values: readonly string[]): string {
  return `X${fnv(values.join('\u241f'))}`;
}

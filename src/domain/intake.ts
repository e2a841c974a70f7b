/**
 * A form response turned into a lead draft: answers found by question title (as set
 * in settings), the phone normalised, a blank response recognised so it makes no lead,
 * and a fingerprint so a trigger that fires twice makes one lead.
 */
import { normalisePhone } from './phone';
import type { Settings } from './settings';

export interface LeadDraft {
  name: string;
  phone: string;
  phoneRaw: string;
  email: string;
  /** False when the phone could not be read: the rep is told to check it. */
  phoneOk: boolean;
}

/** First answer to a question, matched by title ignoring case and spaces around it. */
function answer(
  named: Readonly<Record<string, readonly string[] | string>>,
  title: string,
): string {
  const wanted = title.trim().toLowerCase();
  for (const [question, values] of Object.entries(named)) {
    if (question.trim().toLowerCase() !== wanted) continue;
    const first: unknown = Array.isArray(values) ? values[0] : values;
    return String(first ?? '').trim();
  }
  return '';
}

/** Null when every answer is empty (a blank event makes no lead). */
export function draftFromAnswers(
  named: Readonly<Record<string, readonly string[] | string>>,
  settings: Settings,
): LeadDraft | null {
  const name = answer(named, settings.formNameField);
  const phoneRaw = answer(named, settings.formPhoneField);
  const email = answer(named, settings.formEmailField);
  if (!name && !phoneRaw && !email) return null;
  const phone = phoneRaw ? normalisePhone(phoneRaw, settings.defaultCountry) : null;
  return {
    name,
    phoneRaw,
    email,
    phone: phone && phone.ok ? phone.phone : '',
    phoneOk: Boolean(phone && phone.ok),
  };
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
 * Fingerprint of one response: its timestamp and the three answers the engine uses
 * (the first FINGERPRINT_ANSWER_CHARS of each).
 * Two firings of one response give the same key, and so does the response's row in the
 * form's response sheet, where Sheets has read "0812…" as a number and dropped the zero
 * (each value is reduced to its letters and digits, without leading zeros), and where a
 * question added later shows as an extra empty column (only the answers we use count).
 */
export function responseFingerprint(
  named: Readonly<Record<string, readonly string[] | string>>,
  values: readonly unknown[],
  fields: Pick<Settings, 'formNameField' | 'formPhoneField' | 'formEmailField'>,
): string {
  const timestamp = clippedAnswer(named, TIMESTAMP) || String(values[0] ?? '');
  return hashValues([
    timestamp,
    clippedAnswer(named, fields.formNameField),
    clippedAnswer(named, fields.formPhoneField),
    clippedAnswer(named, fields.formEmailField),
  ]);
}

/** Whether a lead was made from (or merged) the response with this fingerprint. */
export function leadHasSubmission(lead: { submissionKey: string }, key: string): boolean {
  return lead.submissionKey.split(/\s+/).includes(key);
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
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `S${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

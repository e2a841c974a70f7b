/**
 * Phone normalisation to E.164 without the plus ("62812…"), with libphonenumber-js.
 * A number typed without a country code is read in the default country; "62…" typed
 * without a plus is already international for Indonesia and the library reads it so.
 * An unparseable number is not an error: the lead is kept and the raw text travels on.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneResult = { ok: true; phone: string } | { ok: false; raw: string };

/** @param defaultCountry ISO 3166-1 alpha-2 code, e.g. 'ID' */
export function normalisePhone(raw: string, defaultCountry: string): PhoneResult {
  const text = raw.trim();
  if (!/\d/.test(text) || /[=@]/.test(text) || /[a-z]{2,}/i.test(text))
    return { ok: false, raw: text };
  const parsed = parsePhoneNumberFromString(text, defaultCountry.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid()) return { ok: false, raw: text };
  return { ok: true, phone: parsed.number.replace(/^\+/, '') };
}

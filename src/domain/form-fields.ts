/**
 * Which form question holds the lead's name, phone and email. The `form_*_field`
 * settings name the questions; when a setting matches no question of the form, the
 * usual English and Indonesian titles are recognised ("Nama", "No. WhatsApp", "E-mail",
 * "First Name" + "Last Name" ...). Set up, Check set-up and intake all resolve the same
 * way, from the question titles (the response sheet's header row, or the keys of the
 * form-submit event's `namedValues`).
 */

export type ContactField = 'name' | 'phone' | 'email';

/** The three settings, as typed in `settings`. */
export interface FieldSettings {
  formNameField: string;
  formPhoneField: string;
  formEmailField: string;
}

export const FIELD_SETTING_KEYS: Record<ContactField, string> = {
  name: 'form_name_field',
  phone: 'form_phone_field',
  email: 'form_email_field',
};

/** How a field was found. */
export type Resolution =
  /** The setting names a question (or two joined by " + "). */
  | { field: ContactField; how: 'SETTING'; titles: string[] }
  /** The setting matched nothing; a usual title did. */
  | { field: ContactField; how: 'USUAL_TITLE'; titles: string[] }
  /** Nothing matched. */
  | { field: ContactField; how: 'NONE'; titles: [] };

export type FieldMap = Record<ContactField, Resolution>;

/** Joins two titles in a setting whose answers are read together (first and last name). */
export const TITLE_JOINER = ' + ';

/**
 * Titles compared loosely: lower case, every run of characters that is not a letter or a
 * digit read as one space ("No. HP" → "no hp", "E-mail" → "e mail").
 */
export function looseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Usual titles, loosely written, English then Indonesian; the first one a form has wins. */
const USUAL: Record<ContactField, readonly string[]> = {
  name: [
    'name',
    'full name',
    'your name',
    'customer name',
    'contact name',
    'nama',
    'nama lengkap',
    'nama anda',
    'nama kamu',
    'nama pelanggan',
    'nama customer',
  ],
  phone: [
    'phone',
    'phone number',
    'mobile',
    'mobile number',
    'mobile phone',
    'cell phone',
    'telephone',
    'whatsapp',
    'whatsapp number',
    'phone whatsapp',
    'wa',
    'no wa',
    'nomor wa',
    'no hp',
    'nomor hp',
    'no hp wa',
    'no hp whatsapp',
    'hp',
    'handphone',
    'no handphone',
    'nomor handphone',
    'no whatsapp',
    'nomor whatsapp',
    'telepon',
    'no telepon',
    'nomor telepon',
    'telp',
    'no telp',
  ],
  email: [
    'email',
    'e mail',
    'email address',
    'e mail address',
    'your email',
    'alamat email',
    'alamat e mail',
    'surel',
    'alamat surel',
  ],
};

/** First and last name questions, read together as the name. */
const FIRST_NAME = ['first name', 'given name', 'nama depan'];
const LAST_NAME = ['last name', 'surname', 'family name', 'nama belakang'];

/** The form's own timestamp column (English and Indonesian), never an answer. */
const TIMESTAMP_TITLES = ['timestamp', 'stempel waktu'];

export function isTimestampTitle(title: string): boolean {
  return TIMESTAMP_TITLES.includes(looseTitle(title));
}

function exactMatch(titles: readonly string[], wanted: string): string | undefined {
  const w = wanted.trim().toLowerCase();
  if (!w) return undefined;
  return (
    titles.find((t) => t.trim().toLowerCase() === w) ??
    titles.find((t) => looseTitle(t) === looseTitle(wanted) && looseTitle(wanted) !== '')
  );
}

function settingOf(settings: FieldSettings, field: ContactField): string {
  return field === 'name'
    ? settings.formNameField
    : field === 'phone'
      ? settings.formPhoneField
      : settings.formEmailField;
}

/** The question(s) a setting names, when the form has them all. */
function bySetting(titles: readonly string[], setting: string): string[] | undefined {
  const whole = exactMatch(titles, setting);
  if (whole) return [whole];
  if (!setting.includes(TITLE_JOINER.trim())) return undefined;
  const parts = setting
    .split(TITLE_JOINER.trim())
    .map((p) => p.trim())
    .filter(Boolean);
  const found = parts.map((p) => exactMatch(titles, p));
  return parts.length > 1 && found.every((f): f is string => f !== undefined) ? found : undefined;
}

function byUsual(
  titles: readonly string[],
  usual: readonly string[],
  taken: ReadonlySet<string>,
): string | undefined {
  for (const wanted of usual) {
    const hit = titles.find((t) => !taken.has(t) && looseTitle(t) === wanted);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Resolves each field against the form's question titles: the setting first (exact
 * title, then the same words with other punctuation, then "A + B"), then the usual
 * titles. A question is used for one field only.
 */
export function resolveFields(titles: readonly string[], settings: FieldSettings): FieldMap {
  const questions = titles.filter((t) => t.trim() !== '' && !isTimestampTitle(t));
  const taken = new Set<string>();
  const map = {} as FieldMap;
  const fields: ContactField[] = ['name', 'phone', 'email'];
  // Settings first for every field, so a usual title never steals a question a setting names.
  for (const field of fields) {
    const hit = bySetting(questions, settingOf(settings, field));
    if (hit && hit.every((t) => !taken.has(t))) {
      hit.forEach((t) => taken.add(t));
      map[field] = { field, how: 'SETTING', titles: hit };
    }
  }
  for (const field of fields) {
    if (map[field]) continue;
    let hit: string[] | undefined;
    const one = byUsual(questions, USUAL[field], taken);
    if (one) hit = [one];
    else if (field === 'name') {
      const first = byUsual(questions, FIRST_NAME, taken);
      const last = byUsual(questions, LAST_NAME, taken);
      if (first) hit = last ? [first, last] : [first];
    }
    if (hit) {
      hit.forEach((t) => taken.add(t));
      map[field] = { field, how: 'USUAL_TITLE', titles: hit };
    } else map[field] = { field, how: 'NONE', titles: [] };
  }
  return map;
}

/** The value to write into a setting so that it names what was resolved ("First Name + Last Name"). */
export function settingValue(resolution: Resolution): string {
  return resolution.titles.join(TITLE_JOINER);
}

/** Every question the map uses. */
export function usedTitles(map: FieldMap): Set<string> {
  return new Set([...map.name.titles, ...map.phone.titles, ...map.email.titles]);
}

/**
 * What a person is told about a map: one line per field found, and one problem per
 * field nothing resolves (with the form's questions, so the fix is obvious).
 */
export function describeFieldMap(
  map: FieldMap,
  titles: readonly string[],
  settings: FieldSettings,
): { found: string[]; problems: string[] } {
  const questions = titles.filter((t) => t.trim() !== '' && !isTimestampTitle(t));
  const found: string[] = [];
  const problems: string[] = [];
  for (const field of ['name', 'phone', 'email'] as const) {
    const r = map[field];
    const key = FIELD_SETTING_KEYS[field];
    if (r.how === 'NONE')
      problems.push(
        `${key} is "${settingOf(settings, field)}", but the form has no such question and none of the usual titles (its questions: ${questions.map((q) => `"${q}"`).join(', ') || 'none'}). Fix: type the title of the form's ${field} question into settings → ${key}${field === 'email' ? ' (ignore this if the form does not ask for an email)' : ''}.`,
      );
    else
      found.push(
        `The lead's ${field} is read from ${r.titles.map((t) => `"${t}"`).join(' + ')}${r.how === 'USUAL_TITLE' ? ` (${key} says "${settingOf(settings, field)}"; run Set up to write it)` : ''}.`,
      );
  }
  if (problems.length === 3)
    problems.push(
      'No answer can be read as a name, phone or email: every response is kept as a lead with its answers, but logged as an ERROR.',
    );
  return { found, problems };
}

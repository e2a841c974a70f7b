/**
 * Settings as the admin edits them in the `settings` sheet: their defaults, the words
 * setup() writes beside them, and validation. A bad value stops the run with a message
 * naming the key and what is allowed, rather than routing with a guess.
 */
import { parseBusinessHours, type BusinessHours } from './business-hours';
import { RoutingError } from './errors';
import { LANGUAGES, type Language } from './texts';

export interface Settings {
  /** Minutes a rep has to mark a lead CONTACTED. */
  slaMinutes: number;
  /** A lead routed this many times escalates when its SLA expires again. */
  escalationThreshold: number;
  /** Sweep interval in minutes: 1, 5, 10, 15, 30 or 60. */
  slaCheckEveryMinutes: number;
  managerSlackId: string;
  leadsChannelId: string;
  escalationChannelId: string;
  /** ISO 3166-1 alpha-2 country for numbers typed without a country code. */
  defaultCountry: string;
  formNameField: string;
  formPhoneField: string;
  formEmailField: string;
  /** Closed leads older than this many days move to lead_archive. */
  archiveAfterDays: number;
  /**
   * Days routing_log rows, lead_archive rows and form responses stay in the live
   * spreadsheet before moving to the archive spreadsheet of their year.
   */
  yearlyArchiveAfterDays: number;
  /** When the SLA clock runs; null = always. */
  businessHours: BusinessHours;
  /** A new submission matching an open lead this recent (days) is merged into it. */
  duplicateWindowDays: number;
  /** Language of every Slack text: 'en' (default) or 'id' (Bahasa Indonesia). */
  language: Language;
  /** Local hour (0–23) after which the manager's daily digest goes out; null = off. */
  dailyDigestHour: number | null;
}

export interface SettingSpec {
  key: string;
  defaultValue: string | number;
  description: string;
}

export const SETTING_SPECS: readonly SettingSpec[] = [
  {
    key: 'sla_minutes',
    defaultValue: 60,
    description: 'Minutes a rep has to mark a lead CONTACTED before it is re-routed',
  },
  {
    key: 'escalation_threshold',
    defaultValue: 10,
    description:
      'A lead routed this many times is escalated to the manager (once) when its SLA expires again',
  },
  {
    key: 'sla_check_every_minutes',
    defaultValue: 5,
    description:
      'How often the SLA sweep runs: 1, 5, 10, 15, 30 or 60 (run Set up again after changing it)',
  },
  {
    key: 'manager_slack_id',
    defaultValue: '',
    description: 'Slack member id (U…) of the manager who receives escalations',
  },
  {
    key: 'leads_channel_id',
    defaultValue: '',
    description: 'Slack channel id (C…) for lead messages; empty = direct message to the rep',
  },
  {
    key: 'escalation_channel_id',
    defaultValue: '',
    description: 'Slack channel id (C…) for escalations; empty = direct message to the manager',
  },
  {
    key: 'default_country',
    defaultValue: 'ID',
    description: 'Country for phone numbers typed without a country code (two letters, e.g. ID)',
  },
  {
    key: 'form_name_field',
    defaultValue: 'Name',
    description: "Title of the form question with the lead's name",
  },
  {
    key: 'form_phone_field',
    defaultValue: 'Phone',
    description: "Title of the form question with the lead's phone",
  },
  {
    key: 'form_email_field',
    defaultValue: 'Email',
    description: "Title of the form question with the lead's email",
  },
  {
    key: 'business_hours',
    defaultValue: '',
    description:
      'When the SLA clock runs, e.g. "Mon-Fri 09:00-17:00" or "Mon-Fri 09:00-12:00,13:00-17:00; Sat 09:00-13:00"; empty = always. Dates in the holidays sheet are closed.',
  },
  {
    key: 'duplicate_window_days',
    defaultValue: 30,
    description:
      'A submission with the phone or email of a NEW or CONTACTED lead created this many days ago or less is merged into it (0 = never merge)',
  },
  {
    key: 'archive_after_days',
    defaultValue: 30,
    description:
      'Leads CONTACTED, QUALIFIED or CLOSED_LOST for this many days move to lead_archive, keeping lead_sheet small',
  },
  {
    key: 'yearly_archive_after_days',
    defaultValue: 60,
    description:
      "routing_log rows, lead_archive rows and form responses (those that became leads) older than this many days move each night to the year's archive spreadsheet, which Check set-up links; keeps this spreadsheet under Google's 10 million cells",
  },
  {
    key: 'language',
    defaultValue: 'en',
    description:
      'Language of every Slack message, button and reply: en (English) or id (Bahasa Indonesia)',
  },
  {
    key: 'daily_digest_hour',
    defaultValue: '',
    description:
      "Hour (0-23, spreadsheet time zone) after which the manager gets the day's figures once a day (on business days when business_hours is set); empty = no digest",
  },
];

export const SWEEP_INTERVALS = [1, 5, 10, 15, 30, 60] as const;

function text(raw: ReadonlyMap<string, unknown>, key: string): string {
  const value = raw.get(key);
  if (value === undefined || value === null || String(value).trim() === '') {
    const spec = SETTING_SPECS.find((s) => s.key === key);
    return String(spec?.defaultValue ?? '');
  }
  return String(value).trim();
}

function wholeNumber(
  raw: ReadonlyMap<string, unknown>,
  key: string,
  min: number,
  max: number,
): number {
  const value = text(raw, key);
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < min || n > max) {
    throw new RoutingError(
      'BAD_SETTING',
      `settings: ${key} is "${value}"; it must be a whole number from ${min} to ${max}`,
    );
  }
  return n;
}

function optionalId(
  raw: ReadonlyMap<string, unknown>,
  key: string,
  pattern: RegExp,
  form: string,
): string {
  const value = text(raw, key);
  if (value && !pattern.test(value)) {
    throw new RoutingError(
      'BAD_SETTING',
      `settings: ${key} is "${value}"; it must be empty or ${form}`,
    );
  }
  return value;
}

/**
 * The settings intake needs to read a response (question titles, country), each on its
 * own: one bad value elsewhere must not make intake look for the wrong questions.
 */
export function formFields(
  raw: ReadonlyMap<string, unknown>,
): Pick<Settings, 'formNameField' | 'formPhoneField' | 'formEmailField' | 'defaultCountry'> {
  const country = text(raw, 'default_country').toUpperCase();
  return {
    formNameField: text(raw, 'form_name_field'),
    formPhoneField: text(raw, 'form_phone_field'),
    formEmailField: text(raw, 'form_email_field'),
    defaultCountry: /^[A-Z]{2}$/.test(country) ? country : 'ID',
  };
}

/** Reads and validates every setting; empty cells take their defaults. */
export function parseSettings(raw: ReadonlyMap<string, unknown>): Settings {
  const interval = wholeNumber(raw, 'sla_check_every_minutes', 1, 60);
  if (!(SWEEP_INTERVALS as readonly number[]).includes(interval)) {
    throw new RoutingError(
      'BAD_SETTING',
      `settings: sla_check_every_minutes is "${interval}"; allowed values are ${SWEEP_INTERVALS.join(', ')}`,
    );
  }
  const country = text(raw, 'default_country').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new RoutingError(
      'BAD_SETTING',
      `settings: default_country is "${country}"; it must be a two-letter country code such as ID`,
    );
  }
  return {
    slaMinutes: wholeNumber(raw, 'sla_minutes', 1, 60 * 24 * 30),
    escalationThreshold: wholeNumber(raw, 'escalation_threshold', 1, 1000),
    slaCheckEveryMinutes: interval,
    managerSlackId: optionalId(
      raw,
      'manager_slack_id',
      /^[UW][A-Z0-9]{2,}$/,
      'a Slack member id such as U012ABCDEF',
    ),
    leadsChannelId: optionalId(
      raw,
      'leads_channel_id',
      /^[CG][A-Z0-9]{2,}$/,
      'a Slack channel id such as C012ABCDEF',
    ),
    escalationChannelId: optionalId(
      raw,
      'escalation_channel_id',
      /^[CG][A-Z0-9]{2,}$/,
      'a Slack channel id such as C012ABCDEF',
    ),
    defaultCountry: country,
    formNameField: text(raw, 'form_name_field'),
    formPhoneField: text(raw, 'form_phone_field'),
    formEmailField: text(raw, 'form_email_field'),
    archiveAfterDays: wholeNumber(raw, 'archive_after_days', 1, 3650),
    yearlyArchiveAfterDays: wholeNumber(raw, 'yearly_archive_after_days', 1, 3650),
    businessHours: parseBusinessHours(text(raw, 'business_hours')),
    duplicateWindowDays: wholeNumber(raw, 'duplicate_window_days', 0, 3650),
    language: parseLanguage(raw),
    dailyDigestHour:
      text(raw, 'daily_digest_hour') === '' ? null : wholeNumber(raw, 'daily_digest_hour', 0, 23),
  };
}

/**
 * The `language` setting alone, for clicks that must answer in the team's language even
 * when another setting is broken (an unknown value is an error only in parseSettings).
 */
export function languageOf(raw: ReadonlyMap<string, unknown>): Language {
  const value = text(raw, 'language').toLowerCase();
  return (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : 'en';
}

function parseLanguage(raw: ReadonlyMap<string, unknown>): Language {
  const value = text(raw, 'language').toLowerCase();
  if (!(LANGUAGES as readonly string[]).includes(value))
    throw new RoutingError(
      'BAD_SETTING',
      `settings: language is "${text(raw, 'language')}"; allowed values are ${LANGUAGES.join(', ')} (id = Bahasa Indonesia)`,
    );
  return value as Language;
}

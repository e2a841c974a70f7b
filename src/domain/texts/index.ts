/**
 * The Slack texts by `language`: one table per language (en.ts, id.ts) with the same
 * keys, and the helpers that need a table (durations, weekday deadlines).
 */
import { en, type Texts } from './en';
import { id } from './id';

export type { Texts };
export const LANGUAGES = ['en', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TEXTS: Record<Language, Texts> = { en, id };

export function textsFor(language: Language): Texts {
  return TEXTS[language];
}

const DAY_MS = 86_400_000;

/**
 * "Thu 15:30" / "Kam 15:30": weekday and time in the spreadsheet's zone, built here so
 * the weekday is in the team's language (Apps Script's formatDate names days in English).
 * @param offsetMinutes local time minus UTC at that instant
 */
export function dayAndTime(epochMs: number, offsetMinutes: number, t: Texts): string {
  const local = epochMs + offsetMinutes * 60_000;
  const weekday = (((Math.floor(local / DAY_MS) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const minuteOfDay = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${t.weekdays[weekday]} ${hh}:${mm}`;
}

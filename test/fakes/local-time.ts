/**
 * The LocalTime port in memory for a zone with a fixed UTC offset (Asia/Jakarta, +07:00,
 * has had no daylight saving since 1964), formatting as the real ZoneTime does through
 * Utilities.formatDate: 'yyyyMMdd' and 'EEE HH:mm'.
 */
import type { LocalTime } from '../../src/app/ports';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number): string => String(n).padStart(2, '0');

export class FakeLocalTime implements LocalTime {
  /** @param offset local time minus UTC, in minutes (+420 = UTC+7) */
  constructor(readonly offset = 420) {}

  offsetMinutes(): number {
    return this.offset;
  }

  /** The wall clock of an instant, as a Date read with its UTC getters. */
  private wall(epochMs: number): Date {
    return new Date(epochMs + this.offset * 60_000);
  }

  compactDate(epochMs: number): string {
    const d = this.wall(epochMs);
    return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  }

  dayAndTime(epochMs: number): string {
    const d = this.wall(epochMs);
    return `${DAYS[d.getUTCDay()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  }

  /** 'yyyy-mm-dd' local: the dashboard's day. */
  day(epochMs: number): string {
    return this.wall(epochMs).toISOString().slice(0, 10);
  }
}

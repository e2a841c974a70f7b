/**
 * Time in the spreadsheet's zone: UTC offsets (for serial date cells) and the local
 * formats people read. Offsets come from Utilities.formatDate and are memoised per
 * hour, so reading thousands of date cells costs a handful of calls.
 */
import type { LocalTime } from '../app/ports';
import { epochToSerial, serialToEpoch } from './sheet-time';

const HOUR_MS = 3_600_000;

export class ZoneTime implements LocalTime {
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {}

  /** Local time minus UTC, in minutes, at an instant. */
  offsetMinutes(epochMs: number): number {
    const hour = Math.floor(epochMs / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      const z = Utilities.formatDate(new Date(hour * HOUR_MS), this.timeZone, 'Z');
      const match = /^([+-])(\d{2})(\d{2})$/.exec(z);
      offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  toSerial(epochMs: number): number {
    return epochToSerial(epochMs, this.offsetMinutes(epochMs));
  }

  fromSerial(serial: number): number {
    const guess = serialToEpoch(serial, 0);
    return serialToEpoch(serial, this.offsetMinutes(guess - this.offsetMinutes(guess) * 60_000));
  }

  compactDate(epochMs: number): string {
    return Utilities.formatDate(new Date(epochMs), this.timeZone, 'yyyyMMdd');
  }

  /** "2026-11-26 09:00:00", which Sheets reads as a date-time when typed (USER_ENTERED). */
  dateTime(epochMs: number): string {
    return Utilities.formatDate(new Date(epochMs), this.timeZone, 'yyyy-MM-dd HH:mm:ss');
  }

  dayAndTime(epochMs: number): string {
    return Utilities.formatDate(new Date(epochMs), this.timeZone, 'EEE HH:mm');
  }
}

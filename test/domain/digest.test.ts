/**
 * When the daily digest is owed, pure. The zone is UTC+7: 2026-11-26 is a Thursday,
 * 10:00 local = 03:00 UTC.
 */
import fc from 'fast-check';
import { parseBusinessHours } from '../../src/domain/business-hours';
import {
  digestDue,
  digestId,
  isBusinessDay,
  nextDigestAt,
  type DigestTiming,
} from '../../src/domain/digest';

const HOUR = 3_600_000;
const THU_10 = Date.UTC(2026, 10, 26, 3, 0);
const timing = (over: Partial<DigestTiming> = {}): DigestTiming => ({
  hour: 10,
  businessHours: null,
  holidays: new Set(),
  offsetMinutes: 7 * 60,
  now: THU_10,
  outboxIds: new Set(),
  ...over,
});

describe('when the daily digest is owed', () => {
  test('from the hour on, once per local day: the outbox row of the day is the claim', () => {
    expect(digestDue(timing({ now: THU_10 - 1 }))).toBeNull();
    expect(digestDue(timing())).toBe('2026-11-26');
    expect(digestDue(timing({ now: THU_10 + 13 * HOUR + 59 * 60_000 }))).toBe('2026-11-26');
    expect(digestDue(timing({ outboxIds: new Set([digestId('2026-11-26')]) }))).toBeNull();
    expect(digestDue(timing({ now: THU_10 + 14 * HOUR }))).toBeNull(); // 00:00 Friday, before 10
    expect(digestDue(timing({ hour: null }))).toBeNull();
  });

  test('with business hours, only open days that are not holidays', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-17:00');
    expect(isBusinessDay('2026-11-26', hours, new Set())).toBe(true); // Thursday
    expect(isBusinessDay('2026-11-28', hours, new Set())).toBe(false); // Saturday
    expect(isBusinessDay('2026-11-26', hours, new Set(['2026-11-26']))).toBe(false);
    expect(isBusinessDay('2026-11-28', null, new Set())).toBe(true);
    expect(
      digestDue(timing({ businessHours: hours, holidays: new Set(['2026-11-26']) })),
    ).toBeNull();
  });

  test('the next time it may be owed: now when owed, else the hour today or tomorrow', () => {
    expect(nextDigestAt(timing())).toBe(THU_10);
    expect(nextDigestAt(timing({ now: THU_10 - HOUR }))).toBe(THU_10);
    const claimed = new Set([digestId('2026-11-26')]);
    expect(nextDigestAt(timing({ outboxIds: claimed, now: THU_10 + HOUR }))).toBe(
      THU_10 + 24 * HOUR,
    );
    expect(nextDigestAt(timing({ hour: null }))).toBe(Infinity);
  });

  test('property: the next time is never in the past and within a day, and it is owed then unless already claimed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: THU_10 - 40 * 24 * HOUR, max: THU_10 + 40 * 24 * HOUR }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (hour, now, offsetMinutes) => {
          const t = timing({ hour, now, offsetMinutes });
          const next = nextDigestAt(t);
          if (next < now || next > now + 24 * HOUR) return false;
          return digestDue({ ...t, now: next }) !== null;
        },
      ),
    );
  });
});

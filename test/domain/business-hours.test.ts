import fc from 'fast-check';
import {
  addOpenMinutes,
  formatBusinessHours,
  isOpen,
  nextOpening,
  openMinutesBetween,
  parseBusinessHours,
  type BusinessHours,
  type ZoneOffsets,
} from '../../src/domain/business-hours';
import { RoutingError } from '../../src/domain/errors';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NONE: ReadonlySet<string> = new Set();

/** A zone with a constant offset, in minutes (Asia/Jakarta = +420). */
function fixedZone(offset: number): ZoneOffsets {
  return { offsetMinutes: () => offset };
}

/** A hand-made DST zone: `offsets[i]` applies from `changes[i - 1]` (inclusive) to `changes[i]`. */
function steppedZone(
  offsets: readonly number[],
  changes: readonly number[],
): ZoneOffsets & { calls: number } {
  const zone = {
    calls: 0,
    offsetMinutes(epochMs: number): number {
      zone.calls++;
      let i = 0;
      while (i < changes.length && epochMs >= changes[i]) i++;
      return offsets[i];
    },
  };
  return zone;
}

/** The instant showing local wall time y-mo-d h:mi in a zone at `offset` minutes (mo is 1-based). */
function wall(y: number, mo: number, d: number, h: number, mi: number, offset: number): number {
  return Date.UTC(y, mo - 1, d, h, mi) - offset * MIN;
}

const JAKARTA = fixedZone(420);
const OFFICE = parseBusinessHours('Mon-Fri 09:00-17:00');

function expectBadSetting(text: string, detail?: string): void {
  let caught: unknown;
  try {
    parseBusinessHours(text);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(RoutingError);
  const err = caught as RoutingError;
  expect(err.code).toBe('BAD_SETTING');
  expect(err.message).toContain(`settings: business_hours "${text.trim()}" is not understood`);
  expect(err.message).toContain(
    'write it like "Mon-Fri 09:00-17:00" or "Mon-Fri 09:00-12:00,13:00-17:00; Sat 09:00-13:00"',
  );
  if (detail) expect(err.message).toContain(detail);
}

describe('parseBusinessHours', () => {
  test('empty text means always open (null)', () => {
    expect(parseBusinessHours('')).toBeNull();
    expect(parseBusinessHours('   ')).toBeNull();
  });

  test('a weekday range with one interval', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-17:00');
    expect(hours?.days.map((d) => d.length)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(hours?.days[0]).toEqual([{ startMinute: 540, endMinute: 1020 }]);
    expect(formatBusinessHours(hours)).toBe(
      'Mon 09:00-17:00; Tue 09:00-17:00; Wed 09:00-17:00; Thu 09:00-17:00; Fri 09:00-17:00',
    );
  });

  test('several intervals and several groups', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-12:00,13:00-17:00; Sat 09:00-13:00');
    expect(hours?.days[2]).toEqual([
      { startMinute: 540, endMinute: 720 },
      { startMinute: 780, endMinute: 1020 },
    ]);
    expect(hours?.days[5]).toEqual([{ startMinute: 540, endMinute: 780 }]);
    expect(hours?.days[6]).toEqual([]);
  });

  test('day names in any case, full names, wrapping ranges and comma lists', () => {
    expect(formatBusinessHours(parseBusinessHours('fri-MON 10:00-11:00'))).toBe(
      'Mon 10:00-11:00; Fri 10:00-11:00; Sat 10:00-11:00; Sun 10:00-11:00',
    );
    expect(formatBusinessHours(parseBusinessHours('Mon,Wed, friday 10:00-11:00'))).toBe(
      'Mon 10:00-11:00; Wed 10:00-11:00; Fri 10:00-11:00',
    );
    expect(formatBusinessHours(parseBusinessHours('Sat-Sun,Tue 10:00-11:00'))).toBe(
      'Tue 10:00-11:00; Sat 10:00-11:00; Sun 10:00-11:00',
    );
    expect(formatBusinessHours(parseBusinessHours('Thu 10:00-11:00'))).toBe('Thu 10:00-11:00');
  });

  test('single-digit hours, 24:00, spaces and en dashes are accepted', () => {
    expect(formatBusinessHours(parseBusinessHours('Mon 9:00-17:30'))).toBe('Mon 09:00-17:30');
    expect(formatBusinessHours(parseBusinessHours('Sun 00:00-24:00'))).toBe('Sun 00:00-24:00');
    expect(
      formatBusinessHours(parseBusinessHours(' Mon - Tue  9:00 - 10:00 , 11:00-12:00 ;')),
    ).toBe('Mon 09:00-10:00,11:00-12:00; Tue 09:00-10:00,11:00-12:00');
    expect(formatBusinessHours(parseBusinessHours('Mon–Fri 09:00–17:00'))).toBe(
      formatBusinessHours(OFFICE),
    );
  });

  test('overlapping and touching intervals are merged, also across groups', () => {
    const hours = parseBusinessHours(
      'Mon 09:00-12:00,11:00-13:00,13:00-14:00,16:00-17:00; Mon-Tue 08:00-09:30',
    );
    expect(formatBusinessHours(hours)).toBe('Mon 08:00-14:00,16:00-17:00; Tue 08:00-09:30');
  });

  test('the message for something not understood shows the expected form', () => {
    expectBadSetting('Mon-Fro 9-5', '"Fro" is not a day');
  });

  test.each([
    ['Mon-Fri 9-5', 'not a time range'],
    ['Mon-Fri 17:00-09:00', 'does not end after it starts'],
    ['Mon-Fri 09:00-09:00', 'does not end after it starts'],
    ['Mon 22:00-02:00', 'cannot cross midnight'],
    ['Mon-Fri 09:00-25:00', 'not between 00:00 and 24:00'],
    ['Mon-Fri 09:60-10:00', 'not between 00:00 and 24:00'],
    ['Mon-Fri 24:00-24:00', 'not between 00:00 and 24:00'],
    ['Mon-Fri 09:00-24:30', 'not between 00:00 and 24:00'],
    ['Mon-Fri', 'has no hours'],
    ['09:00-17:00', 'does not start with days'],
    ['Mon,,Wed 09:00-17:00', 'a day is missing'],
    ['Mon--Fri 09:00-17:00', 'not a day or a range of days'],
    ['Mon-Wed-Fri 09:00-17:00', 'not a day or a range of days'],
    ['Mon-Fri 09:00-17:00 Sat 10:00-12:00', 'not a time range'],
    ['Mon 09:00-17:00,', 'not a time range'],
    [';', 'no days or hours'],
    ['Weekdays 09:00-17:00', '"Weekdays" is not a day'],
  ])('%s is rejected (%s)', (text, detail) => {
    expectBadSetting(text, detail);
  });
});

describe('the SLA clock over business hours (Asia/Jakarta, UTC+7)', () => {
  const friday1650 = wall(2025, 1, 10, 16, 50, 420);

  test('a lead assigned Friday 16:50 with 60 minutes is due Monday 09:50', () => {
    expect(addOpenMinutes(OFFICE, NONE, JAKARTA, friday1650, 60)).toBe(
      wall(2025, 1, 13, 9, 50, 420),
    );
  });

  test('... and Tuesday 09:50 when Monday is a holiday', () => {
    expect(addOpenMinutes(OFFICE, new Set(['2025-01-13']), JAKARTA, friday1650, 60)).toBe(
      wall(2025, 1, 14, 9, 50, 420),
    );
  });

  test('always-open hours add wall-clock minutes exactly, ignoring holidays', () => {
    const holidays = new Set(['2025-01-10', '2025-01-11']);
    expect(addOpenMinutes(null, holidays, JAKARTA, friday1650, 60)).toBe(friday1650 + 60 * MIN);
    expect(addOpenMinutes(null, holidays, JAKARTA, friday1650, 0.5)).toBe(friday1650 + 30_000);
    expect(isOpen(null, holidays, JAKARTA, friday1650)).toBe(true);
    expect(nextOpening(null, holidays, JAKARTA, friday1650)).toBe(friday1650);
    expect(openMinutesBetween(null, holidays, JAKARTA, friday1650, friday1650 + 90 * MIN)).toBe(90);
  });

  test('counting starts at the next opening when assigned while closed', () => {
    const saturdayNoon = wall(2025, 1, 11, 12, 0, 420);
    expect(addOpenMinutes(OFFICE, NONE, JAKARTA, saturdayNoon, 30)).toBe(
      wall(2025, 1, 13, 9, 30, 420),
    );
    const mondayEarly = wall(2025, 1, 13, 7, 0, 420);
    expect(addOpenMinutes(OFFICE, NONE, JAKARTA, mondayEarly, 30)).toBe(
      wall(2025, 1, 13, 9, 30, 420),
    );
  });

  test('minutes that fill the day exactly end at closing time, not at the next opening', () => {
    expect(addOpenMinutes(OFFICE, NONE, JAKARTA, friday1650, 10)).toBe(
      wall(2025, 1, 10, 17, 0, 420),
    );
    expect(addOpenMinutes(OFFICE, NONE, JAKARTA, friday1650, 0)).toBe(friday1650);
    expect(addOpenMinutes(OFFICE, NONE, JAKARTA, wall(2025, 1, 10, 17, 0, 420), 0)).toBe(
      wall(2025, 1, 13, 9, 0, 420),
    );
  });

  test('a lunch break pauses the clock', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-12:00,13:00-17:00');
    expect(addOpenMinutes(hours, NONE, JAKARTA, wall(2025, 1, 13, 11, 30, 420), 60)).toBe(
      wall(2025, 1, 13, 13, 30, 420),
    );
  });

  test('isOpen: open from the start of an interval up to (not including) its end', () => {
    expect(isOpen(OFFICE, NONE, JAKARTA, wall(2025, 1, 10, 9, 0, 420))).toBe(true);
    expect(isOpen(OFFICE, NONE, JAKARTA, wall(2025, 1, 10, 9, 0, 420) - 1)).toBe(false);
    expect(isOpen(OFFICE, NONE, JAKARTA, wall(2025, 1, 10, 17, 0, 420) - 1)).toBe(true);
    expect(isOpen(OFFICE, NONE, JAKARTA, wall(2025, 1, 10, 17, 0, 420))).toBe(false);
    expect(isOpen(OFFICE, NONE, JAKARTA, wall(2025, 1, 11, 12, 0, 420))).toBe(false);
    expect(isOpen(OFFICE, new Set(['2025-01-10']), JAKARTA, wall(2025, 1, 10, 12, 0, 420))).toBe(
      false,
    );
  });

  test('nextOpening', () => {
    const inside = wall(2025, 1, 10, 12, 0, 420);
    expect(nextOpening(OFFICE, NONE, JAKARTA, inside)).toBe(inside);
    expect(nextOpening(OFFICE, NONE, JAKARTA, friday1650 + 10 * MIN)).toBe(
      wall(2025, 1, 13, 9, 0, 420),
    );
    expect(
      nextOpening(OFFICE, new Set(['2025-01-13', '2025-01-14']), JAKARTA, friday1650 + 10 * MIN),
    ).toBe(wall(2025, 1, 15, 9, 0, 420));
  });

  test('openMinutesBetween gives time left, and negative time when overdue', () => {
    const due = addOpenMinutes(OFFICE, NONE, JAKARTA, friday1650, 60);
    const saturday = wall(2025, 1, 11, 10, 0, 420);
    expect(openMinutesBetween(OFFICE, NONE, JAKARTA, saturday, due)).toBe(50);
    expect(openMinutesBetween(OFFICE, NONE, JAKARTA, friday1650, due)).toBe(60);
    expect(openMinutesBetween(OFFICE, NONE, JAKARTA, due + 15 * MIN, due)).toBe(-15);
    expect(openMinutesBetween(OFFICE, NONE, JAKARTA, due, due)).toBe(0);
    expect(openMinutesBetween(OFFICE, NONE, JAKARTA, friday1650, friday1650 + 30_000)).toBe(0.5);
    // a whole week: 5 days x 8 hours
    expect(
      openMinutesBetween(
        OFFICE,
        NONE,
        JAKARTA,
        wall(2025, 1, 13, 0, 0, 420),
        wall(2025, 1, 20, 0, 0, 420),
      ),
    ).toBe(5 * 8 * 60);
  });

  test('holidays are local dates: a UTC+7 holiday starts at 17:00 UTC the day before', () => {
    const hours = parseBusinessHours('Mon-Sun 00:00-24:00');
    const holidays = new Set(['2025-01-13']);
    expect(isOpen(hours, holidays, JAKARTA, Date.UTC(2025, 0, 12, 16, 59))).toBe(true);
    expect(isOpen(hours, holidays, JAKARTA, Date.UTC(2025, 0, 12, 17, 0))).toBe(false);
    expect(nextOpening(hours, holidays, JAKARTA, Date.UTC(2025, 0, 12, 17, 0))).toBe(
      Date.UTC(2025, 0, 13, 17, 0),
    );
  });

  test('a zone west of UTC works the same way (UTC-5)', () => {
    const zone = fixedZone(-300);
    expect(addOpenMinutes(OFFICE, NONE, zone, wall(2025, 1, 10, 16, 50, -300), 60)).toBe(
      wall(2025, 1, 13, 9, 50, -300),
    );
  });

  test('invalid minutes are a programming error', () => {
    expect(() => addOpenMinutes(OFFICE, NONE, JAKARTA, friday1650, -1)).toThrow(RangeError);
    expect(() => addOpenMinutes(OFFICE, NONE, JAKARTA, friday1650, Number.NaN)).toThrow(RangeError);
    expect(() => addOpenMinutes(OFFICE, NONE, JAKARTA, friday1650, Infinity)).toThrow(RangeError);
  });
});

describe('termination and cost', () => {
  test('a schedule open one minute a week still finishes, walking day by day', () => {
    const hours = parseBusinessHours('Wed 12:00-12:01');
    const start = wall(2025, 1, 6, 0, 0, 420); // a Monday
    expect(addOpenMinutes(hours, NONE, JAKARTA, start, 60)).toBe(
      wall(2025, 1, 8, 12, 1, 420) + 59 * 7 * DAY,
    );
  });

  test('holidays closing everything for more than a year throw BAD_SETTING instead of looping', () => {
    const holidays = new Set<string>();
    for (let d = 0; d < 400; d++)
      holidays.add(new Date(Date.UTC(2025, 0, 1) + d * DAY).toISOString().slice(0, 10));
    const start = wall(2025, 1, 1, 0, 0, 420);
    expect(() => addOpenMinutes(OFFICE, holidays, JAKARTA, start, 60)).toThrow(
      /business_hours "Mon-Fri 09:00-17:00" with the holidays leaves no open time in the 366 days/,
    );
    expect(() => nextOpening(OFFICE, holidays, JAKARTA, start)).toThrow(RoutingError);
    expect(isOpen(OFFICE, holidays, JAKARTA, start + 10 * DAY)).toBe(false);
    expect(openMinutesBetween(OFFICE, holidays, JAKARTA, start, start + 399 * DAY)).toBe(0);
    // a long closure shorter than the bound is fine
    const january = new Set([...holidays].filter((d) => d < '2025-12-01'));
    expect(addOpenMinutes(OFFICE, january, JAKARTA, start, 60)).toBe(wall(2025, 12, 1, 10, 0, 420));
  });

  test('a long closure costs about two zone look-ups per day, not one per minute', () => {
    const zone = steppedZone([420], []);
    const holidays = new Set<string>();
    for (let d = 0; d < 30; d++)
      holidays.add(new Date(Date.UTC(2025, 0, 10) + d * DAY).toISOString().slice(0, 10));
    addOpenMinutes(OFFICE, holidays, zone, wall(2025, 1, 10, 16, 50, 420), 60);
    expect(zone.calls).toBeLessThan(80);
  });
});

describe('daylight saving time, with a hand-made zone', () => {
  // Like Europe/Paris in 2025: +60, then +120 from Sun 30 Mar 01:00 UTC (local 02:00 -> 03:00),
  // then +60 again from Sun 26 Oct 01:00 UTC (local 03:00 -> 02:00).
  const SPRING = Date.UTC(2025, 2, 30, 1, 0);
  const AUTUMN = Date.UTC(2025, 9, 26, 1, 0);
  const paris = (): ZoneOffsets => steppedZone([60, 120, 60], [SPRING, AUTUMN]);

  test('a lead assigned Friday 16:50 before the spring change is due Monday 09:50 summer time', () => {
    expect(addOpenMinutes(OFFICE, NONE, paris(), wall(2025, 3, 28, 16, 50, 60), 60)).toBe(
      wall(2025, 3, 31, 9, 50, 120),
    );
    expect(addOpenMinutes(OFFICE, NONE, paris(), wall(2025, 10, 24, 16, 50, 120), 60)).toBe(
      wall(2025, 10, 27, 9, 50, 60),
    );
  });

  test('the short night loses an hour of open time and the long night gains one', () => {
    const hours = parseBusinessHours('Sun 01:00-04:00');
    expect(
      openMinutesBetween(
        hours,
        NONE,
        paris(),
        wall(2025, 3, 29, 0, 0, 60),
        wall(2025, 3, 31, 0, 0, 120),
      ),
    ).toBe(120);
    expect(
      openMinutesBetween(
        hours,
        NONE,
        paris(),
        wall(2025, 10, 25, 0, 0, 120),
        wall(2025, 10, 27, 0, 0, 60),
      ),
    ).toBe(240);
    expect(isOpen(hours, NONE, paris(), SPRING - 1)).toBe(true); // 01:59:59.999 winter time
    expect(isOpen(hours, NONE, paris(), SPRING)).toBe(true); // 03:00 summer time
  });

  test('an opening in the skipped hour opens when the clocks jump past it', () => {
    const hours = parseBusinessHours('Sun 02:30-03:30');
    const opening = nextOpening(hours, NONE, paris(), wall(2025, 3, 29, 12, 0, 60));
    expect(opening).toBe(SPRING);
    expect(addOpenMinutes(hours, NONE, paris(), opening, 30)).toBe(wall(2025, 3, 30, 3, 30, 120));
    expect(openMinutesBetween(hours, NONE, paris(), SPRING - DAY, SPRING + DAY)).toBe(30);
  });

  test('an interval wholly inside the skipped hour has no open time that day', () => {
    const hours = parseBusinessHours('Sun 02:15-02:45');
    expect(nextOpening(hours, NONE, paris(), wall(2025, 3, 29, 12, 0, 60))).toBe(
      wall(2025, 4, 6, 2, 15, 120),
    );
  });

  test('an interval wholly inside the repeated hour counts once, at its first occurrence', () => {
    const hours = parseBusinessHours('Sun 02:00-02:30');
    const first = wall(2025, 10, 26, 2, 15, 120); // 00:15 UTC
    const second = wall(2025, 10, 26, 2, 15, 60); // 01:15 UTC, same wall time
    expect(isOpen(hours, NONE, paris(), first)).toBe(true);
    expect(isOpen(hours, NONE, paris(), second)).toBe(false);
    expect(openMinutesBetween(hours, NONE, paris(), AUTUMN - DAY, AUTUMN + DAY)).toBe(30);
  });

  test('holidays follow the local date on both sides of a change', () => {
    const hours = parseBusinessHours('Mon-Sun 00:00-24:00');
    const holidays = new Set(['2025-03-30']);
    expect(nextOpening(hours, holidays, paris(), wall(2025, 3, 30, 12, 0, 120))).toBe(
      wall(2025, 3, 31, 0, 0, 120),
    );
    expect(
      openMinutesBetween(
        hours,
        holidays,
        paris(),
        wall(2025, 3, 29, 0, 0, 60),
        wall(2025, 4, 1, 0, 0, 120),
      ),
    ).toBe(2 * 24 * 60);
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const hhmm = (minute: number): string =>
  `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`;

/** A random valid setting text: 1-3 groups of day lists/ranges and 1-3 intervals. */
const scheduleText = fc
  .array(
    fc.record({
      days: fc.array(
        fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.boolean()),
        { minLength: 1, maxLength: 3 },
      ),
      intervals: fc.array(
        fc
          .integer({ min: 0, max: 1439 })
          .chain((start) =>
            fc.integer({ min: start + 1, max: 1440 }).map((end) => [start, end] as const),
          ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((groups) =>
    groups
      .map(
        (g) =>
          `${g.days.map(([a, b, range]) => (range ? `${DAY_NAMES[a]}-${DAY_NAMES[b]}` : DAY_NAMES[a])).join(',')} ${g.intervals.map(([s, e]) => `${hhmm(s)}-${hhmm(e)}`).join(',')}`,
      )
      .join('; '),
  );

const schedule: fc.Arbitrary<BusinessHours> = scheduleText.map(parseBusinessHours);
const START_MIN = Date.UTC(2024, 0, 1);
const START_MAX = Date.UTC(2027, 0, 1);
const instant = fc.integer({ min: START_MIN, max: START_MAX });

/** Holidays: a few local dates within ~3 weeks after 2024-01-01 + k days, so they matter. */
const holidaysNear = (t: number): fc.Arbitrary<Set<string>> =>
  fc
    .uniqueArray(fc.integer({ min: -2, max: 20 }), { maxLength: 8 })
    .map(
      (ds) =>
        new Set(
          ds.map((d) => new Date(Math.floor(t / DAY) * DAY + d * DAY).toISOString().slice(0, 10)),
        ),
    );

/**
 * Zones: a fixed offset, or one whose offset changes every 3.5-20 days between a base and
 * base ± up to 2 h (gaps and repeats, at arbitrary milliseconds).
 */
const zone: fc.Arbitrary<ZoneOffsets> = fc.oneof(
  fc.integer({ min: -48, max: 56 }).map((q) => fixedZone(q * 15)),
  fc
    .record({
      base: fc.integer({ min: -48, max: 52 }).map((q) => q * 15),
      delta: fc.constantFrom(30, 60, 120, -60),
      gaps: fc.array(fc.integer({ min: 3.5 * DAY, max: 20 * DAY }), {
        minLength: 1,
        maxLength: 120,
      }),
    })
    .map(({ base, delta, gaps }) => {
      const changes: number[] = [];
      let t = START_MIN - 30 * DAY;
      for (const gap of gaps) changes.push((t += gap));
      return steppedZone(
        [base, ...changes.map((_, i) => (i % 2 === 0 ? base + delta : base))],
        changes,
      );
    }),
);

const scenario = fc
  .record({ hours: schedule, zone, start: instant })
  .chain((s) => holidaysNear(s.start).map((holidays) => ({ ...s, holidays })));
const minutes = fc.integer({ min: 0, max: 5000 });

describe('properties', () => {
  test('addOpenMinutes is monotone in the minutes', () => {
    fc.assert(
      fc.property(scenario, minutes, minutes, ({ hours, holidays, zone, start }, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return (
          addOpenMinutes(hours, holidays, zone, start, lo) <=
          addOpenMinutes(hours, holidays, zone, start, hi)
        );
      }),
    );
  });

  test('openMinutesBetween(start, addOpenMinutes(start, m)) is exactly m', () => {
    fc.assert(
      fc.property(scenario, minutes, ({ hours, holidays, zone, start }, m) => {
        const due = addOpenMinutes(hours, holidays, zone, start, m);
        expect(due).toBeGreaterThanOrEqual(start);
        expect(openMinutesBetween(hours, holidays, zone, start, due)).toBe(m);
      }),
    );
  });

  test('the result is open or exactly at the end of an open span, and no earlier instant qualifies', () => {
    fc.assert(
      fc.property(scenario, minutes, ({ hours, holidays, zone, start }, m) => {
        const due = addOpenMinutes(hours, holidays, zone, start, m);
        expect(isOpen(hours, holidays, zone, due) || isOpen(hours, holidays, zone, due - 1)).toBe(
          true,
        );
        if (m > 0)
          expect(openMinutesBetween(hours, holidays, zone, start, due - 1)).toBeLessThan(m);
      }),
    );
  });

  test('adding in two steps equals adding at once (second step > 0)', () => {
    fc.assert(
      fc.property(
        scenario,
        minutes,
        fc.integer({ min: 1, max: 3000 }),
        ({ hours, holidays, zone, start }, a, b) => {
          const once = addOpenMinutes(hours, holidays, zone, start, a + b);
          const twice = addOpenMinutes(
            hours,
            holidays,
            zone,
            addOpenMinutes(hours, holidays, zone, start, a),
            b,
          );
          expect(twice).toBe(once);
        },
      ),
    );
  });

  test('always open: start + m minutes, whatever the zone and holidays', () => {
    fc.assert(
      fc.property(zone, instant, fc.double({ min: 0, max: 1e6, noNaN: true }), (z, start, m) => {
        expect(addOpenMinutes(null, new Set(['2025-01-01']), z, start, m)).toBe(start + m * MIN);
        expect(openMinutesBetween(null, NONE, z, start, start + 1000)).toBe(1000 / MIN);
      }),
    );
  });

  test('isOpen agrees with openMinutesBetween over one millisecond and one minute', () => {
    fc.assert(
      fc.property(scenario, ({ hours, holidays, zone, start }) => {
        const open = isOpen(hours, holidays, zone, start);
        expect(openMinutesBetween(hours, holidays, zone, start, start + 1) > 0).toBe(open);
        const minute = openMinutesBetween(hours, holidays, zone, start, start + MIN);
        if (minute === 1) expect(open).toBe(true);
        if (minute === 0) expect(open).toBe(false);
      }),
    );
  });

  test('nextOpening is open, not before atMs, with no open time in between', () => {
    fc.assert(
      fc.property(scenario, ({ hours, holidays, zone, start }) => {
        const opening = nextOpening(hours, holidays, zone, start);
        expect(opening).toBeGreaterThanOrEqual(start);
        expect(isOpen(hours, holidays, zone, opening)).toBe(true);
        expect(openMinutesBetween(hours, holidays, zone, start, opening)).toBe(0);
        expect(opening === start).toBe(isOpen(hours, holidays, zone, start));
      }),
    );
  });

  test('openMinutesBetween is additive over a split point and antisymmetric', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.integer({ min: 0, max: 10 * DAY }),
        ({ hours, holidays, zone, start }, x, y) => {
          const [mid, end] = x <= y ? [start + x, start + y] : [start + y, start + x];
          const whole = openMinutesBetween(hours, holidays, zone, start, end);
          const parts =
            openMinutesBetween(hours, holidays, zone, start, mid) +
            openMinutesBetween(hours, holidays, zone, mid, end);
          expect(Math.round(whole * MIN)).toBe(Math.round(parts * MIN));
          // `+ 0` makes -0 and 0 one value (toBe compares with Object.is): start === end
          // gives 0 both ways.
          expect(openMinutesBetween(hours, holidays, zone, end, start) + 0).toBe(-whole + 0);
        },
      ),
    );
  });

  test('with a fixed offset, isOpen matches the wall clock read naively', () => {
    const fixed = fc.record({
      hours: schedule,
      offset: fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
      start: instant,
    });
    fc.assert(
      fc.property(
        fixed.chain((s) => holidaysNear(s.start).map((holidays) => ({ ...s, holidays }))),
        fc.array(fc.integer({ min: 0, max: 10 * DAY }), { maxLength: 20 }),
        ({ hours, offset, start, holidays }, steps) => {
          for (const step of steps) {
            const t = start + step;
            const local = new Date(t + offset * MIN);
            const weekday = (local.getUTCDay() + 6) % 7;
            const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
            const naive =
              !holidays.has(local.toISOString().slice(0, 10)) &&
              (hours?.days[weekday] ?? []).some(
                (iv) => iv.startMinute <= minute && minute < iv.endMinute,
              );
            expect(isOpen(hours, holidays, fixedZone(offset), t)).toBe(naive);
          }
        },
      ),
    );
  });

  test('formatting a parsed schedule and parsing it again gives the same schedule', () => {
    fc.assert(
      fc.property(schedule, (hours) => {
        expect(parseBusinessHours(formatBusinessHours(hours))?.days).toEqual(hours?.days);
      }),
    );
  });
});

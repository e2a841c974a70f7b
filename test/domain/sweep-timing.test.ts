/**
 * When a sweep reads (domain/sweep-timing.ts): it skips only while the next sweep comes
 * before the planned work, and it waits for work due within the horizon after its pass
 * (never for work its read already saw, never past the time budget). Never twice in one
 * execution: test/app/sweep.test.ts.
 */
import fc from 'fast-check';
import {
  SECOND_PASS_HORIZON_MS,
  readsOnlyAhead,
  secondPassWaitMs,
  skipsReading,
  type SecondPassInput,
} from '../../src/domain/sweep-timing';

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);
const BUDGET = 3 * 60_000;

/** A sweep that started at T0, read 1 s later and finished its work at T0 + 4 s. */
function after(nextWorkAt: number | null, more: Partial<SecondPassInput> = {}): number | null {
  return secondPassWaitMs({
    nextWorkAt,
    readAt: T0 + 1_000,
    now: T0 + 4_000,
    startedAt: T0,
    latestStartMs: BUDGET,
    ...more,
  });
}

describe('skipsReading', () => {
  test('skips only while the next sweep still comes no later than the work, with nothing parked', () => {
    const planned = { atMs: T0 + 5 * 60_000, everyMs: 5 * 60_000 };
    expect(skipsReading(planned, T0, 0)).toBe(true);
    expect(skipsReading(planned, T0 + 1, 0)).toBe(false);
    expect(skipsReading(planned, T0, 1)).toBe(false);
    expect(skipsReading(null, T0, 0)).toBe(false);
  });
});

describe('readsOnlyAhead', () => {
  test('only work due after the second-pass horizon, nothing parked, and a known plan', () => {
    const at = (ms: number) => ({ atMs: T0 + ms, everyMs: 5 * 60_000 });
    expect(readsOnlyAhead(at(SECOND_PASS_HORIZON_MS + 1), T0, 0)).toBe(true);
    expect(readsOnlyAhead(at(SECOND_PASS_HORIZON_MS), T0, 0)).toBe(false);
    expect(readsOnlyAhead(at(0), T0, 0)).toBe(false);
    expect(readsOnlyAhead(at(-60_000), T0, 0)).toBe(false);
    expect(readsOnlyAhead(at(60_000), T0, 1)).toBe(false);
    expect(readsOnlyAhead(null, T0, 0)).toBe(false);
  });

  test('property: a sweep that reads only ahead leaves work the next sweep still reads in time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 5, 10, 15, 30, 60),
        fc.integer({ min: -60_000, max: 2 * 3_600_000 }),
        (minutes, offset) => {
          const planned = { atMs: T0 + offset, everyMs: minutes * 60_000 };
          fc.pre(!skipsReading(planned, T0, 0) && readsOnlyAhead(planned, T0, 0));
          // Not yet due even at the end of this sweep's horizon, and due by the next sweep.
          expect(planned.atMs).toBeGreaterThan(T0 + SECOND_PASS_HORIZON_MS);
          expect(planned.atMs).toBeLessThan(T0 + planned.everyMs);
        },
      ),
    );
  });
});

describe('secondPassWaitMs', () => {
  test('a deadline 10 s after the sweep’s work: it waits exactly until then', () => {
    expect(after(T0 + 14_000)).toBe(10_000);
  });

  test('at the horizon it still waits; one millisecond further it leaves the work to the next sweep', () => {
    expect(after(T0 + 4_000 + SECOND_PASS_HORIZON_MS)).toBe(SECOND_PASS_HORIZON_MS);
    expect(after(T0 + 4_000 + SECOND_PASS_HORIZON_MS + 1)).toBeNull();
  });

  test('work that fell due during its own commit or delivery: the second pass at once', () => {
    expect(after(T0 + 2_500)).toBe(0);
    expect(after(T0 + 4_000)).toBe(0);
  });

  test('work due at or before the read was seen by it (a waiting lead plans "now"): no second pass', () => {
    expect(after(T0 + 1_000)).toBeNull();
    expect(after(T0)).toBeNull();
  });

  test('nothing planned, or nothing known: no second pass', () => {
    expect(after(Infinity)).toBeNull();
    expect(after(null)).toBeNull();
  });

  test('never starts past the time budget, counted from the execution’s start', () => {
    const late = { startedAt: T0 + 4_000 - BUDGET + 5_000 };
    expect(after(T0 + 9_000, late)).toBe(5_000);
    expect(after(T0 + 9_001, late)).toBeNull();
  });

  test('a sweep that skipped reading waits by the same rule', () => {
    expect(after(T0 + 10_000, { readAt: null })).toBe(6_000);
    expect(after(T0, { readAt: null })).toBe(0);
  });

  test('property: it waits exactly when owed; any wait is within the horizon, ends at the work (never before it), inside the budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * 60_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 5 * 60_000 }),
        fc.integer({ min: -60_000, max: 60_000 }),
        (readAfter, workMs, sinceStart, dueFromNow) => {
          const startedAt = T0;
          const readAt = startedAt + readAfter;
          const now = readAt + workMs;
          const nextWorkAt = now + dueFromNow;
          const wait = secondPassWaitMs({
            nextWorkAt,
            readAt,
            now: now + sinceStart,
            startedAt,
            latestStartMs: BUDGET,
          });
          const end = now + sinceStart;
          const owed =
            nextWorkAt > readAt &&
            nextWorkAt <= end + SECOND_PASS_HORIZON_MS &&
            Math.max(end, nextWorkAt) - startedAt <= BUDGET;
          // It waits exactly when work after its read is due within the horizon and budget.
          expect(wait !== null).toBe(owed);
          if (wait === null) return;
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(SECOND_PASS_HORIZON_MS);
          expect(nextWorkAt).toBeGreaterThan(readAt);
          expect(now + sinceStart + wait).toBeGreaterThanOrEqual(nextWorkAt);
          if (wait > 0) expect(now + sinceStart + wait).toBe(nextWorkAt);
          expect(now + sinceStart + wait - startedAt).toBeLessThanOrEqual(BUDGET);
        },
      ),
    );
  });

  test('property: a sweep that skips reading (1-minute checks or longer) never waits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 * 60_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        (everyMinutes, ahead, workMs) => {
          const planned = { atMs: T0 + ahead, everyMs: everyMinutes * 60_000 };
          fc.pre(skipsReading(planned, T0, 0));
          const wait = secondPassWaitMs({
            nextWorkAt: planned.atMs,
            readAt: null,
            now: T0 + workMs,
            startedAt: T0,
            latestStartMs: BUDGET,
          });
          expect(wait).toBeNull();
        },
      ),
    );
  });
});

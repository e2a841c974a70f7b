/**
 * Round trips per run, counted by the local runtime through dist/Code.js: constant,
 * whatever the size of lead_sheet and however many leads are due (issue 5 targets:
 * intake ≤ 8, sweep ≤ 12, click ≤ 6 spreadsheet calls). The same check at 100,000
 * leads is in the bench (`npm run bench`, section 4): it takes a minute on its own.
 */
import { measureRoundTrips } from './round-trip-counts';

describe('spreadsheet round trips per run stay constant', () => {
  const small = measureRoundTrips(100, 1);

  test('on a small sheet: intake ≤ 8, sweep ≤ 12, click ≤ 6; the click lands, under the lock', () => {
    expect(small.intake).toBeLessThanOrEqual(8);
    expect(small.sweep).toBeLessThanOrEqual(12);
    expect(small.click).toBeLessThanOrEqual(6);
    // Today three: the read, the anchor call that also sets the log row aside, the write
    // with the log row (sheets-row-reserve.ts).
    expect(small.click).toBe(3);
    expect(small).toMatchObject({ contacted: true, unlockedWrites: 0 });
  });

  test('10,000 leads with 1,000 due: exactly the same counts as 100 leads with 1 due', () => {
    expect(measureRoundTrips(10_000, 1_000)).toEqual({
      ...small,
      sweepFetchCalls: expect.any(Number),
    });
  });
});

import { decideOwnership, isRetiredSet, staleAfterMs } from '../../src/domain/trigger-owner';

const MIN = 60_000;
const base = { owner: 'ana@x.com', me: 'budi@x.com', now: 1_000 * MIN, sweepEveryMs: 5 * MIN };

describe('trigger ownership', () => {
  test('no owner recorded, or the owner runs Set up: install', () => {
    expect(decideOwnership({ ...base, owner: '', lastSweepAt: null })).toEqual({ kind: 'install' });
    expect(decideOwnership({ ...base, me: 'ANA@x.com', lastSweepAt: null })).toEqual({
      kind: 'install',
    });
    // Apps Script did not reveal who is running: nothing to compare, behave as before.
    expect(decideOwnership({ ...base, me: '', lastSweepAt: null })).toEqual({ kind: 'install' });
  });

  test("another admin while the owner's sweep runs: leave their set", () => {
    expect(decideOwnership({ ...base, lastSweepAt: base.now - 29 * MIN })).toEqual({
      kind: 'theirs',
      owner: 'ana@x.com',
      lastSweepAt: base.now - 29 * MIN,
    });
  });

  test('another admin after 30 minutes without a sweep (or three intervals): take over', () => {
    expect(decideOwnership({ ...base, lastSweepAt: base.now - 31 * MIN }).kind).toBe('take_over');
    expect(decideOwnership({ ...base, lastSweepAt: null }).kind).toBe('take_over');
    expect(staleAfterMs(60 * MIN)).toBe(180 * MIN);
    expect(
      decideOwnership({ ...base, sweepEveryMs: 60 * MIN, lastSweepAt: base.now - 100 * MIN }).kind,
    ).toBe('theirs');
  });

  test('a trigger running as someone other than the owner belongs to a retired set', () => {
    expect(isRetiredSet('ana@x.com', 'budi@x.com')).toBe(true);
    expect(isRetiredSet('ana@x.com', 'Ana@x.com')).toBe(false);
    expect(isRetiredSet('', 'budi@x.com')).toBe(false);
  });
});

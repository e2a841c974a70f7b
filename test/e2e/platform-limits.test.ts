/**
 * The engine inside the platform limits the runtime models: SpreadsheetApp.flush()
 * before every lock release that follows SpreadsheetApp writes (Google's Lock
 * guidance), whichever entry point wrote.
 */
import { World } from './world';

describe('platform limits', () => {
  test('every lock release after SpreadsheetApp writes is preceded by a flush (set-up, nightly archive, sweeps, intake)', () => {
    const w = new World();
    w.submit({ Name: 'Ana', Phone: '081234567890', Email: 'a@x.id' });
    w.rt.clock.advanceMinutes(5);
    w.rt.fireDueTriggers();
    w.rt.run('runArchive');
    w.rt.runAs('menu', 'setup');
    expect(w.rt.executions.map((e) => e.entry)).toEqual(
      expect.arrayContaining(['setup', 'onFormSubmit', 'runSlaSweep', 'runArchive']),
    );
    expect(w.rt.unflushedLockReleases).toEqual([]);
    expect(w.rt.lockLeaks).toEqual([]);
  });
});

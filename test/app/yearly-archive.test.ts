/**
 * The archive night's yearly step over in-memory ports: the cutoff comes from
 * yearly_archive_after_days, the move runs under the script lock with the night's cell
 * budget and deadline, and what moved is logged once.
 */
import type { YearlyArchive, YearlyMoveReport } from '../../src/app/ports';
import { moveToYearlyArchive } from '../../src/app/yearly-archive';
import { YEARLY_CELLS_PER_NIGHT } from '../../src/domain/yearly-archive';
import { fakeWorld, T0 } from '../fakes/services';

const DAY = 86_400_000;

class RecordingArchive implements YearlyArchive {
  calls: Array<{ cutoffMs: number; cells: number; deadlineMs: number; locked: boolean }> = [];
  constructor(
    private readonly answer: YearlyMoveReport,
    private readonly locked: () => boolean,
    private readonly raw: ReadonlyMap<string, unknown> = new Map(),
  ) {}
  settings(): ReadonlyMap<string, unknown> {
    return this.raw;
  }
  moveOlderThan(
    cutoffMs: number,
    _settings: ReadonlyMap<string, unknown>,
    budget: { cells: number; deadlineMs: number },
  ): YearlyMoveReport {
    this.calls.push({ cutoffMs, ...budget, locked: this.locked() });
    return this.answer;
  }
  linked() {
    return this.answer.into;
  }
}

const INTO = [{ year: 2026, part: 1, id: 'X1', name: 'LR – archive 2026', url: 'https://x/1' }];

describe('moveToYearlyArchive', () => {
  test('rows older than yearly_archive_after_days (default 60) move under the lock, within the night budget; the move is logged', () => {
    const w = fakeWorld({ now: T0 + 100 * DAY });
    const archive = new RecordingArchive(
      { moved: { routing_log: 12, lead_archive: 0 }, into: INTO, more: true },
      () => w.lock.held,
    );
    moveToYearlyArchive(w.services, archive, T0 + 100 * DAY + 180_000);
    expect(archive.calls).toEqual([
      {
        cutoffMs: T0 + 40 * DAY,
        cells: YEARLY_CELLS_PER_NIGHT,
        deadlineMs: T0 + 100 * DAY + 180_000,
        locked: true,
      },
    ]);
    expect(w.workbook.log.map((e) => [e.event, e.detail])).toEqual([
      [
        'MOVED_TO_YEARLY_ARCHIVE',
        'moved rows older than 60 days: 12 from routing_log; into LR – archive 2026 (https://x/1); more left for the next night',
      ],
    ]);
  });

  test('the setting sets the window; a night that moves nothing logs nothing', () => {
    const w = fakeWorld({ now: T0 + 100 * DAY });
    const archive = new RecordingArchive(
      { moved: {}, into: [], more: false },
      () => true,
      new Map([['yearly_archive_after_days', 7]]),
    );
    moveToYearlyArchive(w.services, archive, T0 + 101 * DAY);
    expect(archive.calls[0].cutoffMs).toBe(T0 + 93 * DAY);
    expect(w.workbook.log).toEqual([]);
  });

  test('a bad setting stops the step with a message naming it, before anything moves', () => {
    const w = fakeWorld();
    const archive = new RecordingArchive(
      { moved: {}, into: [], more: false },
      () => true,
      new Map([['yearly_archive_after_days', 0]]),
    );
    expect(() => moveToYearlyArchive(w.services, archive, T0 + DAY)).toThrow(
      'settings: yearly_archive_after_days is "0"; it must be a whole number from 1 to 3650',
    );
    expect(archive.calls).toEqual([]);
  });
});

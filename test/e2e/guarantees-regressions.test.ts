/**
 * Issue 4 guarantees that a first review found broken, kept as regression tests after
 * the fixes: an intake that cannot get the lock parks the response for the next sweep;
 * appends insert rows, so a blank row an admin leaves never makes new rows overwrite
 * old ones; edits and new messages go out in separate batches, so a failed edit never
 * makes new messages be posted twice. (A refused click appends one REJECTED row to
 * routing_log, as the contract lists it: guarantees-bad-input.test.ts asserts exactly that.)
 */
import { World } from './world';

describe('regression: nothing lost under concurrency', () => {
  test('an intake that cannot get the lock within 30 s (a long sweep or another run holds it) still becomes a lead by the next sweep', () => {
    const w = new World();
    w.rt.lock.holdElsewhere({ untilMs: w.rt.clock.now() + 40_000 });
    const [record] = w.rt.fireFormSubmit({ Name: 'Budi', Phone: '0812-3456-7890' });
    expect(record.ok).toBe(true); // parked, not failed
    expect(w.leads()).toEqual([]);
    for (let i = 0; i < 3; i++) w.sweepAfter(5);
    expect(w.leads().map((l) => l.name)).toEqual(['Budi']);
  });
});

describe('regression: blank rows an admin leaves behind', () => {
  /** An admin selects a row and presses Delete: its cells are emptied, the row stays. */
  function clearRow(w: World, sheet: string, row: number): void {
    const width = w.rt.book.sheet(sheet).rows()[0].length;
    w.rt.book.sheet(sheet).setRawRows([new Array<string>(width).fill('')], row);
  }

  test('a blank row in routing_log never makes new log rows overwrite the rows below it', () => {
    const w = new World();
    w.submit({ Name: 'Adi', Phone: '0812-0000-0001' });
    w.submit({ Name: 'Budi', Phone: '0812-0000-0002' });
    clearRow(w, 'routing_log', 3);
    const kept = w.log().map((r) => [r.lead_id, r.event]);
    const id = w.submit({ Name: 'Cici', Phone: '0812-0000-0003' })!;
    const now = w.log().map((r) => [r.lead_id, r.event]);
    expect(now).toEqual(expect.arrayContaining(kept));
    expect(now).toEqual(
      expect.arrayContaining([
        [id, 'RECEIVED'],
        [id, 'ASSIGNED'],
      ]),
    );
    expect(now).toHaveLength(kept.length + 2);
  });
});

describe('regression: Slack messages sent once', () => {
  test('a network failure on one message of a batch does not make Slack post the others twice', () => {
    const w = new World();
    const id = w.submit({ Name: 'Budi', Phone: '0812-3456-7890' })!;
    w.rt.slack.failNext(1, { throws: 'network' }, 'chat.update'); // the sweep posts Bima's message, then updates Ayu's
    w.sweepAfter(60);
    w.sweepAfter(5);
    expect(w.lead(id).sales_slack_id).toBe('UBIMA0002');
    expect(w.rt.slack.dm('UBIMA0002')).toHaveLength(1);
  });
});

/**
 * A time-driven trigger keeps its own schedule. Google's installable-triggers guide
 * (developers.google.com/apps-script/guides/triggers/installable) says a time-driven
 * trigger runs at a particular time or on a recurring interval, and that its time "may be
 * slightly randomized"; nothing there ties the schedule to how long other executions
 * take. The runtime runs executions one after another, so a trigger can fire late behind
 * another run in the same minute; it must still fire at its next nominal time. Runs missed
 * while the clock jumped several intervals are not documented: the runtime fires once and
 * resumes the phase (no catch-up burst).
 */
import { runtimeWith } from './test-bundle';

const bundle = `
function install(minutes, handler) {
  ScriptApp.newTrigger(handler || 'sweep').timeBased().everyMinutes(minutes).create();
}
function intake() { Utilities.sleep(6000); }
function sweep() {}
function digest() {}
`;

const MINUTE = 60_000;

describe('clock trigger phase', () => {
  test('a 1-minute trigger fired 6 s late behind a long run still fires at the next minute boundary', () => {
    const rt = runtimeWith(bundle);
    rt.run('install', 1);
    const t0 = rt.triggers[0].createdMs;
    rt.clock.set(t0 + MINUTE);
    rt.run('intake'); // 6 s of modelled time in the trigger's minute
    const [late] = rt.fireDueTriggers();
    expect(late).toMatchObject({ entry: 'sweep', ok: true, startedMs: t0 + MINUTE + 6_000 });
    // 54 s after that late run, one interval after its nominal time: due.
    rt.clock.set(t0 + 2 * MINUTE - 1);
    expect(rt.fireDueTriggers()).toEqual([]);
    rt.clock.set(t0 + 2 * MINUTE);
    const [onTime] = rt.fireDueTriggers();
    expect(onTime).toMatchObject({ entry: 'sweep', ok: true, startedMs: t0 + 2 * MINUTE });
    expect(rt.fireDueTriggers()).toEqual([]);
  });

  test('every minute of an hour fires once when a 6 s run comes first in every third minute', () => {
    const rt = runtimeWith(bundle);
    rt.run('install', 1);
    const t0 = rt.triggers[0].createdMs;
    const starts: number[] = [];
    for (let m = 1; m <= 60; m++) {
      rt.clock.set(Math.max(rt.clock.now(), t0 + m * MINUTE));
      if (m % 3 === 0) rt.run('intake');
      starts.push(...rt.fireDueTriggers().map((r) => r.startedMs));
    }
    expect(starts).toHaveLength(60);
    expect(starts.map((s, i) => s - (t0 + (i + 1) * MINUTE))).toEqual(
      Array.from({ length: 60 }, (_, i) => ((i + 1) % 3 === 0 ? 6_000 : 0)),
    );
  });

  test('a clock jump over several intervals fires the trigger once, then it keeps its phase', () => {
    const rt = runtimeWith(bundle);
    rt.run('install', 5);
    const t0 = rt.triggers[0].createdMs;
    rt.clock.set(t0 + 23 * MINUTE); // four nominal times (5, 10, 15, 20 min) passed
    expect(rt.fireDueTriggers().map((r) => r.entry)).toEqual(['sweep']);
    expect(rt.fireDueTriggers()).toEqual([]);
    // The next nominal time is 25 min, not 23 + 5.
    rt.clock.set(t0 + 25 * MINUTE - 1);
    expect(rt.fireDueTriggers()).toEqual([]);
    rt.clock.set(t0 + 25 * MINUTE);
    expect(rt.fireDueTriggers().map((r) => r.startedMs)).toEqual([t0 + 25 * MINUTE]);
  });

  test('several due triggers fire in the order they fell due', () => {
    const rt = runtimeWith(bundle);
    rt.run('install', 5, 'digest');
    const t0 = rt.triggers[0].createdMs;
    rt.clock.set(t0 + 2 * MINUTE);
    rt.run('install', 1, 'sweep'); // due at 3 min, before the digest's 5 min
    rt.clock.set(t0 + 5 * MINUTE);
    expect(rt.fireDueTriggers().map((r) => r.entry)).toEqual(['sweep', 'digest']);
  });
});

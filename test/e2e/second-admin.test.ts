/**
 * A second admin. Installable triggers belong to the account that made them and
 * getProjectTriggers() shows each account only its own (the runtime models both), so
 * without care a second admin's Set up installs a second set (double intakes and
 * sweeps) and each admin's Check set-up reports the other's as missing.
 */
import { World } from './world';

const OWNER = 'owner@example.com';
const ADMIN = 'admin2@example.com';
const asAdmin = { kind: 'menu' as const, activeUserEmail: ADMIN, effectiveUserEmail: ADMIN };
type Line = { ok: boolean; text: string };

describe('a second admin', () => {
  test("Set up by another admin installs no second set while the owner's triggers run", () => {
    const w = new World();
    expect(w.rt.triggers.map((t) => t.ownerEmail)).toEqual([OWNER, OWNER, OWNER]);
    w.rt.clock.advanceMinutes(5);
    w.rt.fireDueTriggers();
    w.rt.runAs(asAdmin, 'setup');
    expect(w.rt.triggers.map((t) => t.ownerEmail)).toEqual([OWNER, OWNER, OWNER]);
    const shown = w.rt.book.alerts.at(-1)!.prompt;
    expect(shown).toContain(`They belong to ${OWNER} and run as that account`);
    expect(shown).toContain(`ask ${OWNER} to run Set up`);
    // One response, one intake run.
    const runs = w.rt.fireFormSubmit({ Name: 'Ana', Phone: '081234567890', Email: 'a@x.id' });
    expect(runs).toHaveLength(1);
    expect(w.leads()).toHaveLength(1);
  });

  test("Check set-up names the owner for another admin and does not report the owner's triggers as missing", () => {
    const w = new World();
    w.rt.deployWebApp('https://script.google.com/macros/s/TEST/exec');
    w.rt.clock.advanceMinutes(5);
    w.rt.fireDueTriggers();
    const lines = w.rt.runAs(asAdmin, 'checkSetup') as Line[];
    expect(lines.filter((l) => !l.ok)).toEqual([]);
    expect(lines.map((l) => l.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          `The triggers belong to ${OWNER} and run as that account. You (${ADMIN}) see none of them`,
        ),
        `The SLA sweep of ${OWNER} last ran 0 min ago.`,
      ]),
    );
    const ownerLines = w.rt.runAs('menu', 'checkSetup') as Line[];
    expect(ownerLines.filter((l) => !l.ok)).toEqual([]);
    expect(ownerLines.map((l) => l.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`The triggers belong to you (${OWNER})`),
        'the SLA sweep trigger is installed once.',
      ]),
    );
  });

  test("when the owner's triggers stop, another admin's Set up takes over, and the old set removes itself if it fires again", () => {
    const w = new World();
    w.rt.deployWebApp('https://script.google.com/macros/s/TEST/exec');
    w.rt.clock.advanceMinutes(5);
    w.rt.fireDueTriggers();
    // The owner's triggers do not run for 31 minutes (say the account was suspended).
    w.rt.clock.advanceMinutes(31);
    const stale = (w.rt.runAs(asAdmin, 'checkSetup') as Line[]).filter((l) => !l.ok);
    expect(stale.map((l) => l.text)).toEqual([
      expect.stringContaining(`The SLA sweep of ${OWNER} has not run since 31 min ago`),
    ]);
    w.rt.runAs(asAdmin, 'setup');
    expect(w.rt.book.alerts.at(-1)!.prompt).toContain(`taken over from ${OWNER}`);
    expect(w.rt.triggers.filter((t) => t.ownerEmail === ADMIN)).toHaveLength(3);
    // The old set fires once more: it removes itself and does no work.
    w.rt.fireDueTriggers();
    expect(w.rt.triggers.map((t) => t.ownerEmail)).toEqual([ADMIN, ADMIN, ADMIN]);
    expect(w.rt.logText()).toContain(
      `this trigger runs as ${OWNER}, but the engine's triggers belong to ${ADMIN}`,
    );
    expect(w.rt.failures).toEqual([]);
    w.rt.fireFormSubmit({ Name: 'Ana', Phone: '081234567890', Email: 'a@x.id' });
    expect(w.leads()).toHaveLength(1);
    expect(w.lead(w.leadIds()[0]).sales_slack_id).not.toBe('');
  });

  test('two sets from before ownership was recorded collapse to one', () => {
    const w = new World();
    w.rt.properties.delete('TRIGGERS_OWNER');
    // An earlier version let the second admin install a full set.
    w.rt.properties.delete('SWEEP_LAST_RAN_AT');
    w.rt.runAs(asAdmin, 'setup');
    expect(w.rt.triggers).toHaveLength(6);
    const runs = w.rt.fireFormSubmit({ Name: 'Ana', Phone: '081234567890', Email: 'a@x.id' });
    // Both form triggers fire; the owner's (no longer the owner) removes its set.
    expect(runs).toHaveLength(2);
    expect(w.leads()).toHaveLength(1);
    expect(w.rt.triggers.map((t) => t.ownerEmail)).toEqual([ADMIN, ADMIN, ADMIN]);
  });
});

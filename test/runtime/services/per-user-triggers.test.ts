/**
 * Installable triggers belong to the account that created them: "Each trigger runs as
 * the user who created it" and getProjectTriggers() "Gets all installable triggers
 * associated with the current project and current user"
 * (developers.google.com/apps-script/guides/triggers/installable#restrictions,
 * reference/script/script-app#getProjectTriggers). The runtime keys every trigger by
 * the effective user of the execution that created it.
 */
import { runtimeWith } from './test-bundle';

const bundle = `
function install() { ScriptApp.newTrigger('sweep').timeBased().everyMinutes(5).create(); }
function mine() { return ScriptApp.getProjectTriggers().map(function (t) { return t.getHandlerFunction(); }); }
function removeMine() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
function sweep() { Logger.log('sweep as ' + Session.getEffectiveUser().getEmail()); }
function me() { return Session.getEffectiveUser().getEmail(); }
`;

const OWNER = 'owner@example.com';
const ADMIN = 'admin2@example.com';
const asAdmin = { kind: 'menu' as const, activeUserEmail: ADMIN, effectiveUserEmail: ADMIN };

describe('installable triggers per user', () => {
  test("getProjectTriggers shows only the current user's triggers", () => {
    const rt = runtimeWith(bundle);
    rt.run('install');
    expect(rt.run('mine')).toEqual(['sweep']);
    expect(rt.runAs(asAdmin, 'me')).toBe(ADMIN);
    expect(rt.runAs(asAdmin, 'mine')).toEqual([]);
    rt.runAs(asAdmin, 'install');
    expect(rt.runAs(asAdmin, 'mine')).toEqual(['sweep']);
    expect(rt.triggers).toHaveLength(2);
  });

  test('each trigger runs as its creator, and only its creator can delete it', () => {
    const rt = runtimeWith(bundle);
    rt.run('install');
    rt.runAs(asAdmin, 'install');
    rt.clock.advanceMinutes(5);
    rt.fireDueTriggers();
    expect(rt.logText()).toContain(`sweep as ${OWNER}`);
    expect(rt.logText()).toContain(`sweep as ${ADMIN}`);
    rt.runAs(asAdmin, 'removeMine');
    expect(rt.triggers.map((t) => t.ownerEmail)).toEqual([OWNER]);
  });
});

/**
 * The server half of the google.script.run bridge (script-run.ts): which functions the
 * page may reach and what crosses back (guides/html/communication, reference/run).
 * The page half is exercised in a real browser by test/browser/sidebar.test.ts and
 * script-run-client.test.ts.
 */
import { ScriptRunServer } from './script-run';
import { runtimeWith } from './test-bundle';

const rt = runtimeWith(
  `
function echo(x) { return { got: x, who: Session.getActiveUser().getEmail() }; }
function when() { return { at: new Date(0) }; }
function boom() { throw new Error('no luck'); }
function secret_() { return 'private'; }
`,
  { userEmail: 'admin@example.com' },
);
const server = new ScriptRunServer(() => rt);
const ask = (name: string, ...args: unknown[]) =>
  JSON.parse(server.handle(name, JSON.stringify(args)));

describe('google.script.run, server side', () => {
  test('runs the top-level function as the person at the spreadsheet, with the arguments sent', () => {
    expect(ask('echo', { a: [1, null] })).toEqual({
      ok: true,
      value: { got: { a: [1, null] }, who: 'admin@example.com' },
    });
    expect(rt.executions.at(-1)).toMatchObject({ entry: 'echo', kind: 'menu' });
  });

  test('a thrown exception goes to the failure handler with its message', () => {
    expect(ask('boom')).toEqual({ ok: false, message: 'Error: no luck' });
  });

  test('"private functions" (name ending in _) cannot be called', () => {
    expect(ask('secret_')).toEqual({ ok: false, message: 'Script function not found: secret_' });
    expect(rt.executions.some((e) => e.entry === 'secret_')).toBe(false);
  });

  test('an unknown function fails like Apps Script ("Script function not found")', () => {
    expect(ask('nope')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Script function not found: nope'),
    });
  });

  test('a return value holding a Date is not legal: the page gets null', () => {
    expect(ask('when')).toEqual({ ok: true, value: null });
  });
});

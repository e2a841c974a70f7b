/// <reference lib="dom" />
// (Callbacks passed to page.evaluate run in the browser, with its DOM.)
/**
 * The page half of the google.script.run bridge (test/runtime/services/script-run.ts)
 * in Chromium: the documented rules for what a page may send
 * (developers.google.com/apps-script/guides/html/communication#parameters_and_return_values).
 */
import type { Browser } from 'playwright-core';
import { runtimeWith } from '../runtime/services/test-bundle';
import { launchChromium, openPage } from './sidebar-page';

jest.setTimeout(60_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

const bundle = `
function echo(x) { return x === undefined ? 'undefined' : x; }
function boom() { throw new Error('no luck'); }
`;

test('what may cross, and how answers come back', async () => {
  const rt = runtimeWith(bundle);
  const { page, context } = await openPage(
    browser,
    rt,
    '<!doctype html><form id="f"><input name="a" value="1"><input name="b" value="x" disabled></form>',
  );
  try {
    const outcome = await page.evaluate(async () => {
      type Runner = Record<string, (...a: unknown[]) => void> & {
        withSuccessHandler(f: (v: unknown, u?: unknown) => void): Runner;
        withFailureHandler(f: (e: Error, u?: unknown) => void): Runner;
        withUserObject(o: unknown): Runner;
      };
      const g = (window as unknown as { google: { script: { run: Runner } } }).google;
      const call = (name: string, ...args: unknown[]) =>
        new Promise((resolve) => {
          const runner = g.script.run
            .withSuccessHandler((v, u) => resolve({ ok: v, user: u }))
            .withFailureHandler((e, u) => resolve({ failed: e.message, user: u }))
            .withUserObject('mine');
          runner[name](...args);
        });
      const thrown = (f: () => void): string => {
        try {
          f();
          return 'no error';
        } catch (e) {
          return (e as Error).message;
        }
      };
      return {
        nested: await call('echo', { list: [1, undefined, 'x'], skip: undefined }),
        form: await call('echo', document.getElementById('f')),
        failed: await call('boom'),
        date: thrown(() => g.script.run.echo({ when: new Date() })),
        fn: thrown(() => g.script.run.echo([() => 1])),
        dom: thrown(() => g.script.run.echo(document.body)),
        formNotAlone: thrown(() => g.script.run.echo(document.getElementById('f'), 1)),
        sync: typeof g.script.run.withSuccessHandler(() => undefined).echo('x'),
      };
    });
    expect(outcome).toEqual({
      // "undefined fields within arrays become null"; undefined object fields are dropped.
      nested: { ok: { list: [1, null, 'x'] }, user: 'mine' },
      // A form alone is sent as its named, enabled fields.
      form: { ok: { a: '1' }, user: 'mine' },
      failed: { failed: 'Error: no luck', user: 'mine' },
      date: 'Failed due to illegal value in property: when',
      fn: 'Failed due to illegal value in property: 0',
      dom: 'Failed due to illegal value in property: 0',
      formNotAlone: 'Failed due to illegal value in property: 0',
      // Asynchronous: the call itself returns nothing.
      sync: 'undefined',
    });
    expect(rt.executions.map((e) => e.entry)).toEqual(['echo', 'echo', 'boom', 'echo']);
  } finally {
    await context.close();
  }
});

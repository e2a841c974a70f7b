/**
 * The shape Apps Script needs from dist/Code.js: plain script (no export, import or
 * require), loadable in an empty global scope, touching no service while it loads
 * (Apps Script evaluates global code at the start of every execution, including simple
 * triggers that may not call authorized services), and exposing exactly the contract's
 * entry points as top-level function declarations.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { CONTRACT_ENTRY_POINTS, ENTRY_POINTS, MENU_ACTIONS, SIDEBAR_CALLS } from './entry-points';

const BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'Code.js');

/** Global names of the Apps Script services a bundle could reach for while loading. */
const SERVICES = [
  'SpreadsheetApp',
  'Sheets',
  'UrlFetchApp',
  'PropertiesService',
  'CacheService',
  'LockService',
  'ScriptApp',
  'ContentService',
  'HtmlService',
  'Utilities',
  'Session',
  'Logger',
  'console',
  'MailApp',
  'GmailApp',
  'DriveApp',
  'FormApp',
  'DocumentApp',
  'CalendarApp',
  'Browser',
  'XmlService',
  'Charts',
];

/** A service stand-in that records every touch (property read, call, construction). */
function trap(name: string, touched: string[]): unknown {
  return new Proxy(function service() {}, {
    get(_t, prop) {
      touched.push(`${name}.${String(prop)}`);
      return trap(`${name}.${String(prop)}`, touched);
    },
    apply() {
      touched.push(`${name}()`);
      return trap(`${name}()`, touched);
    },
    construct() {
      touched.push(`new ${name}`);
      return {};
    },
    has(_t, prop) {
      touched.push(`${String(prop)} in ${name}`);
      return false;
    },
    set(_t, prop) {
      touched.push(`${name}.${String(prop)}=`);
      return true;
    },
  });
}

describe('dist/Code.js', () => {
  const code = fs.readFileSync(BUNDLE, 'utf8');

  test('has no module syntax', () => {
    expect(code).not.toMatch(/^\s*export\b/m);
    expect(code).not.toMatch(/^\s*import\b/m);
    expect(code).not.toMatch(/\brequire\s*\(/);
  });

  test('loads in an empty global scope without throwing', () => {
    expect(() =>
      vm.runInContext(code, vm.createContext({}), { filename: 'Code.js' }),
    ).not.toThrow();
  });

  test('touches no Apps Script service while loading', () => {
    const touched: string[] = [];
    const globals = Object.fromEntries(SERVICES.map((s) => [s, trap(s, touched)]));
    vm.runInContext(code, vm.createContext(globals), { filename: 'Code.js' });
    expect(touched).toEqual([]);
  });

  test('declares every entry point the contract names, and otherwise only menu actions and sidebar calls', () => {
    for (const name of CONTRACT_ENTRY_POINTS) expect(ENTRY_POINTS).toContain(name);
    for (const name of ENTRY_POINTS)
      expect([...CONTRACT_ENTRY_POINTS, ...MENU_ACTIONS, ...SIDEBAR_CALLS]).toContain(name);
  });

  test('ships the Connect Slack sidebar as Sidebar.html beside Code.js, calling only sidebar functions', () => {
    const html = fs.readFileSync(path.join(path.dirname(BUNDLE), 'Sidebar.html'), 'utf8');
    const called = [...html.matchAll(/\bcall\(\s*'([A-Za-z]+)'/g)].map((m) => m[1]);
    expect(new Set(called)).toEqual(new Set(SIDEBAR_CALLS));
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  test.each(ENTRY_POINTS.map((n) => [n]))('%s is a top-level function declaration', (name) => {
    const ctx = vm.createContext({});
    vm.runInContext(code, ctx, { filename: 'Code.js' });
    expect(typeof (ctx as Record<string, unknown>)[name]).toBe('function');
    expect(code).toMatch(new RegExp(`^function\\s+${name}\\s*\\(`, 'm'));
  });

  test('declares no global function beyond the listed entry points', () => {
    const ctx = vm.createContext({});
    vm.runInContext(code, ctx, { filename: 'Code.js' });
    const globalFunctions = Object.keys(ctx).filter(
      (k) => typeof (ctx as Record<string, unknown>)[k] === 'function',
    );
    expect(globalFunctions.sort()).toEqual([...ENTRY_POINTS].sort());
  });
});

/**
 * google.script.run, the client-side API an HtmlService page uses to call the script
 * (developers.google.com/apps-script/guides/html/reference/run and
 * guides/html/communication), in two halves:
 *
 * - `SCRIPT_RUN_CLIENT`: JavaScript for the page (a browser test injects it before the
 *   page's own scripts). It gives the page `google.script.run` and `google.script.host`
 *   and sends each call to a binding named `__gasRun` that the test exposes.
 * - `ScriptRunServer`: the other end, in Node: runs the named top-level function of the
 *   bundle as one execution of the local runtime and answers as Apps Script would.
 *
 * Rules kept from Google's documentation:
 * - Calls are asynchronous; `myFunction(...)` returns nothing; the result goes to the
 *   success handler, a thrown exception to the failure handler, with the user object
 *   of `withUserObject` as the second argument. `withSuccessHandler`,
 *   `withFailureHandler` and `withUserObject` return a runner for chaining; each
 *   `google.script.run` starts a fresh one.
 * - "Legal parameters are JavaScript primitives like a Number, Boolean, String, or null,
 *   as well as JavaScript objects and arrays that are composed of primitives, objects and
 *   arrays. A form element within the page is also legal as a parameter, but it must be
 *   the function's only parameter. Requests fail if you attempt to pass a Date, Function,
 *   DOM element besides a form, or other prohibited type, including prohibited types
 *   inside objects or arrays. Objects that create circular references will also fail, and
 *   undefined fields within arrays become null." The call throws at once in the page.
 * - Return values follow the same rules; a return value holding a Date (or another
 *   illegal type) reaches the success handler as null, as widely reported (the
 *   reference only says such values are not legal): the page must cope.
 * - Functions whose names end with an underscore are private: "cannot be called from
 *   google.script.run" (guides/html/communication#private_functions).
 * - With no failure handler, a failure is logged to the browser console.
 * The execution runs as the person at the spreadsheet with a UI (kind 'menu').
 */
import type { LocalRuntime } from '../index';

/** What the page's binding receives back: JSON of this. */
export type ScriptRunAnswer = { ok: true; value: unknown } | { ok: false; message: string };

export class ScriptRunServer {
  /** Every answer sent to the page, as JSON text, in order (tests grep it for secrets). */
  readonly answers: string[] = [];
  /** Every function called, in order. */
  readonly calls: string[] = [];

  constructor(private readonly runtime: () => LocalRuntime) {}

  /** The binding: `name` and the JSON of the arguments the client already checked. */
  handle(name: string, argsJson: string): string {
    this.calls.push(name);
    let answer: ScriptRunAnswer;
    if (!/^[A-Za-z$][\w$]*$/.test(name) || name.endsWith('_')) {
      answer = { ok: false, message: `Script function not found: ${name}` };
    } else {
      try {
        const args = JSON.parse(argsJson) as unknown[];
        const value = this.runtime().runAs('menu', name, ...args);
        answer = { ok: true, value: legalReturn(value) ? value : null };
      } catch (err) {
        answer = {
          ok: false,
          message: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        };
      }
    }
    const json = JSON.stringify(answer);
    this.answers.push(json);
    return json;
  }
}

/** Whether a server return value may cross to the page as it is. */
function legalReturn(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Object.prototype.toString.call(value) === '[object Date]') return false;
  if (seen.has(value)) return false;
  seen.add(value);
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  const ok = children.every((v) => legalReturn(v, seen));
  seen.delete(value);
  return ok;
}

/** The page side, injected before the page's scripts run. Plain ES5, no dependencies. */
export const SCRIPT_RUN_CLIENT = String.raw`(function () {
  'use strict';
  function illegal(path) { return new TypeError('Failed due to illegal value in property: ' + path); }
  function formValues(form) {
    var out = {};
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || el.disabled) continue;
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
      out[el.name] = el.value;
    }
    return out;
  }
  function copy(value, path, seen) {
    if (value === null) return null;
    var t = typeof value;
    if (t === 'string' || t === 'boolean') return value;
    if (t === 'number') return isFinite(value) ? value : null;
    if (t !== 'object') throw illegal(path);
    if (value instanceof Date || (typeof Node !== 'undefined' && value instanceof Node)) throw illegal(path);
    if (seen.indexOf(value) >= 0) throw illegal(path);
    seen.push(value);
    var out;
    if (Array.isArray(value)) {
      out = value.map(function (v, i) { return v === undefined ? null : copy(v, i, seen); });
    } else {
      out = {};
      Object.keys(value).forEach(function (k) {
        if (value[k] !== undefined) out[k] = copy(value[k], k, seen);
      });
    }
    seen.pop();
    return out;
  }
  function runner(success, failure, userObject) {
    var base = {
      withSuccessHandler: function (fn) { return runner(fn, failure, userObject); },
      withFailureHandler: function (fn) { return runner(success, fn, userObject); },
      withUserObject: function (obj) { return runner(success, failure, obj); }
    };
    return new Proxy(base, {
      get: function (target, name) {
        if (name in target) return target[name];
        if (typeof name !== 'string') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          var sent;
          if (args.length === 1 && typeof HTMLFormElement !== 'undefined' && args[0] instanceof HTMLFormElement) {
            sent = [formValues(args[0])];
          } else {
            sent = args.map(function (a, i) { return a === undefined ? null : copy(a, i, []); });
          }
          window.__gasRun(name, JSON.stringify(sent)).then(function (text) {
            var answer = JSON.parse(text);
            if (answer.ok) { if (success) success(answer.value, userObject); return; }
            var err = new Error(answer.message);
            if (failure) failure(err, userObject);
            else console.error(err);
          });
        };
      }
    });
  }
  var script = {
    host: {
      close: function () { window.__gasHostClosed = true; },
      setHeight: function () {},
      setWidth: function () {},
      editor: { focus: function () {} }
    }
  };
  Object.defineProperty(script, 'run', { get: function () { return runner(null, null, undefined); } });
  window.google = { script: script };
})();`;

/**
 * Loads the built bundle into a fresh V8 context whose only globals are the Apps Script
 * services handed in (plus the language's own built-ins), with gas-local.
 *
 * Apps Script evaluates the project's global code anew at the start of every
 * execution, so module-level state never survives from one trigger run to the next.
 * The runtime therefore builds one context per execution; V8's compilation cache
 * keeps the repeated load cheap.
 *
 * Realms: objects the fakes create (errors, arrays) come from the host realm. In Apps
 * Script everything shares one realm, so `e instanceof Error` and `v instanceof Array`
 * hold for service results; here the context's Error and Array are given a
 * Symbol.hasInstance that also accepts host errors and arrays. Subclasses (TypeError,
 * the bundle's own error classes) keep the ordinary prototype check.
 */
import vm from 'node:vm';

// gas-local ships no types: require(folder, globalObject) runs every .js file of the
// folder in vm.createContext(globalObject) and returns the context.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- no types, so no import
const gasLocal = require('gas-local') as {
  require(folder: string, globalObject: object): vm.Context;
};

export type BundleGlobals = Record<string, unknown>;

function widenInstanceOf(ctor: CallableFunction, accepts: (v: unknown) => boolean): void {
  const ordinary = Function.prototype[Symbol.hasInstance];
  Object.defineProperty(ctor, Symbol.hasInstance, {
    configurable: true,
    value(this: CallableFunction, v: unknown): boolean {
      if (this === ctor && accepts(v)) return true;
      return ordinary.call(this, v);
    },
  });
}

const isErrorObject = (v: unknown): boolean =>
  Object.prototype.toString.call(v) === '[object Error]';

/** Creates the context, patches its realm, and runs every .js file of `bundleDir` in it. */
export function loadBundle(bundleDir: string, globals: BundleGlobals): vm.Context {
  const context = vm.createContext({ ...globals });
  widenInstanceOf(vm.runInContext('Error', context) as CallableFunction, isErrorObject);
  widenInstanceOf(vm.runInContext('Array', context) as CallableFunction, (v) => Array.isArray(v));
  // vm.createContext returns an already-contextified object unchanged, so gas-local
  // loads into the context prepared above.
  gasLocal.require(bundleDir, context);
  return context;
}

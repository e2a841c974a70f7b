/**
 * Simple triggers run with AuthMode.LIMITED and "cannot access services that require
 * authorization" (developers.google.com/apps-script/guides/triggers#restrictions).
 * This wraps a service so that any method call from a simple-trigger execution throws
 * Apps Script's "You do not have permission to call <Service>.<method>. Required
 * permissions: <scope>", and behaves normally otherwise.
 */
import type { Executions } from './executions';

export function requireAuthorization<T extends object>(
  service: T,
  serviceName: string,
  scope: string,
  executions: Executions,
): T {
  const proxies = new WeakMap<object, object>();
  const wrap = <O extends object>(target: O, path: string): O => {
    const known = proxies.get(target);
    if (known) return known as O;
    const proxy = new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver) as unknown;
        if (typeof prop === 'symbol') return value;
        const name = `${path}.${prop}`;
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            if (executions.current()?.kind === 'simple') {
              throw executions.exception(
                `You do not have permission to call ${name}. Required permissions: ${scope}`,
              );
            }
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        }
        if (value !== null && typeof value === 'object') return wrap(value, name);
        return value;
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return wrap(service, serviceName);
}

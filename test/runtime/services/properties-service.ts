/**
 * PropertiesService: script, user and document property stores.
 *
 * Values are strings, as in Apps Script: `setProperty('n', 5)` stores "5". Limits from
 * developers.google.com/apps-script/guides/services/quotas ("Properties value size
 * 9 kB / val", "Properties total storage 500 kB / property store") are enforced so a
 * design that would hit them in production fails here too.
 */
import type { Executions } from './executions';

/** Per-value limit: 9 kB (UTF-8 bytes of key + value, counted like the quota page's "val"). */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
/** Per-store limit: 500 kB. */
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * One property store (a key to string map). Tests use it directly as an uncounted
 * handle; the bundle reaches it through `Properties`, which checks the execution first.
 */
export class PropertyStore {
  private readonly map = new Map<string, string>();

  get(key: string): string | null {
    return this.map.get(String(key)) ?? null;
  }

  set(key: string, value: unknown): void {
    this.setAll({ [String(key)]: value }, false);
  }

  /** Sets several properties at once; with `deleteAllOthers` the store ends up equal to `values`. */
  setAll(values: Record<string, unknown>, deleteAllOthers: boolean): void {
    const next = new Map(deleteAllOthers ? [] : this.map);
    for (const [k, v] of Object.entries(values)) {
      const s = String(v);
      if (bytes(k) + bytes(s) > PROPERTY_VALUE_MAX_BYTES)
        throw new PropertyLimitError('Argument too large: value');
      next.set(k, s);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_MAX_BYTES) {
      throw new PropertyLimitError(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.map.clear();
    for (const [k, v] of next) this.map.set(k, v);
  }

  delete(key: string): void {
    this.map.delete(String(key));
  }

  clear(): void {
    this.map.clear();
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  /** A copy: changing it does not change the store (like getProperties()). */
  all(): Record<string, string> {
    return Object.fromEntries(this.map);
  }
}

/** Raised by the store; `Properties` turns it into an Apps Script Exception. */
export class PropertyLimitError extends Error {}

/** The `Properties` object the bundle sees. Setters return it for chaining, like Apps Script. */
export class Properties {
  constructor(
    private readonly store: PropertyStore,
    private readonly executions: Executions,
  ) {}

  private run<T>(fn: () => T): T {
    this.executions.check();
    try {
      return fn();
    } catch (e) {
      if (e instanceof PropertyLimitError) throw this.executions.exception(e.message);
      throw e;
    }
  }

  getProperty(key: string): string | null {
    return this.run(() => this.store.get(key));
  }

  setProperty(key: string, value: unknown): Properties {
    return this.run(() => (this.store.set(key, value), this));
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): Properties {
    return this.run(() => (this.store.setAll(properties, Boolean(deleteAllOthers)), this));
  }

  getProperties(): Record<string, string> {
    return this.run(() => this.store.all());
  }

  getKeys(): string[] {
    return this.run(() => this.store.keys());
  }

  deleteProperty(key: string): Properties {
    return this.run(() => (this.store.delete(key), this));
  }

  deleteAllProperties(): Properties {
    return this.run(() => (this.store.clear(), this));
  }
}

export interface PropertyStores {
  script: PropertyStore;
  document: PropertyStore;
  /** One store per user, keyed by the effective user's email. */
  user(email: string): PropertyStore;
}

export function newPropertyStores(): PropertyStores {
  const users = new Map<string, PropertyStore>();
  return {
    script: new PropertyStore(),
    document: new PropertyStore(),
    user(email) {
      let s = users.get(email);
      if (!s) users.set(email, (s = new PropertyStore()));
      return s;
    },
  };
}

/**
 * The PropertiesService global. getDocumentProperties() returns null in a web-app
 * execution: the docs say it returns null "when document properties are not
 * available", and a web-app request has no open document (the same rule that makes
 * getDocumentLock() null there). Returning null is the stricter reading.
 */
export function createPropertiesService(stores: PropertyStores, executions: Executions) {
  const wrap = (store: PropertyStore) => new Properties(store, executions);
  return {
    getScriptProperties(): Properties {
      executions.check();
      return wrap(stores.script);
    },
    getUserProperties(): Properties {
      executions.check();
      return wrap(stores.user(executions.current()?.effectiveUserEmail ?? ''));
    },
    getDocumentProperties(): Properties | null {
      executions.check();
      if (executions.current()?.kind === 'webapp') return null;
      return wrap(stores.document);
    },
  };
}

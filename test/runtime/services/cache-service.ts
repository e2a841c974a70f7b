/**
 * CacheService: script, user and document caches that expire on the fake clock.
 *
 * Rules from developers.google.com/apps-script/reference/cache/cache:
 * - `put(key, value)` keeps the value 600 seconds (10 minutes) by default;
 *   `expirationInSeconds` is 1 to 21600 (6 hours).
 * - keys are at most 250 characters, values at most 100 KB;
 * - a cache holds at most 1,000 items: "If more than 1,000 items are written, the cache
 *   stores the 900 items farthest from expiration."
 * Out-of-range expirations throw here (the docs give the range but not what happens
 * outside it; a fake must not be kinder than the real one, so it rejects them).
 */
import type { Clock } from '../clock';
import type { Executions } from './executions';

export const CACHE_DEFAULT_EXPIRATION_S = 600;
export const CACHE_MAX_EXPIRATION_S = 21_600;
export const CACHE_MAX_KEY_CHARS = 250;
export const CACHE_MAX_VALUE_BYTES = 100 * 1024;
export const CACHE_MAX_ITEMS = 1000;
export const CACHE_ITEMS_KEPT_ON_OVERFLOW = 900;

interface Entry {
  value: string;
  /** Fake-clock instant (epoch ms) from which the entry is gone. */
  expiresMs: number;
}

/** One cache. Tests may use it directly (uncounted); the bundle goes through `Cache`. */
export class CacheStore {
  private readonly map = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  get(key: string): string | null {
    const e = this.map.get(key);
    if (!e) return null;
    if (e.expiresMs <= this.clock.now()) {
      this.map.delete(key);
      return null;
    }
    return e.value;
  }

  put(key: string, value: string, expirationSeconds: number): void {
    this.map.set(key, { value, expiresMs: this.clock.now() + expirationSeconds * 1000 });
    this.evict();
  }

  remove(key: string): void {
    this.map.delete(key);
  }

  /** Live keys now (expired entries dropped). */
  keys(): string[] {
    const now = this.clock.now();
    for (const [k, e] of this.map) if (e.expiresMs <= now) this.map.delete(k);
    return [...this.map.keys()];
  }

  private evict(): void {
    if (this.keys().length <= CACHE_MAX_ITEMS) return;
    const keep = [...this.map.entries()]
      .sort((a, b) => b[1].expiresMs - a[1].expiresMs)
      .slice(0, CACHE_ITEMS_KEPT_ON_OVERFLOW);
    this.map.clear();
    for (const [k, e] of keep) this.map.set(k, e);
  }
}

/** The `Cache` object the bundle sees. */
export class Cache {
  constructor(
    private readonly store: CacheStore,
    private readonly executions: Executions,
  ) {}

  private key(key: unknown): string {
    const k = String(key);
    if (k.length > CACHE_MAX_KEY_CHARS)
      throw this.executions.exception(
        `Argument too large: key (over ${CACHE_MAX_KEY_CHARS} characters)`,
      );
    return k;
  }

  private value(value: unknown): string {
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > CACHE_MAX_VALUE_BYTES)
      throw this.executions.exception('Argument too large: value (over 100 KB)');
    return v;
  }

  private expiration(seconds: unknown): number {
    if (seconds === undefined) return CACHE_DEFAULT_EXPIRATION_S;
    const s = Number(seconds);
    if (!Number.isFinite(s) || s < 1 || s > CACHE_MAX_EXPIRATION_S) {
      throw this.executions.exception(
        `Invalid argument: expirationInSeconds must be 1 to ${CACHE_MAX_EXPIRATION_S}`,
      );
    }
    return Math.floor(s);
  }

  get(key: string): string | null {
    this.executions.check();
    return this.store.get(this.key(key));
  }

  getAll(keys: string[]): Record<string, string> {
    this.executions.check();
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.store.get(this.key(k));
      if (v !== null) out[String(k)] = v;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.executions.check();
    this.store.put(this.key(key), this.value(value), this.expiration(expirationInSeconds));
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    this.executions.check();
    const seconds = this.expiration(expirationInSeconds);
    const checked = Object.entries(values).map(([k, v]) => [this.key(k), this.value(v)] as const);
    for (const [k, v] of checked) this.store.put(k, v, seconds);
  }

  remove(key: string): void {
    this.executions.check();
    this.store.remove(this.key(key));
  }

  removeAll(keys: string[]): void {
    this.executions.check();
    for (const k of keys) this.store.remove(this.key(k));
  }
}

export interface CacheStores {
  script: CacheStore;
  document: CacheStore;
  /** One cache per user, keyed by the effective user's email. */
  user(email: string): CacheStore;
}

export function newCacheStores(clock: Clock): CacheStores {
  const users = new Map<string, CacheStore>();
  return {
    script: new CacheStore(clock),
    document: new CacheStore(clock),
    user(email) {
      let s = users.get(email);
      if (!s) users.set(email, (s = new CacheStore(clock)));
      return s;
    },
  };
}

/**
 * The CacheService global. getDocumentCache() is null in a web app: "If this method is
 * called outside of the context of a containing document (such as from a standalone
 * script or web app), this method returns null."
 */
export function createCacheService(stores: CacheStores, executions: Executions) {
  return {
    getScriptCache(): Cache {
      executions.check();
      return new Cache(stores.script, executions);
    },
    getUserCache(): Cache {
      executions.check();
      return new Cache(stores.user(executions.current()?.effectiveUserEmail ?? ''), executions);
    },
    getDocumentCache(): Cache | null {
      executions.check();
      if (executions.current()?.kind === 'webapp') return null;
      return new Cache(stores.document, executions);
    },
  };
}

/**
 * Utilities: formatDate, getUuid, sleep, base64, digests, HMAC, blobs, formatString.
 *
 * Byte arrays are signed (-128..127) as in Apps Script, whose bytes are Java bytes
 * (reference/utilities/utilities: base64Decode, computeDigest return Byte[]).
 * sleep(ms) moves the fake clock and counts against the execution's time limit;
 * "The maximum allowed value is 300000 (or 5 minutes)."
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { makeEnum } from './enum';
import type { Executions } from './executions';
import { formatDate } from './format-date';

export const Charset = makeEnum(['US_ASCII', 'UTF_8']);
export const DigestAlgorithm = makeEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']);
export const MacAlgorithm = makeEnum([
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
]);

export const SLEEP_MAX_MS = 300_000;

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const NODE_HMAC: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

/** Java-style signed bytes from a Buffer. */
export function signedBytes(buf: Buffer): number[] {
  return [...buf].map((b) => (b > 127 ? b - 256 : b));
}

/** A Buffer from a string (in a charset) or from a byte array (signed or unsigned). */
function toBuffer(data: unknown, charset?: string): Buffer {
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  return Buffer.from(String(data), charset === 'US_ASCII' ? 'latin1' : 'utf8');
}

/**
 * Seeded v4 UUIDs for reproducible runs: mulberry32 over the seed. Without a seed,
 * crypto.randomUUID() gives real random ones.
 */
export function uuidSource(seed?: number): () => string {
  if (seed === undefined) return () => randomUUID();
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return () => {
    const b = Array.from({ length: 16 }, next);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

/**
 * printf-style formatting as Utilities.formatString and Logger.log(format, ...values)
 * do: %s, %d, %i, %f (with optional precision like %.2f), %% and %o/%j.
 */
export function formatTemplate(template: string, values: unknown[]): string {
  let i = 0;
  return String(template).replace(
    /%(?:(\.\d+)?([sdifoj])|%)/g,
    (m, precision: string | undefined, type: string | undefined) => {
      if (m === '%%') return '%';
      if (i >= values.length) return m;
      const v = values[i++];
      switch (type) {
        case 'd':
        case 'i':
          return String(Math.trunc(Number(v)));
        case 'f':
          return precision ? Number(v).toFixed(Number(precision.slice(1))) : String(Number(v));
        case 'o':
        case 'j':
          return stringify(v);
        default:
          return stringify(v);
      }
    },
  );
}

/** How a logged or formatted value reads: strings as is, objects as JSON. */
export function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  // Errors from the bundle come from its own realm, so `instanceof Error` cannot see them.
  if (Object.prototype.toString.call(v) === '[object Error]') {
    const e = v as Error;
    return `${e.name}: ${e.message}`;
  }
  if (v instanceof Date) return v.toString();
  if (v !== null && typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

/** A Blob: bytes plus a content type and a name (reference/base/blob). */
export class Blob {
  constructor(
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}

  getBytes(): number[] {
    return signedBytes(this.bytes);
  }

  getDataAsString(charset?: string): string {
    return this.bytes.toString(charset === 'US_ASCII' ? 'latin1' : 'utf8');
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: string): Blob {
    this.contentType = contentType;
    return this;
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: string): Blob {
    this.name = name;
    return this;
  }

  setDataFromString(s: string, charset?: string): Blob {
    this.bytes = toBuffer(s, charset);
    return this;
  }

  copyBlob(): Blob {
    return new Blob(Buffer.from(this.bytes), this.contentType, this.name);
  }
}

export interface UtilitiesOptions {
  clock: Clock;
  executions: Executions;
  /** Seed for reproducible getUuid(); random when absent. */
  uuidSeed?: number;
}

/** The Utilities global. */
export function createUtilities(o: UtilitiesOptions) {
  const { clock, executions } = o;
  const nextUuid = uuidSource(o.uuidSeed);
  const fail = (message: string): never => {
    throw executions.exception(message);
  };

  return {
    Charset,
    DigestAlgorithm,
    MacAlgorithm,

    formatDate(date: Date, timeZone: string, format: string): string {
      executions.check();
      if (!date || typeof date.getTime !== 'function') fail('Invalid argument: date');
      if (typeof timeZone !== 'string') fail('Invalid argument: timeZone');
      try {
        return formatDate(date, timeZone, String(format));
      } catch (e) {
        return fail(`Invalid argument: format (${(e as Error).message})`);
      }
    },

    formatString(template: string, ...args: unknown[]): string {
      executions.check();
      return formatTemplate(template, args);
    },

    getUuid(): string {
      executions.check();
      return nextUuid();
    },

    /** Advances the fake clock by `milliseconds` (max 300000). */
    sleep(milliseconds: number): void {
      executions.check();
      const ms = Number(milliseconds);
      if (!Number.isFinite(ms) || ms < 0 || ms > SLEEP_MAX_MS)
        fail(`Invalid argument: milliseconds (max ${SLEEP_MAX_MS})`);
      clock.advanceMs(Math.floor(ms));
      executions.check();
    },

    base64Encode(data: string | number[], charset?: string): string {
      executions.check();
      return toBuffer(data, charset).toString('base64');
    },

    base64EncodeWebSafe(data: string | number[], charset?: string): string {
      executions.check();
      return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },

    base64Decode(encoded: string): number[] {
      executions.check();
      return signedBytes(Buffer.from(String(encoded), 'base64'));
    },

    base64DecodeWebSafe(encoded: string): number[] {
      executions.check();
      return signedBytes(
        Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'),
      );
    },

    computeDigest(algorithm: string, value: string | number[], charset?: string): number[] {
      executions.check();
      const alg =
        NODE_DIGEST[String(algorithm)] ??
        fail(
          `Invalid argument: algorithm (${String(algorithm)} is not available in the local runtime)`,
        );
      return signedBytes(createHash(alg).update(toBuffer(value, charset)).digest());
    },

    computeHmacSignature(
      algorithm: string,
      value: string | number[],
      key: string | number[],
      charset?: string,
    ): number[] {
      executions.check();
      const alg =
        NODE_HMAC[String(algorithm)] ?? fail(`Invalid argument: algorithm (${String(algorithm)})`);
      return signedBytes(
        createHmac(alg, toBuffer(key, charset)).update(toBuffer(value, charset)).digest(),
      );
    },

    computeHmacSha256Signature(
      value: string | number[],
      key: string | number[],
      charset?: string,
    ): number[] {
      executions.check();
      return signedBytes(
        createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest(),
      );
    },

    newBlob(data: string | number[], contentType?: string, name?: string): Blob {
      executions.check();
      return new Blob(toBuffer(data), contentType ?? null, name ?? null);
    },
  };
}

/**
 * The ParkedResponses port in memory, as strict as Script Properties under the real
 * adapter (one property `PARKED_RESPONSE_<key>` per response, JSON): the quotas page's
 * limits (developers.google.com/apps-script/guides/services/quotas: "Properties value
 * size 9 kB / val", "Properties total storage 500 kB / property store") throw as the
 * runtime's PropertiesService does, and what comes back is a parsed copy.
 */
import type { ParkedResponses } from '../../src/app/ports';

type Response = Parameters<ParkedResponses['park']>[1];

const PREFIX = 'PARKED_RESPONSE_';
const VALUE_MAX_BYTES = 9 * 1024;
const STORE_MAX_BYTES = 500 * 1024;
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export class FakeParked implements ParkedResponses {
  /** Property name → JSON, as stored. */
  readonly properties = new Map<string, string>();
  /** Bytes the rest of the store already holds (the tokens and other properties). */
  otherBytes = 0;

  park(key: string, response: Response): void {
    const name = PREFIX + key;
    const json = JSON.stringify(response);
    if (bytes(name) + bytes(json) > VALUE_MAX_BYTES) throw new Error('Argument too large: value');
    let total = this.otherBytes + bytes(name) + bytes(json);
    for (const [k, v] of this.properties) if (k !== name) total += bytes(k) + bytes(v);
    if (total > STORE_MAX_BYTES)
      throw new Error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    this.properties.set(name, json);
  }

  all(): Array<{ key: string; response: Response }> {
    return [...this.properties.keys()].sort().map((name) => ({
      key: name.slice(PREFIX.length),
      response: JSON.parse(this.properties.get(name)!) as Response,
    }));
  }

  remove(key: string): void {
    this.properties.delete(PREFIX + key);
  }
}

/**
 * Parked form responses in Script Properties, one property each
 * (`PARKED_RESPONSE_<fingerprint>`), so two executions parking at once never overwrite
 * each other. Not a spreadsheet write: it works while another run holds the lock.
 */
import type { ParkedResponses } from '../app/ports';

const PREFIX = 'PARKED_RESPONSE_';

type Response = Parameters<ParkedResponses['park']>[1];

export class ScriptPropertiesParking implements ParkedResponses {
  private readonly props = PropertiesService.getScriptProperties();

  park(key: string, response: Response): void {
    this.props.setProperty(PREFIX + key, JSON.stringify(response));
  }

  all(): Array<{ key: string; response: Response }> {
    const all = this.props.getProperties();
    return Object.keys(all)
      .filter((name) => name.startsWith(PREFIX))
      .sort()
      .map((name) => ({
        key: name.slice(PREFIX.length),
        response: JSON.parse(all[name]) as Response,
      }));
  }

  remove(key: string): void {
    this.props.deleteProperty(PREFIX + key);
  }
}

/** The Ids port in memory: UUID-shaped ids from a counter, so lead ids are predictable. */
import type { Ids } from '../../src/app/ports';

export class FakeIds implements Ids {
  private next = 1;

  uuid(): string {
    const hex = (this.next++).toString(16).padStart(8, '0').toUpperCase();
    return `${hex}-0000-4000-8000-000000000000`;
  }
}

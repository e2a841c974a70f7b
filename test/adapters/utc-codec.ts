/** The row codec in UTC without Utilities, for the adapters' pure tests (the codec only needs offsets). */
import { RowCodec } from '../../src/adapters/row-codec';
import { ZoneTime } from '../../src/adapters/zone-time';

class UtcZone extends ZoneTime {
  override offsetMinutes(): number {
    return 0;
  }
}

export const utcCodec = new RowCodec(new UtcZone('UTC'));

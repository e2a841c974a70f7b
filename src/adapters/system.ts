/** The system clock, UUIDs and logging, as ports. */
import type { Clock, Ids, Log } from '../app/ports';

export const systemClock: Clock = { now: () => Date.now() };

export const uuidIds: Ids = { uuid: () => Utilities.getUuid() };

/** Cloud Logging through console; callers never pass secrets. */
export const consoleLog: Log = {
  info: (message) => console.info(`[lead-routing] ${message}`),
  warn: (message) => console.warn(`[lead-routing] ${message}`),
  error: (message) => console.error(`[lead-routing] ${message}`),
};

/**
 * The script lock, shared by triggers, the web app and manual runs. Always released
 * in `finally` (googleworkspace/apps-script-oauth2 misses this on some paths), after
 * SpreadsheetApp.flush() when this run wrote through SpreadsheetApp.
 */
import type { ScriptLock } from '../app/ports';
import { RoutingError } from '../domain/errors';
import { flushSpreadsheetAppWrites } from './spreadsheet-writes';

export class AppsScriptLock implements ScriptLock {
  withLock<T>(timeoutMs: number, work: () => T): T {
    const lock = LockService.getScriptLock();
    if (!lock.tryLock(timeoutMs)) {
      throw new RoutingError(
        'LOCK_TIMEOUT',
        `Another run held the script lock for more than ${Math.round(timeoutMs / 1000)} s; nothing was changed.`,
      );
    }
    try {
      return work();
    } finally {
      try {
        flushSpreadsheetAppWrites();
      } finally {
        lock.releaseLock();
      }
    }
  }
}

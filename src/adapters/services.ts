/**
 * Builds the real adapters once per execution. The spreadsheet's id comes from Script
 * Properties (setup() stores it, so the web app does not depend on an "active"
 * spreadsheet) and its time zone from the script cache, so a run normally spends no
 * spreadsheet call on either.
 */
import type { Services } from '../app/ports';
import { DashboardSheet } from './dashboard-sheet';
import { CacheWorkSchedule } from './cache-schedule';
import { ScriptPropertiesParking } from './parked-responses';
import { AppsScriptLock } from './script-lock';
import { PROPERTY, ScriptPropertiesSecrets } from './script-properties';
import { RowCodec } from './row-codec';
import { SheetsValues } from './sheets-values';
import { SheetsWorkbook } from './sheets-workbook';
import { SheetsYearlyArchive } from './sheets-yearly-archive';
import { consoleLog, systemClock, uuidIds } from './system';
import { misplacedNotices } from '../domain/misplaced-writes';
import { UrlFetchSlackClient } from './url-fetch-slack';
import { ZoneTime } from './zone-time';

const TZ_CACHE_KEY = 'lead-routing:time-zone';
/** Seconds the time zone stays cached (CacheService maximum is 21600). */
const TZ_CACHE_SECONDS = 21_600;

export interface RealServices extends Services {
  secrets: ScriptPropertiesSecrets;
  zone: ZoneTime;
  spreadsheetId: string;
  dashboard: DashboardSheet;
}

function spreadsheetIdentity(secrets: ScriptPropertiesSecrets): { id: string; timeZone: string } {
  const cache = CacheService.getScriptCache();
  let id = secrets.spreadsheetId();
  let timeZone = cache.get(TZ_CACHE_KEY) ?? '';
  if (!id || !timeZone) {
    const spreadsheet = SpreadsheetApp.getActive();
    if (!id) {
      id = spreadsheet.getId();
      PropertiesService.getScriptProperties().setProperty(PROPERTY.spreadsheetId, id);
    }
    if (!timeZone) {
      timeZone = spreadsheet.getSpreadsheetTimeZone();
      cache.put(TZ_CACHE_KEY, timeZone, TZ_CACHE_SECONDS);
    }
  }
  return { id, timeZone };
}

/** Forgets the cached time zone and the sweep's plan (setup() calls it after changing things). */
export function forgetSpreadsheetCache(): void {
  CacheService.getScriptCache().remove(TZ_CACHE_KEY);
  forgetSweepPlan();
}

/** Makes the next sweep read the sheets whatever it had planned. */
export function forgetSweepPlan(): void {
  new CacheWorkSchedule(() => systemClock.now()).forget();
}

/**
 * Ms a trigger or menu run may wait, in all, for the Sheets API's per-minute quota to
 * refill (a minute and a bit: one full window), inside its 6 minutes.
 */
export const TRIGGER_QUOTA_WAIT_MS = 65_000;

/**
 * @param quotaWaitMs how long this run may wait for the Sheets API's per-minute quota in
 *   all: TRIGGER_QUOTA_WAIT_MS for triggers and menus, 0 for the web app (Slack waits 3 s)
 */
export function createServices(quotaWaitMs: number = TRIGGER_QUOTA_WAIT_MS): RealServices {
  const secrets = new ScriptPropertiesSecrets();
  const { id, timeZone } = spreadsheetIdentity(secrets);
  const zone = new ZoneTime(timeZone);
  const values = new SheetsValues(id, {
    waitMs: quotaWaitMs,
    now: () => systemClock.now(),
    sleep: (ms) => Utilities.sleep(ms),
  });
  return {
    workbook: new SheetsWorkbook(
      values,
      new RowCodec(zone),
      misplacedNotices(
        () => systemClock.now(),
        () => uuidIds.uuid(),
      ),
    ),
    slack: new UrlFetchSlackClient(secrets.botToken()),
    lock: new AppsScriptLock(),
    clock: systemClock,
    localTime: zone,
    secrets,
    log: consoleLog,
    ids: uuidIds,
    pause: (ms) => Utilities.sleep(ms),
    parked: new ScriptPropertiesParking(),
    schedule: new CacheWorkSchedule(() => systemClock.now()),
    zone,
    spreadsheetId: id,
    dashboard: new DashboardSheet(values, zone, id),
  };
}

/**
 * The yearly archive over the live spreadsheet (its own SheetsValues, waiting for the
 * Sheets API's per-minute quota like any trigger run) and the archive spreadsheets.
 */
export function createYearlyArchive(services: RealServices): SheetsYearlyArchive {
  const quota = {
    waitMs: TRIGGER_QUOTA_WAIT_MS,
    now: () => systemClock.now(),
    sleep: (ms: number) => Utilities.sleep(ms),
  };
  return new SheetsYearlyArchive(
    new SheetsValues(services.spreadsheetId, quota),
    services.zone,
    quota,
  );
}

/**
 * Every port of app/ports.ts in memory, wired as src/adapters/services.ts wires the
 * real ones: one world per test, with the fakes at hand to script and inspect.
 * `pause` costs clock time, as Utilities.sleep costs execution time.
 */
import type { Services } from '../../src/app/ports';
import type { Rep } from '../../src/domain/rep';
import { FakeClock } from './clock';
import { FakeDashboard } from './dashboard';
import { FakeIds } from './ids';
import { FakeLocalTime } from './local-time';
import { FakeLock } from './lock';
import { FakeLog } from './log';
import { FakeParked } from './parked';
import { FakeSchedule } from './schedule';
import { FakeSecrets } from './secrets';
import { FakeSlack } from './slack';
import { FakeWorkbook } from './workbook';

/** 2026-11-26 09:00 in Jakarta (UTC+7), a Thursday. */
export const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);
export const MINUTE = 60_000;

export interface FakeWorld {
  services: Services;
  clock: FakeClock;
  lock: FakeLock;
  workbook: FakeWorkbook;
  slack: FakeSlack;
  log: FakeLog;
  parked: FakeParked;
  schedule: FakeSchedule;
  secrets: FakeSecrets;
  dashboard: FakeDashboard;
  localTime: FakeLocalTime;
}

export function fakeWorld(
  options: { now?: number; reps?: Array<Partial<Rep> & { slackId: string }> } = {},
): FakeWorld {
  const clock = new FakeClock(options.now ?? T0);
  const lock = new FakeLock(clock);
  const localTime = new FakeLocalTime(420);
  const workbook = new FakeWorkbook(lock, localTime.offset);
  const slack = new FakeSlack(clock);
  const log = new FakeLog();
  const parked = new FakeParked();
  const schedule = new FakeSchedule(clock);
  const secrets = new FakeSecrets();
  const dashboard = new FakeDashboard(localTime);
  workbook.reps = (options.reps ?? []).map((r, index) => rep({ index, ...r }));
  const services: Services = {
    workbook,
    slack,
    lock,
    clock,
    localTime,
    secrets,
    log,
    ids: new FakeIds(),
    pause: (ms) => clock.advance(ms),
    dashboard,
    parked,
    schedule,
  };
  return {
    services,
    clock,
    lock,
    workbook,
    slack,
    log,
    parked,
    schedule,
    secrets,
    dashboard,
    localTime,
  };
}

/** A rep as a sales_sheet row reads: active, weight 1, no cap, not away. */
export function rep(fields: Partial<Rep> & { slackId: string }): Rep {
  return {
    name: fields.slackId,
    email: '',
    active: true,
    index: 0,
    weight: 1,
    maxOpenLeads: null,
    awayUntil: null,
    teams: [],
    ...fields,
  };
}

/** A form response as the form-submit event carries it. */
export function formResponse(
  answers: Record<string, string>,
  at = '11/26/2026 9:00:00',
): { namedValues: Record<string, string[]>; values: string[] } {
  return {
    namedValues: Object.fromEntries(
      Object.entries({ Timestamp: at, ...answers }).map(([k, v]) => [k, [v]]),
    ),
    values: [at, ...Object.values(answers)],
  };
}

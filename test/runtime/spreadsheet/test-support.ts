/**
 * Shared setup for the spreadsheet fake's own tests: real deps (clock, counters,
 * clock Date) with a switchable script lock, and loosely typed access to the
 * bundle-facing objects (the bundle calls them untyped too).
 */
import { Clock, makeClockDate } from '../clock';
import { newCounters } from '../counters';
import type { RuntimeDeps } from '../deps';
import { createSpreadsheetServices } from './index';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Any = any;

export function setup(
  options: { held?: boolean; timeZone?: string; user?: { email: string } } = {},
) {
  const clock = new Clock();
  const counters = newCounters();
  const lock = { held: options.held ?? true };
  const trips: unknown[] = [];
  const deps: RuntimeDeps = {
    clock,
    counters,
    DateClass: makeClockDate(clock),
    lockGuard: { currentExecutionHoldsScriptLock: () => lock.held },
    timeZone: options.timeZone ?? 'Asia/Jakarta',
    charge: (trip) => {
      trips.push(trip);
    },
    ...(options.user ? { currentUserEmail: () => options.user!.email } : {}),
  };
  const services = createSpreadsheetServices(deps);
  const app = services.SpreadsheetApp as Any;
  const Sheets = services.Sheets as Any;
  const ss = app.getActiveSpreadsheet();
  return {
    deps,
    clock,
    counters,
    lock,
    trips,
    app,
    Sheets,
    ss,
    book: services.book,
    files: services.files,
    id: services.book.id,
  };
}

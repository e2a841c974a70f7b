/**
 * Who owns the engine's triggers, in Script Properties (shared by every account of the
 * project, unlike the triggers themselves): TRIGGERS_OWNER is the account whose Set up
 * installed them, SWEEP_LAST_RAN_AT (epoch ms) when that account's sweep trigger last
 * ran. Set up uses both to never install a second set (domain/trigger-owner.ts); a
 * trigger that fires for an account that is no longer the owner removes that account's
 * triggers and does nothing else, so a set that was taken over cannot double the work.
 */
import { isRetiredSet } from '../domain/trigger-owner';
import { consoleLog } from './system';

export const OWNER_PROPERTY = 'TRIGGERS_OWNER';
export const LAST_SWEEP_PROPERTY = 'SWEEP_LAST_RAN_AT';
/** The handlers of the engine's installable triggers. */
export const TRIGGER_HANDLERS = ['onFormSubmit', 'runSlaSweep', 'runArchive'] as const;

/** The account this execution runs as; '' when Apps Script does not reveal it. */
export function runningAs(): string {
  try {
    return Session.getEffectiveUser().getEmail() ?? '';
  } catch {
    return '';
  }
}

export function readOwnership(): { owner: string; lastSweepAt: number | null } {
  const props = PropertiesService.getScriptProperties();
  const owner = (props.getProperty(OWNER_PROPERTY) ?? '').trim();
  const last = Number(props.getProperty(LAST_SWEEP_PROPERTY) ?? '');
  return { owner, lastSweepAt: Number.isFinite(last) && last > 0 ? last : null };
}

export function recordOwner(email: string): void {
  if (email) PropertiesService.getScriptProperties().setProperty(OWNER_PROPERTY, email);
}

/** The owner's sweep trigger ran now (epoch ms). */
export function noteSweepRan(now: number): void {
  PropertiesService.getScriptProperties().setProperty(LAST_SWEEP_PROPERTY, String(now));
}

/** Removes this account's triggers of the engine's handlers; returns how many. */
export function removeOwnTriggers(): number {
  let removed = 0;
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if ((TRIGGER_HANDLERS as readonly string[]).includes(trigger.getHandlerFunction())) {
      ScriptApp.deleteTrigger(trigger);
      removed++;
    }
  }
  return removed;
}

/**
 * For trigger runs: true when this trigger belongs to an account that no longer owns
 * the engine's triggers; that account's triggers are then removed, and the run must do
 * nothing else (the owner's own trigger handles the same event).
 */
export function retiredTrigger(entry: string): boolean {
  const { owner } = readOwnership();
  const me = runningAs();
  if (!isRetiredSet(owner, me)) return false;
  const removed = removeOwnTriggers();
  consoleLog.warn(
    `${entry}: this trigger runs as ${me}, but the engine's triggers belong to ${owner}; removed ${removed} trigger(s) of ${me} and did nothing.`,
  );
  return true;
}

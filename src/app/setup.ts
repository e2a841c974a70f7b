/**
 * setup(): creates or repairs everything the engine needs and says, in words an admin
 * understands, what is still missing. Safe to run any number of times.
 */
import { formFields, parseSettings, SETTING_SPECS } from '../domain/settings';
import {
  describeFieldMap,
  FIELD_SETTING_KEYS,
  resolveFields,
  settingValue,
} from '../domain/form-fields';
import { RoutingError } from '../domain/errors';
import { describeRosterProblem, eligibleReps, rosterProblems, type Rep } from '../domain/rep';
import { buildDashboard } from './dashboard';
import type { DashboardBuilder, ScriptLock, SetupTarget } from './ports';
import { SHEETS, type SheetName } from './schema';

export interface SetupContext {
  target: SetupTarget;
  lock: ScriptLock;
  /** Whether each Script Property is set (values are never read here). */
  hasBotToken: boolean;
  hasVerificationToken: boolean;
  /** Reps as read after the sheets exist. */
  readReps(): Rep[];
  dashboard?: DashboardBuilder;
}

export interface SetupReport {
  done: string[];
  missing: string[];
}

const ORDER: SheetName[] = [
  SHEETS.settings,
  SHEETS.sales,
  SHEETS.leads,
  SHEETS.state,
  SHEETS.log,
  SHEETS.outbox,
  SHEETS.archive,
  SHEETS.holidays,
  SHEETS.rules,
];

export function runSetup(ctx: SetupContext): SetupReport {
  return ctx.lock.withLock(30_000, () => {
    const done: string[] = [];
    const missing: string[] = [];
    for (const name of ORDER) done.push(...ctx.target.ensureSheet(name));
    if (ctx.dashboard) done.push(...buildDashboard(ctx.dashboard));
    const present = ctx.target.readSettings();
    done.push(...ctx.target.addMissingSettings(SETTING_SPECS, present));
    done.push(...ctx.target.trimGrids(ORDER));
    const raw = ctx.target.readSettings();
    let sweepMinutes = 5;
    let managerSet = false;
    try {
      const settings = parseSettings(raw);
      sweepMinutes = settings.slaCheckEveryMinutes;
      managerSet = settings.managerSlackId !== '';
    } catch (err) {
      if (!(err instanceof RoutingError)) throw err;
      missing.push(
        `${err.message} (the sweep trigger was installed every 5 minutes until this is fixed)`,
      );
    }
    done.push(...ctx.target.ensureTriggers(sweepMinutes));
    const form = mapFormFields(ctx.target, raw);
    done.push(...form.done);
    missing.push(...form.missing);
    if (!ctx.hasBotToken)
      missing.push(
        'Script Property SLACK_BOT_TOKEN (the xoxb-… bot token) is not set: leads are assigned but nobody is told in Slack. Lead Routing → Connect Slack sets it.',
      );
    if (!ctx.hasVerificationToken)
      missing.push(
        'Script Property SLACK_VERIFICATION_TOKEN is not set: "Mark as CONTACTED" clicks are refused. Lead Routing → Connect Slack sets it.',
      );
    if (!managerSet)
      missing.push('settings: manager_slack_id is empty: escalations have nobody to go to.');
    const reps = ctx.readReps();
    if (eligibleReps(reps).length === 0)
      missing.push('sales_sheet: no active rep with a Slack id: new leads wait unassigned.');
    for (const problem of rosterProblems(reps)) missing.push(describeRosterProblem(problem));
    if (!ctx.target.formLinked())
      missing.push(
        'No Google Form is linked to this spreadsheet: in the form, Responses → Link to Sheets → this spreadsheet.',
      );
    return { done, missing };
  });
}

/**
 * Resolves form_name_field, form_phone_field and form_email_field against the linked
 * form's questions and writes what a usual title resolved, so the settings say what
 * intake uses; a field nothing resolves is listed as missing.
 */
function mapFormFields(
  target: SetupTarget,
  raw: ReadonlyMap<string, unknown>,
): { done: string[]; missing: string[] } {
  const titles = target.formQuestionTitles();
  if (!titles) return { done: [], missing: [] };
  const map = resolveFields(titles, formFields(raw));
  const done: string[] = [];
  for (const resolution of Object.values(map)) {
    if (resolution.how !== 'USUAL_TITLE') continue;
    const key = FIELD_SETTING_KEYS[resolution.field];
    const value = settingValue(resolution);
    if (target.writeSetting(key, value))
      done.push(
        `settings: ${key} set to "${value}" (the form's question for the lead's ${resolution.field})`,
      );
  }
  return { done, missing: describeFieldMap(map, titles, formFields(raw)).problems };
}

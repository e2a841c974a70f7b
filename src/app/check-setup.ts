/**
 * "Check set-up": a list a non-developer can act on, each line saying what is right
 * or what is wrong and how to fix it. It reads and asks Slack; it changes nothing.
 */
import { RoutingError } from '../domain/errors';
import { describeRosterProblem, eligibleReps, isSlackUserId, rosterProblems } from '../domain/rep';
import { formFields, parseSettings, type Settings } from '../domain/settings';
import type { RuleTable } from '../domain/routing-rules';
import { routingProblems } from '../domain/teams';
import { describeFieldMap, resolveFields } from '../domain/form-fields';
import type { ProjectFacts, Services } from './ports';
import { staleAfterMs } from '../domain/trigger-owner';

export interface CheckLine {
  ok: boolean;
  text: string;
}

/** Google Sheets' limit: 10 million cells per spreadsheet, every sheet's grid counted. */
export const MAX_SPREADSHEET_CELLS = 10_000_000;
/** Check set-up warns past this share of the limit. */
export const CELLS_WARN_SHARE = 0.7;

const TRIGGERS: Array<[string, string]> = [
  ['onFormSubmit', 'the form-submit trigger'],
  ['runSlaSweep', 'the SLA sweep trigger'],
  ['runArchive', 'the nightly archive trigger'],
];

/**
 * Check set-up run by an admin who is not the triggers' owner: Apps Script shows them
 * none of the owner's triggers, so instead of counting triggers it names the owner,
 * says whether the owner's sweep still runs, and what this admin should do.
 */
function otherAdminTriggerLines(
  line: (ok: boolean, text: string) => void,
  facts: ProjectFacts,
  owner: string,
  me: string,
): void {
  line(
    true,
    `The triggers belong to ${owner} and run as that account. You (${me}) see none of them because Apps Script shows each account only its own triggers; that is expected. Do not install triggers yourself: Set up will not add a second set. After changing sla_check_every_minutes, ask ${owner} to run Lead Routing → Set up.`,
  );
  const extra = TRIGGERS.map(([h]) => facts.triggerCounts[h] ?? 0).reduce((a, b) => a + b, 0);
  if (extra > 0)
    line(
      false,
      `You (${me}) also have ${extra} trigger(s) of your own for the engine, so work could run twice. Fix: run Lead Routing → Set up, which removes yours.`,
    );
  const last = facts.lastSweepAt ?? null;
  const now = facts.now ?? 0;
  const running = last !== null && now - last <= staleAfterMs(facts.sweepEveryMs ?? 300_000);
  const ago = last === null ? '' : `${Math.round((now - last) / 60_000)} min ago`;
  line(
    running,
    running
      ? `The SLA sweep of ${owner} last ran ${ago}.`
      : `The SLA sweep of ${owner} has not run ${last === null ? 'since this was recorded' : `since ${ago}`}: their triggers have stopped (the account left, lost access, or removed them). Fix: run Lead Routing → Set up yourself; it takes the triggers over and they run as you.`,
  );
}

export function checkSetup(services: Services, facts: ProjectFacts): CheckLine[] {
  const lines: CheckLine[] = [];
  const line = (ok: boolean, text: string): void => {
    lines.push({ ok, text });
  };
  if (!facts.hasBotToken)
    line(
      false,
      'SLACK_BOT_TOKEN is not set. Fix: Lead Routing → Connect Slack, step 4 (the xoxb-… token from the Slack app).',
    );
  else {
    const [outcome] = services.slack.sendAll([{ method: 'auth.test', body: {} }]);
    if (outcome.kind === 'ok') line(true, 'Slack accepts the bot token.');
    else if (outcome.kind === 'slack_error')
      line(
        false,
        `Slack rejects the bot token (${outcome.error}). Fix: paste the Bot User OAuth Token again in Lead Routing → Connect Slack; reinstall the app if it was removed.`,
      );
    else
      line(
        false,
        `Slack could not be reached to check the token (${outcome.kind === 'http' ? `HTTP ${outcome.status}` : outcome.kind === 'thrown' ? outcome.message : outcome.kind}). Try again in a minute.`,
      );
  }
  line(
    services.secrets.verificationToken() !== '',
    services.secrets.verificationToken()
      ? 'The Slack verification token is set.'
      : 'SLACK_VERIFICATION_TOKEN is not set: button clicks are refused. Fix: Lead Routing → Connect Slack, step 4 (Verification Token from the Slack app’s Basic Information page).',
  );

  let settings: Settings | null = null;
  let snapshotOk = true;
  let reps: ReturnType<Services['workbook']['load']>['reps'] = [];
  let rules: RuleTable = { rules: [], problems: [] };
  let snapshotSettings: ReadonlyMap<string, unknown> = new Map();
  try {
    const snapshot = services.workbook.load();
    reps = snapshot.reps;
    rules = snapshot.rules;
    snapshotSettings = snapshot.settings;
    settings = parseSettings(snapshot.settings);
    line(true, 'Every sheet and setting is readable and valid.');
  } catch (err) {
    snapshotOk = false;
    line(
      false,
      `${err instanceof RoutingError ? err.message : String(err)} Fix: correct it, or run Lead Routing → Set up.`,
    );
  }
  if (settings) {
    if (!settings.managerSlackId)
      line(
        false,
        'No manager: escalations go nowhere. Fix: put the manager’s Slack member id (U…) in settings → manager_slack_id.',
      );
    else line(true, `Escalations go to the manager (${settings.managerSlackId}).`);
  }
  if (snapshotOk) {
    const active = eligibleReps(reps);
    line(
      active.length > 0,
      active.length > 0
        ? `${active.length} active rep(s) can receive leads.`
        : 'No active rep with a Slack id: new leads wait unassigned. Fix: tick active and fill slack_id in sales_sheet.',
    );
    for (const problem of rosterProblems(reps))
      line(
        false,
        `${describeRosterProblem(problem)}. Fix: copy the member id from the person’s Slack profile (⋮ → Copy member ID).`,
      );
    const malformedInactive = reps.filter(
      (r) => !r.active && r.slackId && !isSlackUserId(r.slackId),
    );
    for (const rep of malformedInactive)
      line(
        false,
        `sales_sheet: ${rep.name || '(no name)'} (inactive) has slack_id "${rep.slackId}", which is not a Slack member id; fix it before activating them.`,
      );
    const problems = routingProblems(rules, reps);
    for (const problem of problems)
      line(
        false,
        `${problem}. Fix: correct the row in routing_rules (or untick its active box), or add the team to a rep in sales_sheet.`,
      );
    if (problems.length === 0 && rules.rules.length > 0)
      line(true, `${rules.rules.length} active routing rule(s) can be used.`);
  }
  const owner = facts.triggerOwner ?? '';
  const me = facts.me ?? '';
  if (owner && me && owner.toLowerCase() !== me.toLowerCase())
    otherAdminTriggerLines(line, facts, owner, me);
  else {
    if (owner)
      line(
        true,
        `The triggers belong to you (${owner}) and run as your account. Other admins see none of them in their own Check set-up, which is expected; their Set up never installs a second set.`,
      );
    for (const [handler, name] of TRIGGERS) {
      const n = facts.triggerCounts[handler] ?? 0;
      line(
        n === 1,
        n === 1
          ? `${name} is installed once.`
          : n === 0
            ? `${name} is not installed. Fix: run Lead Routing → Set up.`
            : `${name} is installed ${n} times (each lead would be handled ${n} times). Fix: run Lead Routing → Set up, which removes the extras.`,
      );
    }
  }
  if (facts.gridCells !== undefined) {
    const share = facts.gridCells / MAX_SPREADSHEET_CELLS;
    const used = `${facts.gridCells.toLocaleString('en-US')} of ${MAX_SPREADSHEET_CELLS.toLocaleString('en-US')} cells (${(share * 100).toFixed(1)}%)`;
    line(
      share <= CELLS_WARN_SHARE,
      share <= CELLS_WARN_SHARE
        ? `The spreadsheet uses ${used}.`
        : `The spreadsheet uses ${used}; at 10,000,000 every new row fails and routing stops. Fix: run Lead Routing → Set up (it trims empty rows and columns), delete sheets or columns you do not need, and lower yearly_archive_after_days so the nightly archive moves more old rows to the yearly archive spreadsheet.`,
    );
  }
  if (facts.yearlyArchives !== undefined) {
    const archives = facts.yearlyArchives;
    line(
      true,
      archives.length
        ? `Old rows (routing_log, lead_archive, form responses) are in the yearly archive spreadsheet${archives.length > 1 ? 's' : ''}: ${archives.map((a) => `${a.name} ${a.url}`).join('; ')}.`
        : `No yearly archive spreadsheet yet: the nightly archive makes one when rows are older than yearly_archive_after_days, and links it here.`,
    );
  }
  line(
    facts.formLinked,
    facts.formLinked
      ? 'A Google Form is linked to this spreadsheet.'
      : 'No Google Form is linked. Fix: in the form, Responses → Link to Sheets → this spreadsheet.',
  );
  if (facts.formQuestions) {
    const fields = formFields(snapshotSettings);
    const { found, problems } = describeFieldMap(
      resolveFields(facts.formQuestions, fields),
      facts.formQuestions,
      fields,
    );
    for (const text of found) line(true, text);
    for (const text of problems) line(false, text);
  }
  line(
    facts.webAppUrl !== '',
    facts.webAppUrl
      ? 'The web app is deployed (Slack’s Request URL points at it).'
      : 'The web app is not deployed, so buttons cannot reach it. Fix: Deploy → New deployment → Web app (execute as me, anyone), then put its URL in the Slack app.',
  );
  return lines;
}

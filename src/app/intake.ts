/**
 * Intake of one form response or web lead: the lead is kept whatever else goes wrong.
 * Under the lock: read the workbook, plan (pure, domain/intake-plan.ts), commit — the
 * lead is written NEW (already assigned when a rep is available) in the commit's first
 * write; the round-robin pointer, the log and the owed Slack message follow. The
 * message is sent after the lock is released.
 */
import {
  FINGERPRINT_ANSWER_CHARS,
  hashExact,
  hashValues,
  leadHasSubmission,
  readResponse,
  responseFingerprint,
} from '../domain/intake';
import { planIntake, type IntakeInput, type IntakePlan } from '../domain/intake-plan';
import { formatAnswers } from '../domain/answers';
import { normalisePhone } from '../domain/phone';
import { usableEmail, type WebLead } from '../domain/web-lead';
import { logEntry, makeLeadId, type LogEntry } from '../domain/lead';
import { formFields, parseSettings, type Settings } from '../domain/settings';
import { deliver, leaseNew, type DeliveryReport } from './deliver';
import {
  assignmentNotice,
  availableAgain,
  nobodyAvailableNotice,
  returnedNotice,
  teamNote,
  unreadableNotice,
  type StateNotice,
} from './notifications';
import type { FormResponse, Services, WorkbookChanges } from './ports';
import { runContext, type RunContext } from './run-context';
import { rotationsFrom, rotationsState } from './state-keys';
import type { OutboxItem } from '../domain/outbox';
import { errorText, RoutingError } from '../domain/errors';

export type IntakeResult =
  | { kind: 'PARKED'; reason: string }
  | { kind: 'CREATED'; leadId: string; assignedTo: string; delivery: DeliveryReport }
  | { kind: 'DUPLICATE'; leadId: string }
  | { kind: 'MERGED'; leadId: string }
  | { kind: 'BLANK' }
  /** Web intake only: nothing written (no usable contact). */
  | { kind: 'REJECTED'; reason: string };

const LOCK_MS = 30_000;

type IntakeReader = (settings: Settings, now: number) => IntakeInput;

function formInput(response: FormResponse): IntakeReader {
  return (settings) => {
    const read = readResponse(response.namedValues, settings);
    return {
      key: responseFingerprint(response.namedValues, response.values, settings),
      draft: read.draft,
      source: 'form',
      actor: 'form',
      unreadable: read.unreadable,
      detail: '',
      ruleAnswers: firstAnswers(response.namedValues),
    };
  };
}

function webInput(web: WebLead): IntakeReader {
  return (settings, now) => {
    const phone = web.phone ? normalisePhone(web.phone, settings.defaultCountry) : null;
    const email = web.email;
    const key = web.externalId
      ? hashExact([web.source.toLowerCase(), web.externalId])
      : hashExact([String(now), web.name, web.phone, web.email]);
    const base = {
      key,
      source: web.source,
      actor: 'web',
      unreadable: '',
      ruleAnswers: Object.fromEntries([
        ...(web.name ? [['name', web.name]] : []),
        ...web.answers.map((a) => [a.question, a.answer]),
      ]) as Record<string, string>,
      detail: `from ${web.source}${web.externalId ? ` (external_id ${web.externalId.slice(0, 100)})` : ''}`,
    };
    if (!(phone && phone.ok) && !usableEmail(email))
      return {
        ...base,
        draft: null,
        reject: web.phone
          ? `phone "${web.phone.slice(0, 40)}" could not be read and there is no usable email`
          : 'no usable contact: give a phone or an email',
      };
    return {
      ...base,
      draft: {
        name: web.name,
        phoneRaw: web.phone,
        email,
        phone: phone && phone.ok ? phone.phone : '',
        phoneOk: Boolean(phone && phone.ok),
        answers: formatAnswers(web.answers),
      },
    };
  };
}

/** Intake, then delivery of what it queued (reprocess and parked responses use it as is). */
export function admitResponse(
  services: Services,
  response: FormResponse,
  options: AdmitOptions = {},
): IntakeResult {
  const admitted = admitUnderLock(services, formInput(response), options);
  sendAdmitted(services, admitted);
  return admitted.result;
}

/** Intake of one web lead; REJECTED when it has no usable contact (nothing written). */
export function admitWebLead(
  services: Services,
  web: WebLead,
  options: AdmitOptions = {},
): IntakeResult {
  const admitted = admitUnderLock(services, webInput(web), options);
  sendAdmitted(services, admitted);
  return admitted.result;
}

export interface AdmitOptions {
  /**
   * Also look for the response among archived leads (one more read). Parked responses
   * use it: they may wait long enough for their lead to be archived meanwhile.
   */
  checkArchive?: boolean;
}

interface Admitted {
  result: IntakeResult;
  toSend: OutboxItem[];
}

/** Sends what intake queued and records it; the lead exists already, whatever happens here. */
function sendAdmitted(services: Services, admitted: Admitted): void {
  if (!admitted.toSend.length) return;
  const delivery = deliver(services, admitted.toSend);
  if (admitted.result.kind === 'CREATED') admitted.result.delivery = delivery;
}

/**
 * The lead is made (or the response recognised) under the lock: read, plan (pure,
 * domain/intake-plan.ts), commit; the messages it owes are returned, to be sent after
 * the lock is released.
 */
function admitUnderLock(
  services: Services,
  readInput: IntakeReader,
  options: AdmitOptions,
): Admitted {
  let toSend: OutboxItem[] = [];
  const result = services.lock.withLock(LOCK_MS, (): IntakeResult => {
    const now = services.clock.now();
    const snapshot = services.workbook.load();
    const { settings, settingsError } = readSettings(snapshot.settings);
    const input = readInput(settings, now);
    if (input.reject) return { kind: 'REJECTED', reason: input.reject };
    const ctx = runContext(services, settings, snapshot.holidays, now);
    const log: LogEntry[] = [];
    if (settingsError) {
      log.push(
        logEntry(now, 'ERROR', {
          actor: input.actor,
          detail: `${settingsError}; the lead is kept unassigned until settings are fixed`,
        }),
      );
      services.log.error(settingsError);
    }
    const known =
      snapshot.leads.find((lead) => leadHasSubmission(lead, input.key))?.leadId ??
      (options.checkArchive && services.workbook.archivedSubmissionKeys().has(input.key)
        ? ''
        : undefined);
    const ids = new Set(snapshot.leads.map((lead) => lead.leadId));
    const plan = planIntake({
      input,
      leads: snapshot.leads,
      reps: snapshot.reps,
      rules: snapshot.rules.rules,
      rotations: rotationsFrom(snapshot.state),
      settings,
      settingsOk: !settingsError,
      now,
      known,
      newLeadId: () =>
        makeLeadId(services.localTime.compactDate(now), services.ids.uuid(), (id) => ids.has(id)),
    });
    const commit = commitIntake(ctx, snapshot.state, input, plan, log);
    toSend = commit.toSend;
    return commit.result;
  });
  return { result, toSend };
}

/** The settings as read; when they cannot be, the defaults (and the form mapping) and why. */
function readSettings(raw: Map<string, unknown>): { settings: Settings; settingsError: string } {
  try {
    return { settings: parseSettings(raw), settingsError: '' };
  } catch (err) {
    if (!(err instanceof RoutingError)) throw err;
    return {
      settings: { ...parseSettings(new Map()), ...formFields(raw) },
      settingsError: err.message,
    };
  }
}

/**
 * Writes the plan in one commit (log rows after `log`, the settings' error if any) and
 * leases the messages it owes.
 */
function commitIntake(
  ctx: RunContext,
  state: ReadonlyMap<string, string>,
  input: IntakeInput,
  plan: IntakePlan,
  log: LogEntry[],
): Admitted {
  const { workbook } = ctx.services;
  switch (plan.kind) {
    case 'DUPLICATE':
      workbook.commit({ log: [...log, plan.log] });
      return { result: { kind: 'DUPLICATE', leadId: plan.leadId }, toSend: [] };
    case 'BLANK':
      workbook.commit({ log: [...log, plan.log] });
      return { result: { kind: 'BLANK' }, toSend: [] };
    case 'MERGED': {
      const notices = plan.lead.salesSlackId ? [returnedNotice(ctx, plan.lead)] : [];
      const toSend = leaseNew(notices, ctx.now);
      workbook.commit({
        leadPatches: [{ leadId: plan.lead.leadId, changes: plan.changes }],
        log: [...log, plan.log],
        newOutbox: notices,
      });
      return { result: { kind: 'MERGED', leadId: plan.lead.leadId }, toSend };
    }
    case 'CREATED':
      return commitCreated(ctx, state, input, plan, log);
  }
}

/** A new lead: written assigned (its owner's message queued) or waiting (the manager told once). */
function commitCreated(
  ctx: RunContext,
  state: ReadonlyMap<string, string>,
  input: IntakeInput,
  plan: Extract<IntakePlan, { kind: 'CREATED' }>,
  log: LogEntry[],
): Admitted {
  const { services, now } = ctx;
  const { lead, assigned } = plan;
  log.push(plan.received);
  // A response with answers but no readable contact is kept and said out loud.
  const formState = unreadableNotice(ctx, state, input, lead.leadId);
  log.push(...formState.log);
  const changes: WorkbookChanges = { log };
  let nextWork = now;
  if (assigned) {
    const after = assigned.lead;
    changes.newLeads = [after];
    changes.newOutbox = [assignmentNotice(ctx, after), ...formState.newOutbox];
    changes.state = {
      ...rotationsState(assigned.rotations.before, assigned.rotations.after),
      ...availableAgain(state, lead.team),
      ...formState.state,
    };
    const why = assigned.returningFrom
      ? `; returning lead (was ${assigned.returningFrom}), back to its previous owner`
      : '';
    log.push(
      logEntry(now, 'ASSIGNED', {
        leadId: lead.leadId,
        toSlackId: after.salesSlackId,
        detail: `route 1${why}${teamNote(lead)}`,
      }),
    );
    nextWork = ctx.sla.deadline(now, lead.slaMinutes);
  } else {
    changes.newLeads = [lead];
    const waiting = plan.waiting ? waitingNotice(ctx, state, plan) : null;
    if (waiting) log.push(...waiting.log);
    changes.newOutbox = [...(waiting?.newOutbox ?? []), ...formState.newOutbox];
    changes.state = { ...waiting?.state, ...formState.state };
    // Leads wait: every sweep looks again, so one assigns them as soon as a rep is back.
  }
  const toSend = leaseNew(changes.newOutbox, now);
  services.workbook.commit(changes);
  services.schedule.workAt(nextWork);
  return {
    result: {
      kind: 'CREATED',
      leadId: lead.leadId,
      assignedTo: assigned?.lead.salesSlackId ?? '',
      delivery: { sent: 0, retrying: 0, failed: 0 },
    },
    toSend,
  };
}

/**
 * A lead nobody can take now: the manager is told once per stretch; within a stretch
 * the lead's own UNASSIGNED row says it waits.
 */
function waitingNotice(
  ctx: RunContext,
  state: ReadonlyMap<string, string>,
  plan: Extract<IntakePlan, { kind: 'CREATED' }>,
): StateNotice {
  const { lead, waiting } = plan;
  const notice = nobodyAvailableNotice(ctx, state, waiting, lead.leadId, lead.team);
  if (notice.log.length) return notice;
  const who = lead.team ? `no rep of team ${lead.team}` : 'no rep';
  return {
    ...notice,
    log: [
      logEntry(ctx.now, 'UNASSIGNED', {
        leadId: lead.leadId,
        detail: `${who} can take it now (inactive, away or at max_open_leads); ${waiting} waiting; the sweep assigns them once one can`,
      }),
    ],
  };
}

/** The first answer to each question, by title (what routing rules match against). */
function firstAnswers(named: Record<string, string[] | string>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [title, values] of Object.entries(named))
    answers[title] = String(Array.isArray(values) ? (values[0] ?? '') : values);
  return answers;
}

/**
 * The form trigger's intake: when anything stops it (the lock stayed busy, the Sheets
 * API failed, a header is missing), the response is parked and the next sweep that can
 * admits it. Admitting a response twice is harmless (its fingerprint is kept).
 */
export function admitResponseOrPark(services: Services, response: FormResponse): IntakeResult {
  let admitted: Admitted;
  try {
    admitted = admitUnderLock(services, formInput(response), {});
  } catch (err) {
    const reason = errorText(err);
    try {
      services.parked.park(
        hashValues(
          response.values.length
            ? response.values
            : Object.values(response.namedValues).map((v) => String(Array.isArray(v) ? v[0] : v)),
        ),
        compact(response),
      );
      services.log.warn(`intake parked the response for the next sweep: ${reason}`);
    } catch (parkErr) {
      services.log.error(
        `intake could NOT park the response (${errorText(parkErr)}); run Lead Routing → Reprocess form responses. First error: ${reason}`,
      );
      throw err;
    }
    // A busy lock and a used-up per-minute Sheets quota (a burst of responses) are
    // routine; anything else (a missing header, the API failing) must still fail the run
    // loudly so the owner hears of it, with the response safe.
    if (!(
      err instanceof RoutingError &&
      (err.code === 'LOCK_TIMEOUT' || err.code === 'SHEETS_QUOTA')
    ))
      throw err;
    return { kind: 'PARKED', reason };
  }
  // Parking happens only before the lead exists: once it does, a delivery that cannot
  // record its outcome (the lock busy again) leaves the message to the sweep's retry.
  try {
    sendAdmitted(services, admitted);
  } catch (err) {
    services.log.warn(
      `intake: lead ${'leadId' in admitted.result ? admitted.result.leadId : ''} is written; its Slack message is left to the next sweep: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return admitted.result;
}

/** Admits parked responses (the sweep calls it with the lock released). */
export function admitParked(services: Services): number {
  let admitted = 0;
  for (const { key, response } of services.parked.all()) {
    try {
      const result = response.web
        ? admitWebLead(services, response.web, { checkArchive: true })
        : admitResponse(services, response, { checkArchive: true });
      if (result.kind === 'REJECTED')
        services.log.error(`a parked web lead was refused: ${result.reason}`);
      services.parked.remove(key);
      admitted++;
    } catch (err) {
      services.log.warn(`a parked response is still waiting: ${errorText(err)}`);
      break;
    }
  }
  return admitted;
}

/**
 * Longest answer kept when parking (Script Properties hold 9 kB per value); the
 * fingerprint reads no more of each answer, so the parked copy keeps it.
 */
const PARKED_ANSWER_CHARS = FINGERPRINT_ANSWER_CHARS;

/**
 * A response small enough to park: each answer once (by question) and clipped, plus the
 * timestamp, which with the answers is all intake and the fingerprint use.
 */
function compact(response: FormResponse): FormResponse {
  const namedValues: Record<string, string[]> = {};
  for (const [question, answers] of Object.entries(response.namedValues)) {
    const first = String(Array.isArray(answers) ? (answers[0] ?? '') : answers);
    namedValues[question] = [first.slice(0, PARKED_ANSWER_CHARS)];
  }
  return { namedValues, values: response.values.slice(0, 1) };
}

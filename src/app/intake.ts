/**
 * Intake of one form response: the lead is kept whatever else goes wrong. It is
 * written NEW (already assigned when a rep is eligible) in the first write of the
 * commit; the round-robin pointer, the log and the owed Slack message follow, and the
 * message is sent after the lock is released.
 */
import {
  FINGERPRINT_ANSWER_CHARS,
  hashExact,
  hashValues,
  leadHasSubmission,
  readResponse,
  responseFingerprint,
  type LeadDraft,
} from '../domain/intake';
import { formatAnswers } from '../domain/answers';
import { normalisePhone } from '../domain/phone';
import { usableEmail, type WebLead } from '../domain/web-lead';
import { logEntry, makeLeadId, type Lead, type LogEntry } from '../domain/lead';
import { findDuplicate } from '../domain/duplicates';
import { availableReps } from '../domain/rep';
import { assignmentPatch, assignNewLead, openLeadCounts } from '../domain/routing';
import { formFields, parseSettings, type Settings } from '../domain/settings';
import { deliver, leaseNew, type DeliveryReport } from './deliver';
import {
  assignmentNotice,
  availableAgain,
  clockFor,
  nobodyAvailableNotice,
  patched,
  returnedNotice,
  teamNote,
  unreadableNotice,
} from './notifications';
import { parseStage } from '../domain/stage';
import type { FormResponse, Services, WorkbookChanges } from './ports';
import { rotationsFrom, rotationsState } from './state-keys';
import {
  describeRule,
  pickRule,
  ruleFields,
  ruleName,
  teamKey,
  type RoutingRule,
} from '../domain/routing-rules';
import { teamReps } from '../domain/teams';
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

/** What a form response or a web lead becomes once read with the settings. */
interface IntakeInput {
  /** Fingerprint (form) or external-id key (web): the same key twice makes one lead. */
  key: string;
  /** Null: a blank response, no lead. */
  draft: LeadDraft | null;
  /** Set: the request is refused and nothing is written. */
  reject?: string;
  source: string;
  /** 'form' or 'web' (routing_log's actor). */
  actor: string;
  /** Why a lead has no contact (logged as ERROR, the manager told once); '' when it has one. */
  unreadable: string;
  /** Extra words for the RECEIVED log row. */
  detail: string;
  /** Answers by question title, for the routing rules. */
  ruleAnswers: Record<string, string>;
}

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
export function takeLead(
  services: Services,
  response: FormResponse,
  options: AdmitOptions = {},
): IntakeResult {
  const admitted = admitLead(services, formInput(response), options);
  sendAdmitted(services, admitted);
  return admitted.result;
}

/** Intake of one web lead; REJECTED when it has no usable contact (nothing written). */
export function takeWebLead(
  services: Services,
  web: WebLead,
  options: AdmitOptions = {},
): IntakeResult {
  const admitted = admitLead(services, webInput(web), options);
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
 * The lead is made (or the response recognised) under the lock; the messages it owes
 * are returned, to be sent after the lock is released.
 */
function admitLead(services: Services, readInput: IntakeReader, options: AdmitOptions): Admitted {
  let toSend: OutboxItem[] = [];
  const result = services.lock.withLock(LOCK_MS, (): IntakeResult => {
    const now = services.clock.now();
    const snapshot = services.workbook.load();
    const log: LogEntry[] = [];
    let settings: Settings;
    let settingsOk = true;
    let settingsError = '';
    try {
      settings = parseSettings(snapshot.settings);
    } catch (err) {
      if (!(err instanceof RoutingError)) throw err;
      settingsOk = false;
      settingsError = err.message;
      settings = { ...parseSettings(new Map()), ...formFields(snapshot.settings) };
    }
    const input = readInput(settings, now);
    if (input.reject) return { kind: 'REJECTED', reason: input.reject };
    if (!settingsOk) {
      log.push(
        logEntry(now, 'ERROR', {
          actor: input.actor,
          detail: `${settingsError}; the lead is kept unassigned until settings are fixed`,
        }),
      );
      services.log.error(settingsError);
    }
    const key = input.key;
    const existing =
      snapshot.leads.find((lead) => leadHasSubmission(lead, key)) ??
      (options.checkArchive && services.workbook.archivedSubmissionKeys().has(key)
        ? { leadId: '' }
        : undefined);
    if (existing) {
      services.workbook.commit({
        log: [
          ...log,
          logEntry(now, 'DUPLICATE_SUBMISSION', {
            leadId: existing.leadId,
            actor: input.actor,
            detail: !existing.leadId
              ? 'a parked copy of a response whose lead is already archived'
              : input.actor === 'form'
                ? 'the form trigger fired again for a response already taken in'
                : `the same external_id was posted again (${input.detail}); no new lead`,
          }),
        ],
      });
      return { kind: 'DUPLICATE', leadId: existing.leadId };
    }
    const draft = input.draft;
    if (!draft) {
      services.workbook.commit({
        log: [
          ...log,
          logEntry(now, 'BLANK_SUBMISSION', {
            actor: input.actor,
            detail: 'every answer was empty; no lead created',
          }),
        ],
      });
      return { kind: 'BLANK' };
    }
    const match = settingsOk
      ? findDuplicate(draft, snapshot.leads, now, settings.duplicateWindowDays)
      : null;
    if (match?.kind === 'MERGE') {
      // The fingerprint joins the lead's, so this response is never merged twice.
      const merged = patched(match.lead, {
        submissionCount: match.lead.submissionCount + 1,
        lastSubmittedAt: now,
        submissionKey: `${match.lead.submissionKey} ${key}`.trim(),
      });
      const notices = merged.salesSlackId ? [returnedNotice(services, merged, settings, now)] : [];
      const batch = leaseNew(notices, now);
      services.workbook.commit({
        leadPatches: [
          {
            leadId: merged.leadId,
            changes: {
              submissionCount: merged.submissionCount,
              lastSubmittedAt: now,
              submissionKey: merged.submissionKey,
            },
          },
        ],
        log: [
          ...log,
          logEntry(now, 'DUPLICATE', {
            leadId: merged.leadId,
            toSlackId: merged.salesSlackId,
            actor: input.actor,
            detail: `submitted again (${merged.submissionCount} times in all); no new lead${merged.salesSlackId ? ', the owner is told' : ''}`,
          }),
        ],
        newOutbox: notices,
      });
      toSend = batch;
      return { kind: 'MERGED', leadId: merged.leadId };
    }
    const ids = new Set(snapshot.leads.map((lead) => lead.leadId));
    const lead: Lead = {
      leadId: makeLeadId(services.localTime.compactDate(now), services.ids.uuid(), (id) =>
        ids.has(id),
      ),
      name: draft.name,
      phone: draft.phone,
      phoneRaw: draft.phoneRaw,
      email: draft.email,
      stage: 'NEW',
      assignedSales: '',
      salesSlackId: '',
      routeCount: 0,
      createdAt: now,
      assignedAt: null,
      lastRoutedAt: null,
      contactedAt: null,
      escalatedAt: null,
      slackChannel: '',
      slackTs: '',
      routeHistory: [],
      submissionKey: key,
      submissionCount: 1,
      lastSubmittedAt: null,
      source: input.source,
      answers: draft.answers ?? '',
      ...teamFields(
        pickRule(
          snapshot.rules.rules,
          ruleFields(input.ruleAnswers, {
            source: input.source,
            email: draft.email,
            phone: draft.phone || draft.phoneRaw,
          }),
        ),
      ),
      passedBy: [],
    };
    log.push(
      logEntry(now, 'RECEIVED', {
        leadId: lead.leadId,
        actor: input.actor,
        detail: [
          input.detail,
          draft.phoneOk || !draft.phoneRaw
            ? ''
            : `phone "${draft.phoneRaw.slice(0, 60)}" could not be read; kept in phone_raw`,
          ruleDetail(lead, snapshot.rules.rules),
        ]
          .filter(Boolean)
          .join('; '),
      }),
    );
    // A response with answers but no readable contact is kept and said out loud.
    const formState = unreadableNotice(services, settings, snapshot.state, input, lead.leadId, now);
    log.push(...formState.log);
    const held = openLeadCounts(snapshot.leads);
    const rotations = rotationsFrom(snapshot.state);
    // A returning lead goes back to its previous owner only within the lead's team.
    const previousOwner =
      match?.kind === 'RETURNING'
        ? availableReps(teamReps(snapshot.reps, lead.team), now, held).find(
            (rep) => rep.slackId === match.previousOwner,
          )
        : undefined;
    const assigned = !settingsOk
      ? null
      : previousOwner
        ? {
            decision: {
              kind: 'ASSIGNED' as const,
              lead,
              patch: assignmentPatch(lead, previousOwner, now),
              to: previousOwner,
            },
            rotations,
          }
        : assignNewLead(lead, snapshot.reps, rotations, now, held);
    const changes: WorkbookChanges = { log };
    if (!assigned) {
      changes.newLeads = [lead];
      if (settingsOk) {
        const waiting =
          snapshot.leads.filter(
            (l) =>
              !l.salesSlackId &&
              parseStage(l.stage) === 'NEW' &&
              teamKey(l.team) === teamKey(lead.team),
          ).length + 1;
        const notice = nobodyAvailableNotice(
          services,
          settings,
          snapshot.state,
          waiting,
          now,
          lead.leadId,
          lead.team,
        );
        if (notice.log.length === 0) {
          const who = lead.team ? `no rep of team ${lead.team}` : 'no rep';
          log.push(
            logEntry(now, 'UNASSIGNED', {
              leadId: lead.leadId,
              detail: `${who} can take it now (inactive, away or at max_open_leads); ${waiting} waiting; the sweep assigns them once one can`,
            }),
          );
        }
        log.push(...notice.log);
        changes.newOutbox = [...notice.newOutbox, ...formState.newOutbox];
        changes.state = { ...notice.state, ...formState.state };
      } else {
        changes.newOutbox = formState.newOutbox;
        changes.state = formState.state;
      }
      toSend = leaseNew(changes.newOutbox, now);
      services.workbook.commit(changes);
      // Leads wait: every sweep looks again, so one assigns them as soon as a rep is back.
      services.schedule.workAt(now);
      return {
        kind: 'CREATED',
        leadId: lead.leadId,
        assignedTo: '',
        delivery: { sent: 0, retrying: 0, failed: 0 },
      };
    }
    const after = patched(lead, assigned.decision.patch.changes);
    const clock = clockFor(services, settings, snapshot.holidays);
    const notice = assignmentNotice(services, after, settings, clock, now);
    changes.newOutbox = [notice, ...formState.newOutbox];
    const batch = leaseNew(changes.newOutbox, now);
    changes.newLeads = [after];
    changes.state = {
      ...rotationsState(rotations, assigned.rotations),
      ...availableAgain(snapshot.state, lead.team),
      ...formState.state,
    };
    const why = previousOwner
      ? `; returning lead (was ${match?.lead.leadId}), back to its previous owner`
      : '';
    log.push(
      logEntry(now, 'ASSIGNED', {
        leadId: lead.leadId,
        toSlackId: after.salesSlackId,
        detail: `route 1${why}${teamNote(lead)}`,
      }),
    );
    services.workbook.commit(changes);
    services.schedule.workAt(clock.deadline(now, lead.slaMinutes));
    toSend = batch;
    return {
      kind: 'CREATED',
      leadId: lead.leadId,
      assignedTo: after.salesSlackId,
      delivery: { sent: 0, retrying: 0, failed: 0 },
    };
  });
  return { result, toSend };
}

/** The first answer to each question, by title (what routing rules match against). */
function firstAnswers(named: Record<string, string[] | string>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [title, values] of Object.entries(named))
    answers[title] = String(Array.isArray(values) ? (values[0] ?? '') : values);
  return answers;
}

/** What the matched rule (or none) puts on a new lead: its team, its name and its SLA. */
function teamFields(rule: RoutingRule | null): Pick<Lead, 'team' | 'routingRule' | 'slaMinutes'> {
  return rule
    ? { team: rule.team, routingRule: ruleName(rule), slaMinutes: rule.slaMinutes }
    : { team: '', routingRule: '', slaMinutes: null };
}

/** The RECEIVED log's word on routing rules: which one matched, with its SLA. */
function ruleDetail(lead: Lead, rules: readonly RoutingRule[]): string {
  const rule = rules.find((r) => ruleName(r) === lead.routingRule);
  if (!rule) return rules.length ? 'no routing rule matched: every rep' : '';
  const sla = rule.slaMinutes !== null ? `, SLA ${rule.slaMinutes} min` : '';
  return `routing_rules ${describeRule(rule)} matched: ${rule.team ? `team ${rule.team}` : 'every rep'}${sla}`;
}

/**
 * The form trigger's intake: when anything stops it (the lock stayed busy, the Sheets
 * API failed, a header is missing), the response is parked and the next sweep that can
 * takes it in. Taking a response in twice is harmless (its fingerprint is kept).
 */
export function takeLeadOrPark(services: Services, response: FormResponse): IntakeResult {
  let admitted: Admitted;
  try {
    admitted = admitLead(services, formInput(response), {});
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

/** Takes in parked responses (the sweep calls it with the lock released). */
export function takeParked(services: Services): number {
  let taken = 0;
  for (const { key, response } of services.parked.all()) {
    try {
      const result = response.web
        ? takeWebLead(services, response.web, { checkArchive: true })
        : takeLead(services, response, { checkArchive: true });
      if (result.kind === 'REJECTED')
        services.log.error(`a parked web lead was refused: ${result.reason}`);
      services.parked.remove(key);
      taken++;
    } catch (err) {
      services.log.warn(`a parked response is still waiting: ${errorText(err)}`);
      break;
    }
  }
  return taken;
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

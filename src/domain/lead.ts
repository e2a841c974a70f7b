/**
 * A lead as the engine sees it. Times are epoch milliseconds (null = empty cell);
 * the sheet adapter converts them to and from date-time cells. `stage` keeps what the
 * admin typed; `parseStage` says whether it is one of ours.
 */
export interface Lead {
  leadId: string;
  name: string;
  /** E.164 without the plus ("6281234567890"); '' when the number could not be read. */
  phone: string;
  /** The number exactly as submitted. */
  phoneRaw: string;
  email: string;
  stage: string;
  /** Display name of the current owner; '' while unassigned. */
  assignedSales: string;
  /** Slack id of the current owner; '' while unassigned. */
  salesSlackId: string;
  /** Assignments so far: the first assignment makes it 1. */
  routeCount: number;
  createdAt: number | null;
  assignedAt: number | null;
  lastRoutedAt: number | null;
  contactedAt: number | null;
  escalatedAt: number | null;
  /** Where the current owner's message is, once delivered. */
  slackChannel: string;
  slackTs: string;
  /** Slack ids of everyone who has held the lead, oldest first. */
  routeHistory: string[];
  /** Fingerprint of the form response, so a trigger firing twice makes one lead. */
  submissionKey: string;
  /** How many times the form was submitted for this lead (1 = once). */
  submissionCount: number;
  /** When it was last submitted again; null = only once. */
  lastSubmittedAt: number | null;
  /** Team picked by the routing rule, as the rule names it; '' = every rep. */
  team: string;
  /** The routing rule that matched ("row 3"); '' = none. */
  routingRule: string;
  /** The SLA for this lead, in minutes, from its rule; null = the `sla_minutes` setting. */
  slaMinutes: number | null;
  /** Where it came from: `form` (the Google Form) or the web intake's `source` ("website", "meta" ...). */
  source: string;
  /** Every other answer, one "Question: answer" line each (domain/answers.ts). */
  answers: string;
  /** Slack ids of the reps who handed the lead on with pass_lead, oldest first. */
  passedBy: string[];
}

export type LeadChanges = Partial<Omit<Lead, 'leadId'>>;

/** A change to one lead, addressed by its id (never by row). */
export interface LeadPatch {
  leadId: string;
  changes: LeadChanges;
}

/** A lead patch applied only while the lead still looks as `expect` says (the commit checks it). */
export interface ExpectingLeadPatch extends LeadPatch {
  expect: Partial<Pick<Lead, 'stage' | 'salesSlackId' | 'routeCount'>>;
}

export type LogEvent =
  | 'RECEIVED'
  | 'ASSIGNED'
  | 'UNASSIGNED'
  | 'REROUTED'
  | 'ESCALATED'
  | 'CONTACTED'
  | 'PASSED'
  | 'QUALIFIED'
  | 'CLOSED_LOST'
  | 'DIGEST'
  | 'REASSIGNED'
  | 'REJECTED'
  | 'DUPLICATE_SUBMISSION'
  | 'DUPLICATE'
  | 'BLANK_SUBMISSION'
  | 'NOTIFIED'
  | 'NOTIFY_RETRY'
  | 'NOTIFY_FAILED'
  | 'NOTIFY_CANCELLED'
  | 'ROSTER_PROBLEM'
  | 'ARCHIVED'
  | 'MOVED_TO_YEARLY_ARCHIVE'
  | 'ERROR';

/** One row of `routing_log`. */
export interface LogEntry {
  at: number;
  leadId: string;
  event: LogEvent;
  fromSlackId: string;
  toSlackId: string;
  /** Who caused it: 'system', 'form', or a Slack user id. */
  actor: string;
  detail: string;
}

export function logEntry(
  at: number,
  event: LogEvent,
  fields: Partial<Omit<LogEntry, 'at' | 'event'>> = {},
): LogEntry {
  return {
    at,
    event,
    leadId: '',
    fromSlackId: '',
    toSlackId: '',
    actor: 'system',
    detail: '',
    ...fields,
  };
}

/** Lead ids: "L-<yyyymmdd>-<8 hex>" from the local date and a random UUID. */
export function makeLeadId(
  localDate: string,
  uuid: string,
  inUse: (id: string) => boolean,
): string {
  const hex = uuid.replace(/[^0-9a-f]/gi, '').toUpperCase();
  for (let start = 0; start + 8 <= hex.length; start += 8) {
    const id = `L-${localDate}-${hex.slice(start, start + 8)}`;
    if (!inUse(id)) return id;
  }
  throw new Error('could not make a unique lead id from the UUID given');
}

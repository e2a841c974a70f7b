/**
 * The ports the use cases run over, named by role. Adapters implement them with
 * Apps Script services (src/adapters); unit tests implement them in memory.
 */
import type { Lead, LeadChanges, LeadPatch, LogEntry } from '../domain/lead';
import type { OutboxItem, OutboxPatch } from '../domain/outbox';
import type { Rep } from '../domain/rep';
import type { RuleTable } from '../domain/routing-rules';
import type { SlackOutcome } from '../domain/delivery';
import type { DashboardStats } from '../domain/dashboard';
import type { SETTING_SPECS } from '../domain/settings';
import type { SheetName } from './schema';
import type { WebLead } from '../domain/web-lead';

/**
 * The storage layout the workbook ports read and write: sheet names, headers, and which
 * columns hold dates or text (app/schema.ts), and the state key of an escalation.
 * Re-exported here so adapters depend on the ports alone, never on a use case.
 */
export * from './schema';
export { ESCALATED_PREFIX } from './state-keys';

/** Everything the engine reads, from one round trip. */
export interface WorkbookSnapshot {
  /** Raw `settings` values by key. */
  settings: Map<string, unknown>;
  reps: Rep[];
  leads: Lead[];
  /** `routing_state_sheet` values by key, as text. */
  state: Map<string, string>;
  outbox: OutboxItem[];
  /** Local dates 'yyyy-mm-dd' from the `holidays` sheet (closed all day). */
  holidays: Set<string>;
  /** lead_ids found on more than one row of lead_sheet (only the first row is used). */
  duplicateLeadIds: string[];
  /** `routing_rules`: the active, readable rules in sheet order, and the rows skipped. */
  rules: RuleTable;
  /**
   * Set by loadOwnedNewLeads when a row it read back was no longer one of the person's
   * NEW leads (a sort between its two reads): some of their leads may be missing.
   */
  movedWhileRead?: boolean;
}

/** A lead change that applies only if the lead still looks as the use case saw it. */
export interface GuardedLeadPatch extends LeadPatch {
  expect?: Partial<Pick<Lead, 'stage' | 'salesSlackId' | 'routeCount'>>;
}

export interface WorkbookChanges {
  /** Written first, before anything else in the commit. */
  newLeads?: Lead[];
  leadPatches?: GuardedLeadPatch[];
  /** Upserts into routing_state_sheet by key. */
  state?: Record<string, string | number | Date>;
  log?: LogEntry[];
  newOutbox?: OutboxItem[];
  outboxPatches?: OutboxPatch[];
}

export interface CommitReport {
  /** Lead patches not applied: the lead is gone or no longer matches `expect`. */
  skippedLeads: Array<{ leadId: string; why: 'MISSING' | 'CHANGED' }>;
}

export interface ArchiveReport {
  /** Leads moved to lead_archive. */
  archived: number;
  /** Finished outbox rows dropped. */
  outboxDropped: number;
  /** Leads found missing after the move and written back (an admin edit raced the delete). */
  restored: string[];
  /**
   * Leads a sort kept moving off the rows cleared: taken out of lead_archive again, so
   * they stay in lead_sheet only (archived another night).
   */
  keptInSheet?: string[];
}

/** A yearly archive spreadsheet the engine made and linked (adapters/yearly-archive-links.ts). */
export interface LinkedArchive {
  year: number;
  /** 1, or 2, 3 … when a year's rows did not fit in one spreadsheet. */
  part: number;
  id: string;
  name: string;
  url: string;
}

export interface YearlyMoveReport {
  /** Rows moved out of the live spreadsheet tonight, by live sheet name. */
  moved: Record<string, number>;
  /** Archive spreadsheets that received rows tonight. */
  into: LinkedArchive[];
  /** True when rows older than the window are left for the next night (budget spent). */
  more: boolean;
}

/**
 * Where old rows go: the archive spreadsheet of their year, which the adapter creates
 * and links on first need (adapters/sheets-yearly-archive.ts).
 */
export interface YearlyArchive {
  /**
   * Copies rows dated before `cutoffMs` (routing_log, lead_archive, the form's responses
   * that became leads) into their year's archive spreadsheet, then deletes them from the
   * live one; at most `cells` cells, and nothing new is started after `deadlineMs`.
   */
  moveOlderThan(
    cutoffMs: number,
    settings: ReadonlyMap<string, unknown>,
    budget: { cells: number; deadlineMs: number },
  ): YearlyMoveReport;
  /** Every archive spreadsheet linked so far, oldest first. */
  linked(): LinkedArchive[];
  /** The raw `settings` (key → value), read alone: the night need not read every sheet. */
  settings(): ReadonlyMap<string, unknown>;
}

/** The spreadsheet, read and written by key (never by remembered row numbers). */
export interface Workbook {
  load(): WorkbookSnapshot;
  /**
   * One lead by id, read narrowly (its id column, then its row) for clicks, which must
   * answer Slack within 3 s however big lead_sheet is; undefined when there is none.
   */
  loadLead(leadId: string): Lead | undefined;
  /**
   * The same, with the lead's rows of slack_outbox and the raw settings (the team's
   * language, the manager), in the same round trip. `logsAnEvent`: the caller commits a
   * log row right after (a click): the workbook may make room for it in this read, so
   * that the commit writes it with the lead instead of in a call of its own.
   */
  loadLeadWithMessages(
    leadId: string,
    options?: { logsAnEvent?: boolean },
  ): {
    lead: Lead | undefined;
    messages: OutboxItem[];
    settings: Map<string, unknown>;
  };
  /**
   * For `/leads` (Slack waits 3 s): settings, reps, holidays and rules, and only this
   * person's NEW leads, read by the stage and owner columns; state and outbox empty.
   */
  loadOwnedNewLeads(ownerSlackId: string): WorkbookSnapshot;
  /**
   * For the manager's Take and Reassign (Slack waits 3 s): settings, reps, holidays and
   * rules, the one lead (read as loadLead does; none when missing) and its slack_outbox
   * rows; state empty. The commit right after writes from this read.
   */
  loadLeadScope(leadId: string): WorkbookSnapshot;
  /**
   * Writes the changes (read, guard, write, append). `recordsSent`: the changes record
   * messages already sent to Slack; the commit may wait out the Sheets API's per-minute
   * quota as one that has started writing does (a sent message left unrecorded would be
   * sent again when its lease ends).
   */
  commit(changes: WorkbookChanges, options?: { recordsSent?: boolean }): CommitReport;
  /** Fingerprints of the responses behind archived leads (submission_key of lead_archive). */
  archivedSubmissionKeys(): Set<string>;
  /** Moves closed leads to lead_archive and drops finished outbox rows, checking every row by key. */
  archive(leadIds: readonly string[], outboxIds: readonly string[], at: number): ArchiveReport;
}

export interface SlackRequest {
  method: 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral' | 'auth.test';
  body: Record<string, unknown>;
}

export interface SlackClient {
  /** Sends all requests in one batch; one outcome per request, same order. */
  sendAll(requests: readonly SlackRequest[]): SlackOutcome[];
  /** Posts to an interaction's response_url. */
  respond(responseUrl: string, body: Record<string, unknown>): SlackOutcome;
}

export interface ScriptLock {
  /** Runs `work` holding the script lock; throws RoutingError LOCK_TIMEOUT if not acquired in time. */
  withLock<T>(timeoutMs: number, work: () => T): T;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** Formats instants in the spreadsheet's time zone. */
export interface LocalTime {
  /** Local time minus UTC, in minutes, at an instant. */
  offsetMinutes(epochMs: number): number;
  /** "20261126" */
  compactDate(epochMs: number): string;
  /** "Thu 15:30" */
  dayAndTime(epochMs: number): string;
}

export interface Secrets {
  verificationToken(): string;
  /** '' when not set. */
  webappSecret(): string;
  /** INTAKE_SECRET for web intake; '' when not set (web intake is off). */
  intakeSecret(): string;
}

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Ids {
  uuid(): string;
}

/**
 * Form responses kept aside when intake could not run (the lock was busy, the Sheets
 * API failed): the next sweep takes them in. Keyed by the response's fingerprint, so
 * parking the same response twice keeps one copy.
 */
export interface ParkedResponses {
  park(key: string, response: ParkedResponse): void;
  all(): Array<{ key: string; response: ParkedResponse }>;
  remove(key: string): void;
}

/** A form response, or (with `web`) a lead posted to the web intake. */
export interface ParkedResponse {
  namedValues: Record<string, string[] | string>;
  values: string[];
  web?: WebLead;
}

/**
 * When the sweep next has work. Every run that creates work (a new assignment, a retry)
 * moves it earlier, under the lock; the sweep sets it after deciding.
 */
export interface WorkSchedule {
  /** The earliest known work (epoch ms) and the sweep interval (ms); null = unknown (read everything). */
  nextWorkAt(): { atMs: number; everyMs: number } | null;
  /** Sets it (the sweep, after deciding), capped at the longest allowed idle time. */
  setNextWorkAt(atMs: number, everyMs: number): void;
  /** Moves it earlier if `atMs` is sooner. */
  workAt(atMs: number): void;
  /** Unknown again (after set-up). */
  forget(): void;
}

/** Where the sweep writes the dashboard, and the spreadsheet's calendar (adapters/dashboard-sheet.ts). */
export interface DashboardWriter {
  /** Local calendar day of an instant (epoch ms): 'yyyy-mm-dd' in the spreadsheet's time zone. */
  dayOf(epochMs: number): string;
  /**
   * Lays the figures out on the sheet and writes them in one spreadsheet call, RAW.
   * @param atMs when they were computed (epoch ms), shown on the sheet in local time
   */
  write(stats: DashboardStats, atMs: number): void;
}

/** What setup() asks of the dashboard sheet. */
export interface DashboardBuilder {
  /** Creates the sheet if missing, its formats and charts without duplicating them; returns what it did. */
  build(): string[];
}

/** A form-submit event reduced to what intake needs. */
export interface FormResponse {
  /** Answers by question title (`e.namedValues`). */
  namedValues: Record<string, string[] | string>;
  /** Timestamp and answers in form order (`e.values`), for the duplicate-firing fingerprint. */
  values: string[];
}

/** What Check set-up needs to know about the Apps Script project itself (adapters/project-facts.ts). */
export interface ProjectFacts {
  /** This account's installed triggers per handler function (Apps Script shows no one else's). */
  triggerCounts: Record<string, number>;
  /** The account running Check set-up; '' when Apps Script does not reveal it. */
  me?: string;
  /** The account recorded as owning the engine's triggers; '' when none is. */
  triggerOwner?: string;
  /** When the owner's sweep trigger last ran (epoch ms), or null. */
  lastSweepAt?: number | null;
  /** Now (epoch ms) and the sweep interval (ms), to judge whether the owner's sweep still runs. */
  now?: number;
  sweepEveryMs?: number;
  /** Grid cells of every sheet of the spreadsheet (filled or not); undefined when unknown. */
  gridCells?: number;
  /** The yearly archive spreadsheets the nightly run made and linked, oldest first. */
  yearlyArchives?: LinkedArchive[];
  formLinked: boolean;
  /** The deployed web app's URL, or '' when not deployed. */
  webAppUrl: string;
  hasBotToken: boolean;
  /** The linked form's question titles (its response sheet's header row); null = none. */
  formQuestions: string[] | null;
}

/**
 * Re-applies lead_sheet's formats and stage dropdown down the whole sheet. Rows the
 * Sheets API appends copy the row above, so leads written since the last run may lack
 * the dropdown; the nightly run puts it back.
 */
export interface SheetUpkeep {
  refreshLeadSheet(): void;
}

/** What setup() does to the spreadsheet and the project (adapters/spreadsheet-setup.ts). */
export interface SetupTarget {
  ensureSheet(name: SheetName): string[];
  readSettings(): Map<string, unknown>;
  addMissingSettings(specs: typeof SETTING_SPECS, present: ReadonlyMap<string, unknown>): string[];
  ensureTriggers(sweepMinutes: number): string[];
  formLinked(): boolean;
  /**
   * Trims the grids of the engine's sheets to their content (columns to the headers,
   * rows to the data plus one) and the form's response sheet to its columns: every grid
   * cell counts against the spreadsheet's 10,000,000, filled or not.
   */
  trimGrids(sheets: readonly SheetName[]): string[];
  /** The linked form's question titles (its response sheet's header row); null = no form. */
  formQuestionTitles(): string[] | null;
  /** Writes one setting's value; false when the key has no row. */
  writeSetting(key: string, value: string): boolean;
}

/** What every use case is given. */
export interface Services {
  workbook: Workbook;
  slack: SlackClient;
  lock: ScriptLock;
  clock: Clock;
  localTime: LocalTime;
  secrets: Secrets;
  log: Log;
  ids: Ids;
  /** Waits, counting against the execution's time (Utilities.sleep). */
  pause(ms: number): void;
  /** The `dashboard` sheet the sweep refreshes; absent = no dashboard (in-memory tests). */
  dashboard?: DashboardWriter;
  parked: ParkedResponses;
  schedule: WorkSchedule;
}

export type { LeadChanges };

/** Connect Slack: may the person calling from the sidebar edit the spreadsheet? */
export type EditorVerdict =
  { ok: true; email: string } | { ok: false; reason: 'NO_IDENTITY' | 'NOT_EDITOR'; email: string };

export interface EditorGate {
  check(): EditorVerdict;
}

/** The Slack secrets Connect Slack writes (Script Properties); values never leave the server. */
export type SlackSecretName = 'botToken' | 'verificationToken' | 'webappSecret';

export interface SlackSecretStore {
  /** '' when not set. */
  get(name: SlackSecretName): string;
  /** Writes all given values at once. */
  set(values: Partial<Record<SlackSecretName, string>>): void;
}

/**
 * Intake's decision, pure: what one form response or web lead becomes against the
 * workbook as read — a repeat of a submission already in, a blank, a returning lead
 * merged into its open lead, or a new lead (assigned at once when a rep of its team is
 * available, else left waiting). app/intake.ts commits the plan through the Workbook
 * port and then sends the Slack messages it owes.
 */
import { findDuplicate, type DuplicateMatch } from './duplicates';
import type { LeadDraft } from './intake';
import { logEntry, type Lead, type LeadChanges, type LogEntry } from './lead';
import { availableReps, type Rep } from './rep';
import { assignmentPatch, assignNewLead, openLeadCounts } from './routing';
import {
  describeRule,
  pickRule,
  ruleFields,
  ruleName,
  teamKey,
  type RoutingRule,
} from './routing-rules';
import type { Settings } from './settings';
import { parseStage } from './stage';
import { teamReps, type Rotations } from './teams';

/** What a form response or a web lead becomes once read with the settings. */
export interface IntakeInput {
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

/** What the plan is made from: the input, and the workbook as intake read it. */
export interface IntakeFacts {
  input: IntakeInput;
  leads: readonly Lead[];
  reps: readonly Rep[];
  /** The active routing rules, in sheet order. */
  rules: readonly RoutingRule[];
  rotations: Rotations;
  settings: Settings;
  /** False when the settings could not be read: the lead is kept, unassigned. */
  settingsOk: boolean;
  /** Epoch ms of the run. */
  now: number;
  /**
   * The lead an earlier copy of this submission made ('' when that lead is archived);
   * undefined when the submission is new.
   */
  known: string | undefined;
  /** Makes the new lead's id; called once, and only when a lead is created. */
  newLeadId: () => string;
}

/** A new lead given to a rep at once. */
export interface IntakeAssignment {
  /** The lead after assignment (owner, route 1, assigned_at). */
  lead: Lead;
  /**
   * The rotations as read and after this pick; the same object when they did not move
   * (a return to the previous owner), so only what moved is written.
   */
  rotations: { before: Rotations; after: Rotations };
  /** The returning lead this one goes back to the owner of; '' for a round-robin pick. */
  returningFrom: string;
}

export type IntakePlan =
  | { kind: 'DUPLICATE'; leadId: string; log: LogEntry }
  | { kind: 'BLANK'; log: LogEntry }
  /** A returning lead within duplicate_window_days: one more submission on the open lead. */
  | { kind: 'MERGED'; lead: Lead; changes: LeadChanges; log: LogEntry }
  | {
      kind: 'CREATED';
      /** The lead as first written when unassigned; before assignment otherwise. */
      lead: Lead;
      received: LogEntry;
      /** Null: nobody can take it now (or the settings are unreadable); it waits. */
      assigned: IntakeAssignment | null;
      /** Unassigned leads of its team waiting, itself included (0 when assigned). */
      waiting: number;
    };

/** Decides what intake does with one input; the caller has refused `input.reject` already. */
export function planIntake(facts: IntakeFacts): IntakePlan {
  const { input, now } = facts;
  if (facts.known !== undefined)
    return {
      kind: 'DUPLICATE',
      leadId: facts.known,
      log: logEntry(now, 'DUPLICATE_SUBMISSION', {
        leadId: facts.known,
        actor: input.actor,
        detail: !facts.known
          ? 'a parked copy of a response whose lead is already archived'
          : input.actor === 'form'
            ? 'the form trigger fired again for a response already admitted'
            : `the same external_id was posted again (${input.detail}); no new lead`,
      }),
    };
  const draft = input.draft;
  if (!draft)
    return {
      kind: 'BLANK',
      log: logEntry(now, 'BLANK_SUBMISSION', {
        actor: input.actor,
        detail: 'every answer was empty; no lead created',
      }),
    };
  const match = facts.settingsOk
    ? findDuplicate(draft, facts.leads, now, facts.settings.duplicateWindowDays)
    : null;
  if (match?.kind === 'MERGE') return planMerge(match.lead, input, now);
  return planNewLead(facts, draft, match);
}

/** One more submission on an open lead; the fingerprint joins the lead's, so it is never merged twice. */
function planMerge(lead: Lead, input: IntakeInput, now: number): IntakePlan {
  const changes = {
    submissionCount: lead.submissionCount + 1,
    lastSubmittedAt: now,
    submissionKey: `${lead.submissionKey} ${input.key}`.trim(),
  };
  return {
    kind: 'MERGED',
    lead: { ...lead, ...changes },
    changes,
    log: logEntry(now, 'DUPLICATE', {
      leadId: lead.leadId,
      toSlackId: lead.salesSlackId,
      actor: input.actor,
      detail: `submitted again (${changes.submissionCount} times in all); no new lead${lead.salesSlackId ? ', the owner is told' : ''}`,
    }),
  };
}

function planNewLead(facts: IntakeFacts, draft: LeadDraft, match: DuplicateMatch): IntakePlan {
  const { input, now } = facts;
  const lead = newLead(facts, draft);
  const received = logEntry(now, 'RECEIVED', {
    leadId: lead.leadId,
    actor: input.actor,
    detail: [
      input.detail,
      draft.phoneOk || !draft.phoneRaw
        ? ''
        : `phone "${draft.phoneRaw.slice(0, 60)}" could not be read; kept in phone_raw`,
      ruleDetail(lead, facts.rules),
    ]
      .filter(Boolean)
      .join('; '),
  });
  const assigned = facts.settingsOk ? assignAtOnce(facts, lead, match) : null;
  const waiting = assigned || !facts.settingsOk ? 0 : waitingWith(facts.leads, lead);
  return { kind: 'CREATED', lead, received, assigned, waiting };
}

/**
 * The owner a new lead gets at once: a returning lead's previous owner when they can
 * take it within the lead's team, else the team's rotation; null when nobody can.
 */
function assignAtOnce(
  facts: IntakeFacts,
  lead: Lead,
  match: DuplicateMatch,
): IntakeAssignment | null {
  const { now } = facts;
  const held = openLeadCounts(facts.leads);
  const previousOwner =
    match?.kind === 'RETURNING'
      ? availableReps(teamReps(facts.reps, lead.team), now, held).find(
          (rep) => rep.slackId === match.previousOwner,
        )
      : undefined;
  if (previousOwner)
    return {
      lead: { ...lead, ...assignmentPatch(lead, previousOwner, now).changes },
      rotations: { before: facts.rotations, after: facts.rotations },
      returningFrom: match?.lead.leadId ?? '',
    };
  const picked = assignNewLead(lead, facts.reps, facts.rotations, now, held);
  if (!picked) return null;
  return {
    lead: { ...lead, ...picked.decision.patch.changes },
    rotations: { before: facts.rotations, after: picked.rotations },
    returningFrom: '',
  };
}

/** Unassigned NEW leads of the lead's team, the lead itself included. */
function waitingWith(leads: readonly Lead[], lead: Lead): number {
  return (
    leads.filter(
      (l) =>
        !l.salesSlackId && parseStage(l.stage) === 'NEW' && teamKey(l.team) === teamKey(lead.team),
    ).length + 1
  );
}

/** The lead as first written: NEW, no owner, its team and SLA from the first matching rule. */
function newLead(facts: IntakeFacts, draft: LeadDraft): Lead {
  const { input, now } = facts;
  return {
    leadId: facts.newLeadId(),
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
    submissionKey: input.key,
    submissionCount: 1,
    lastSubmittedAt: null,
    source: input.source,
    answers: draft.answers ?? '',
    ...teamFields(
      pickRule(
        facts.rules,
        ruleFields(input.ruleAnswers, {
          source: input.source,
          email: draft.email,
          phone: draft.phone || draft.phoneRaw,
        }),
      ),
    ),
    passedBy: [],
  };
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

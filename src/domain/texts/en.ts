/**
 * Every text a rep or the manager reads in Slack, in English (the default `language`).
 * The Indonesian table (id.ts) has exactly the same keys; a test checks it. Values are
 * Slack mrkdwn unless the key says plain (button labels and menu placeholders are
 * plain_text, at most 75 characters). Arguments that come from a lead arrive escaped;
 * mentions arrive as `<@U…>`.
 */
export const en = {
  /** Short weekday names, Sunday first, for deadlines ("by Thu 15:30"). */
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  /** "1 minute", "60 minutes", "2 hours", "2 hours 30 minutes". */
  duration(minutes: number): string {
    const m = Math.max(0, Math.round(minutes));
    if (m < 120) return `${m} minute${m === 1 ? '' : 's'}`;
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest === 0 ? `${h} hours` : `${h} hours ${rest} minute${rest === 1 ? '' : 's'}`;
  },

  // Buttons and menus (plain text).
  buttonContacted: 'Mark as CONTACTED',
  buttonPass: 'Pass to next rep',
  buttonQualified: 'Qualified',
  buttonLost: 'Lost',
  buttonTake: "I'll take it",
  reassignPlaceholder: 'Reassign to…',

  // The lead's facts.
  labelLead: 'Lead',
  labelPhone: 'Phone',
  labelEmail: 'Email',
  labelLeadId: 'Lead id',
  noName: '(no name)',
  noPhone: '(none)',
  phoneNeedsChecking: 'number needs checking',
  linkWhatsApp: 'WhatsApp',
  linkCall: 'Call',
  /** Prefilled in WhatsApp for a lead whose phone is not Indonesian (plain text, URL-encoded later). */
  waGreeting: (name: string) =>
    `Hi${name ? ` ${name}` : ''}, thank you for your interest! How can we help you?`,

  // The owner's message.
  headlineNew: (owner: string) => `${owner}, you have a new lead`,
  headlineAssignedBy: (owner: string, by: string) =>
    `${owner}, ${by} assigned you an escalated lead`,
  headlineReminder: (owner: string) =>
    `${owner}, reminder: this lead is still waiting and nobody else is available, so it stays with you`,
  headlineRerouted: (owner: string, from: string) =>
    `${owner}, a lead was re-routed to you (${from} did not contact it in time)`,
  headlinePassed: (owner: string, from: string) => `${owner}, ${from} handed this lead on to you`,
  slaLine: (duration: string, deadline: string) =>
    `Please contact within ${duration} (by ${deadline}) and then press the button.`,
  assignmentFallback: (
    leadId: string,
    owner: string,
    name: string,
    phone: string,
    duration: string,
  ) => `New lead ${leadId} for ${owner}: ${name}, ${phone}. Please contact within ${duration}.`,

  // The previous owner's message once the lead moved on.
  reroutedAway: (leadId: string, to: string) =>
    `Lead ${leadId} was re-routed to ${to}: the SLA ran out before it was marked CONTACTED.`,
  previouslyAssigned: (owner: string) => `Previously assigned to ${owner}.`,
  passedAway: (leadId: string, from: string, to: string) =>
    `${from} handed lead ${leadId} on to ${to}.`,

  // After CONTACTED, and the outcome.
  contacted: (owner: string, leadId: string, taken: string) =>
    `${owner} contacted lead ${leadId} after ${taken}`,
  contactedSinceIn: (waited: string) => ` (${waited} since the lead came in)`,
  contactedNext: 'When you know the outcome, mark it below.',
  qualified: (by: string, leadId: string) => `${by} marked lead ${leadId} QUALIFIED.`,
  lost: (by: string, leadId: string) => `${by} marked lead ${leadId} CLOSED_LOST.`,

  // Escalation and the manager's answer.
  escalation: (to: string, leadId: string, routes: number, reps: number, lastOwner: string) =>
    `${to}lead ${leadId} is still not contacted after ${routes} assignments across ${reps} rep${reps === 1 ? '' : 's'}. Last owner: ${lastOwner}.`,
  escalationNote: 'It will not be re-routed again; the last owner can still mark it CONTACTED.',
  managerTook: (manager: string, leadId: string) => `${manager} took lead ${leadId}`,
  managerReassigned: (manager: string, leadId: string, to: string) =>
    `${manager} reassigned lead ${leadId} to ${to}`,
  escalationStays: 'The escalation stays on record.',

  // /leads
  noOpenLeads: 'You have no open leads right now.',
  openLeadsTitle: (count: number) => `Your open leads (${count}):`,
  openLeadsMore: (more: number) => `…and ${more} more in lead_sheet.`,
  openLeadsMoved:
    'lead_sheet was being sorted while this list was read, so a lead of yours may be missing from it. Type /leads again in a moment.',
  timeLeft: (duration: string, deadline: string) => `${duration} left (by ${deadline})`,
  overdue: (duration: string) => `overdue by ${duration}`,
  escalatedStillYours: 'escalated to the manager; still yours to contact',
  leadsUnknownUser:
    "Sorry, /leads is for the sales reps in the lead routing sheet, and I can't find you there. Ask your admin to add your Slack member id to sales_sheet.",

  // Other notices.
  leadReturned: (owner: string, leadId: string, name: string, times: number, still: string) =>
    `${owner}, lead ${leadId} (${name}) submitted the form again (${times} times in all). ${still}`,
  returnedStillWaiting: 'It is still waiting for your call.',
  returnedAlreadyContacted:
    'You already contacted them; they asked again, so a follow-up may help.',
  nobodyAtAll:
    'no rep can take new leads right now (everyone is inactive, away or at their max_open_leads)',
  nobodyInTeam: (team: string) =>
    `no rep of team ${team} can take new leads right now (every rep with that team in sales_sheet is inactive, away or at their max_open_leads)`,
  nobodyAvailable: (to: string, who: string, waiting: number) =>
    `${to}${who}. ${waiting} lead${waiting === 1 ? ' is' : 's are'} waiting unassigned in lead_sheet; they are assigned as soon as someone is available.`,
  nobodyAvailableOnce: 'You get this once until someone is available again.',

  // A recorded message whose buttons no longer act, rewritten (issue 16's follow-ups).
  goneNotInSheet: (who: string) =>
    `Lead ${who} is no longer in the lead sheet; nothing to do here.`,
  goneContacted: (who: string, by: string) =>
    `:white_check_mark: Lead ${who} was marked CONTACTED${by ? ` by ${by}` : ''}.`,
  goneStage: (who: string, stage: string) => `Lead ${who} is now ${stage}; nothing to do here.`,
  goneHandedOver: (who: string, owner: string) =>
    `:white_check_mark: Escalated lead ${who} has been handed over; it is now with ${owner || 'nobody yet'}.`,
  goneNewerMessage: (who: string) =>
    `Lead ${who} has a newer message for you; use the button there.`,
  goneMovedOn: (who: string, to: string) =>
    `:arrow_right: Lead ${who} moved on${to ? ` to ${to}` : ''}; nothing to do here.`,
  noStage: 'without a stage',

  // A form response nobody could read (issue 11), to the manager.
  labelSource: 'Source',
  answersMore: '…more in lead_sheet (answers)',
  unreadableResponse: (to: string, leadId: string, reason: string) =>
    `${to}a form response came in without a readable name, phone or email. It is kept as lead ${leadId} with all its answers and routed as usual, but check the form settings: ${reason}`,
  unreadableFix:
    'Fix form_name_field, form_phone_field and form_email_field in settings (or run Lead Routing → Set up). You get this once until a response is read again.',
  // A change written on another lead's row (an admin sorted lead_sheet at that instant), to the manager.
  misplacedWrite: (to: string, count: number, pairs: string) =>
    `${to}${count === 1 ? 'a change' : `${count} changes`} meant for one lead landed on another lead's row in lead_sheet (the sheet was sorted at that instant): ${pairs}. routing_log has an ERROR row for each, with the cells.`,
  misplacedWriteFix:
    'Check those rows in lead_sheet: cells the engine could not put back are named in routing_log. Sorting lead_sheet while the engine writes is safe only if Google keeps row metadata with a sorted row (README, Guarantees).',
  /** /leads when the sheet cannot be read (so the team's language is unknown: both are sent). */
  leadsQuota:
    'Google Sheets is at its per-minute limit right now, so I could not read your leads. Please try /leads again in a minute.',

  // Ephemeral answers to a click that changes nothing.
  refuseUnknownLead: (leadId: string) =>
    `I can't find lead ${leadId}. It may have been archived or deleted from the sheet.`,
  refuseAlreadyContacted: (leadId: string) =>
    `Lead ${leadId} is already marked CONTACTED. Nothing changed.`,
  refuseNotNew: (leadId: string, stage: string) =>
    `Lead ${leadId} is at stage ${stage}; only NEW leads can be marked CONTACTED or handed on.`,
  refuseRerouted: (leadId: string, owner: string) =>
    `Lead ${leadId} was re-routed away from you after the SLA ran out; it now belongs to ${owner}.`,
  refuseNotOwner: (leadId: string, owner: string) =>
    `Lead ${leadId} is not yours; it belongs to ${owner}. Only the assigned rep can do that.`,
  refuseBusy:
    'The lead sheet is busy right now; nothing changed. Please click again in a few seconds.',
  refuseQuota:
    'Could not save: Google Sheets is at its per-minute limit right now, so nothing changed. Please click again in a minute.',
  refuseNotManager: (manager: string) =>
    `Only the manager${manager ? ` (${manager})` : ''} can reassign or take an escalated lead. Nothing changed.`,
  refuseNotARep: (who: string) =>
    `${who || 'That person'} is not an active rep in sales_sheet any more; pick someone else. Nothing changed.`,
  refuseAlreadyDone: (leadId: string, owner: string) =>
    `Already done: lead ${leadId} is with ${owner || 'its new owner'} since the escalation. Nothing changed.`,
  refuseChanged: (leadId: string) =>
    `Lead ${leadId} changed while you clicked (it was re-routed or edited); nothing changed. Check its latest message.`,
  refuseNotContacted: (leadId: string, stage: string) =>
    `Lead ${leadId} is at stage ${stage}; mark it CONTACTED before recording an outcome. Nothing changed.`,
  refuseOutcomeSet: (leadId: string, stage: string) =>
    `Lead ${leadId} is already ${stage}. Nothing changed (an admin can change stages in the sheet).`,
  refuseNotOwnerOrManager: (leadId: string, owner: string) =>
    `Lead ${leadId} belongs to ${owner}; only they or the manager can record its outcome. Nothing changed.`,
  refuseEscalated: (leadId: string) =>
    `Lead ${leadId} was escalated to the manager, who decides where it goes now; it stays with you until then. Nothing changed.`,
  passNobodyElse: (leadId: string) =>
    `Nobody else can take lead ${leadId} right now (everyone else is inactive, away or at their limit), so it stays with you. Nothing changed.`,
  refuseOther: (leadId: string) => `Nothing changed for lead ${leadId}.`,

  // The manager's daily digest.
  digestTitle: (day: string) => `Daily lead digest, ${day}`,
  digestTo: (manager: string) => `${manager}, the figures for the last 24 hours:`,
  digestLeadsIn: (n: number) => `Leads in: ${n}`,
  digestWithinSla: (within: number, contacted: number) =>
    `Contacted within the SLA: ${within} of ${contacted} contacted`,
  digestMedian: (minutes: string) => `Median minutes to first contact: ${minutes}`,
  digestReroutes: (n: number) => `Re-routes: ${n}`,
  digestEscalations: (n: number) => `Escalations: ${n}`,
  digestPerRep:
    'Per rep: assigned · contacted · within SLA · median min to first contact · moved on · escalated',
  digestRepLine: (
    rep: string,
    assigned: number,
    contacted: number,
    within: number,
    median: string,
    movedOn: number,
    escalated: number,
  ) => `${rep}: ${assigned} · ${contacted} · ${within} · ${median} · ${movedOn} · ${escalated}`,
  digestNoReps: 'No rep held a lead in this period.',
  digestStillNew: (n: number) => `Leads still NEW: ${n}`,
  digestStillNewLine: (leadId: string, name: string, owner: string, age: string) =>
    `${leadId} · ${name} · ${owner} · waiting ${age}`,
  digestStillNewMore: (more: number) => `…and ${more} more in lead_sheet.`,
  digestUnassigned: 'unassigned',
  digestNone: '–',
};

/** The shape every language's table has: en's keys, with the same argument lists. */
export type Texts = typeof en;

/**
 * `/leads`: a rep's open leads, soonest deadline first, each with its time left, the
 * tel: and WhatsApp links and a "Mark as CONTACTED" button, answered only to them, in
 * the team's language. Read-only, so no lock. Someone who
 * is neither a rep nor the manager gets a polite refusal.
 */
import { openLeadsMessage } from '../domain/messages';
import { languageOf, parseSettings } from '../domain/settings';
import { slaDeadline } from '../domain/sla';
import { parseStage } from '../domain/stage';
import { textsFor } from '../domain/texts';
import { localDayAndTime } from './notifications';
import { slaClockFor } from './run-context';
import type { Services } from './ports';
import { ephemeral, type SlackAnswer } from './slack-answer';

/** Leads listed at most (Slack allows 50 blocks in a message). */
const MAX_LISTED = 20;

export function leadsList(services: Services, userId: string): SlackAnswer {
  const now = services.clock.now();
  // Only this person's NEW leads are read, not the whole sheet: Slack waits 3 s.
  const snapshot = services.workbook.loadOwnedNewLeads(userId);
  const t = textsFor(languageOf(snapshot.settings));
  const settings = parseSettings(snapshot.settings);
  const known =
    snapshot.reps.some((rep) => rep.slackId === userId) || userId === settings.managerSlackId;
  if (!known) {
    return {
      body: ephemeral(t.leadsUnknownUser),
      outcome: 'UNKNOWN_USER',
    };
  }
  const sla = slaClockFor(services, settings, snapshot.holidays);
  const mine = snapshot.leads
    .filter((lead) => lead.salesSlackId === userId && parseStage(lead.stage) === 'NEW')
    .map((lead) => ({ lead, deadline: slaDeadline(lead, sla) ?? now }))
    .sort((a, b) => a.deadline - b.deadline);
  const listed = mine.slice(0, MAX_LISTED).map(({ lead, deadline }) => ({
    lead,
    timeLeft:
      lead.escalatedAt !== null
        ? t.escalatedStillYours
        : deadline > now
          ? t.timeLeft(
              t.duration((deadline - now) / 60_000),
              localDayAndTime(services, deadline, t),
            )
          : t.overdue(t.duration((now - deadline) / 60_000)),
  }));
  const message = openLeadsMessage(
    listed,
    mine.length - listed.length,
    t,
    snapshot.movedWhileRead === true,
  );
  return { body: ephemeral(message.text, message.blocks), outcome: `LISTED ${mine.length}` };
}

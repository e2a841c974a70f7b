/**
 * `/leads`: a rep's open leads, soonest deadline first, each with its time left and a
 * "Mark as CONTACTED" button, answered only to them. Read-only, so no lock. Someone who
 * is neither a rep nor the manager gets a polite refusal.
 */
import { durationInWords } from '../domain/slack-text';
import { openLeadsMessage } from '../domain/messages';
import { parseSettings } from '../domain/settings';
import { slaDeadline } from '../domain/sla';
import { parseStage } from '../domain/stage';
import { clockFor } from './notifications';
import type { Services } from './ports';
import { ephemeral, type SlackAnswer } from './slack-answer';

/** Leads listed at most (Slack allows 50 blocks in a message). */
const MAX_LISTED = 20;

export function leadsList(services: Services, userId: string): SlackAnswer {
  const now = services.clock.now();
  // Only this person's NEW leads are read, not the whole sheet: Slack waits 3 s.
  const snapshot = services.workbook.loadOwnedNewLeads(userId);
  const settings = parseSettings(snapshot.settings);
  const known =
    snapshot.reps.some((rep) => rep.slackId === userId) || userId === settings.managerSlackId;
  if (!known) {
    return {
      body: ephemeral(
        "Sorry, /leads is for the sales reps in the lead routing sheet, and I can't find you there. Ask your admin to add your Slack member id to sales_sheet.",
      ),
      outcome: 'UNKNOWN_USER',
    };
  }
  const clock = clockFor(services, settings, snapshot.holidays);
  const mine = snapshot.leads
    .filter((lead) => lead.salesSlackId === userId && parseStage(lead.stage) === 'NEW')
    .map((lead) => ({ lead, deadline: slaDeadline(lead, clock) ?? now }))
    .sort((a, b) => a.deadline - b.deadline);
  const listed = mine.slice(0, MAX_LISTED).map(({ lead, deadline }) => ({
    lead,
    timeLeft:
      lead.escalatedAt !== null
        ? `escalated to the manager; still yours to contact`
        : deadline > now
          ? `${durationInWords((deadline - now) / 60_000)} left (by ${services.localTime.dayAndTime(deadline)})`
          : `overdue by ${durationInWords((now - deadline) / 60_000)}`,
  }));
  const message = openLeadsMessage(listed, mine.length - listed.length);
  return { body: ephemeral(message.text, message.blocks), outcome: `LISTED ${mine.length}` };
}

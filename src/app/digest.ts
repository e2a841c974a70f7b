/**
 * The sweep's part of the daily digest: under the lock, with the snapshot it read,
 * queue today's digest for the manager (escalation channel, else a DM) when it is owed,
 * as the outbox row `DIGEST-<day>` in the sweep's own commit; and say when the next one
 * may be owed, for the sweep's schedule. A digest that cannot be composed is logged and
 * never stops routing.
 */
import {
  digestDue,
  digestFigures,
  digestId,
  nextDigestAt,
  type DigestTiming,
} from '../domain/digest';
import { digestMessage } from '../domain/digest-message';
import { logEntry, type LogEntry } from '../domain/lead';
import { newOutboxItem, type OutboxItem } from '../domain/outbox';
import { textsFor } from '../domain/texts';
import type { WorkbookSnapshot } from './ports';
import type { RunContext } from './run-context';

export interface DigestWork {
  newOutbox: OutboxItem[];
  log: LogEntry[];
  /** Epoch ms the next digest may be owed (Infinity = off). */
  nextAt: number;
}

export function dailyDigest(ctx: RunContext, snapshot: WorkbookSnapshot): DigestWork {
  const { services, settings, sla, now } = ctx;
  const timing: DigestTiming = {
    hour: settings.dailyDigestHour,
    businessHours: settings.businessHours,
    holidays: snapshot.holidays,
    offsetMinutes: services.localTime.offsetMinutes(now),
    now,
    outboxIds: new Set(snapshot.outbox.map((item) => item.id)),
  };
  const channel = settings.escalationChannelId || settings.managerSlackId;
  const day = digestDue(timing);
  if (day === null || !channel) return { newOutbox: [], log: [], nextAt: nextDigestAt(timing) };
  const later = nextDigestAt({
    ...timing,
    outboxIds: new Set([...timing.outboxIds, digestId(day)]),
  });
  try {
    const figures = digestFigures({
      day,
      leads: snapshot.leads,
      reps: snapshot.reps,
      outbox: snapshot.outbox,
      to: now,
      deadline: (createdAt, slaMinutes) => sla.deadline(createdAt, slaMinutes),
    });
    const message = digestMessage(
      figures,
      settings.managerSlackId,
      now,
      textsFor(settings.language),
    );
    const item = newOutboxItem({
      id: digestId(day),
      leadId: '',
      kind: 'DIGEST',
      route: 0,
      method: 'chat.postMessage',
      body: JSON.stringify({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      }),
      createdAt: now,
    });
    return {
      newOutbox: [item],
      log: [
        logEntry(now, 'DIGEST', {
          toSlackId: settings.managerSlackId,
          detail: `daily digest for ${day}: ${figures.leadsIn} in, ${figures.contactedWithinSla} of ${figures.contacted} contacted within the SLA, ${figures.reroutes} re-routes, ${figures.escalations} escalations, ${figures.stillNew.length} still NEW`,
        }),
      ],
      nextAt: later,
    };
  } catch (err) {
    services.log.error(
      `daily digest for ${day} not composed (the next sweep tries again): ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
    );
    return { newOutbox: [], log: [], nextAt: later };
  }
}

/**
 * The manager's daily digest as a Slack message (Block Kit with a text fallback), in
 * the team's language. Lead names are escaped and clipped; the list of leads still NEW
 * is cut to fit Slack's 3,000 characters per section.
 */
import type { KnownBlock } from '@slack/types';
import type { DigestFigures } from './digest';
import type { SlackMessage } from './messages';
import { clip, escapeMrkdwn, mention } from './slack-text';
import type { Texts } from './texts';

/** Leads still NEW listed by name at most; the rest are counted. */
export const MAX_STILL_NEW_LISTED = 15;

export function digestMessage(
  figures: DigestFigures,
  managerSlackId: string,
  now: number,
  t: Texts,
): SlackMessage {
  const median = (m: number | null): string => (m === null ? t.digestNone : String(m));
  const title = t.digestTitle(figures.day);
  const overall = [
    t.digestLeadsIn(figures.leadsIn),
    t.digestWithinSla(figures.contactedWithinSla, figures.contacted),
    t.digestMedian(median(figures.medianMinutesToContact)),
    t.digestReroutes(figures.reroutes),
    t.digestEscalations(figures.escalations),
  ];
  const reps = figures.reps.length
    ? figures.reps.map((r) =>
        t.digestRepLine(
          r.slackId ? mention(r.slackId) : escapeMrkdwn(clip(r.name, 60)),
          r.assigned,
          r.contacted,
          r.contactedWithinSla,
          median(r.medianMinutesToContact),
          r.movedAway,
          r.escalated,
        ),
      )
    : [t.digestNoReps];
  const listed = figures.stillNew
    .slice(0, MAX_STILL_NEW_LISTED)
    .map((lead) =>
      t.digestStillNewLine(
        lead.leadId,
        escapeMrkdwn(clip(lead.name || t.noName, 60)),
        lead.ownerSlackId ? mention(lead.ownerSlackId) : t.digestUnassigned,
        lead.createdAt === null ? t.digestNone : t.duration((now - lead.createdAt) / 60_000),
      ),
    );
  const more = figures.stillNew.length - listed.length;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${managerSlackId ? `${t.digestTo(mention(managerSlackId))}\n` : ''}${overall.join('\n')}`,
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*${t.digestPerRep}*\n${reps.join('\n')}`, 3000) },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          [
            `*${t.digestStillNew(figures.stillNew.length)}*`,
            ...listed,
            ...(more > 0 ? [t.digestStillNewMore(more)] : []),
          ].join('\n'),
          3000,
        ),
      },
    },
  ];
  return { text: `${title}: ${overall.join(' · ')}`, blocks };
}

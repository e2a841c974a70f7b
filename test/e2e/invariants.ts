/**
 * The README's guarantees as checks over a World, for the scenario tests and the
 * model-based test: one response one lead, one place per lead, and Slack following
 * the lead (at most one live "Mark as CONTACTED" per lead, in its current owner's
 * message, while it is NEW; any other live button already has its rewrite owed in
 * slack_outbox, so it goes as soon as Slack takes it).
 */
import type { SlackMessage } from '../runtime/slack/types';
import { DEFAULT_REPS, ESCALATION_CHANNEL, LEADS_CHANNEL, MANAGER, World, outbox } from './world';

/** Every message in every conversation the engine posts to. */
export function allMessages(w: World, people: readonly string[] = []): SlackMessage[] {
  const ids = [...DEFAULT_REPS.map((r) => r.slackId), MANAGER, ...people];
  const seen = new Set<string>();
  return [
    ...ids.flatMap((id) => w.rt.slack.dm(id)),
    ...w.rt.slack.messages(LEADS_CHANNEL),
    ...w.rt.slack.messages(ESCALATION_CHANNEL),
  ].filter((m) => {
    const key = `${m.channel}/${m.ts}`;
    if (seen.has(key) || m.deleted) return false;
    seen.add(key);
    return true;
  });
}

/** Action elements (buttons, menus) anywhere in a message's blocks. */
function actions(message: SlackMessage): Array<{ action_id?: string; value?: string }> {
  const found: Array<{ action_id?: string; value?: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.action_id === 'string')
        found.push({ action_id: o.action_id, value: typeof o.value === 'string' ? o.value : '' });
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks ?? []);
  return found;
}

/** Messages showing a live "Mark as CONTACTED" for the lead. */
export function liveButtons(w: World, leadId: string, people: readonly string[] = []) {
  return allMessages(w, people).filter((m) =>
    actions(m).some((a) => a.action_id === 'mark_contacted' && a.value === leadId),
  );
}

/** Ts of messages whose rewrite is owed (a pending chat.update in slack_outbox). */
function owedRewrites(w: World): Set<string> {
  return new Set(
    outbox(w)
      .filter((r) => r.method === 'chat.update' && r.status === 'PENDING')
      .map((r) => String((JSON.parse(String(r.body)) as { ts?: string }).ts ?? '')),
  );
}

/**
 * Problems with Slack following the leads ([] when it does). A live button that is
 * not the current owner's one message must already have its rewrite owed.
 */
export function slackFollowsLeads(w: World, people: readonly string[] = []): string[] {
  const problems: string[] = [];
  const owed = owedRewrites(w);
  for (const lead of w.leads()) {
    const id = String(lead.lead_id);
    const live = liveButtons(w, id, people).filter((m) => !owed.has(m.ts));
    const owner = String(lead.sales_slack_id);
    const ownerPlaces = new Set([w.rt.slack.dmChannelId(owner), LEADS_CHANNEL]);
    const allowed = String(lead.stage) === 'NEW' && owner !== '' ? 1 : 0;
    if (live.length > allowed)
      problems.push(`${id} (${String(lead.stage)}, ${owner}) has ${live.length} live buttons`);
    for (const m of live)
      if (allowed && !ownerPlaces.has(m.channel))
        problems.push(`${id}: live button in ${m.channel}, not ${owner}'s`);
  }
  return problems;
}

/** Lead ids on more than one row, or in both lead_sheet and lead_archive. */
export function leadsInTwoPlaces(w: World): string[] {
  const ids = w.leads().map((l) => String(l.lead_id));
  const archived = w.table('lead_archive').map((l) => String(l.lead_id));
  const all = [...ids, ...archived];
  return [...new Set(all.filter((id, i) => all.indexOf(id) !== i))];
}

/** Events whose to_slack_id becomes the lead's owner. */
const OWNER_EVENTS = ['ASSIGNED', 'REROUTED', 'PASSED', 'REASSIGNED'];

/**
 * Leads whose row shows a change that is not theirs ([] when none): each row's owner
 * must be the last one its own routing_log rows name, a row named `Lead N` must keep
 * the phone that lead was given (0812-7…N), a lead contacted in its log is not NEW in
 * the sheet, and with `stages` (no hand edits of the stage in the history) CONTACTED in
 * the sheet must match a CONTACTED log row.
 */
export function carriedChanges(w: World, options: { stages?: boolean } = {}): string[] {
  const log = w.log();
  const problems: string[] = [];
  for (const lead of w.leads()) {
    const id = String(lead.lead_id);
    if (!id) continue;
    const mine = log.filter((r) => r.lead_id === id);
    const owners = mine.filter(
      (r) => OWNER_EVENTS.includes(String(r.event)) && String(r.to_slack_id) !== '',
    );
    const owner = owners.length ? String(owners[owners.length - 1].to_slack_id) : '';
    if (owner && String(lead.sales_slack_id) !== owner)
      problems.push(`${id}: owner ${String(lead.sales_slack_id)}, its log says ${owner}`);
    const contacted = mine.some((r) => r.event === 'CONTACTED');
    if (options.stages && lead.stage === 'CONTACTED' && !contacted)
      problems.push(
        `${id}: CONTACTED in the sheet, never in its log (${mine.map((r) => String(r.event)).join(', ')})`,
      );
    if (lead.stage === 'NEW' && contacted)
      problems.push(`${id}: contacted in its log, NEW in the sheet`);
    const n = /^Lead (\d+)$/.exec(String(lead.name))?.[1];
    if (n && !String(lead.phone).endsWith(n.padStart(7, '0')))
      problems.push(`${id}: name ${String(lead.name)} with phone ${String(lead.phone)}`);
  }
  return problems;
}

/** Fingerprints taken in more than once (a response that became two leads). */
export function responsesTakenTwice(w: World): string[] {
  const keys = [...w.leads(), ...w.table('lead_archive')].flatMap((l) =>
    String(l.submission_key ?? '')
      .split(/\s+/)
      .filter((k) => k !== ''),
  );
  return [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
}

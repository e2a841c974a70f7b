/**
 * A change that landed on another lead's row: never silent. SheetsWorkbook finds it in
 * the write's own response (the lead_id cell of the row actually written) and tries to
 * put it right in the same commit; this file turns what happened into ERROR rows of
 * routing_log naming both leads and the cells, and one message to the manager (the
 * texts tables, in the team's language), which ride in the commit's own appends.
 */
import { logEntry, type LogEntry } from './lead';
import { misplacedWriteMessage } from './messages';
import { newOutboxItem, type OutboxItem } from './outbox';
import { parseSettings } from './settings';
import { textsFor } from './texts';

/** One write that landed on a row other than its lead's, and what was done about it. */
export interface MisplacedWrite {
  /** The lead the change was meant for. */
  leadId: string;
  /** The lead whose row it landed on ('' = a row without a lead id). */
  ontoLeadId: string;
  /** Headers of the cells written on that row. */
  columns: string[];
  /** The intended lead got its change in a following call of the same commit. */
  reapplied: boolean;
  /** Cells of the other row put back to the values this run had read before. */
  restored: string[];
  /** Cells of the other row left as written: the run had not read their previous values. */
  notRestored: string[];
  /**
   * Cells of the other row whose previous values were known but not put back: the row
   * kept moving, or the cell changed again since (then it is not ours to put back).
   */
  stillWritten: string[];
  /** The misplaced write was itself putting back `leadId`'s cells (not a change of it). */
  putBack?: boolean;
}

/**
 * Builds the log rows and the manager's message for a commit's misplaced writes.
 * `settings` is the raw settings sheet this execution last read (null: none read; then
 * only the log rows).
 */
export type MisplacedNotices = (
  misplaced: readonly MisplacedWrite[],
  settings: ReadonlyMap<string, unknown> | null,
) => { log: LogEntry[]; newOutbox: OutboxItem[] };

function detail(m: MisplacedWrite, side: 'meant' | 'onto'): string {
  const onto = m.ontoLeadId || 'a row without a lead id';
  const what = m.putBack ? 'putting back cells' : 'a change';
  const head =
    side === 'meant'
      ? `${what} meant for this lead landed on the row of ${onto} (a sort at that instant)`
      : `${what} meant for ${m.leadId} landed on this lead's row (a sort at that instant)`;
  const cells = `cells written: ${m.columns.join(', ')}`;
  const meant = m.putBack
    ? `${m.leadId}'s put-back was tried again`
    : m.reapplied
      ? `${m.leadId} got its change in a following call`
      : `${m.leadId} did NOT get its change (its row kept moving or no longer matched): reported as changed, its log rows and messages of this run dropped`;
  const restored = m.restored.length ? `; put back on ${onto}: ${m.restored.join(', ')}` : '';
  const lost = m.notRestored.length
    ? `; NOT put back on ${onto} (previous values not read by this run): ${m.notRestored.join(', ')}`
    : '';
  const left = m.stillWritten.length
    ? `; NOT put back on ${onto} (its row kept moving, or the cell changed since): ${m.stillWritten.join(', ')}`
    : '';
  return `${head}; ${cells}; ${meant}${restored}${lost}${left}`;
}

/** Settings that parse, or null (a settings problem is reported by the sweep). */
function readable(
  raw: ReadonlyMap<string, unknown> | null,
): ReturnType<typeof parseSettings> | null {
  try {
    return raw ? parseSettings(raw) : null;
  } catch {
    return null;
  }
}

/**
 * @param now epoch ms of the log rows and the message
 * @param newId a new unique id for the outbox row (the services' uuid)
 */
export function misplacedNotices(now: () => number, newId: () => string): MisplacedNotices {
  return (misplaced, raw) => {
    if (misplaced.length === 0) return { log: [], newOutbox: [] };
    const at = now();
    const log = misplaced.flatMap((m) => [
      logEntry(at, 'ERROR', { leadId: m.leadId, detail: detail(m, 'meant') }),
      ...(m.ontoLeadId
        ? [logEntry(at, 'ERROR', { leadId: m.ontoLeadId, detail: detail(m, 'onto') })]
        : []),
    ]);
    const settings = readable(raw);
    const channel = settings ? settings.escalationChannelId || settings.managerSlackId : '';
    if (!settings || !channel) return { log, newOutbox: [] };
    const message = misplacedWriteMessage(
      settings.managerSlackId,
      misplaced.map((m) => [m.leadId, m.ontoLeadId] as const),
      textsFor(settings.language),
    );
    const body = {
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    };
    const notice = newOutboxItem({
      id: `M-${newId()}`,
      // No lead: a notice about the sheet, dropped with no lead change and re-checked by none.
      leadId: '',
      kind: 'WRITE_PROBLEM',
      route: 0,
      method: 'chat.postMessage',
      body: JSON.stringify(body),
      createdAt: at,
    });
    return { log, newOutbox: [notice] };
  };
}

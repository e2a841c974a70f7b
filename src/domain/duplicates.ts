/**
 * Returning leads. A submission with the phone (or the email, when given) of a lead
 * that is still NEW or CONTACTED and was created within `duplicate_window_days` is the
 * same person asking again: it is merged into that lead, with no new row and no new
 * turn. A match with an older or closed lead is a new lead, but it goes back to the
 * rep who had it, when that rep can take it.
 */
import type { LeadDraft } from './intake';
import type { Lead } from './lead';
import { parseStage } from './stage';

const DAY_MS = 86_400_000;

export type DuplicateMatch =
  { kind: 'MERGE'; lead: Lead } | { kind: 'RETURNING'; previousOwner: string; lead: Lead } | null;

function sameContact(draft: LeadDraft, lead: Lead): boolean {
  if (draft.phone && lead.phone && draft.phone === lead.phone) return true;
  const email = draft.email.trim().toLowerCase();
  return email !== '' && email === lead.email.trim().toLowerCase();
}

/** The lead a submission belongs to, if any; the most recent match wins. */
export function findDuplicate(
  draft: LeadDraft,
  leads: readonly Lead[],
  now: number,
  windowDays: number,
): DuplicateMatch {
  const matches = leads
    .filter((lead) => sameContact(draft, lead))
    .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
  if (matches.length === 0) return null;
  const cutoff = now - windowDays * DAY_MS;
  const open = matches.find((lead) => {
    const stage = parseStage(lead.stage);
    return (
      (stage === 'NEW' || stage === 'CONTACTED') &&
      (lead.createdAt ?? 0) >= cutoff &&
      windowDays > 0
    );
  });
  if (open) return { kind: 'MERGE', lead: open };
  const owned = matches.find((lead) => lead.salesSlackId);
  return owned ? { kind: 'RETURNING', previousOwner: owned.salesSlackId, lead: owned } : null;
}

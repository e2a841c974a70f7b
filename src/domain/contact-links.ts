/**
 * One tap to the customer: a `tel:` link and a WhatsApp click-to-chat link
 * (`https://wa.me/<number>` with the number in international form, digits only, and an
 * optional URL-encoded `text` that WhatsApp puts in the message box as a draft).
 *
 * The greeting is in the lead's language, which the engine reads from the number: an
 * Indonesian number (+62) gets Bahasa Indonesia, any other English. It does not depend
 * on the team's `language`, which is about what reps read.
 *
 * Slack's documentation shows `<url|label>` links for web URLs and says nothing about
 * `tel:`; the reading harder on the product is that a client may show it as plain text,
 * so its label is the number itself and the rep can always read and dial it.
 */
import type { Lead } from './lead';
import { TEXTS } from './texts';

export interface ContactLinks {
  /** "tel:+6281234567890" */
  tel: string;
  /** "https://wa.me/6281234567890?text=Halo%20…" */
  whatsApp: string;
  /** "+6281234567890" */
  display: string;
}

/** Names longer than this are left out of the greeting (a URL of bounded length). */
const MAX_NAME_IN_GREETING = 60;

/** Links for a lead with a valid (normalised) phone; null when the number needs checking. */
export function contactLinks(lead: Pick<Lead, 'phone' | 'name'>): ContactLinks | null {
  if (!/^[1-9]\d{6,14}$/.test(lead.phone)) return null;
  const firstName = lead.name.trim().split(/\s+/)[0] ?? '';
  const name = firstName.length <= MAX_NAME_IN_GREETING ? firstName : '';
  const greeting = (lead.phone.startsWith('62') ? TEXTS.id : TEXTS.en).waGreeting(name);
  return {
    tel: `tel:+${lead.phone}`,
    whatsApp: `https://wa.me/${lead.phone}?text=${encodeURIComponent(greeting)}`,
    display: `+${lead.phone}`,
  };
}

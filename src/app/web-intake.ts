/**
 * Web intake: a website, a landing page or a webhook tool (Zapier, Make, Meta lead ads
 * relayed by one) posts a lead as JSON to the web app with `?intake=<INTAKE_SECRET>`.
 * It goes through the form's pipeline (phone normalised, returning leads merged,
 * rotation, message, SLA) and the caller gets `{"ok":true,"lead_id":…}` or
 * `{"ok":false,"error":…}`; a refused request writes nothing.
 *
 * Apps Script always answers HTTP 200, so a caller cannot retry on a status code: a lead
 * that cannot be taken now (the lock stays busy, the Sheets API fails) is therefore
 * parked in Script Properties and admitted by the next sweep, and the answer says
 * `"queued":true`. Only when even parking fails is the answer `ok:false` with
 * `"retryable":true`.
 */
import { RoutingError } from '../domain/errors';
import { hashExact } from '../domain/intake';
import { parseWebLead, type WebLead } from '../domain/web-lead';
import { admitWebLead } from './intake';
import type { Services } from './ports';
import { constantTimeEquals } from './slack-request';

/** The parts of Apps Script's doPost event web intake reads. */
export interface WebIntakeRequest {
  parameter?: Record<string, unknown>;
  postData?: { contents?: unknown; type?: unknown };
}

export type WebIntakeAnswer =
  | { ok: true; lead_id: string; duplicate?: true; merged?: true }
  | { ok: true; lead_id: null; queued: true }
  | { ok: false; error: string; retryable?: true };

/**
 * Whether a doPost request is for web intake rather than from Slack: it names `intake`
 * in its query, or its body is JSON. Slack posts interactions and slash commands as
 * form fields (`payload`, `command`), never as a JSON body, so neither is ever taken
 * for the other.
 */
export function isWebIntake(request: unknown): boolean {
  const event = record(request);
  const parameter = record(event?.parameter) ?? {};
  if (Object.prototype.hasOwnProperty.call(parameter, 'intake')) return true;
  if ('payload' in parameter || 'command' in parameter) return false;
  const postData = record(event?.postData);
  const type = typeof postData?.type === 'string' ? postData.type : '';
  const body = typeof postData?.contents === 'string' ? postData.contents : '';
  return /^application\/json\b/i.test(type) || /^\s*[{[]/.test(body);
}

/** A plain object, or null for anything else (hostile requests may send anything). */
function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function handleWebIntake(
  services: Services,
  request: WebIntakeRequest | undefined,
): WebIntakeAnswer {
  const expected = services.secrets.intakeSecret();
  const given = record(request?.parameter)?.intake;
  if (!expected) {
    services.log.warn('web intake refused: the Script Property INTAKE_SECRET is not set');
    return { ok: false, error: 'web intake is off: the Script Property INTAKE_SECRET is not set' };
  }
  if (typeof given !== 'string' || given === '') {
    services.log.warn('web intake refused: no intake secret in the URL');
    return { ok: false, error: 'missing intake secret: add ?intake=<INTAKE_SECRET> to the URL' };
  }
  if (!constantTimeEquals(given, expected)) {
    // Never the secret, nor what was sent instead of it.
    services.log.warn('web intake refused: wrong intake secret');
    return { ok: false, error: 'wrong intake secret' };
  }
  const postData = record(request?.postData);
  const body = typeof postData?.contents === 'string' ? postData.contents : '';
  const parsed = parseWebLead(body);
  if (!parsed.ok) {
    services.log.warn(`web intake refused: ${parsed.error}`);
    return { ok: false, error: parsed.error };
  }
  return admitOrPark(services, parsed.lead);
}

function admitOrPark(services: Services, lead: WebLead): WebIntakeAnswer {
  try {
    const result = admitWebLead(services, lead);
    switch (result.kind) {
      case 'CREATED':
        return { ok: true, lead_id: result.leadId };
      case 'DUPLICATE':
        return { ok: true, lead_id: result.leadId, duplicate: true };
      case 'MERGED':
        return { ok: true, lead_id: result.leadId, merged: true };
      case 'REJECTED':
        services.log.warn(`web intake refused: ${result.reason}`);
        return { ok: false, error: result.reason };
      default:
        return { ok: false, error: `unexpected intake result ${result.kind}` };
    }
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const busy = err instanceof RoutingError && err.code === 'LOCK_TIMEOUT';
    try {
      services.parked.park(parkKey(lead), { namedValues: {}, values: [], web: lead });
    } catch (parkErr) {
      services.log.error(
        `web intake could NOT park a lead (${parkErr instanceof Error ? parkErr.message : String(parkErr)}); the caller was asked to retry. First error: ${reason}`,
      );
      return {
        ok: false,
        error: 'the lead sheet is busy; nothing was written, try again',
        retryable: true,
      };
    }
    if (busy) services.log.warn(`web intake parked a lead for the next sweep: ${reason}`);
    else
      services.log.error(`web intake parked a lead for the next sweep after an error: ${reason}`);
    return { ok: true, lead_id: null, queued: true };
  }
}

/** One parked copy per lead: by its external id, else by its content. */
function parkKey(lead: WebLead): string {
  return lead.externalId
    ? hashExact(['web', lead.source.toLowerCase(), lead.externalId])
    : hashExact(['web', JSON.stringify(lead)]);
}

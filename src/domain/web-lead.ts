/**
 * A lead posted to the web intake (a website, a landing page, a webhook tool relaying
 * Meta lead ads): the JSON body `{"name","phone","email","source","answers":{...},
 * "external_id"}` read strictly. Anything malformed is a value with a reason the caller
 * can act on; nothing here throws on hostile input.
 */
import type { Answer } from './answers';

export interface WebLead {
  name: string;
  phone: string;
  email: string;
  /** Where it came from ("website", "meta" ...); 'web' when not given. */
  source: string;
  answers: Answer[];
  /** The caller's own id: the same id twice makes one lead. '' when not given. */
  externalId: string;
}

/** Largest body read, in characters; a lead is a few hundred. */
export const MAX_WEB_BODY_CHARS = 64 * 1024;
const MAX_FIELD_CHARS = 1_000;
const MAX_ANSWERS = 100;
const MAX_ANSWER_CHARS = 5_000;

export type WebLeadResult = { ok: true; lead: WebLead } | { ok: false; error: string };

function text(value: unknown, field: string, max: number): string | { error: string } {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return { error: `"${field}" must be text` };
  if (value.length > max) return { error: `"${field}" is longer than ${max} characters` };
  return value.trim();
}

/** Reads the body; `source` defaults to 'web'. */
export function parseWebLead(body: string): WebLeadResult {
  if (body.length > MAX_WEB_BODY_CHARS)
    return { ok: false, error: `body is larger than ${MAX_WEB_BODY_CHARS} characters` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: 'body is not valid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, error: 'body must be a JSON object' };
  const o = parsed as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const field of ['name', 'phone', 'email', 'source', 'external_id']) {
    const value = text(o[field], field, MAX_FIELD_CHARS);
    if (typeof value !== 'string') return { ok: false, error: value.error };
    fields[field] = value;
  }
  const answers: Answer[] = [];
  if (o.answers !== undefined && o.answers !== null) {
    if (typeof o.answers !== 'object' || Array.isArray(o.answers))
      return { ok: false, error: '"answers" must be an object of question: answer' };
    const entries = Object.entries(o.answers as Record<string, unknown>);
    if (entries.length > MAX_ANSWERS)
      return { ok: false, error: `"answers" has more than ${MAX_ANSWERS} questions` };
    for (const [question, raw] of entries) {
      const value = text(raw, `answers.${question.slice(0, 40)}`, MAX_ANSWER_CHARS);
      if (typeof value !== 'string') return { ok: false, error: value.error };
      answers.push({ question: question.trim(), answer: value });
    }
  }
  return {
    ok: true,
    lead: {
      name: fields.name,
      phone: fields.phone,
      email: fields.email,
      source: fields.source || 'web',
      answers,
      externalId: fields.external_id,
    },
  };
}

/** An email address good enough to contact: something@domain.tld, no spaces. */
export function usableEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/**
 * The two Slack secrets an admin pastes into Connect Slack: their shapes, the hint the
 * page may show instead of the value, and what each Slack `auth.test` error means for
 * the person pasting. Pure: no Apps Script, no Slack call.
 */

/** Longest value accepted in either token field, in characters (before trimming). */
export const MAX_TOKEN_INPUT = 1000;

/**
 * Slack documents the token prefixes (xoxb- bot, xoxp- user, xapp- app-level, xoxe-
 * refresh) but not their length or alphabet. We accept what Slack has issued so far
 * (letters, digits and dashes) up to 255 characters; anything else is refused with the
 * reason rather than stored and failing later in every sweep.
 */
export const MAX_BOT_TOKEN_LENGTH = 255;
const BOT_TOKEN = /^xoxb-[A-Za-z0-9-]{10,250}$/;

/**
 * Slack documents the verification token only as "a token" on Basic Information (it
 * is 24 letters and digits in every app we have seen). Documentation being silent, we
 * accept letters and digits, 16 to 64 of them, and refuse an OAuth token pasted by
 * mistake. The signing secret (hex) also fits and cannot be told apart; a click then
 * fails doPost's check, whose log line says why (see Troubleshooting).
 */
const VERIFICATION_TOKEN = /^[A-Za-z0-9]{16,64}$/;

export type TokenCheck = { ok: true; value: string } | { ok: false; error: string };

function cleaned(raw: unknown, field: string): TokenCheck {
  if (typeof raw !== 'string') return { ok: false, error: `${field}: paste the token as text.` };
  if (raw.length > MAX_TOKEN_INPUT)
    return {
      ok: false,
      error: `${field}: that is ${raw.length} characters, far too long for a token.`,
    };
  const value = raw.trim();
  if (!value) return { ok: false, error: `${field}: the field is empty.` };
  if (/\s/.test(value))
    return {
      ok: false,
      error: `${field}: it contains spaces or line breaks; copy the token alone.`,
    };
  return { ok: true, value };
}

/** Checks a pasted Bot User OAuth Token (xoxb-…). */
export function checkBotToken(raw: unknown): TokenCheck {
  const c = cleaned(raw, 'Bot token');
  if (!c.ok) return c;
  const v = c.value;
  if (v.startsWith('xoxp-'))
    return {
      ok: false,
      error:
        'Bot token: that is a user token (xoxp-…). Use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.',
    };
  if (v.startsWith('xapp-'))
    return {
      ok: false,
      error:
        'Bot token: that is an app-level token (xapp-…). Use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.',
    };
  if (v.startsWith('xoxe'))
    return {
      ok: false,
      error:
        'Bot token: that is a rotating or refresh token (xoxe…). Turn token rotation off and use the Bot User OAuth Token (xoxb-…).',
    };
  if (!v.startsWith('xoxb-'))
    return {
      ok: false,
      error:
        'Bot token: it must start with xoxb- (the Bot User OAuth Token on the Slack app’s OAuth & Permissions page).',
    };
  if (v.length > MAX_BOT_TOKEN_LENGTH)
    return { ok: false, error: `Bot token: longer than ${MAX_BOT_TOKEN_LENGTH} characters.` };
  if (!BOT_TOKEN.test(v))
    return {
      ok: false,
      error: 'Bot token: after xoxb- only letters, digits and dashes are expected; copy it again.',
    };
  return c;
}

/** Checks a pasted Verification Token (Basic Information → App Credentials). */
export function checkVerificationToken(raw: unknown): TokenCheck {
  const c = cleaned(raw, 'Verification token');
  if (!c.ok) return c;
  if (/^x(ox[a-z]|app)-/.test(c.value))
    return {
      ok: false,
      error:
        'Verification token: that is an OAuth token. Copy the Verification Token from Basic Information → App Credentials.',
    };
  if (!VERIFICATION_TOKEN.test(c.value))
    return {
      ok: false,
      error:
        'Verification token: expected 16 to 64 letters and digits (Basic Information → App Credentials → Verification Token).',
    };
  return c;
}

/**
 * What the page may show of a stored secret: "set, ends in …1234". Four characters, and
 * only when the value is long enough that they give away nothing useful (≥ 16).
 */
export function secretHint(value: string): string {
  if (!value) return 'not set';
  if (value.length < 16) return 'set';
  return `set, ends in …${value.slice(-4)}`;
}

/**
 * auth.test's documented errors (docs.slack.dev/reference/methods/auth.test), each
 * said as what to do. Unknown codes fall back to a generic line with the code.
 */
const AUTH_ERRORS: Record<string, string> = {
  invalid_auth:
    'Slack does not recognise this token (invalid_auth). Copy the Bot User OAuth Token again from OAuth & Permissions; it changes when the app is reinstalled.',
  not_authed: 'Slack received no token (not_authed). Paste the token and save again.',
  account_inactive:
    'The token belongs to a deleted user or workspace (account_inactive). Install the app in an active workspace and copy its new token.',
  token_revoked:
    'This token was revoked or the app was removed from the workspace (token_revoked). Reinstall the app (Install App) and copy the new token.',
  token_expired:
    'This token has expired (token_expired): token rotation is on. Turn it off under OAuth & Permissions, reinstall, and copy the new xoxb- token.',
  no_permission:
    'The token lacks the permission for this (no_permission). Reinstall the app from the manifest so it gets its scopes.',
  missing_scope:
    'The app was installed without the manifest’s scopes (missing_scope). Reinstall it (Install App → Reinstall).',
  not_allowed_token_type:
    'Slack does not accept this kind of token here (not_allowed_token_type). Use the Bot User OAuth Token (xoxb-…).',
  org_login_required:
    'The workspace is being migrated to an Enterprise organisation (org_login_required). Try again when the migration is over.',
  ekm_access_denied:
    'Your workspace administrators have suspended this app’s access (ekm_access_denied). Ask them.',
  two_factor_setup_required:
    'Your workspace requires two-factor authentication for this (two_factor_setup_required). Set it up in Slack, then try again.',
  team_access_not_granted:
    'The token has no access to this workspace (team_access_not_granted). Install the app in the workspace itself.',
  access_denied: 'Slack denied access to this token (access_denied). Ask your Slack admin.',
  accesslimited: 'Slack refused the request for now (accesslimited). Try again in a few minutes.',
  ratelimited: 'Slack is rate limiting us (ratelimited). Try again in a minute.',
  request_timeout: 'Slack timed out (request_timeout). Try again in a minute.',
  service_unavailable: 'Slack is unavailable right now (service_unavailable). Try again later.',
  fatal_error: 'Slack had an internal error (fatal_error). Try again later.',
  internal_error: 'Slack had an internal error (internal_error). Try again later.',
};

/** A sentence for an auth.test error code; the code is always in it, for support. */
export function describeAuthError(code: string): string {
  const known = Object.prototype.hasOwnProperty.call(AUTH_ERRORS, code) ? AUTH_ERRORS[code] : '';
  return (
    known ||
    `Slack refused the token (${code.replace(/[^a-z0-9_]/gi, '').slice(0, 60) || 'unknown error'}). Copy it again, and reinstall the app if it keeps failing.`
  );
}

/** The auth.test error codes we have a specific sentence for. */
export const KNOWN_AUTH_ERRORS: readonly string[] = Object.keys(AUTH_ERRORS);

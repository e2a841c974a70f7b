/**
 * The Slack app manifest the Connect Slack sidebar shows: slack-app-manifest.json with
 * its two placeholders (deployment URL and WEBAPP_SECRET) filled in. Pure.
 */

/** The Request URL as the committed manifest spells it, placeholders and all. */
export const PLACEHOLDER_URL = 'https://script.google.com/macros/s/REPLACE_WITH_DEPLOYMENT_ID/exec';
export const PLACEHOLDER_SECRET = 'REPLACE_WITH_WEBAPP_SECRET';

/**
 * A web app URL Slack can post to: the /exec URL of a deployment, on
 * script.google.com (consumer: /macros/s/<id>/exec; Workspace: /a/macros/<domain>/s/<id>/exec).
 * The /dev URL (getUrl() in development mode) only works for people with edit access
 * to the script, so Slack cannot use it.
 */
const EXEC_URL =
  /^https:\/\/script\.google\.com\/(a\/macros\/[A-Za-z0-9.-]+|macros)\/s\/[A-Za-z0-9_-]+\/exec$/;

export type WebAppStatus =
  | { kind: 'deployed'; url: string }
  | { kind: 'none' }
  | { kind: 'dev'; url: string }
  | { kind: 'unexpected'; url: string };

/** What ScriptApp.getService().getUrl() returned, classified ('' = null). */
export function webAppStatus(url: string): WebAppStatus {
  if (!url) return { kind: 'none' };
  if (EXEC_URL.test(url)) return { kind: 'deployed', url };
  if (/\/dev$/.test(url)) return { kind: 'dev', url };
  return { kind: 'unexpected', url };
}

/** A WEBAPP_SECRET as the sidebar generates it: hex, URL-safe, at least 32 characters. */
export function isUsableSecret(secret: string): boolean {
  return /^[A-Za-z0-9_-]{32,200}$/.test(secret);
}

/**
 * The manifest text to paste into Slack. Every string holding the placeholder URL gets
 * the real one; a template that no longer has both placeholders is an error (someone
 * changed slack-app-manifest.json and the sidebar would hand out a wrong manifest).
 */
export function fillManifest(template: unknown, execUrl: string, secret: string): string {
  const text = JSON.stringify(template, null, 2);
  if (!text.includes(PLACEHOLDER_URL) || !text.includes(PLACEHOLDER_SECRET))
    throw new Error('slack-app-manifest.json no longer has the URL and secret placeholders');
  if (!EXEC_URL.test(execUrl)) throw new Error('not a web app /exec URL');
  if (!isUsableSecret(secret)) throw new Error('WEBAPP_SECRET has an unexpected shape');
  return text.split(PLACEHOLDER_URL).join(execUrl).split(PLACEHOLDER_SECRET).join(secret);
}

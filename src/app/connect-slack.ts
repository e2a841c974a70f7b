/**
 * Connect Slack: the server side of the set-up sidebar. Every call first checks that
 * the caller may edit the spreadsheet, validates what the page sent, and answers with a
 * typed result. Tokens go in and never come back: the page only learns "set, ends in
 * …1234". The one secret the page receives is WEBAPP_SECRET, inside the manifest the
 * admin must paste into Slack (Slack keeps it in the Request URL).
 */
import type { SlackOutcome } from '../domain/delivery';
import {
  fillManifest,
  isUsableSecret,
  webAppStatus,
  type WebAppStatus,
} from '../domain/slack-manifest';
import {
  checkBotToken,
  checkVerificationToken,
  describeAuthError,
  secretHint,
} from '../domain/slack-tokens';
import type { CheckLine } from './check-setup';
import type { EditorGate, Log, SlackSecretStore } from './ports';

export type Refusal = {
  ok: false;
  code:
    | 'NO_IDENTITY'
    | 'NOT_EDITOR'
    | 'INVALID'
    | 'SLACK_REJECTED'
    | 'SLACK_UNREACHABLE'
    | 'NOT_READY'
    | 'ERROR';
  message: string;
};

export interface ConnectState {
  ok: true;
  webApp: WebAppStatus;
  secretSet: boolean;
  botToken: string;
  verificationToken: string;
}

export type StateResult = ConnectState | Refusal;
export type SecretResult = { ok: true; created: boolean } | Refusal;
export type ManifestResult = { ok: true; manifest: string } | Refusal;
export type SaveResult =
  | { ok: true; saved: string[]; botToken: string; verificationToken: string; message: string }
  | Refusal;
export type CheckResult = { ok: true; lines: CheckLine[] } | Refusal;
export type TestMessageResult = { ok: true; message: string } | Refusal;

export interface ConnectSlackPorts {
  gate: EditorGate;
  store: SlackSecretStore;
  /** ScriptApp.getService().getUrl(), '' for null. */
  webAppUrl(): string;
  /** A fresh random WEBAPP_SECRET. */
  newSecret(): string;
  /** auth.test with the given token (not the stored one). */
  authTest(token: string): SlackOutcome;
  log: Log;
}

/** Runs `work` only for an editor of the spreadsheet. */
function asEditor<T>(ports: ConnectSlackPorts, what: string, work: () => T): T | Refusal {
  const verdict = ports.gate.check();
  if (verdict.ok) return work();
  ports.log.warn(`Connect Slack: ${what} refused (${verdict.reason})`);
  return verdict.reason === 'NO_IDENTITY'
    ? {
        ok: false,
        code: 'NO_IDENTITY',
        message:
          'Apps Script cannot tell who you are, so Connect Slack cannot check that you may edit this spreadsheet. Ask the spreadsheet’s owner to run it.',
      }
    : {
        ok: false,
        code: 'NOT_EDITOR',
        message: `${verdict.email} is not an editor of this spreadsheet, so it may not change the Slack connection. Ask the owner to add you as an editor by email.`,
      };
}

export function connectState(ports: ConnectSlackPorts): StateResult {
  return asEditor(ports, 'state', () => ({
    ok: true as const,
    webApp: webAppStatus(ports.webAppUrl()),
    secretSet: isUsableSecret(ports.store.get('webappSecret')),
    botToken: secretHint(ports.store.get('botToken')),
    verificationToken: secretHint(ports.store.get('verificationToken')),
  }));
}

/**
 * Generates WEBAPP_SECRET once. An existing usable secret is kept: replacing it would
 * lock Slack out until the admin pastes a new manifest.
 */
export function createSecret(ports: ConnectSlackPorts): SecretResult {
  return asEditor(ports, 'secret', () => {
    if (isUsableSecret(ports.store.get('webappSecret')))
      return { ok: true as const, created: false };
    const secret = ports.newSecret();
    if (!isUsableSecret(secret)) throw new Error('generated WEBAPP_SECRET has an unexpected shape');
    ports.store.set({ webappSecret: secret });
    ports.log.info('Connect Slack: WEBAPP_SECRET generated');
    return { ok: true as const, created: true };
  });
}

export function manifest(ports: ConnectSlackPorts, template: unknown): ManifestResult {
  return asEditor(ports, 'manifest', (): ManifestResult => {
    const web = webAppStatus(ports.webAppUrl());
    if (web.kind !== 'deployed')
      return { ok: false, code: 'NOT_READY', message: 'Deploy the web app first (step 1).' };
    const secret = ports.store.get('webappSecret');
    if (!isUsableSecret(secret))
      return { ok: false, code: 'NOT_READY', message: 'Generate the secret first (step 2).' };
    return { ok: true, manifest: fillManifest(template, web.url, secret) };
  });
}

function slackProblem(outcome: SlackOutcome): Refusal {
  if (outcome.kind === 'slack_error')
    return { ok: false, code: 'SLACK_REJECTED', message: describeAuthError(outcome.error) };
  const why =
    outcome.kind === 'http'
      ? `HTTP ${outcome.status}`
      : outcome.kind === 'thrown'
        ? 'no connection'
        : outcome.kind;
  return {
    ok: false,
    code: 'SLACK_UNREACHABLE',
    message: `Slack could not be reached to check the token (${why}); try again in a minute.`,
  };
}

/**
 * Saves the tokens the page sent, all or nothing: each present field is checked for
 * shape, the bot token with Slack's auth.test, and only then are they stored. An empty
 * field leaves the stored value as it is.
 */
export function saveTokens(ports: ConnectSlackPorts, input: unknown): SaveResult {
  return asEditor(ports, 'save tokens', (): SaveResult => {
    const fields = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
    /** A field counts as given unless absent or blank text (a number is given, and refused). */
    const given = (k: string): boolean => {
      const v = fields[k];
      return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
    };
    const wantsBot = given('botToken');
    const wantsVerification = given('verificationToken');
    if (!wantsBot && !wantsVerification)
      return { ok: false, code: 'INVALID', message: 'Paste a token first; both fields are empty.' };
    const values: Partial<Record<'botToken' | 'verificationToken', string>> = {};
    const errors: string[] = [];
    if (wantsBot) {
      const c = checkBotToken(fields.botToken);
      if (c.ok) values.botToken = c.value;
      else errors.push(c.error);
    }
    if (wantsVerification) {
      const c = checkVerificationToken(fields.verificationToken);
      if (c.ok) values.verificationToken = c.value;
      else errors.push(c.error);
    }
    if (errors.length)
      return { ok: false, code: 'INVALID', message: `${errors.join(' ')} Nothing was saved.` };
    if (values.botToken) {
      const outcome = ports.authTest(values.botToken);
      if (outcome.kind !== 'ok') {
        const refusal = slackProblem(outcome);
        ports.log.warn(`Connect Slack: bot token not saved (${refusal.code})`);
        return { ...refusal, message: `${refusal.message} Nothing was saved.` };
      }
    }
    ports.store.set(values);
    const saved = [
      ...(values.botToken ? ['bot token'] : []),
      ...(values.verificationToken ? ['verification token'] : []),
    ];
    ports.log.info(`Connect Slack: saved ${saved.join(' and ')}`);
    return {
      ok: true,
      saved,
      botToken: secretHint(ports.store.get('botToken')),
      verificationToken: secretHint(ports.store.get('verificationToken')),
      message: values.botToken
        ? `Saved. Slack accepts the bot token.${values.verificationToken ? ' Verification token saved.' : ''}`
        : 'Saved the verification token.',
    };
  });
}

export function check(ports: ConnectSlackPorts, run: () => CheckLine[]): CheckResult {
  return asEditor(ports, 'check', () => ({ ok: true as const, lines: run() }));
}

export function testMessage(ports: ConnectSlackPorts, send: () => string): TestMessageResult {
  return asEditor(ports, 'test message', () => ({ ok: true as const, message: send() }));
}

/** Token shapes, hints and auth.test messages of Connect Slack; the manifest filling. */
import fc from 'fast-check';
import {
  checkBotToken,
  checkVerificationToken,
  describeAuthError,
  KNOWN_AUTH_ERRORS,
  secretHint,
} from '../../src/domain/slack-tokens';
import { fillManifest, webAppStatus } from '../../src/domain/slack-manifest';
import template from '../../slack-app-manifest.json';

describe('token shapes', () => {
  test('a bot token is xoxb- and letters, digits, dashes; trimmed', () => {
    expect(checkBotToken(' xoxb-123-456-abcDEF \n')).toEqual({
      ok: true,
      value: 'xoxb-123-456-abcDEF',
    });
    for (const bad of [
      '',
      'xoxb-',
      'xoxb-short',
      'xoxp-1234567890',
      'Bearer xoxb-1234567890',
      'xoxb-12345678_90',
    ])
      expect(checkBotToken(bad).ok).toBe(false);
  });

  test('property: an accepted bot token has no whitespace, starts xoxb- and is at most 255 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        for (const raw of [s, `xoxb-${s}`]) {
          const r = checkBotToken(raw);
          if (r.ok) {
            expect(r.value.startsWith('xoxb-')).toBe(true);
            expect(r.value.length).toBeLessThanOrEqual(255);
            expect(r.value).not.toMatch(/\s/);
          } else expect(r.error).toMatch(/^Bot token: /);
        }
      }),
    );
  });

  test('a verification token is 16 to 64 letters and digits', () => {
    expect(checkVerificationToken('AbCdEfGh12345678').ok).toBe(true);
    expect(checkVerificationToken('a'.repeat(64)).ok).toBe(true);
    expect(checkVerificationToken('a'.repeat(65)).ok).toBe(false);
    expect(checkVerificationToken('AbCdEfGh1234567').ok).toBe(false);
    expect(checkVerificationToken('xoxb-1234567890123456').ok).toBe(false);
  });
});

describe('hints', () => {
  test('property: a hint shows at most the last four characters, and only of a long value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (v) => {
        const hint = secretHint(v);
        if (!v) expect(hint).toBe('not set');
        else if (v.length < 16) expect(hint).toBe('set');
        else expect(hint).toBe(`set, ends in …${v.slice(-4)}`);
      }),
    );
  });
});

describe('auth.test errors', () => {
  test('each documented error has its own sentence naming the code', () => {
    const sentences = KNOWN_AUTH_ERRORS.map(describeAuthError);
    expect(new Set(sentences).size).toBe(KNOWN_AUTH_ERRORS.length);
    KNOWN_AUTH_ERRORS.forEach((code, i) => expect(sentences[i]).toContain(`(${code})`));
    for (const code of ['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked'])
      expect(KNOWN_AUTH_ERRORS).toContain(code);
  });

  test('an unknown code is named, stripped of anything but letters, digits and _', () => {
    expect(describeAuthError('brand_new')).toContain('(brand_new)');
    expect(describeAuthError('<b>x</b>')).toContain('(bxb)');
  });
});

describe('the manifest', () => {
  const url = 'https://script.google.com/macros/s/AKfyc123/exec';
  const secret = 'a'.repeat(64);

  test('fills both Request URLs and leaves the rest of slack-app-manifest.json alone', () => {
    const filled = JSON.parse(fillManifest(template, url, secret));
    expect(filled.settings.interactivity.request_url).toBe(`${url}?k=${secret}`);
    expect(filled.features.slash_commands[0].url).toBe(`${url}?k=${secret}`);
    expect({ ...filled, settings: template.settings, features: template.features }).toEqual(
      template,
    );
  });

  test('refuses a URL Slack cannot use and a secret of the wrong shape', () => {
    expect(() => fillManifest(template, url.replace('/exec', '/dev'), secret)).toThrow();
    expect(() => fillManifest(template, 'https://evil.example/exec', secret)).toThrow();
    expect(() => fillManifest(template, url, 'short')).toThrow();
    expect(() => fillManifest(template, url, `${'a'.repeat(40)}"}`)).toThrow();
    expect(() => fillManifest({ no: 'placeholders' }, url, secret)).toThrow(/placeholders/);
  });

  test('classifies what getUrl() returned', () => {
    expect(webAppStatus('')).toEqual({ kind: 'none' });
    expect(webAppStatus(url).kind).toBe('deployed');
    expect(webAppStatus('https://script.google.com/macros/s/AKfyc123/dev').kind).toBe('dev');
    expect(webAppStatus('https://example.com/x').kind).toBe('unexpected');
  });
});

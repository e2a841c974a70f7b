import { runtimeWith } from './test-bundle';

const bundle = `
function who() {
  return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getScriptTimeZone()];
}
function doGet() { return who(); }
function key() { return Session.getTemporaryActiveUserKey(); }
`;

describe('Session', () => {
  test('an anonymous web-app request has no active user and runs as the deployer', () => {
    const rt = runtimeWith(bundle, { ownerEmail: 'admin@example.com' });
    expect(rt.run('doGet')).toEqual(['', 'admin@example.com', 'Asia/Jakarta']);
  });

  test('a menu click runs as the spreadsheet user; an editor run as the owner', () => {
    const rt = runtimeWith(bundle, {
      ownerEmail: 'admin@example.com',
      userEmail: 'rep@example.com',
      timeZone: 'Europe/Paris',
    });
    expect(rt.runAs('menu', 'who')).toEqual(['rep@example.com', 'rep@example.com', 'Europe/Paris']);
    expect(rt.run('who')).toEqual(['admin@example.com', 'admin@example.com', 'Europe/Paris']);
  });

  test('the temporary user key is stable per user and reveals no email', () => {
    const rt = runtimeWith(bundle);
    const k = rt.run('key') as string;
    expect(k).toBe(rt.run('key'));
    expect(k).not.toContain('@');
    expect(rt.runAs('webapp', 'key')).toBe('');
  });
});

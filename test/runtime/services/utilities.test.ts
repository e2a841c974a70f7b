import { formatDate } from './format-date';
import { runtimeWith } from './test-bundle';

const bundle = `
function fmt(ms, tz, pattern) { return Utilities.formatDate(new Date(ms), tz, pattern); }
function nowIn(tz) { return Utilities.formatDate(new Date(), tz, 'yyyy-MM-dd HH:mm'); }
function uuids() { return [Utilities.getUuid(), Utilities.getUuid()]; }
function nap(ms) { Utilities.sleep(ms); }
function b64() {
  var enc = Utilities.base64Encode('héllo');
  return [enc, Utilities.newBlob(Utilities.base64Decode(enc)).getDataAsString(), Utilities.base64Decode('/w==')];
}
function sha() { return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc').length; }
function badPattern() { return Utilities.formatDate(new Date(), 'UTC', 'yyyy-qq'); }
`;

const NOV = Date.UTC(2026, 10, 26, 2, 5, 9, 7); // Thursday
const JUL = Date.UTC(2026, 6, 1, 12, 0, 0);

describe('Utilities.formatDate', () => {
  test('formatDate across time zones', () => {
    const p = 'yyyy-MM-dd HH:mm:ss Z';
    expect(formatDate(new Date(NOV), 'Asia/Jakarta', p)).toBe('2026-11-26 09:05:09 +0700');
    expect(formatDate(new Date(NOV), 'America/New_York', p)).toBe('2026-11-25 21:05:09 -0500');
    expect(formatDate(new Date(JUL), 'America/New_York', p)).toBe('2026-07-01 08:00:00 -0400');
    expect(formatDate(new Date(NOV), 'Asia/Kolkata', p)).toBe('2026-11-26 07:35:09 +0530');
    expect(formatDate(new Date(NOV), 'GMT+7', p)).toBe('2026-11-26 09:05:09 +0700');
    expect(formatDate(new Date(NOV), 'UTC', p)).toBe('2026-11-26 02:05:09 +0000');
  });

  test('every supported pattern letter', () => {
    const d = new Date(NOV);
    expect(formatDate(d, 'Asia/Jakarta', 'yy M MMM MMMM d dd')).toBe('26 11 Nov November 26 26');
    expect(formatDate(d, 'America/New_York', 'H HH h hh a')).toBe('21 21 9 09 PM');
    expect(formatDate(d, 'Asia/Jakarta', 'mm ss SSS EEE EEEE')).toBe('05 09 007 Thu Thursday');
    expect(formatDate(d, 'Asia/Kolkata', 'X XX XXX')).toBe('+05 +0530 +05:30');
    expect(formatDate(d, 'UTC', 'XXX')).toBe('Z');
    expect(formatDate(d, 'GMT+07:00', 'z')).toBe('GMT+07:00');
    expect(formatDate(d, 'America/New_York', 'z')).toBe('EST');
  });

  test('quoted literals and escaped quotes', () => {
    expect(formatDate(new Date(NOV), 'UTC', "yyyy-MM-dd'T'HH:mm 'o''clock' ''")).toBe(
      "2026-11-26T02:05 o'clock '",
    );
  });

  test('an unknown pattern letter throws like SimpleDateFormat', () => {
    expect(() => runtimeWith(bundle).run('badPattern')).toThrow(/Illegal pattern character 'q'/);
  });

  test('an unknown zone id falls back to GMT, as java.util.TimeZone does', () => {
    expect(formatDate(new Date(NOV), 'Mars/Olympus', 'HH:mm Z')).toBe('02:05 +0000');
  });

  test('new Date() in the bundle reads the fake clock', () => {
    const rt = runtimeWith(bundle);
    expect(rt.run('nowIn', 'Asia/Jakarta')).toBe('2026-11-26 09:00');
    rt.clock.advanceMinutes(90);
    expect(rt.run('nowIn', 'Asia/Jakarta')).toBe('2026-11-26 10:30');
    expect(rt.run('fmt', NOV, 'Asia/Jakarta', 'HH:mm')).toBe('09:05');
  });
});

describe('Utilities', () => {
  test('getUuid gives distinct v4 UUIDs, reproducible with a seed', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const [a, b] = runtimeWith(bundle).run('uuids') as string[];
    expect(a).toMatch(v4);
    expect(a).not.toBe(b);
    const seeded = runtimeWith(bundle, { uuidSeed: 42 }).run('uuids') as string[];
    expect(seeded[0]).toMatch(v4);
    expect(runtimeWith(bundle, { uuidSeed: 42 }).run('uuids')).toEqual(seeded);
  });

  test('sleep advances the fake clock and refuses more than 5 minutes', () => {
    const rt = runtimeWith(bundle);
    const t0 = rt.clock.now();
    rt.run('nap', 1500);
    expect(rt.clock.now() - t0).toBe(1500);
    expect(() => rt.run('nap', 300_001)).toThrow(/milliseconds/);
  });

  test('base64 round-trips UTF-8 and decodes to signed bytes', () => {
    expect(runtimeWith(bundle).run('b64')).toEqual(['aMOpbGxv', 'héllo', [-1]]);
  });

  test('computeDigest returns the digest bytes', () => {
    expect(runtimeWith(bundle).run('sha')).toBe(32);
  });
});

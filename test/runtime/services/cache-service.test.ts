import { runtimeWith } from './test-bundle';

const bundle = `
function putDefault() { CacheService.getScriptCache().put('k', 'v'); }
function putFor(seconds) { CacheService.getScriptCache().put('k', 'v', seconds); }
function read() { return CacheService.getScriptCache().get('k'); }
function longKey() { CacheService.getScriptCache().put(new Array(252).join('k'), 'v'); }
function bigValue() { CacheService.getScriptCache().put('k', new Array(100 * 1024 + 2).join('v')); }
function many() {
  var c = CacheService.getScriptCache();
  c.putAll({ a: '1', b: '2', c: 3 }, 60);
  c.removeAll(['b']);
  return c.getAll(['a', 'b', 'c', 'd']);
}
function documentCache() { return CacheService.getDocumentCache() === null; }
`;

describe('CacheService', () => {
  test('cache expiry on the fake clock: the default is 600 seconds', () => {
    const rt = runtimeWith(bundle);
    rt.run('putDefault');
    rt.clock.advanceMs(599_999);
    expect(rt.run('read')).toBe('v');
    rt.clock.advanceMs(1);
    expect(rt.run('read')).toBeNull();
  });

  test('an explicit expiration is honoured', () => {
    const rt = runtimeWith(bundle);
    rt.run('putFor', 21_600);
    rt.clock.advanceMinutes(359);
    expect(rt.run('read')).toBe('v');
    rt.clock.advanceMinutes(1);
    expect(rt.run('read')).toBeNull();
  });

  test('an expiration above 21600 seconds is rejected', () => {
    expect(() => runtimeWith(bundle).run('putFor', 21_601)).toThrow(/expirationInSeconds/);
  });

  test('a key over 250 characters throws', () => {
    expect(() => runtimeWith(bundle).run('longKey')).toThrow(/Argument too large: key/);
  });

  test('a value over 100 KB throws', () => {
    expect(() => runtimeWith(bundle).run('bigValue')).toThrow(/Argument too large: value/);
  });

  test('putAll, removeAll and getAll: only found keys, values as strings', () => {
    expect(runtimeWith(bundle).run('many')).toEqual({ a: '1', c: '3' });
  });

  test('the document cache is null in a web-app execution', () => {
    const rt = runtimeWith(bundle);
    expect(rt.runAs('webapp', 'documentCache')).toBe(true);
    expect(rt.run('documentCache')).toBe(false);
  });

  test('over 1,000 items keeps the 900 farthest from expiration', () => {
    const rt = runtimeWith(bundle);
    for (let i = 0; i < 1001; i++) rt.cache.put(`k${i}`, 'v', 60 + i);
    const keys = rt.cache.keys();
    expect(keys).toHaveLength(900);
    expect(keys).toContain('k1000');
    expect(keys).not.toContain('k0');
  });
});

import { runtimeWith } from './test-bundle';

const bundle = `
function setNumber() { PropertiesService.getScriptProperties().setProperty('count', 5); }
function readNumber() { return PropertiesService.getScriptProperties().getProperty('count'); }
function replaceAll() {
  return PropertiesService.getScriptProperties()
    .setProperties({ a: 1, b: true }, true)
    .getProperties();
}
function mutateCopy() {
  var p = PropertiesService.getScriptProperties();
  var all = p.getProperties();
  all.x = 'changed';
  return p.getProperty('x');
}
function missing() { return PropertiesService.getScriptProperties().getProperty('nope'); }
function tooLarge() { PropertiesService.getScriptProperties().setProperty('big', new Array(10 * 1024).join('x')); }
function deleteOne() { return PropertiesService.getScriptProperties().deleteProperty('a').getKeys(); }
function userAndScriptAreSeparate() {
  PropertiesService.getUserProperties().setProperty('k', 'user');
  return PropertiesService.getScriptProperties().getProperty('k');
}
function documentProperties() { return PropertiesService.getDocumentProperties() === null; }
`;

describe('PropertiesService', () => {
  test('properties store strings: a number comes back as its string', () => {
    const rt = runtimeWith(bundle);
    rt.run('setNumber');
    expect(rt.run('readNumber')).toBe('5');
    expect(rt.properties.get('count')).toBe('5');
  });

  test('setProperties with deleteAllOthers replaces the whole store', () => {
    const rt = runtimeWith(bundle);
    rt.properties.set('old', 'x');
    expect(rt.run('replaceAll')).toEqual({ a: '1', b: 'true' });
    expect(rt.properties.keys().sort()).toEqual(['a', 'b']);
  });

  test('getProperties returns a copy', () => {
    const rt = runtimeWith(bundle);
    expect(rt.run('mutateCopy')).toBeNull();
  });

  test('a missing key reads as null', () => {
    expect(runtimeWith(bundle).run('missing')).toBeNull();
  });

  test('a value over 9 kB is rejected', () => {
    expect(() => runtimeWith(bundle).run('tooLarge')).toThrow('Argument too large: value');
  });

  test('deleteProperty chains and removes the key', () => {
    const rt = runtimeWith(bundle);
    rt.properties.setAll({ a: '1', b: '2' }, false);
    expect(rt.run('deleteOne')).toEqual(['b']);
  });

  test('user properties are not script properties', () => {
    expect(runtimeWith(bundle).run('userAndScriptAreSeparate')).toBeNull();
  });

  test('document properties are null in a web-app execution, present otherwise', () => {
    const rt = runtimeWith(bundle);
    expect(rt.runAs('webapp', 'documentProperties')).toBe(true);
    expect(rt.run('documentProperties')).toBe(false);
  });
});

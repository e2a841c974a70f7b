import { runtimeWith } from './test-bundle';

const bundle = `
function doGet() {
  return ContentService.createTextOutput('{"ok":').append('true}').setMimeType(ContentService.MimeType.JSON);
}
function empty() { var t = ContentService.createTextOutput(); return [t.getContent(), t.getMimeType()]; }
function badMime() { ContentService.createTextOutput('x').setMimeType('HTML'); }
`;

describe('ContentService', () => {
  test('a TextOutput carries its content and mime type', () => {
    const out = runtimeWith(bundle).run('doGet') as { getContent(): string; getMimeType(): string };
    expect(JSON.parse(out.getContent())).toEqual({ ok: true });
    expect(out.getMimeType()).toBe('JSON');
  });

  test('a new TextOutput is empty text', () => {
    expect(runtimeWith(bundle).run('empty')).toEqual(['', 'TEXT']);
  });

  test('an unknown mime type is rejected', () => {
    expect(() => runtimeWith(bundle).run('badMime')).toThrow(/mimeType/);
  });
});

/**
 * Apps Script enums (ScriptApp.EventType, ContentService.MimeType, ...) as frozen
 * objects whose values are their own names. A real enum value prints as its name
 * (`String(ScriptApp.EventType.CLOCK) === 'CLOCK'`) and compares by identity, and so
 * do these strings.
 */
export function makeEnum<const N extends string>(names: readonly N[]): Readonly<{ [K in N]: K }> {
  const out = {} as { [K in N]: K };
  for (const n of names) (out as Record<string, string>)[n] = n;
  return Object.freeze(out);
}

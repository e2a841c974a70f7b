/**
 * application/x-www-form-urlencoded both ways: how UrlFetchApp encodes an object
 * payload, and how a server (Slack, or Apps Script's doPost) decodes a body or a query.
 */

/**
 * Encodes an object payload the way UrlFetchApp does: "a JavaScript object will be
 * interpreted as a map of form field names to values". Values are stringified, so a
 * nested object arrives as "[object Object]" and an array as "a,b"; this is the
 * classic bug of passing `blocks` as an array without JSON.stringify.
 */
export function encodeFormObject(payload: Record<string, unknown>): string {
  return Object.keys(payload)
    .filter((key) => payload[key] !== undefined)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(payload[key]))}`)
    .join('&');
}

/** Decodes "a=1&b=x+y&a=2" into ordered [name, value] pairs ('+' is a space). */
export function decodeFormPairs(body: string): Array<[string, string]> {
  if (body === '') return [];
  return body
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const rawName = eq < 0 ? part : part.slice(0, eq);
      const rawValue = eq < 0 ? '' : part.slice(eq + 1);
      return [decodeComponent(rawName), decodeComponent(rawValue)];
    });
}

/** First value wins, like `e.parameter` in Apps Script and most servers. */
export function decodeFormFirstValues(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of decodeFormPairs(body)) {
    if (!(name in out)) out[name] = value;
  }
  return out;
}

/** Every value per name, like `e.parameters`. */
export function decodeFormAllValues(body: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of decodeFormPairs(body)) {
    (out[name] ??= []).push(value);
  }
  return out;
}

function decodeComponent(raw: string): string {
  const spaced = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

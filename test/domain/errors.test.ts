/** errorText: the one way anything thrown becomes a line of text. */
import { errorText, RoutingError } from '../../src/domain/errors';

describe('errorText', () => {
  test('an Error gives its message, or name and message', () => {
    expect(errorText(new TypeError('x is undefined'))).toBe('x is undefined');
    expect(errorText(new TypeError('x is undefined'), true)).toBe('TypeError: x is undefined');
    expect(errorText(new RoutingError('LOCK_TIMEOUT', 'busy'), true)).toBe('RoutingError: busy');
  });

  test('anything else thrown is shown as text', () => {
    expect(errorText('plain')).toBe('plain');
    expect(errorText(42, true)).toBe('42');
    expect(errorText(undefined)).toBe('undefined');
  });
});

/** Telling web intake from Slack's requests, on any input. */
import fc from 'fast-check';
import { isWebIntake } from '../../src/app/web-intake';

test('Slack interactions and slash commands are never web intake, even with a JSON-looking body', () => {
  expect(
    isWebIntake({ parameter: { payload: '{}' }, postData: { contents: 'payload=%7B%7D' } }),
  ).toBe(false);
  expect(
    isWebIntake({
      parameter: { command: '/leads', token: 't' },
      postData: { contents: 'command=%2Fleads' },
    }),
  ).toBe(false);
  expect(
    isWebIntake({
      parameter: { payload: '{}', k: 's' },
      postData: { type: 'application/x-www-form-urlencoded', contents: '{"a":1}' },
    }),
  ).toBe(false);
});

test('intake in the query, a JSON content type or a JSON body is web intake', () => {
  expect(isWebIntake({ parameter: { intake: '' } })).toBe(true);
  expect(
    isWebIntake({
      parameter: {},
      postData: { type: 'application/json; charset=utf-8', contents: '' },
    }),
  ).toBe(true);
  expect(
    isWebIntake({
      parameter: { '{"name":"x"}': '' },
      postData: { type: 'application/x-www-form-urlencoded', contents: ' {"name":"x"}' },
    }),
  ).toBe(true);
});

test('property: any value at all is classified without throwing', () => {
  fc.assert(
    fc.property(fc.anything(), fc.anything(), fc.anything(), (a, parameter, postData) => {
      expect(typeof isWebIntake(a)).toBe('boolean');
      expect(typeof isWebIntake({ parameter, postData })).toBe('boolean');
    }),
  );
});

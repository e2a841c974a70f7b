import { runtimeWith } from './test-bundle';

const bundle = `
function logAll() {
  Logger.log('token %s for %s', 'xoxb-123', 'U1');
  Logger.log({ a: 1 });
  console.log('plain', 2);
  console.info('info');
  console.warn('warn');
  console.error('error', new Error('boom'));
  return Logger.getLog();
}
function fail() { throw new Error('secret xoxb-999 leaked'); }
function clearLog() { Logger.log('x'); Logger.clear(); return Logger.getLog(); }
`;

describe('Logger and console', () => {
  test('every logged line is recorded with its level, nothing printed', () => {
    const write = jest.spyOn(process.stderr, 'write');
    const rt = runtimeWith(bundle);
    const log = rt.run('logAll');
    expect(rt.logs.map((l) => [l.level, l.text])).toEqual([
      ['Logger', 'token xoxb-123 for U1'],
      ['Logger', '{"a":1}'],
      ['log', 'plain 2'],
      ['info', 'info'],
      ['warn', 'warn'],
      ['error', 'error Error: boom'],
    ]);
    expect(log).toBe('token xoxb-123 for U1\n{"a":1}\n');
    expect(rt.logText()).toContain('xoxb-123');
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });

  test('an uncaught error is logged by the platform, so its message is greppable', () => {
    const rt = runtimeWith(bundle);
    expect(() => rt.run('fail')).toThrow('secret xoxb-999 leaked');
    expect(rt.logs).toEqual([
      expect.objectContaining({ level: 'uncaught', text: 'Error: secret xoxb-999 leaked' }),
    ]);
  });

  test('Logger.clear empties this execution log', () => {
    expect(runtimeWith(bundle).run('clearLog')).toBe('');
  });
});

import { normalisePhone } from '../../src/domain/phone';

describe('phone normalisation to 62… (E.164 without the plus)', () => {
  test.each([
    '0812-3456-7890',
    '+62 812 3456 7890',
    '62 812 3456 7890',
    '812 3456 7890',
    '(0812) 3456 7890',
    '6281234567890',
  ])('an Indonesian number typed as %s becomes 6281234567890', (raw) => {
    expect(normalisePhone(raw, 'ID')).toEqual({ ok: true, phone: '6281234567890' });
  });

  test('a number with another country code keeps it: +1 415 555 2671 becomes 14155552671', () => {
    expect(normalisePhone('+1 415 555 2671', 'ID')).toEqual({ ok: true, phone: '14155552671' });
  });

  test.each(['=1+1', 'call me', '123', '', '@foo'])(
    '%j cannot be read and is returned raw, never dropped',
    (raw) => {
      expect(normalisePhone(raw, 'ID')).toEqual({ ok: false, raw: raw.trim() });
    },
  );
});

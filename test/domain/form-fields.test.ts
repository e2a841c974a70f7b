/** Which question holds the name, phone and email: settings first, then the usual titles. */
import fc from 'fast-check';
import { answerFor, formatAnswers, parseAnswers } from '../../src/domain/answers';
import { looseTitle, resolveFields, settingValue } from '../../src/domain/form-fields';
import { readResponse, responseFingerprint } from '../../src/domain/intake';

const DEFAULTS = { formNameField: 'Name', formPhoneField: 'Phone', formEmailField: 'Email' };

describe('resolveFields', () => {
  test('the settings win when the form has their titles (case and spaces aside)', () => {
    const map = resolveFields(['Timestamp', ' name ', 'PHONE', 'Email'], DEFAULTS);
    expect(map.name).toEqual({ field: 'name', how: 'SETTING', titles: [' name '] });
    expect(map.phone.titles).toEqual(['PHONE']);
    expect(map.email.how).toBe('SETTING');
  });

  test('an Indonesian form: Nama, No. WhatsApp, Surel', () => {
    const map = resolveFields(['Timestamp', 'Nama', 'No. WhatsApp', 'Surel', 'Kota'], DEFAULTS);
    expect(map.name).toEqual({ field: 'name', how: 'USUAL_TITLE', titles: ['Nama'] });
    expect(map.phone).toEqual({ field: 'phone', how: 'USUAL_TITLE', titles: ['No. WhatsApp'] });
    expect(map.email).toEqual({ field: 'email', how: 'USUAL_TITLE', titles: ['Surel'] });
  });

  test.each([
    ['Nama lengkap', 'name'],
    ['Full name', 'name'],
    ['No. HP', 'phone'],
    ['Nomor WhatsApp', 'phone'],
    ['Telepon', 'phone'],
    ['WA', 'phone'],
    ['Phone number', 'phone'],
    ['E-mail', 'email'],
    ['Email Address', 'email'],
    ['Alamat email', 'email'],
  ] as const)('"%s" is recognised as the %s', (title, field) => {
    expect(resolveFields(['Timestamp', title], DEFAULTS)[field].titles).toEqual([title]);
  });

  test("Google's example form: First Name + Last Name make the name; the setting can say so", () => {
    const titles = ['Timestamp', 'First Name', 'Last Name', 'Email'];
    const map = resolveFields(titles, DEFAULTS);
    expect(map.name).toEqual({
      field: 'name',
      how: 'USUAL_TITLE',
      titles: ['First Name', 'Last Name'],
    });
    expect(settingValue(map.name)).toBe('First Name + Last Name');
    const again = resolveFields(titles, { ...DEFAULTS, formNameField: 'First Name + Last Name' });
    expect(again.name).toEqual({
      field: 'name',
      how: 'SETTING',
      titles: ['First Name', 'Last Name'],
    });
  });

  test('a setting naming a question another setting uses is not resolved twice', () => {
    const map = resolveFields(['Timestamp', 'Kontak'], {
      ...DEFAULTS,
      formPhoneField: 'Kontak',
      formEmailField: 'Kontak',
    });
    expect(map.phone.titles).toEqual(['Kontak']);
    expect(map.email).toEqual({ field: 'email', how: 'NONE', titles: [] });
  });

  test('questions nothing recognises resolve to NONE, and the timestamp is never a field', () => {
    const map = resolveFields(['Timestamp', 'Pertanyaan 1', 'Pertanyaan 2'], {
      formNameField: 'Timestamp',
      formPhoneField: 'Phone',
      formEmailField: 'Email',
    });
    expect([map.name.how, map.phone.how, map.email.how]).toEqual(['NONE', 'NONE', 'NONE']);
  });

  test('property: a question is used for at most one field, and every used title is a question', () => {
    const pool = [
      'Name',
      'Nama',
      'Phone',
      'WA',
      'Email',
      'Surel',
      'First Name',
      'Last Name',
      'Kota',
      'x',
    ];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 8 }),
        fc.record({
          formNameField: fc.constantFrom(...pool, 'First Name + Last Name', ''),
          formPhoneField: fc.constantFrom(...pool, ''),
          formEmailField: fc.constantFrom(...pool, ''),
        }),
        (titles, settings) => {
          const map = resolveFields(['Timestamp', ...titles], settings);
          const used = [...map.name.titles, ...map.phone.titles, ...map.email.titles];
          expect(new Set(used).size).toBe(used.length);
          for (const t of used) expect(titles).toContain(t);
        },
      ),
    );
  });

  test('looseTitle reads punctuation as spaces', () => {
    expect(looseTitle(' No. HP ')).toBe('no hp');
    expect(looseTitle('E-mail')).toBe('e mail');
  });
});

describe('readResponse', () => {
  const settings = { ...DEFAULTS, defaultCountry: 'ID' };

  test('every other answer is kept as "Question: answer" lines, in form order, empty ones left out', () => {
    const read = readResponse(
      {
        Timestamp: ['11/26/2026 9:00:00'],
        Nama: ['Sari'],
        'No. WhatsApp': ['0812-3456-7890'],
        Produk: ['Paket Premium'],
        Kota: [''],
        Pesan: ['Tolong hubungi\nsetelah jam 5'],
      },
      settings,
    );
    expect(read.unreadable).toBe('');
    expect(read.draft).toMatchObject({
      name: 'Sari',
      phone: '6281234567890',
      answers: 'Produk: Paket Premium\nPesan: Tolong hubungi / setelah jam 5',
    });
  });

  test('First Name + Last Name are joined with a space', () => {
    const read = readResponse(
      { Timestamp: ['t'], 'First Name': ['Jane'], 'Last Name': ['Doe'], Email: ['j@example.com'] },
      settings,
    );
    expect(read.draft).toMatchObject({ name: 'Jane Doe', email: 'j@example.com', answers: '' });
  });

  test('answers but no readable contact: still a draft (answers kept) with the reason', () => {
    const read = readResponse(
      { Timestamp: ['t'], 'Pertanyaan 1': ['Budi'], 'Pertanyaan 2': ['0812'] },
      settings,
    );
    expect(read.draft).toMatchObject({ name: '', phone: '', email: '' });
    expect(read.draft?.answers).toBe('Pertanyaan 1: Budi\nPertanyaan 2: 0812');
    expect(read.unreadable).toMatch(/no question of the form could be read as name, phone, email/);
    expect(read.unreadable).toContain('"Pertanyaan 1"');
  });

  test('every answer empty: no draft', () => {
    expect(readResponse({ Timestamp: ['t'], Nama: [''], Kota: [' '] }, settings).draft).toBeNull();
  });

  test('the fingerprint of an unreadable response depends on its answers; of a readable one, on the contact only', () => {
    const a = responseFingerprint({ Timestamp: ['t'], Q1: ['a'] }, [], DEFAULTS);
    const b = responseFingerprint({ Timestamp: ['t'], Q1: ['b'] }, [], DEFAULTS);
    expect(a).not.toBe(b);
    const c = responseFingerprint({ Timestamp: ['t'], Name: ['x'], Kota: ['A'] }, [], DEFAULTS);
    const d = responseFingerprint(
      { Timestamp: ['t'], Name: ['x'], Kota: ['A'], Baru: [''] },
      [],
      DEFAULTS,
    );
    expect(c).toBe(d);
  });
});

describe('answers cell', () => {
  test('round trip: every answer can be looked up by its question title', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            question: fc.stringMatching(/^[A-Za-z][A-Za-z ?]{0,20}[A-Za-z?]$/),
            answer: fc.stringMatching(/^[^\n\r]{1,30}$/).filter((s) => s.trim() !== ''),
          }),
          { selector: (a) => a.question.replace(/\s+/g, ' ').toLowerCase(), maxLength: 6 },
        ),
        (answers) => {
          const text = formatAnswers(answers);
          for (const a of answers)
            expect(answerFor(text, a.question)).toBe(a.answer.replace(/[ \t]+/g, ' ').trim());
          expect(parseAnswers(text)).toHaveLength(answers.length);
        },
      ),
    );
  });

  test('a question with ": " in it still reads back; an answer with line breaks stays on one line', () => {
    const text = formatAnswers([
      { question: 'Note: optional', answer: 'a\r\nb' },
      { question: 'Kota', answer: 'Bandung' },
    ]);
    expect(text).toBe('Note:optional: a / b\nKota: Bandung');
    expect(answerFor(text, 'kota')).toBe('Bandung');
  });
});

/**
 * Real forms through dist/Code.js: titles other than Name / Phone / Email (Google's own
 * example form, an Indonesian form), every other answer kept for the rep, and a form
 * nothing can be read from, which still makes leads and is never silent.
 */
import { MANAGER, World } from './world';

const settingValue = (w: World, key: string): unknown =>
  w.table('settings').find((r) => r.key === key)?.value;

describe('form mapping', () => {
  test('an Indonesian form: Set up writes the titles it resolved and says so; intake reads them and keeps every other answer', () => {
    const w = new World({ formQuestions: ['Nama', 'No. WhatsApp', 'Surel', 'Produk', 'Kota'] });
    // The World ran Set up once; its log says what it resolved.
    const done = w.rt.logText();
    expect(done).toContain('✓ settings: form_name_field set to "Nama"');
    expect(done).toContain('✓ settings: form_phone_field set to "No. WhatsApp"');
    expect(settingValue(w, 'form_name_field')).toBe('Nama');
    expect(settingValue(w, 'form_phone_field')).toBe('No. WhatsApp');
    expect(settingValue(w, 'form_email_field')).toBe('Surel');

    const id = w.submit({
      Nama: 'Sari Dewi',
      'No. WhatsApp': '0813-1111-2222',
      Surel: 'sari@example.com',
      Produk: 'Paket Premium',
      Kota: 'Bandung',
    })!;
    expect(w.lead(id)).toMatchObject({
      name: 'Sari Dewi',
      phone: '6281311112222',
      email: 'sari@example.com',
      source: 'form',
      answers: 'Produk: Paket Premium\nKota: Bandung',
      sales_slack_id: 'UAYU0001',
    });
    const [message] = w.seen('UAYU0001');
    expect(message).toContain('Produk: Paket Premium\nKota: Bandung');
    expect(w.events(id)).toEqual(['RECEIVED', 'ASSIGNED']);
  });

  test("Google's example form (First Name, Last Name) is read without Set up being run again: intake resolves the same way", () => {
    const w = new World({ formQuestions: ['First Name', 'Last Name', 'Email', 'Phone number'] });
    const id = w.submit({
      'First Name': 'Jane',
      'Last Name': 'Doe',
      Email: 'jane@example.com',
      'Phone number': '+1 415 555 2671',
    })!;
    expect(w.lead(id)).toMatchObject({
      name: 'Jane Doe',
      phone: '14155552671',
      email: 'jane@example.com',
      answers: '',
    });
  });

  test('Check set-up flags a title it cannot resolve, with the form’s questions; a resolved one is a ✓', () => {
    const w = new World({ formQuestions: ['Nama', 'Kontak', 'Pesan'] });
    const lines = w.rt.run('checkSetup') as Array<{ ok: boolean; text: string }>;
    expect(lines).toContainEqual({
      ok: true,
      text: expect.stringContaining('The lead\'s name is read from "Nama"'),
    });
    const phone = lines.find((l) => l.text.startsWith('form_phone_field'));
    expect(phone).toEqual({ ok: false, text: expect.stringContaining('"Kontak", "Pesan"') });
    // The admin names the question; Set up and Check set-up agree it is fine now.
    w.setSettings({ form_phone_field: 'Kontak' });
    const after = w.rt.run('checkSetup') as Array<{ ok: boolean; text: string }>;
    expect(after.find((l) => l.text.startsWith('form_phone_field'))).toBeUndefined();
    expect(after).toContainEqual({ ok: true, text: 'The lead\'s phone is read from "Kontak".' });
  });

  test('a response none of whose answers can be read is still a lead: answers kept, ERROR logged, the manager told once, the rep gets it', () => {
    const w = new World({ formQuestions: ['Pertanyaan 1', 'Pertanyaan 2'] });
    const first = w.submit({ 'Pertanyaan 1': 'Budi', 'Pertanyaan 2': '0812 3456 7890' })!;
    const second = w.submit({ 'Pertanyaan 1': 'Sari', 'Pertanyaan 2': '0813 1111 2222' })!;
    for (const id of [first, second]) {
      expect(w.lead(id)).toMatchObject({ name: '', phone: '', email: '', stage: 'NEW' });
      expect(w.events(id)).toEqual(['RECEIVED', 'ERROR', 'ASSIGNED']);
    }
    expect(w.lead(first).answers).toBe('Pertanyaan 1: Budi\nPertanyaan 2: 0812 3456 7890');
    const errors = w.log().filter((r) => r.event === 'ERROR');
    expect(errors[0].detail).toMatch(/no question of the form could be read as name, phone, email/);
    expect(errors[0].detail).toMatch(/the manager is told/);
    expect(errors[1].detail).toMatch(/the manager was already told/);
    const toManager = w.seen(MANAGER);
    expect(toManager).toHaveLength(1);
    expect(toManager[0]).toContain(first);
    expect(w.seen('UAYU0001')[0]).toContain('Pertanyaan 1: Budi');
    expect(w.rt.logText()).toMatch(/intake: lead .* kept without a name, phone or email/);

    // Once the setting names the question, responses are read again; a later problem is told again.
    w.setSettings({ form_name_field: 'Pertanyaan 1', form_phone_field: 'Pertanyaan 2' });
    const fixed = w.submit({ 'Pertanyaan 1': 'Ani', 'Pertanyaan 2': '0812 9999 0000' })!;
    expect(w.lead(fixed)).toMatchObject({ name: 'Ani', phone: '6281299990000', answers: '' });
    w.setSettings({ form_name_field: 'Name', form_phone_field: 'Phone' });
    w.submit({ 'Pertanyaan 1': 'Eko', 'Pertanyaan 2': '0812 7777 0000' });
    expect(w.seen(MANAGER)).toHaveLength(2);
  });

  test('Reprocess form responses takes in an unreadable response whose trigger never ran, once', () => {
    const w = new World({ formQuestions: ['Pertanyaan 1'] });
    w.rt.book.submitForm({ 'Pertanyaan 1': 'Budi' }); // in the sheet, no trigger run
    w.rt.run('reprocessFormResponses');
    w.rt.run('reprocessFormResponses');
    expect(w.leads()).toEqual([
      expect.objectContaining({ answers: 'Pertanyaan 1: Budi', name: '', source: 'form' }),
    ]);
  });

  test('answers too long for one Slack section are clipped there and kept whole in lead_sheet', () => {
    const w = new World({ formQuestions: ['Name', 'Phone', 'Q1', 'Q2', 'Q3', 'Q4'] });
    const long = 'x'.repeat(2500);
    const id = w.submit({
      Name: 'Budi',
      Phone: '0812 3456 7890',
      Q1: long,
      Q2: long,
      Q3: long,
      Q4: long,
    })!;
    expect(String(w.lead(id).answers)).toContain(`Q4: ${long}`);
    const [message] = w.rt.slack.dm('UAYU0001');
    expect(message).toBeDefined();
    const text = w.rt.slack.renderText(message);
    expect(text).toContain('…more in lead_sheet (answers)');
    expect(text).not.toContain('Q4:');
    const section = JSON.stringify(message.blocks).length;
    expect(section).toBeLessThan(8000);
    expect(w.table('slack_outbox').map((r) => r.status)).toEqual(['SENT']);
  });
});

/** setup() resolves the form_*_field settings against the form's questions (over in-memory ports). */
import { runSetup } from '../../src/app/setup';
import { FakeSetupTarget } from '../fakes/setup-target';
import { fakeWorld } from '../fakes/services';

function setupWorld(questions: string[] | null) {
  const w = fakeWorld({ reps: [{ slackId: 'UAYU' }] });
  w.workbook.settings.clear();
  const target = new FakeSetupTarget(w.workbook);
  target.form = questions !== null;
  target.formQuestions = questions;
  const run = () =>
    runSetup({
      target,
      lock: w.lock,
      hasBotToken: true,
      hasVerificationToken: true,
      readReps: () => w.workbook.load().reps,
      dashboard: w.dashboard,
    });
  return { ...w, target, run };
}

test('usual titles are written into the settings and said; a field nothing resolves is missing; a second run changes nothing', () => {
  const w = setupWorld(['Timestamp', 'Nama', 'No. WhatsApp', 'Kota']);
  const first = w.run();
  expect(first.done).toEqual(
    expect.arrayContaining([
      'settings: form_name_field set to "Nama" (the form\'s question for the lead\'s name)',
      'settings: form_phone_field set to "No. WhatsApp" (the form\'s question for the lead\'s phone)',
    ]),
  );
  expect(w.workbook.settings.get('form_name_field')).toBe('Nama');
  expect(w.workbook.settings.get('form_phone_field')).toBe('No. WhatsApp');
  expect(w.workbook.settings.get('form_email_field')).toBe('Email');
  expect(first.missing).toEqual(
    expect.arrayContaining([expect.stringMatching(/^form_email_field is "Email", but .*"Kota"/)]),
  );
  const second = w.run();
  expect(second.done.filter((d) => d.includes('form_'))).toEqual([]);
});

test('First Name + Last Name are written as one setting; without a form nothing is resolved or missing', () => {
  const w = setupWorld(['Timestamp', 'First Name', 'Last Name', 'Email', 'Phone']);
  w.run();
  expect(w.workbook.settings.get('form_name_field')).toBe('First Name + Last Name');
  const none = setupWorld(null);
  const report = none.run();
  expect(report.missing.join('\n')).not.toMatch(/form_/);
  expect(none.workbook.settings.get('form_name_field')).toBe('Name');
});

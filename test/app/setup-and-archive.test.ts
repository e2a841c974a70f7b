/**
 * setup() and the nightly archive over in-memory ports (no build): set-up is safe to run
 * any number of times and says what is missing; the archive moves only closed leads
 * older than archive_after_days and drops only finished messages.
 */
import { runArchive } from '../../src/app/archive';
import { runSetup } from '../../src/app/setup';
import { SETTING_SPECS } from '../../src/domain/settings';
import { lead } from '../domain/fixtures';
import { FakeSetupTarget } from '../fakes/setup-target';
import { fakeWorld, MINUTE, T0 } from '../fakes/services';

const DAY = 24 * 60 * MINUTE;

function setupWorld() {
  const w = fakeWorld({ reps: [{ slackId: 'UAYU' }] });
  w.workbook.settings.clear();
  const target = new FakeSetupTarget(w.workbook);
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

describe('runSetup', () => {
  test('a fresh spreadsheet: every sheet, the defaults, three triggers; then what is missing', () => {
    const w = setupWorld();
    w.dashboard.exists = false;
    const first = w.run();
    expect(first.done).toEqual(
      expect.arrayContaining([
        'created sheet settings',
        'created sheet lead_sheet',
        'created sheet dashboard',
        'installed the form-submit trigger',
        'installed the SLA sweep trigger (every 5 min)',
      ]),
    );
    expect([...w.workbook.settings.keys()]).toEqual(SETTING_SPECS.map((s) => s.key));
    expect(first.missing).toEqual([
      'settings: manager_slack_id is empty: escalations have nobody to go to.',
      'No Google Form is linked to this spreadsheet: in the form, Responses → Link to Sheets → this spreadsheet.',
    ]);
    expect(w.workbook.unlockedWrites).toEqual([]);
  });

  test('run again it changes nothing and keeps an admin’s edits', () => {
    const w = setupWorld();
    w.run();
    w.workbook.settings.set('sla_minutes', 30);
    w.target.form = true;
    w.workbook.settings.set('manager_slack_id', 'UBOSS');
    expect(w.run()).toEqual({ done: [], missing: [] });
    expect(w.workbook.settings.get('sla_minutes')).toBe(30);
    expect(w.target.triggers).toHaveLength(3);
  });

  test('a new sweep interval replaces the sweep trigger; a bad one falls back to 5 and says so', () => {
    const w = setupWorld();
    w.run();
    w.workbook.settings.set('sla_check_every_minutes', 15);
    expect(w.run().done).toEqual(['installed the SLA sweep trigger (every 15 min)']);
    w.workbook.settings.set('sla_check_every_minutes', 7);
    const bad = w.run();
    expect(bad.done).toEqual(['installed the SLA sweep trigger (every 5 min)']);
    expect(bad.missing[0]).toMatch(/sla_check_every_minutes.*installed every 5 minutes/);
    expect(w.target.triggers.filter((t) => t.handler === 'runSlaSweep')).toEqual([
      { handler: 'runSlaSweep', everyMinutes: 5 },
    ]);
  });
});

describe('runArchive', () => {
  test('moves closed leads older than archive_after_days, drops finished messages, logs it', () => {
    const w = fakeWorld({ now: T0 + 40 * DAY });
    const target = new FakeSetupTarget(w.workbook);
    w.workbook.leadRows = [
      lead({ leadId: 'L-old-lost', stage: 'CLOSED_LOST', createdAt: T0, contactedAt: T0 }),
      lead({ leadId: 'L-old-new', stage: 'NEW', createdAt: T0 }),
      lead({ leadId: 'L-fresh-won', stage: 'QUALIFIED', createdAt: T0 + 35 * DAY }),
    ];
    const report = runArchive(w.services, target);
    expect(report).toMatchObject({ archived: 1, restored: [] });
    expect(w.workbook.archived.map((l) => l.leadId)).toEqual(['L-old-lost']);
    expect(w.workbook.leadRows.map((l) => l.leadId)).toEqual(['L-old-new', 'L-fresh-won']);
    expect(w.workbook.log.map((e) => e.event)).toEqual(['ARCHIVED']);
    expect(target.upkeepRuns).toBe(1);
    expect(w.workbook.unlockedWrites).toEqual([]);
  });
});

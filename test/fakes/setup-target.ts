/**
 * The SetupTarget and SheetUpkeep ports in memory, with the real adapter's rules
 * (adapters/spreadsheet-setup.ts): a sheet is created with its headers, or gets only
 * the headers it lacks (an admin's columns and order are kept); default settings are
 * written only for keys not present, never over an edit; the form-submit, sweep and
 * archive triggers are installed once each, the sweep's replaced when its interval
 * changed. (Trigger ownership between admins is the real adapter's, tested end to end.)
 * Settings are the workbook fake's, so what setup writes the use cases then read.
 */
import { HEADERS, type SetupTarget, type SheetName, type SheetUpkeep } from '../../src/app/ports';
import { RoutingError } from '../../src/domain/errors';
import type { SettingSpec } from '../../src/domain/settings';
import type { FakeWorkbook } from './workbook';

export class FakeSetupTarget implements SetupTarget, SheetUpkeep {
  /** Sheets that exist, with their header row. */
  readonly sheets = new Map<SheetName, string[]>();
  /** Installed triggers: handler and, for the sweep, its interval in minutes. */
  triggers: Array<{ handler: string; everyMinutes?: number }> = [];
  form = false;
  /** The linked form's question titles (its response sheet's header row); null = no form. */
  formQuestions: string[] | null = null;
  upkeepRuns = 0;

  constructor(private readonly workbook: FakeWorkbook) {}

  ensureSheet(name: SheetName): string[] {
    const headers = this.sheets.get(name);
    if (!headers) {
      this.sheets.set(name, [...HEADERS[name]]);
      return [`created sheet ${name}`];
    }
    const missing = HEADERS[name].filter((h) => !headers.includes(h));
    if (!missing.length) return [];
    headers.push(...missing);
    return [`${name}: added column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`];
  }

  readSettings(): Map<string, unknown> {
    if (!this.sheets.has('settings'))
      throw new RoutingError(
        'MISSING_SHEET',
        'Sheet "settings" is missing. Run Lead Routing → Set up to create it.',
      );
    return new Map(this.workbook.settings);
  }

  addMissingSettings(
    specs: readonly SettingSpec[],
    present: ReadonlyMap<string, unknown>,
  ): string[] {
    const missing = specs.filter((s) => !present.has(s.key));
    if (!missing.length) return [];
    for (const spec of missing) this.workbook.settings.set(spec.key, spec.defaultValue);
    return [
      `settings: wrote default${missing.length > 1 ? 's' : ''} for ${missing.map((s) => s.key).join(', ')}`,
    ];
  }

  ensureTriggers(sweepMinutes: number): string[] {
    const done: string[] = [];
    const sweep = this.triggers.find((t) => t.handler === 'runSlaSweep');
    if (sweep && sweep.everyMinutes !== sweepMinutes)
      this.triggers = this.triggers.filter((t) => t !== sweep);
    const has = (handler: string): boolean => this.triggers.some((t) => t.handler === handler);
    if (!has('onFormSubmit')) {
      this.triggers.push({ handler: 'onFormSubmit' });
      done.push('installed the form-submit trigger');
    }
    if (!has('runSlaSweep')) {
      this.triggers.push({ handler: 'runSlaSweep', everyMinutes: sweepMinutes });
      done.push(`installed the SLA sweep trigger (every ${sweepMinutes} min)`);
    }
    if (!has('runArchive')) {
      this.triggers.push({ handler: 'runArchive' });
      done.push('installed the nightly archive trigger (around 2:00)');
    }
    return done;
  }

  formLinked(): boolean {
    return this.form;
  }

  /**
   * Grid sizes are not modelled here: trimming removes only empty rows and columns, so
   * no value changes. The sheets asked for are recorded; the real adapter's trimming is
   * tested end to end (test/e2e/platform-limits.test.ts).
   */
  trimGrids(names: readonly SheetName[]): string[] {
    this.trimmed = names.filter((name) => this.sheets.has(name));
    return [];
  }

  /** Sheets the last trimGrids call covered. */
  trimmed: SheetName[] = [];

  formQuestionTitles(): string[] | null {
    return this.formQuestions ? [...this.formQuestions] : null;
  }

  /** Like the adapter: only a key that has a row is written. */
  writeSetting(key: string, value: string): boolean {
    if (!this.workbook.settings.has(key)) return false;
    this.workbook.settings.set(key, value);
    return true;
  }

  refreshLeadSheet(): void {
    this.upkeepRuns++;
  }
}
